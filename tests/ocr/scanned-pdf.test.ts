// OCR inside PDF ingest: a page without a text layer is rendered, OCR'd, and gets blocks with
// textSource "ocr" and a confidence, in PDF points; `ocr: false` leaves it empty.
import { describe, expect, it } from 'vitest';
import { ocrScannedPages } from '../../engine/ingest/image/pdf-ocr.js';
import { ingestFile } from '../../engine/ingest/index.js';
import type { ModelHost } from '../../engine/models/host.js';
import { ingestPdf } from '../../engine/ingest/pdf/index.js';
import { corpus } from '../helpers/corpus.js';
import { groupBlocks, type OcrLine } from '../../engine/models/ocr/layout.js';

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

  it('an OCR\'d caption is a caption, and running heads over OCR\'d pages are furniture', async () => {
    // Two pages of a scan as OCR reads them (1000 × 1414 px for an A4 page), the same head on both.
    const { doc } = await ingestPdf({ path: corpus('papers/ucasthesis_zh_template_sample.pdf') }, { crops: false, ocr: false });
    const line = (text: string, y: number): OcrLine => ({ text, confidence: 0.97, quad: [[100, y], [900, y], [900, y + 20], [100, y + 20]], bbox: [100, y, 900, y + 20] });
    const pageLines = (n: number): OcrLine[] => [
      line('Overview of the Technology Acceptance Model: Origins, Developments and Future Directions', 60),
      line('By relying on prior work by Fishbein and Ajzen, Davis further refined his conceptual model.', 300),
      line(`Figure ${n}: Conceptual model for technology acceptance (Davis, 1985, p. 10).`, 700),
      line('The model was tested and refined by a series of studies over the following decade.', 760),
      line(String(n), 1340),
    ];
    const host = {
      ocrImage: () => {
        const lines = pageLines(host.calls++ + 1);
        const result = { width: 1000, height: 1414, lines, blocks: groupBlocks(lines), text: '', timings: { detMs: 0, clsMs: 0, recMs: 0, totalMs: 0 }, providers: {} };
        return Promise.resolve({ frames: [{ index: 0, width: 1000, height: 1414, scale: 1, result }] });
      },
      calls: 0,
    };
    const render = () => Promise.resolve({ png: new Uint8Array(8), width: 10, height: 10, uniform: false });
    // Page 1 keeps its text layer; pages 2 and 3 are read by OCR. Bookmarks: a section and its
    // abstract, both on page 1 (TAMReview's outline, in short).
    doc.pages = doc.pages.slice(0, 3);
    for (const p of doc.pages.slice(1)) p.textLayer = 'none';
    const p1 = doc.pages[0]!.blocks.map((b) => b.id);
    doc.sections = [
      { title: 'Working Papers on Information Systems', level: 1, page: 1, blockIds: p1.slice(0, 1) },
      { title: 'Abstract', level: 2, page: 1, blockIds: p1.slice(1) },
    ];
    expect(await ocrScannedPages(doc, render, { file: 'scan.pdf', host: host as unknown as ModelHost })).toBe(2);
    for (const p of doc.pages.slice(1)) {
      const byText = (re: RegExp) => p.blocks.find((b) => re.test(b.text))?.type;
      expect(byText(/^Overview of the Technology/), `page ${p.index}`).toBe('header');
      expect(byText(/^Figure \d: Conceptual model/), `page ${p.index}`).toBe('caption');
      expect(byText(/^\d$/), `page ${p.index}`).toBe('footer');
      expect(byText(/^By relying on prior work/), `page ${p.index}`).toBe('paragraph');
    }
    // The OCR'd text joins the section it falls in, in page order, without its running heads and
    // feet; none of it goes into the abstract.
    const inSection = doc.sections[0]!.blockIds.map((id) => doc.pages.flatMap((p) => p.blocks).find((b) => b.id === id)!);
    expect(inSection.map((b) => b.page)).toEqual([1, 2, 2, 2, 3, 3, 3]);
    expect(inSection.filter((b) => b.type === 'header' || b.type === 'footer')).toEqual([]);
    expect(doc.sections[1]!.blockIds).toEqual(p1.slice(1));
  });
});
