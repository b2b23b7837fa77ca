// The page pool under a pathological page: the page over its time limit is skipped with a typed
// reason, its worker is replaced, and the pages queued behind it on that worker are still read.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ingestPdf } from '../../engine/ingest/pdf/index.js';
import { PagePool } from '../../engine/ingest/pdf/pool.js';
import { buildPdf, type TestPage } from '../helpers/pdf-builder.js';

const text = (s: string): TestPage => ({ width: 612, height: 792, content: `BT /F1 12 Tf 72 700 Td (${s}) Tj ET` });

describe('page pool', () => {
  it('skips a page past its time limit and still reads the pages queued behind it', async () => {
    // 200,000 image draws: over a second of pdf.js work, far past the 300 ms page limit below.
    const ops: string[] = [];
    for (let i = 0; i < 200_000; i++) ops.push(`q 2 0 0 2 ${(i % 100) * 6} ${((i / 100) | 0) % 110 * 7} cm /Im1 Do Q`);
    const heavy: TestPage = { width: 612, height: 792, content: `BT /F1 12 Tf 72 760 Td (Heavy page) Tj ET\n${ops.join('\n')}`, image: true };
    const data = buildPdf([heavy, text('Second page text'), text('Third page text')]);
    // One worker: pages 2 and 3 wait behind page 1 on the worker that gets stopped.
    const { doc } = await ingestPdf({ data, file: 'slow.pdf' }, { crops: false, ocr: false, threads: 1, pageTimeoutMs: 300 });
    expect(doc.pageCount).toBe(3);
    expect(doc.warnings.join('\n')).toMatch(/page 1 skipped: .*reading the page took longer than 0\.3 s/);
    const pageText = (n: number): string => (doc.pages[n - 1]?.blocks ?? []).map((b) => b.text).join(' ');
    expect(pageText(1)).toBe('');
    expect(pageText(2)).toContain('Second page text');
    expect(pageText(3)).toContain('Third page text');
  }, 60_000);
});

describe('page pool growing for crops', () => {
  it('adds render workers whose crops are the same as a reading worker\'s', async () => {
    const path = new URL('../../../shared/corpus/papers/pdfjs_tracemonkey.pdf', import.meta.url).pathname;
    const regions = [1, 2, 3, 4, 5, 6, 7, 8].map((p) => ({ p, bbox: [40, 60, 560, 420] as [number, number, number, number] }));
    const one = await PagePool.open({ file: 'pdfjs_tracemonkey.pdf', path, threads: 1 });
    const grown = await PagePool.open({ file: 'pdfjs_tracemonkey.pdf', path, threads: 1 });
    try {
      grown.grow(3);
      expect(grown.size).toBe(3);
      const a = await Promise.all(regions.map((r) => one.render(r.p, r.bbox, 50)));
      const b = await Promise.all(regions.map((r) => grown.render(r.p, r.bbox, 50)));
      for (let i = 0; i < regions.length; i++) {
        expect(a[i]!.uniform, `page ${regions[i]!.p}`).toBe(false);
        expect(Buffer.from(b[i]!.png).equals(Buffer.from(a[i]!.png)), `page ${regions[i]!.p}`).toBe(true);
      }
    } finally {
      await one.close();
      await grown.close();
    }
  }, 60_000);
});

describe('page workers and system fonts', () => {
  it('draw a non-embedded font the same whatever fonts the machine has', async () => {
    // NewCenturySchlbk-Roman is not embedded in this paper. A process that has loaded the system
    // fonts drew it with a sans-serif one of them; a page worker must not depend on them.
    const rel = '../shared/corpus/annotated/pdffigures2/3a9202f9f176d3377516e3da0866cc19148c033b.pdf';
    const file = new URL(`../../${rel}`, import.meta.url).pathname;
    const bbox: [number, number, number, number] = [40, 60, 320, 260];
    const pool = await PagePool.open({ file: '3a9202.pdf', path: file, threads: 1 });
    let png: Uint8Array;
    try {
      png = (await pool.render(2, bbox, 72)).png;
    } finally {
      await pool.close();
    }
    // The same region drawn in a process without any system font loaded.
    const script = `
      import { readFileSync } from 'node:fs';
      const { PdfHandle } = await import(${JSON.stringify(new URL('../../engine/ingest/pdf/pdfjs.ts', import.meta.url).href)});
      const h = await PdfHandle.open(new Uint8Array(readFileSync(${JSON.stringify(file)})), 'x.pdf', { purpose: 'render' });
      const r = await h.renderRegion(2, ${JSON.stringify(bbox)}, 72);
      process.stdout.write(Buffer.from(r.png).toString('base64'));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, DISABLE_SYSTEM_FONTS_LOAD: '1', FONTCONFIG_FILE: '/dev/null' },
      encoding: 'utf8',
      maxBuffer: 16 << 20,
    });
    expect(Buffer.from(png).equals(Buffer.from(out, 'base64'))).toBe(true);
  }, 60_000);
});
