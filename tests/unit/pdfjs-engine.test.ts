// How Folio runs pdf.js: the built-ins pdf.js's core-js replaces are put back, and a document opened
// for reading finds its images where they are painted without decoding them, and its graphics with
// its text in one pass, as a document read through the operator list does, while crops from it
// still show the images.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Taken before anything loads pdf.js in this test process (the engine is imported dynamically below).
const nativePush = Array.prototype.push;
const nativeStringify = JSON.stringify;

const area = (b: readonly number[]): number => (b[2]! - b[0]!) * (b[3]! - b[1]!);

const corpus = (p: string): string => new URL(`../../../shared/corpus/${p}`, import.meta.url).pathname;

interface Box {
  kind: string;
  bbox: readonly number[];
}
/** Boxes of `a` without a box of `b` within 0.01 pt (the two readings multiply matrices in another order), and the other way round. */
function unmatched(a: readonly Box[] | null, b: readonly Box[] | null): { onlyA: Box[]; onlyB: Box[] } {
  const rest = [...(b ?? [])];
  const onlyA: Box[] = [];
  for (const x of a ?? []) {
    const at = rest.findIndex((y) => y.kind === x.kind && y.bbox.every((v, k) => Math.abs(v - x.bbox[k]!) <= 0.01));
    if (at < 0) onlyA.push(x);
    else rest.splice(at, 1);
  }
  return { onlyA, onlyB: rest };
}

