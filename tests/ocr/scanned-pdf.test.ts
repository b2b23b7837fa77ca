// OCR inside PDF ingest: a page without a text layer is rendered, OCR'd, and gets blocks with
// textSource "ocr" and a confidence, in PDF points; `ocr: false` leaves it empty.
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../engine/ingest/index.js';
import { ingestPdf } from '../../engine/ingest/pdf/index.js';
import { corpus } from '../helpers/corpus.js';

describe('scanned PDF pages are read by OCR', () => {
  it('docling_ocr_test.pdf (an image-only page) gets OCR blocks with confidences', async () => {
    const { doc } = await ingestFile(corpus('scanned/docling_ocr_test.pdf'), { crops: false });
    const page = doc.pages[0]!;
    expect(page.textLayer).toBe('none');
    const ocr = page.blocks.filter((b) => b.textSource === 'ocr');
    expect(ocr.length).toBeGreaterThan(0);
    const text = ocr.map((b) => b.text).join(' ');
    expect(text).toMatch(/Docling bundles PDF document conversion to JSON and Markdown in an easy self contained package/);
    for (const b of ocr) {
      expect(b.confidence).toBeGreaterThan(0.8);
      // Boxes are in PDF points, inside the page.
      expect(b.bbox[0]).toBeGreaterThanOrEqual(0);
      expect(b.bbox[2]).toBeLessThanOrEqual(page.width + 0.5);
      expect(b.bbox[3]).toBeLessThanOrEqual(page.height + 0.5);
    }
    expect(doc.warnings.join('\n')).toMatch(/page 1 had no usable text layer and was read by OCR/);
  });

  it('ocr: false keeps the page as it was (no OCR blocks)', async () => {
    const { doc } = await ingestPdf({ path: corpus('scanned/docling_ocr_test.pdf') }, { crops: false, ocr: false });
    expect(doc.pages[0]!.blocks.some((b) => b.textSource === 'ocr')).toBe(false);
  });
});
