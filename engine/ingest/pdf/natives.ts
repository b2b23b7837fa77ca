// pdfjs-dist's legacy build (the one that runs on Node 20) carries core-js, and core-js replaces
// built-ins that Node already has whenever they miss some late proposal: Array.prototype.push
// (length checks past 2^32) and JSON.stringify (the JSON.rawJSON proposal). The replacements are
// process-wide and slow: on this machine, pushing 5M numbers took 4× longer and JSON.stringify of a
// 1.5 MB document.json 10× longer once pdf.js was loaded, in every module of the thread, not just in
// pdf.js. Neither pdf.js nor Folio uses those proposals, so the natives are put back once pdf.js has
// loaded (its main module at import, its worker module on the first getDocument). The additions
// (Promise.withResolvers, Map.prototype.getOrInsertComputed, Uint8Array.prototype.toHex, …) stay:
// pdf.js needs them.
//
// This module must be evaluated before pdfjs-dist loads (pdfjs.ts imports pdf.js dynamically, after
// it), so that what it captures is the natives. The capture is kept on the global object: a module
// evaluated again in the same thread (a test runner's fresh module graph) after pdf.js has loaded
// must not take the replacements for the natives.

interface Natives {
  push: typeof Array.prototype.push;
  stringify: typeof JSON.stringify;
}
const KEY = Symbol.for('folio.natives');
const store = globalThis as unknown as { [KEY]?: Natives };
const NATIVE: Natives = (store[KEY] ??= { push: Array.prototype.push, stringify: JSON.stringify });

/**
 * Puts the native Array.prototype.push and JSON.stringify back where core-js replaced them. Its
 * JSON.parse is left: it calls the native one unless given a reviver, and a native taken from another
 * realm would build objects of that realm.
 */
export function restoreNatives(): void {
  if (Array.prototype.push !== NATIVE.push) {
    Object.defineProperty(Array.prototype, 'push', { value: NATIVE.push, writable: true, configurable: true, enumerable: false });
  }
  if (JSON.stringify !== NATIVE.stringify) {
    Object.defineProperty(JSON, 'stringify', { value: NATIVE.stringify, writable: true, configurable: true, enumerable: false });
  }
}
