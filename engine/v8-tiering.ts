// How soon V8 hands a function to its optimizing compiler, for Folio's kind of work: a document is
// read by fresh threads in a second or two, through a few megabytes of pdf.js and our own analysis.
// With V8's default (a function is optimized after ~66 KB of its bytecode has run), that compiler
// was busy for the whole read, on code that had finished its work before the optimized version
// could pay for itself. At 300 KB only the really hot code is optimized, which costs less CPU and
// less wall time on every document of bench/ingest.ts and bench/export.ts (measured:
// bench/NOTES.md). V8's flags belong to the process: every thread started after this, and the code
// this thread runs from now on, share the setting. Changing a flag costs once, on the first thread
// started after it; later threads start as fast as before.
import v8 from 'node:v8';

/** Bytecode a function runs before V8 considers optimizing it (V8 11's default: 67,584). */
export const INTERRUPT_BUDGET = 300_000;

let applied = false;

/**
 * Sets the interrupt budget for this process, once. Left alone when the process was started with an
 * interrupt budget of its own (node or NODE_OPTIONS flags, Electron's --js-flags) or with
 * FOLIO_V8_TIERING=default, which keeps V8's defaults for comparison.
 */
export function tuneTiering(): void {
  if (applied) return;
  applied = true;
  if (process.env.FOLIO_V8_TIERING === 'default') return;
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? '', ...process.argv].some((a) => a.includes('--interrupt-budget'));
  if (given) return;
  v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
