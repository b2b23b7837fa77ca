// Ingest entry point: picks the reader by file type. The image and web-page readers load when a
// file of theirs comes (their libraries cost a PDF-only caller ~0.3-0.5 s at start).
import path from 'node:path';
import { SourceError } from '../errors.js';
import { ingestPdf, type IngestResult, type PdfIngestOptions } from './pdf/index.js';
import type { HtmlIngestOptions } from './html/index.js';
import { READS_IN_WORDS, readHead, sourceKindOf, type SourceKind } from './kind.js';
import { unreadable } from './source-file.js';

export type { IngestProgress, IngestResult, PdfIngestOptions } from './pdf/index.js';
export { docId } from './pdf/index.js';
export { writeDocumentFolder } from './output.js';
export { DocumentOrigin, ORIGIN_FILE, isDocumentFolder, readDocumentFolder, writeDocumentOrigin, type ReadFolder } from './folder.js';
export { documentToMarkdown } from './markdown.js';
export { HEAD_BYTES, READS_IN_WORDS, SOURCE_KIND_FILES, SOURCE_KINDS, sourceKindOfExtension, isSourceKind, readHead, readHeadSync, sourceKindOf, sourceKindOfFile, type SourceKind } from './kind.js';
export type { HtmlIngestOptions } from './html/index.js';
export * from './types.js';

type Reader = (file: string, opts: PdfIngestOptions & HtmlIngestOptions) => Promise<IngestResult>;

/** One reader per source kind (engine/vocabulary/sources.ts): a kind without one is a type error here. */
const READERS: Record<SourceKind, Reader> = {
  pdf: (file, opts) => ingestPdf({ path: file }, opts),
  image: async (file, opts) => (await import('./image/index.js')).ingestImage({ path: file }, opts),
  html: async (file, opts) => (await import('./html/index.js')).ingestHtmlFile(file, opts),
};

export async function ingestFile(file: string, opts: PdfIngestOptions & HtmlIngestOptions = {}): Promise<IngestResult> {
  const kind = await sniff(file);
  if (kind === 'unknown') throw new SourceError(path.basename(file), `unsupported file type (Folio reads ${READS_IN_WORDS})`);
  return READERS[kind](file, opts);
}

/** Fetches a web page (or an image or PDF at a URL) and reads it. */
export async function ingestUrl(url: string, opts: HtmlIngestOptions = {}): Promise<IngestResult> {
  return (await import('./html/index.js')).ingestUrl(url, opts);
}

async function sniff(file: string): Promise<SourceKind | 'unknown'> {
  let head: Buffer;
  try {
    head = await readHead(file);
  } catch (err) {
    throw unreadable(path.basename(file), err);
  }
  return sourceKindOf(file, head);
}
