// Ingest entry point: picks the reader by file type. PDF today; images and web pages plug in here.
import { open } from 'node:fs/promises';
import path from 'node:path';
import { SourceError } from '../errors.js';
import { ingestPdf, type IngestResult, type PdfIngestOptions } from './pdf/index.js';
import { ingestImage } from './image/index.js';
import { ingestHtmlFile, type HtmlIngestOptions } from './html/index.js';
import { unreadable } from './source-file.js';

export type { IngestProgress, IngestResult, PdfIngestOptions } from './pdf/index.js';
export { docId } from './pdf/index.js';
export { writeDocumentFolder } from './output.js';
export { documentToMarkdown } from './markdown.js';
export { ingestUrl, type HtmlIngestOptions } from './html/index.js';
export * from './types.js';

export async function ingestFile(file: string, opts: PdfIngestOptions & HtmlIngestOptions = {}): Promise<IngestResult> {
  const name = path.basename(file);
  const kind = await sniff(file);
  if (kind === 'pdf') return ingestPdf({ path: file }, opts);
  if (kind === 'image') return ingestImage({ path: file }, opts);
  if (kind === 'html') return ingestHtmlFile(file, opts);
  throw new SourceError(name, kind === 'unknown' ? 'unsupported file type (Folio reads PDF files)' : `${kind} files are not supported yet`);
}

async function sniff(file: string): Promise<'pdf' | 'image' | 'html' | 'unknown'> {
  const name = path.basename(file);
  let head: Buffer;
  try {
    const fh = await open(file, 'r');
    try {
      const buf = Buffer.alloc(1024);
      const { bytesRead } = await fh.read(buf, 0, 1024, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw unreadable(name, err);
  }
  const ext = path.extname(file).toLowerCase();
  if (head.includes('%PDF-') || ext === '.pdf') return 'pdf';
  if (/^\.(png|jpe?g|webp|gif|bmp|tiff?)$/.test(ext)) return 'image';
  if (/^\.(html?|xhtml)$/.test(ext)) return 'html';
  return 'unknown';
}
