// How pdf.js's parser and API talk in one thread (engine/ingest/pdf/loopback.ts): text content goes
// across without its items being cloned, everything else is cloned as pdf.js's own port does, and
// a page read through Folio's port gives exactly the text pdf.js's own port gives.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { passMessage, SameThreadPort } from '../../engine/ingest/pdf/loopback.js';

const corpus = (p: string): string => new URL(`../../../shared/corpus/${p}`, import.meta.url).pathname;

describe('SameThreadPort', () => {
  it('hands a text content chunk over without copying its items, and keeps what was sent when the parser starts anew', () => {
    const items = [{ str: 'Trace', transform: [1, 0, 0, 1, 10, 20] }];
    const chunk: { items: unknown[]; styles: object; lang: null } = { items, styles: { f1: { fontFamily: 'serif' } }, lang: null };
    const msg = { sourceName: 'worker', targetName: 'main', stream: 4, streamId: 1, chunk };
    const got = passMessage(msg) as typeof msg;
    expect(got.chunk.items).toBe(items); // not cloned
    // What pdf.js's parser does right after sending: new items and styles for the next chunk.
    chunk.items = [];
    chunk.styles = { f2: { fontFamily: 'sans' } };
    expect(got.chunk.items).toHaveLength(1);
    expect(got.chunk.styles).toEqual({ f1: { fontFamily: 'serif' } });
  });

  it('clones any other message, so an operator list emptied after sending arrives whole', () => {
    const fnArray = [1, 2, 3];
    const msg = { stream: 4, streamId: 2, chunk: { fnArray, argsArray: [[0], null, [1, 2]], lastChunk: false, length: 3 } };
    const got = passMessage(msg) as typeof msg;
    fnArray.length = 0; // OperatorList.flush() reuses its arrays
    expect(got.chunk.fnArray).toEqual([1, 2, 3]);
    expect(got.chunk.argsArray).toEqual([[0], null, [1, 2]]);
  });

  it('transfers the buffers it is given, as a worker port does', () => {
    const data = new Uint8Array([1, 2, 3]);
    const got = passMessage({ action: 'obj', data }, [data.buffer]) as { data: Uint8Array };
    expect([...got.data]).toEqual([1, 2, 3]);
    expect(data.byteLength).toBe(0); // detached on the sending side
  });

  it('delivers later and in order, and drops a listener when its signal aborts or the port closes', async () => {
    const port = new SameThreadPort();
    const seen: unknown[] = [];
    const ac = new AbortController();
    port.addEventListener('message', (e) => seen.push(['a', e.data]), { signal: ac.signal });
    port.addEventListener('message', (e) => seen.push(['b', e.data]));
    port.postMessage({ n: 1 });
    port.postMessage({ n: 2 });
    expect(seen).toEqual([]); // not synchronously
    await Promise.resolve();
    await Promise.resolve();
    expect(seen).toEqual([['a', { n: 1 }], ['b', { n: 1 }], ['a', { n: 2 }], ['b', { n: 2 }]]);
    ac.abort();
    expect(port.size).toBe(1);
    port.addEventListener('message', () => seen.push('never'), { signal: ac.signal }); // already aborted
    expect(port.size).toBe(1);
    port.terminate();
    expect(port.size).toBe(0);
  });

  it('reads a page to exactly the text content pdf.js reads through its own port', async () => {
    const { PdfHandle } = await import('../../engine/ingest/pdf/pdfjs.js');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const p = 'papers/unstructured_multi-column_DPR.pdf';
    const data = new Uint8Array(readFileSync(corpus(p)));
    const ours = await PdfHandle.open(data, p, { purpose: 'render' });
    // pdf.js's own set-up in Node: its loopback port, the same (patched) parser module.
    const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    const stock = await getDocument({
      data: data.slice(),
      disableFontFace: true,
      isEvalSupported: false,
      useSystemFonts: false,
      standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
      cMapUrl: path.join(root, 'cmaps') + path.sep,
      cMapPacked: true,
      verbosity: 0,
    }).promise;
    try {
      for (const i of [1, 2, 7]) {
        const a = await (await ours.doc.getPage(i)).getTextContent();
        const b = await (await stock.getPage(i)).getTextContent();
        expect(a.items.length, `page ${i}`).toBeGreaterThan(100);
        // Font names carry the document's number (g_d0_f1, g_d1_f1): the two are different documents.
        const plain = (t: unknown): string => JSON.stringify(t).replace(/g_d\d+_/g, 'g_');
        const [ia, ib] = [a.items.map(plain), b.items.map(plain)];
        const at = ia.findIndex((x, k) => x !== ib[k]);
        expect(at === -1 ? null : { at, ours: ia[at], stock: ib[at] }, `page ${i}`).toBeNull();
        expect(ia.length).toBe(ib.length);
        expect(plain(a.styles)).toBe(plain(b.styles));
      }
    } finally {
      await ours.close();
      await stock.destroy();
    }
  });
});
