// Pictures without a caption, found from the page itself. Ground truth written from looking at the
// pages (pdftoppm) and from `pdfimages -list`, not from the detector's output.
import { describe, expect, it } from 'vitest';
import type { SourceDocument } from '../../engine/ingest/types.js';
import { ingested } from '../helpers/ingest-cache.js';
import { decodePngStats } from '../helpers/png.js';

/**
 * freeculture: `pdfimages -list` gives 23 images on 18 pages; the cover's image and its soft mask
 * are one picture, so 22 pictures: the cover (p. 1), the publisher's licence badge (p. 2), the
 * law/market/norms/architecture box diagrams (pp. 133-164), the Permissions screenshot (p. 164),
 * the comic (p. 171), the chart (p. 176) and the cartoon (p. 255).
 */
const FREECULTURE: Record<number, number> = {
  1: 1, 2: 1, 133: 1, 136: 1, 137: 1, 138: 1, 144: 2, 152: 1, 153: 1, 154: 2, 155: 1,
  161: 2, 162: 2, 163: 1, 164: 1, 171: 1, 176: 1, 255: 1,
};

function pictures(doc: SourceDocument): SourceDocument['figures'] {
  return doc.figures.filter((f) => f.uncaptioned);
}

/** Recall over the expected pictures per page, and the pictures found on pages that have none. */
export function pictureScore(doc: SourceDocument, truth: Record<number, number>): { recall: number; found: number; falseOnTextPages: number } {
  const perPage = new Map<number, number>();
  for (const f of pictures(doc)) perPage.set(f.page, (perPage.get(f.page) ?? 0) + 1);
  let hit = 0;
  let want = 0;
  for (const [page, n] of Object.entries(truth)) {
    want += n;
    hit += Math.min(n, perPage.get(Number(page)) ?? 0);
  }
  let falseOnTextPages = 0;
  for (const [page, n] of perPage) if (!(page in truth)) falseOnTextPages += n;
  return { recall: hit / want, found: pictures(doc).length, falseOnTextPages };
}

describe('pictures without captions', () => {
  it('freeculture: the book’s pictures are found (recall >= 0.9), few on text-only pages', async () => {
    const { doc } = await ingested('long/pdfjs_freeculture.pdf');
    const s = pictureScore(doc, FREECULTURE);
    expect(s.recall, JSON.stringify(s)).toBeGreaterThanOrEqual(0.9);
    expect(s.falseOnTextPages / Math.max(1, s.found), JSON.stringify(s)).toBeLessThanOrEqual(0.1);
  });

  it('freeculture: the cover, an image filling the page with no text on it, is a picture; a scan with an OCR layer is not', async () => {
    const { doc } = await ingested('long/pdfjs_freeculture.pdf');
    const cover = pictures(doc).find((x) => x.page === 1)!;
    expect(cover.label).toBe('Picture on p. 1');
    expect((cover.bbox[2] - cover.bbox[0]) * (cover.bbox[3] - cover.bbox[1])).toBeGreaterThan(0.85 * doc.pages[0]!.width * doc.pages[0]!.height);
    expect(pictureScore(doc, FREECULTURE).recall).toBe(1);
    // A typewritten scan under a (garbage) OCR text layer: its text stays text.
    const scan = (await ingested('scanned/unstructured_pdf-with-ocr-text.pdf')).doc;
    expect(pictures(scan)).toEqual([]);
    // A scanned book: its pages are scans for OCR, not pictures.
    expect(pictures((await ingested('scanned/mineru_small_ocr.pdf')).doc)).toEqual([]);
  });

  it('freeculture p. 136: the four-box diagram is labelled, under its chapter, with the sentence that shows it', async () => {
    const { doc } = await ingested('long/pdfjs_freeculture.pdf');
    const f = pictures(doc).find((x) => x.page === 136)!;
    expect(f.label).toBe('Picture on p. 136');
    expect(f.caption).toBe('');
    expect(f.kind).toBe('raster');
    expect(f.mention).toMatch(/this is the picture of copyright’s regulation/);
    expect(f.heading).toMatch(/Property/);
    // The diagram sits at the top of the page, over the body's width, not the whole page.
    const page = doc.pages[135]!;
    expect(f.bbox[1]).toBeLessThan(page.height * 0.2);
    expect((f.bbox[3] - f.bbox[1]) / page.height).toBeLessThan(0.4);
    // It is in the page's reading order, as a figure block pointing at it.
    expect(page.blocks.some((b) => b.type === 'figure' && b.ref === f.id)).toBe(true);
  });

  it('TAMReview: its figures are found as pictures and cropped, its running logos are not', async () => {
    // pdfimages lists 54 images; 46 are the two logos repeated on every page (80×15 and 47×161 px)
    // and three small badges on pp. 1, 4. The figures are the raster images on pp. 4, 11, 15, 16 and
    // the vector model diagrams (Figure 2 on p. 3, Figure 7 on p. 13, among others).
    const { doc, assets } = await ingested('papers/pdfjs_TAMReview.pdf', true);
    const found = pictures(doc);
    const pages = new Set(found.map((f) => f.page));
    for (const p of [3, 4, 11, 13, 15, 16]) expect(pages.has(p), `a picture on p. ${p}`).toBe(true);
    // No picture on pages that hold only text and the running logos.
    for (const p of [2, 5, 6, 7, 8, 9, 12, 14, 17, 18, 19, 20, 21, 22, 23]) expect(pages.has(p), `no picture on p. ${p}`).toBe(false);
    for (const f of found) {
      expect(f.asset, f.label).toBeDefined();
      const stats = await decodePngStats(assets.get(f.asset!)!);
      expect(stats.distinctColours, `${f.label} crop is blank`).toBeGreaterThan(1);
    }
    const diagram = found.find((f) => f.page === 13)!;
    expect(diagram.kind).toBe('vector');
  });

  it('a scanned page is not a picture: its text is OCR’s to read; a slide’s photo under its title is', async () => {
    const { doc } = await ingested('scanned/mineru_small_ocr.pdf');
    expect(pictures(doc)).toEqual([]);
    // prefosdem p. 15: a photo across the slide (70 % of it) under a ten-character title.
    const slides = (await ingested('slides/prefosdem2020_slides.pdf')).doc;
    expect(pictures(slides).map((f) => f.page)).toContain(15);
  });
});
