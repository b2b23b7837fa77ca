// Page images shrunk before pdf.js paints them (engine/ingest/pdf/render-images.ts): the box filter
// keeps what each kind of decoded image means (a mask's painted share, grey, RGB, alpha), and
// freeculture's p. 255, a 9258×12259 1-bit scan, renders as poppler renders it while the process
// stays far below the 1.2 GB it took when pdf.js copied the scan into full-size canvases.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { boxFilter, shrinkFactors } from '../../engine/ingest/pdf/render-images.js';

const corpus = (p: string): string => new URL(`../../../shared/corpus/${p}`, import.meta.url).pathname;
const scratch = path.join(new URL('../../bench/.output/render-images', import.meta.url).pathname);

/** Packs rows of 0/1 into pdf.js's 1-bit layout (rows padded to whole bytes, first pixel in the high bit). */
function pack(rows: number[][]): Uint8Array {
  const stride = (rows[0]!.length + 7) >> 3;
  const out = new Uint8Array(stride * rows.length);
  rows.forEach((r, y) => r.forEach((b, x) => (out[y * stride + (x >> 3)]! |= b << (7 - (x & 7)))));
  return out;
}

describe('box filter for page images', () => {
  it('keeps every side at least the page size at the render scale', () => {
    expect(shrinkFactors(9258, 12259, 1652)).toEqual([5, 7]);
    // Within twice the page either way: not worth a pass.
    expect(shrinkFactors(3000, 3000, 1652)).toEqual([1, 1]);
    // A long strip loses only what its long side has to spare.
    expect(shrinkFactors(20000, 1000, 1652)).toEqual([12, 1]);
  });

  it('turns a mask into the painted share as alpha (bit 0 paints), odd edges included', () => {
    // 10×4: columns 0–3 painted, 4–5 half painted (rows 0–1), 6–9 not; filtered by 4×4 → 3×1.
    const rows = Array.from({ length: 4 }, (_, y) => Array.from({ length: 10 }, (_, x) => (x < 4 || (x < 6 && y < 2) ? 0 : 1)));
    const r = boxFilter({ width: 10, height: 4, data: pack(rows) }, true, 4, 4)!;
    expect([r.width, r.height]).toEqual([3, 1]);
    const alpha = [3, 7, 11].map((i) => r.rgba[i]);
    // Bin 1 holds columns 4–7: 4 of its 16 samples painted; bin 2 holds columns 8–9 only, none painted.
    expect(alpha).toEqual([255, 64, 0]);
  });

  it('averages 1-bit grey (1 is white), RGB and alpha-weighted RGBA', () => {
    const grey = boxFilter({ width: 2, height: 2, kind: 1, data: pack([[1, 0], [1, 1]]) }, false, 2, 2)!;
    expect([...grey.rgba]).toEqual([191, 191, 191, 255]);
    const rgb = boxFilter({ width: 2, height: 1, kind: 2, data: new Uint8Array([255, 0, 0, 0, 0, 255]) }, false, 2, 1)!;
    expect([...rgb.rgba]).toEqual([128, 0, 128, 255]);
    // A transparent sample does not darken the colour; it halves the alpha.
    const rgba = boxFilter({ width: 2, height: 1, kind: 3, data: new Uint8Array([200, 100, 50, 255, 0, 0, 0, 0]) }, false, 2, 1)!;
    expect([...rgba.rgba]).toEqual([200, 100, 50, 128]);
  });

  it('refuses data shorter than its size says (pdf.js then paints the original)', () => {
    expect(boxFilter({ width: 100, height: 100, kind: 2, data: new Uint8Array(10) }, false, 2, 2)).toBeNull();
  });
});

describe('a page that is a huge 1-bit scan', () => {
  it('freeculture p. 255 at 200 dpi: as poppler draws it, in a fraction of the memory', async () => {
    mkdirSync(scratch, { recursive: true });
    const pdf = corpus('long/pdfjs_freeculture.pdf');
    const out = path.join(scratch, 'p255.png');
    // A fresh process, so its peak RSS is this render's.
    const script = `
      const fs = await import('node:fs');
      const { PdfHandle } = await import(${JSON.stringify(new URL('../../engine/ingest/pdf/pdfjs.ts', import.meta.url).href)});
      const h = await PdfHandle.open(new Uint8Array(fs.readFileSync(process.argv[1])), 'freeculture.pdf', { purpose: 'read' });
      const p = await h.extractPage(255, 'never');
      const r = await h.renderRegion(255, [0, 0, p.width, p.height], 200);
      fs.writeFileSync(process.argv[2], r.png);
      await h.close();
      console.log(JSON.stringify({ width: r.width, height: r.height, maxRssMb: process.resourceUsage().maxRSS / 1024 }));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, pdf, out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { width: number; height: number; maxRssMb: number };
    expect([res.width, res.height]).toEqual([1102, 1652]);
    // pdf.js alone took 1200 MB here (a 454 MB RGBA copy of the scan and its halvings).
    expect(res.maxRssMb).toBeLessThan(500);

    const ref = path.join(scratch, 'p255-poppler');
    execFileSync('pdftoppm', ['-cropbox', '-r', '200', '-f', '255', '-l', '255', '-singlefile', '-gray', '-png', pdf, ref]);
    const grey = async (file: string, w: number, h: number): Promise<Float64Array> => {
      const img = await loadImage(readFileSync(file));
      const c = createCanvas(w, h);
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0, w, h);
      // A 4× smaller grid: anti-aliasing differs between renderers, the drawing does not.
      const small = createCanvas(w / 4, h / 4);
      small.getContext('2d').drawImage(c, 0, 0, w / 4, h / 4);
      const d = small.getContext('2d').getImageData(0, 0, w / 4, h / 4).data;
      return Float64Array.from({ length: d.length / 4 }, (_, i) => d[i * 4]!);
    };
    const a = await grey(out, 1100, 1652);
    const b = await grey(`${ref}.png`, 1100, 1652);
    let diff = 0;
    let ink = 0;
    for (let i = 0; i < a.length; i++) {
      diff += Math.abs(a[i]! - b[i]!);
      if (b[i]! < 128) ink++;
    }
    // The comic strip has ink: the comparison means something.
    expect(ink / b.length).toBeGreaterThan(0.05);
    // Mean difference on a 0–255 scale: 4.2 measured (pdf.js without the shrinking: 4.2 too).
    expect(diff / a.length).toBeLessThan(8);
  }, 120_000);
});
