// Reading pages ahead (DocumentAnalysis): pages read with a guess of the document's running heads
// and statistics, taken from the first half, give exactly the document that reading every page at
// the end gives; pages where the guess would decide differently are read again.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDocument, DocumentAnalysis } from '../../engine/ingest/pdf/analyze.js';
import { ingestPdf } from '../../engine/ingest/pdf/index.js';
import type { PdfInfo, TextRun } from '../../engine/ingest/pdf/pdfjs.js';
import type { PageLayout } from '../../engine/ingest/pdf/page-layout.js';
import { layoutPage } from '../../engine/ingest/pdf/page-layout.js';
import { PagePool } from '../../engine/ingest/pdf/pool.js';
import { corpus } from '../helpers/corpus.js';
import { textRun } from '../helpers/text-runs.js';

async function layoutsOf(rel: string): Promise<{ info: PdfInfo; layouts: PageLayout[] }> {
  const pool = await PagePool.open({ file: path.basename(rel), path: corpus(rel), threads: 1 });
  try {
    const layouts = await Promise.all(Array.from({ length: pool.info.numPages }, (_, i) => pool.page(i + 1)));
    return { info: pool.info, layouts };
  } finally {
    await pool.close();
  }
}

/** The document read ahead, each page as it comes (the analysis may mark up what it is given: a copy each time). */
function readAhead(layouts: readonly PageLayout[], info: PdfInfo): { json: string; kept: number } {
  const analysis = new DocumentAnalysis(layouts.length);
  structuredClone(layouts).forEach((l, i) => {
    analysis.add(i + 1, l);
    while (analysis.step());
  });
  const json = JSON.stringify(analysis.finish({ id: 'd', file: 'd.pdf', sha256: '', info, warnings: [] }));
  return { json, kept: analysis.kept };
}

function atOnce(layouts: readonly PageLayout[], info: PdfInfo): string {
  return JSON.stringify(analyzeDocument({ id: 'd', file: 'd.pdf', sha256: '', info, warnings: [], layouts: structuredClone(layouts) as PageLayout[] }));
}

/** A page of 10 pt lines `leading` apart from y 100 down, `texts` in place of the filler where given. */
function page(index: number, lines: number, leading: number, texts: Record<number, string> = {}, jumpAfter?: number): PageLayout {
  const runs: TextRun[] = [];
  let y = 100;
  for (let i = 0; i < lines; i++) {
    runs.push(textRun(texts[i] ?? `line ${i} of page ${index} runs on across the measure of the page`, 72, y, { width: 400 }));
    y += leading + (i === jumpAfter ? 3 : 0);
  }
  return layoutPage({ index, width: 612, height: 792, runs, graphics: null, graphicsTruncated: false });
}

const INFO: PdfInfo = { numPages: 30, title: undefined, author: undefined, lang: 'en', outline: [] };

describe('reading pages ahead', () => {
  it('rereads the pages where the whole document decides otherwise than its first half', () => {
    // The first half sets its lines 0.2 em apart, the second 0.6 em: the paragraph gap guessed from
    // the first half is 0.75 em, the document's 1.05 em. Page 20 has a 0.9 em gap: a new paragraph
    // by the guess, not by the document.
    // Page 25 breaks "dual-" / "encoder" over two lines; only pages after the guess write
    // "dual-encoder": joined by the guess, hyphenated by the document.
    const layouts: PageLayout[] = [];
    for (let p = 1; p <= 30; p++) {
      if (p <= 15) layouts.push(page(p, 20, 12));
      else if (p === 20) layouts.push(page(p, 30, 16, {}, 10));
      else if (p === 25) layouts.push(page(p, 30, 16, { 5: 'the retriever trains a dual-', 6: 'encoder over the passages of the collection' }));
      else if (p > 25) layouts.push(page(p, 30, 16, { 3: 'a dual-encoder retriever as in the paper' }));
      else layouts.push(page(p, 30, 16));
    }
    const ahead = readAhead(layouts, INFO);
    const once = atOnce(layouts, INFO);
    expect(once).toContain('dual-encoder over the passages');
    expect(ahead.json).toBe(once);
    expect(ahead.kept).toBe(28);
  });

  it('Free Culture: the same document, nearly every page read ahead kept', async () => {
    const { info, layouts } = await layoutsOf('long/pdfjs_freeculture.pdf');
    const ahead = readAhead(layouts, info);
    expect(ahead.json).toBe(atOnce(layouts, info));
    // 352 pages: a few have running heads the first half never showed, or a hyphen the whole
    // book's words decide otherwise; they are read again.
    expect(ahead.kept).toBeGreaterThan(300);
    expect(ahead.kept).toBeLessThan(352);
  }, 60_000);

  it('a guess that is wrong from the start: every page read again, the same document', async () => {
    // Two documents back to back: 20 pages of the book in 10.5 pt fill the first half, and the
    // paper's 14 dense pages after them set most of the text in its own body type. Every page
    // read ahead had the body type wrong.
    const paper = await layoutsOf('papers/pdfjs_tracemonkey.pdf');
    const book = await layoutsOf('long/pdfjs_freeculture.pdf');
    const layouts = [...book.layouts.slice(20, 40), ...paper.layouts].map((l, i) => ({ ...l, index: i + 1 }));
    const ahead = readAhead(layouts, paper.info);
    expect(ahead.json).toBe(atOnce(layouts, paper.info));
    expect(ahead.kept).toBe(0);
  }, 60_000);

  it('ingest with and without reading ahead writes the same document', async () => {
    const file = corpus('long/pdfjs_freeculture.pdf');
    const [on, off] = await Promise.all([
      ingestPdf({ path: file }, { crops: false, ocr: false, readAhead: true }),
      ingestPdf({ path: file }, { crops: false, ocr: false, readAhead: false }),
    ]);
    expect(on.doc.pageCount).toBe(352);
    expect(JSON.stringify(on.doc)).toBe(JSON.stringify(off.doc));
  }, 60_000);
});
