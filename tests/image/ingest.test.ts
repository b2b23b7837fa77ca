// Image sources: PNG, JPEG, WebP, GIF, BMP and multi-page TIFF become SourceDocuments with one page
// per image, OCR blocks (textSource "ocr", confidence), the image itself as a figure captioned with
// its OCR'd title, and EXIF orientation respected. Test images are cut from a corpus paper with
// pdftoppm and converted with ImageMagick; the expected words are that paper's title and authors.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentToMarkdown, ingestFile, SourceDocument, type IngestResult } from '../../engine/ingest/index.js';
import { ingestImage } from '../../engine/ingest/image/index.js';
import { ModelHost } from '../../engine/models/host.js';
import { corpus, outputDir } from '../helpers/corpus.js';

const dir = path.join(outputDir, 'image-ingest');
const TITLE = /Trace-based Just-in-Time Type Specialization for Dynamic\s*Languages/;
const host = new ModelHost({ userDir: null, provider: 'cpu', log: () => undefined });
const at = (f: string): string => path.join(dir, f);
const text = (r: IngestResult, page = 1): string => r.doc.pages[page - 1]!.blocks.map((b) => b.text).join('\n');

beforeAll(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pdf = corpus('papers/pdfjs_tracemonkey.pdf');
  // Title and first authors of page 1, and a piece of the abstract, at 120 dpi.
  execFileSync('pdftoppm', ['-r', '120', '-f', '1', '-l', '1', '-singlefile', '-png', '-x', '0', '-y', '60', '-W', '1020', '-H', '230', pdf, at('title')]);
  execFileSync('pdftoppm', ['-r', '120', '-f', '1', '-l', '1', '-singlefile', '-png', '-x', '60', '-y', '560', '-W', '460', '-H', '150', pdf, at('abstract')]);
  for (const ext of ['jpg', 'webp', 'gif', 'bmp']) execFileSync('convert', [at('title.png'), at(`title.${ext}`)]);
  execFileSync('convert', [at('title.png'), at('abstract.png'), at('pages.tiff')]);
  // Stored a quarter turn counter-clockwise, with EXIF orientation 6 ("turn 90° clockwise to show").
  execFileSync('convert', [at('title.png'), '-rotate', '-90', at('sideways.jpg')]);
  writeFileSync(at('sideways.jpg'), withExifOrientation(readFileSync(at('sideways.jpg')), 6));
});
afterAll(() => host.close());

/** Inserts an APP1 EXIF segment holding only the Orientation tag right after the JPEG's SOI marker. */
function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('II*\0', 0, 'latin1');
  tiff.writeUInt32LE(8, 4); // first IFD offset
  tiff.writeUInt16LE(1, 8); // one entry
  tiff.writeUInt16LE(0x0112, 10); // Orientation
  tiff.writeUInt16LE(3, 12); // SHORT
  tiff.writeUInt32LE(1, 14); // count
  tiff.writeUInt16LE(orientation, 18);
  tiff.writeUInt32LE(0, 22); // no next IFD
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const seg = Buffer.alloc(4);
  seg.writeUInt16BE(0xffe1, 0);
  seg.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), seg, body, jpeg.subarray(2)]);
}

describe('image ingest', () => {
  it('PNG: one page in pixels, OCR blocks with confidence, the image as a figure captioned by its title', async () => {
    const r = await ingestImage({ path: at('title.png') }, { host });
    const { doc } = r;
    expect(SourceDocument.safeParse(doc).success).toBe(true);
    expect(doc.kind).toBe('image');
    expect(doc.pageCount).toBe(1);
    expect(doc.pages[0]).toMatchObject({ width: 1020, height: 230, textLayer: 'none' });
    const ocr = doc.pages[0]!.blocks.filter((b) => b.textSource === 'ocr');
    expect(ocr.length).toBeGreaterThanOrEqual(2);
    for (const b of ocr) {
      expect(b.confidence).toBeGreaterThan(0.5);
      expect(b.confidence).toBeLessThanOrEqual(1);
      expect(b.bbox[0]).toBeGreaterThanOrEqual(0);
      expect(b.bbox[2]).toBeLessThanOrEqual(1020);
    }
    expect(doc.title).toMatch(TITLE);
    expect(text(r)).toMatch(/Andreas Gal/);
    expect(text(r)).toMatch(/Brendan Eich/);
    const fig = doc.figures[0]!;
    expect(fig.caption).toMatch(TITLE);
    expect(fig.bbox).toEqual([0, 0, 1020, 230]);
    const png = r.assets.get(fig.asset!)!;
    const img = await loadImage(Buffer.from(png));
    expect([img.width, img.height]).toEqual([1020, 230]);
    expect(documentToMarkdown(doc)).toMatch(/!\[Image: Trace-based.*\]\(assets\/fig-p1\.png\)/);
  });

  for (const ext of ['jpg', 'webp', 'gif', 'bmp']) {
    it(`${ext.toUpperCase()} reads the same words`, async () => {
      // Through the ingest entry point and its process-wide model host, as `folio ingest` does.
      const r = await ingestFile(at(`title.${ext}`));
      expect(r.doc.kind).toBe('image');
      expect(text(r)).toMatch(TITLE);
      expect(text(r)).toMatch(/Brendan Eich/);
    });
  }

  it('TIFF: every page of a multi-page file', async () => {
    const r = await ingestImage({ path: at('pages.tiff') }, { host });
    expect(r.doc.pageCount).toBe(2);
    expect(r.doc.pages.map((p) => [p.width, p.height])).toEqual([[1020, 230], [460, 150]]);
    expect(text(r, 1)).toMatch(TITLE);
    expect(text(r, 2)).toMatch(/Dynamic languages such as JavaScript/);
    expect(r.doc.figures.map((f) => f.page)).toEqual([1, 2]);
  });

  it('JPEG with EXIF orientation 6 is read upright', async () => {
    const r = await ingestImage({ path: at('sideways.jpg') }, { host });
    expect(r.doc.pages[0]).toMatchObject({ width: 1020, height: 230 });
    expect(text(r)).toMatch(TITLE);
  });

  it('a small Chinese photo of text (corpus JPEG)', async () => {
    const r = await ingestImage({ path: corpus('images/unstructured_chi_sim_image.jpeg') }, { host });
    const t = text(r);
    expect(t).toMatch(/适用人群/);
    expect(t).toMatch(/肌肤/);
    expect(r.doc.lang).toBe('zh');
  });

  it('a 10,973 px wide chart is downscaled with a warning, boxes stay in original pixels', async () => {
    const r = await ingestImage({ path: corpus('images/docling_mistral7b_bars_chart.png') }, { host });
    const p = r.doc.pages[0]!;
    expect([p.width, p.height]).toEqual([10973, 3570]);
    expect(r.doc.warnings.join('\n')).toMatch(/10973×3570 px\) was read at 4096×1333 px/);
    const blocks = p.blocks.filter((b) => b.textSource === 'ocr');
    expect(blocks.length).toBeGreaterThan(3);
    for (const b of blocks) expect(b.bbox[2]).toBeLessThanOrEqual(10973 + 1);
    expect(text(r)).toMatch(/MMLU|Mistral|LLaMA/i);
  });
});