describe('pdf.js in Folio', () => {
  it('leaves Array.prototype.push and JSON.stringify native once pdf.js and its worker have loaded', async () => {
    // Without the fix these are replaced: pdf.js's legacy build does it on import.
    const replaced = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "const p = Array.prototype.push, s = JSON.stringify; await import('pdfjs-dist/legacy/build/pdf.mjs'); console.log(p !== Array.prototype.push, s !== JSON.stringify)"],
      { encoding: 'utf8' },
    ).trim();
    expect(replaced).toBe('true true');

    const { PdfHandle } = await import('../../engine/ingest/pdf/pdfjs.js');
    const file = corpus('papers/pdfjs_tracemonkey.pdf');
    const pdf = await PdfHandle.open(new Uint8Array(readFileSync(file)), 'pdfjs_tracemonkey.pdf', { purpose: 'read' });
    try {
      await pdf.extractPage(1, 'always');
      expect(Array.prototype.push).toBe(nativePush);
      expect(JSON.stringify).toBe(nativeStringify);
    } finally {
      await pdf.close();
    }
  });

  it('applies all nine worker patches to the installed pdf.js', async () => {
    const { workerPatches } = await import('../../engine/ingest/pdf/pdfjs.js');
    // A missing one means pdfjs-dist changed under it: slower, same result. Look at pdfjs-worker.ts.
    expect([...workerPatches].sort()).toEqual(['bounded streams', 'flat state clone', 'graphics in text content', 'images left out reported', 'lean text transform', 'one size per item', 'one-bit images by their bytes', 'placement-only images', 'synchronous inflate']);
  });

  it('decodes CCITT and JBIG2 images with pdf.js’s wasm and prints no warnings', () => {
    // IRS page 17's screen display is a CCITT image. pdf.js fetches its decoder with fs.readFile
    // (folder + file name): given a file:// URL it failed, fell back to JavaScript and warned, and
    // the parser, configured before getDocument, warned at pdf.js's default level anyway.
    const script = `
      const fs = await import('node:fs');
      // What pdf.js reads with fs.promises.readFile, and whether it could.
      const wasm = [];
      const read = fs.promises.readFile;
      fs.promises.readFile = async (p, ...rest) => {
        try {
          const data = await read(p, ...rest);
          if (String(p).endsWith('.wasm')) wasm.push(String(p).split(/[\\\\/]/).pop());
          return data;
        } catch (e) {
          if (String(p).endsWith('.wasm')) wasm.push('failed: ' + String(p));
          throw e;
        }
      };
      const { PdfHandle } = await import(${JSON.stringify(new URL('../../engine/ingest/pdf/pdfjs.ts', import.meta.url).href)});
      const h = await PdfHandle.open(new Uint8Array(fs.readFileSync(process.argv[1])), 'irs.pdf', { purpose: 'render' });
      const r = await h.renderRegion(17, [72, 250, 540, 510], 72);
      console.log(JSON.stringify({ uniform: r.uniform, width: r.width, wasm }));
      await h.close();`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, corpus('long/unstructured_irs_irm_400p.pdf')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ uniform: false, width: 468, wasm: ['jbig2.wasm'] });
    expect(r.stderr).toBe('');
  }, 60_000);

  it('reads the same text content as stock pdf.js, rotated text included', async () => {
    // Every item of all 13 DPR pages, the arXiv stamp set sideways on page 1 among them, as stock
    // pdf.js gives it, positions to the last bit (the lean text transform leaves out only products
    // with zero). Stock pdf.js runs in a child process, where the patched copy is switched off.
    const p = 'papers/unstructured_multi-column_DPR.pdf';
    const script = `
      const { readFileSync } = await import('node:fs');
      const { PdfHandle, workerPatches } = await import(${JSON.stringify(new URL('../../engine/ingest/pdf/pdfjs.ts', import.meta.url).href)});
      const h = await PdfHandle.open(new Uint8Array(readFileSync(process.argv[1])), 'x.pdf', { purpose: 'render' });
      const pages = [];
      for (let i = 1; i <= h.doc.numPages; i++) pages.push((await (await h.doc.getPage(i)).getTextContent()).items);
      console.log(JSON.stringify({ workerPatches, pages }));
      await h.close();`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, corpus(p)], {
      encoding: 'utf8',
      env: { ...process.env, FOLIO_PDFJS_STOCK_WORKER: '1' },
      maxBuffer: 64 << 20,
    });
    const stock = JSON.parse(out) as { workerPatches: string[]; pages: unknown[][] };
    expect(stock.workerPatches).toEqual([]);
    const { PdfHandle } = await import('../../engine/ingest/pdf/pdfjs.js');
    const ours = await PdfHandle.open(new Uint8Array(readFileSync(corpus(p))), p, { purpose: 'render' });
    try {
      expect(ours.doc.numPages).toBe(stock.pages.length);
      const plain = (t: unknown): string => JSON.stringify(t).replace(/g_d\d+_/g, 'g_');
      let sideways = 0;
      for (let i = 1; i <= ours.doc.numPages; i++) {
        const items = (await (await ours.doc.getPage(i)).getTextContent()).items;
        sideways += items.filter((it) => 'transform' in it && it.transform[0] === 0 && it.transform[1] !== 0).length;
        const [a, b] = [items.map(plain), stock.pages[i - 1]!.map(plain)];
        const at = a.findIndex((x, k) => x !== b[k]);
        expect(at === -1 ? null : { at, ours: a[at], stock: b[at] }, `page ${i}`).toBeNull();
        expect(a.length, `page ${i}`).toBe(b.length);
      }
      expect(sideways).toBeGreaterThan(0);
    } finally {
      await ours.close();
    }
  }, 60_000);

  it('finds the same image and path boxes without decoding images, and still renders them', async () => {
    const { PdfHandle } = await import('../../engine/ingest/pdf/pdfjs.js');
    let drawn = 0;
    for (const [p, pages] of [
      ['papers/pdfjs_tracemonkey.pdf', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]],
      ['scanned/mineru_small_ocr.pdf', [1, 2, 3, 4, 5, 6, 7, 8]],
    ] as const) {
      const data = new Uint8Array(readFileSync(corpus(p)));
      const read = await PdfHandle.open(data, p, { purpose: 'read' });
      const render = await PdfHandle.open(data, p, { purpose: 'render' });
      try {
        const images: { page: number; bbox: [number, number, number, number] }[] = [];
        for (const i of pages) {
          const a = await read.extractPage(i, 'always');
          const b = await render.extractPage(i, 'always');
          expect(unmatched(a.graphics, b.graphics), `${p} page ${i}`).toEqual({ onlyA: [], onlyB: [] });
          expect(a.graphics?.length ?? 0).toBe(b.graphics?.length ?? 0);
          for (const g of a.graphics ?? []) if (g.kind === 'image') images.push({ page: i, bbox: g.bbox });
        }
        expect(images.length, `${p}: image boxes`).toBeGreaterThan(50);
        // A crop from the reading document shows the images: the same pixels as from the other.
        const big = images.reduce((x, y) => (area(y.bbox) > area(x.bbox) ? y : x));
        const ca = await read.renderRegion(big.page, big.bbox, 72);
        const cb = await render.renderRegion(big.page, big.bbox, 72);
        if (!cb.uniform) drawn++;
        expect(Buffer.from(ca.png).equals(Buffer.from(cb.png))).toBe(true);
      } finally {
        await read.close();
        await render.close();
      }
    }
    // tracemonkey's largest image (page 11) has something to see: the comparison above means something.
    expect(drawn).toBeGreaterThan(0);
  }, 60_000);

  it('takes the fill colour back on Q when it reads graphics with the text', async () => {
    // freeculture page 12 fills the page white, sets black inside q ... Q, then fills a bar at the top
    // of the page after the Q: white again, nothing to see. Reading the operator list carries the
    // black over the Q (pdf.js gives colours as operators, not as state) and reports the bar.
    const { PdfHandle } = await import('../../engine/ingest/pdf/pdfjs.js');
    const p = 'long/pdfjs_freeculture.pdf';
    const data = new Uint8Array(readFileSync(corpus(p)));
    const read = await PdfHandle.open(data, p, { purpose: 'read' });
    const render = await PdfHandle.open(data, p, { purpose: 'render' });
    try {
      const a = await read.extractPage(12, 'always');
      const b = await render.extractPage(12, 'always');
      expect(b.graphics).toHaveLength(1);
      expect(b.graphics![0]!.bbox[1]).toBeLessThan(1); // the bar at the top
      expect(a.graphics).toEqual([]);
      // The bar is white indeed: a crop of it is one colour.
      const bar = await render.renderRegion(12, b.graphics![0]!.bbox, 72);
      expect(bar.uniform).toBe(true);
    } finally {
      await read.close();
      await render.close();
    }
  });
});
