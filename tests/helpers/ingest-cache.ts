// Ingests a corpus file once per test process and shares the result between tests.
import { ingestPdf, type IngestResult } from '../../engine/ingest/pdf/index.js';
import { corpus } from './corpus.js';

const cache = new Map<string, Promise<IngestResult>>();

export function ingested(rel: string, crops = false): Promise<IngestResult> {
  const key = `${rel}|${crops}`;
  let p = cache.get(key);
  if (!p) {
    // These tests are about the PDF's own text layer and layout; OCR of scanned pages is tested in tests/ocr.
    p = ingestPdf({ path: corpus(rel) }, { crops, ocr: false });
    cache.set(key, p);
  }
  return p;
}

export function allText(r: IngestResult): string {
  return r.doc.pages.flatMap((p) => p.blocks.map((b) => b.text)).join('\n');
}
