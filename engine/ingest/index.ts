// Ingest entry point: picks the reader by file type. The image and web-page readers load when a
// file of theirs comes (their libraries cost a PDF-only caller ~0.3-0.5 s at start).
import path from 'node:path';
import { SourceError } from '../errors.js';
import { ingestPdf, type IngestResult, type PdfIngestOptions } from './pdf/index.js';
import type { HtmlIngestOptions } from './html/index.js';
import { readHead, sourceKindOf, type SourceKind } from './kind.js';
import { unreadable } from './source-file.js';

export type { IngestProgress, IngestResult, PdfIngestOptions } from './pdf/index.js';
export { docId } from './pdf/index.js';
export { writeDocumentFolder } from './output.js';
export { DocumentOrigin, ORIGIN_FILE, isDocumentFolder, readDocumentFolder, writeDocumentOrigin, type ReadFolder } from './folder.js';
export { documentToMarkdown } from './markdown.js';
export { HEAD_BYTES, HTML_EXTENSIONS, IMAGE_EXTENSIONS, SOURCE_KINDS, isSourceKind, readHead, readHeadSync, sourceKindOf, sourceKindOfFile, type SourceKind } from './kind.js';
export type { HtmlIngestOptions } from './html/index.js';
export * from './types.js';

export async function ingestFile(file: string, opts: PdfIngestOptions & HtmlIngestOptions = {}): Promise<IngestResult> {
  const name = path.basename(file);
  const kind = await sniff(file);
  if (kind === 'pdf') return ingestPdf({ path: file }, opts);
  if (kind === 'image') return (await import('./image/index.js')).ingestImage({ path: file }, opts);
  if (kind === 'html') return (await import('./html/index.js')).ingestHtmlFile(file, opts);
  throw new SourceError(name, 'unsupported file type (Folio reads PDF files, images and .html pages)');
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
