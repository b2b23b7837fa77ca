// OCR inside PDF ingest: a page without a text layer is rendered, OCR'd, and gets blocks with
// textSource "ocr" and a confidence, in PDF points; `ocr: false` leaves it empty.
import { describe, expect, it } from 'vitest';
import { ocrScannedPages } from '../../engine/ingest/image/pdf-ocr.js';
import { ingestFile } from '../../engine/ingest/index.js';
import type { ModelHost } from '../../engine/models/host.js';
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

  it('a blank page is not read: the models are not even loaded for it', async () => {
    // The thesis sample's three blank backs of pages took its ingest from 1.5 s to 9 s and 1 GB.
    const { doc } = await ingestPdf({ path: corpus('papers/ucasthesis_zh_template_sample.pdf') }, { crops: false, ocr: false });
    const todo = doc.pages.filter((p) => p.textLayer !== 'native').map((p) => p.index);
    expect(todo).toEqual([2, 4, 6]);
    const asked: number[] = [];
    const host = {
      ocrImage: () => {
        asked.push(asked.length);
        return Promise.resolve({ frames: [] });
      },
    } as unknown as ModelHost;
    // Page 4 comes out with something on it, pages 2 and 6 blank.
    const rendered: number[] = [];
    const render = (page: number) => {
      rendered.push(page);
      return Promise.resolve({ png: new Uint8Array(8), width: 10, height: 10, uniform: page !== 4 });
    };
    expect(await ocrScannedPages(doc, render, { file: 'thesis.pdf', host })).toBe(0);
    expect(rendered).toEqual([2, 4, 6]);
    expect(asked).toHaveLength(1);
  });
});
