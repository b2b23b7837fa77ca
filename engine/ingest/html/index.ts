// Web-page sources: a saved .html/.htm file or an http(s) URL → SourceDocument (kind 'html').
// Main content comes from Readability over linkedom; the article DOM becomes one page of blocks
// (see blocks.ts for the synthetic geometry), headings become sections, images figures, data
// tables tables with cell grids. Parsing is synchronous and deaf to AbortSignals, so markup is
// bounded before it is parsed (bytes, element count) and the parse runs under a time limit.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AbortedError, FolioError, SourceError } from '../../errors.js';
import { DEFAULT_MAX_BYTES, displayUrl, fetchUrl } from '../../net/fetch.js';
import { detectLang } from '../../text/lang.js';
import { ingestPdf, docId, type IngestResult } from '../pdf/index.js';
import { SCHEMA_VERSION, SourceDocument } from '../types.js';
import { PAGE_WIDTH } from './blocks.js';
import { decodeHtml } from './decode.js';
import { extractPage, type ExtractedPage } from './extract.js';
import { resolveImages } from './images.js';
import { primaryLang, splitAuthors } from './metadata.js';
import { runWithTimeLimit, TimeLimitExceeded } from './time-limit.js';
import { unreadable } from '../source-file.js';

export interface HtmlIngestOptions {
  /** Fetch the page's remote images (default false: they stay references in figure.src). */
  network?: boolean;
  /** Allow fetching from localhost and private address ranges (default false). */
  allowPrivate?: boolean;
  signal?: AbortSignal;
  /** Largest page accepted, in bytes of markup (default 20 MB). */
  maxBytes?: number;
  /** Largest number of elements parsed (default 150,000). */
  maxElements?: number;
  /** Time limit for fetching a URL (default 30 s) and for each remote image (default 20 s). */
  timeoutMs?: number;
  /** Time limit for parsing and extracting the page's content (default 30 s). */
  parseTimeoutMs?: number;
  /** Document id; default derived from the file name or URL. */
  id?: string;
}

export const DEFAULT_MAX_ELEMENTS = 150_000;

export async function ingestHtmlFile(file: string, opts: HtmlIngestOptions = {}): Promise<IngestResult> {
  const name = path.basename(file);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let data: Uint8Array;
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw new SourceError(name, 'is a directory, not a file');
    if (st.size > maxBytes) throw tooLarge(name, st.size, maxBytes);
    data = new Uint8Array(await readFile(file));
  } catch (err) {
    if (err instanceof FolioError) throw err;
    throw unreadable(name, err);
  }
  return ingestHtml({ data, file: name, pageFile: path.resolve(file) }, opts);
}

/** Fetches an http(s) URL and reads it: web pages here, PDFs through the PDF reader. */
export async function ingestUrl(url: string, opts: HtmlIngestOptions = {}): Promise<IngestResult> {
  const shown = displayUrl(url);
  const r = await fetchUrl(url, {
    maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES,
    timeoutMs: opts.timeoutMs ?? 30_000,
    allowPrivate: opts.allowPrivate === true,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const head = Buffer.from(r.body.subarray(0, 1024)).toString('latin1');
  if (r.mediaType === 'application/pdf' || head.startsWith('%PDF-')) {
    return ingestPdf({ data: r.body, file: urlFileName(r.url, '.pdf') }, { ...(opts.signal ? { signal: opts.signal } : {}), id: opts.id ?? urlDocId(r.url) });
  }
  const htmlLike = r.mediaType === '' || /^(text\/html|application\/xhtml\+xml|text\/plain|application\/octet-stream)$/.test(r.mediaType);
  if (!htmlLike) throw new SourceError(shown, `is ${r.mediaType}, not a web page or PDF`);
  return ingestHtml({ data: r.body, file: shown, url: r.url, ...(r.charset ? { charset: r.charset } : {}) }, { ...opts, id: opts.id ?? urlDocId(r.url) });
}

export interface HtmlInput {
  data: Uint8Array;
  /** How the source is named in the document and in messages: a file name or a URL. */
  file: string;
  /** The saved page on disk, for images beside it. */
  pageFile?: string;
  /** The address the page was fetched from. */
  url?: string;
  /** The charset the server declared. */
  charset?: string;
}

export async function ingestHtml(input: HtmlInput, opts: HtmlIngestOptions = {}): Promise<IngestResult> {
  const { file } = input;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxElements = opts.maxElements ?? DEFAULT_MAX_ELEMENTS;
  const parseTimeoutMs = opts.parseTimeoutMs ?? 30_000;
  if (opts.signal?.aborted) throw new AbortedError();
  if (input.data.length > maxBytes) throw tooLarge(file, input.data.length, maxBytes);
  const html = decodeHtml(input.data, input.charset, file);
  const elements = countTags(html, maxElements);
  if (elements > maxElements) {
    throw new SourceError(file, `has more than ${maxElements.toLocaleString('en')} elements of markup; Folio reads pages up to that size`, { code: 'SOURCE_TOO_COMPLEX' });
  }
  let page: ExtractedPage;
  try {
    page = runWithTimeLimit(() => extractPage(html, { ...(input.url ? { url: input.url } : {}), fallbackTitle: stripExt(file), maxElements }), parseTimeoutMs);
  } catch (err) {
    if (err instanceof TimeLimitExceeded) {
      throw new SourceError(file, `reading the page took longer than ${(parseTimeoutMs / 1000).toFixed(parseTimeoutMs < 10_000 ? 1 : 0)} s`, { code: 'SOURCE_TIMEOUT', cause: err });
    }
    if (err instanceof FolioError) throw err;
    // The parser or Readability failed inside: say so for this page, not as an internal error.
    throw new SourceError(file, `its markup could not be read (${htmlProblem(err)})`, { cause: err });
  }
  const { built, title, linkBase, pageUrl } = page;
  const bodyText = built.blocks.filter((b) => b.type !== 'title').map((b) => b.text).join('\n');
  if (!bodyText.trim() && built.figures.length === 0) {
    const open = html.lastIndexOf('<!--');
    const unclosed = open >= 0 && html.indexOf('-->', open + 4) < 0;
    throw new SourceError(file, unclosed ? 'has no readable text: a comment ("<!--") opened at character ' + (open + 1) + ' is never closed, so the rest of the page is part of it' : 'has no readable text');
  }
  if (opts.signal?.aborted) throw new AbortedError();

  const warnings = [...page.warnings];
  const images = await resolveImages(built.figures, built.images, {
    ...(input.pageFile ? { pageFile: input.pageFile } : {}),
    ...(linkBase ? { baseUrl: linkBase } : {}),
    network: opts.network === true,
    allowPrivate: opts.allowPrivate === true,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
  });
  warnings.push(...images.warnings);

  const { byline, siteName, published } = page;
  const lang = primaryLang(page.lang) || detectLang(bodyText);
  const doc: SourceDocument = {
    schemaVersion: SCHEMA_VERSION,
    id: opts.id ?? docId(file),
    kind: 'html',
    file,
    sha256: createHash('sha256').update(input.data).digest('hex'),
    title,
    authors: byline ? splitAuthors(byline) : page.meta.authors,
    ...(page.excerpt ? { abstract: page.excerpt } : {}),
    lang,
    pageCount: 1,
    pages: [{ index: 1, width: PAGE_WIDTH, height: built.height, textLayer: 'native', blocks: built.blocks }],
    sections: built.sections,
    figures: built.figures,
    tables: built.tables,
    warnings,
    ...(pageUrl ? { url: pageUrl } : {}),
    ...(siteName ? { siteName } : {}),
    ...(published ? { published } : {}),
  };
  // The model is shared by every later stage: a page that does not fit it is a bug here, not there.
  return { doc: SourceDocument.parse(doc), assets: images.assets };
}

/** Counts start tags without parsing, stopping early past the limit. */
function htmlProblem(err: unknown): string {
  if (err instanceof RangeError && /call stack/i.test(err.message)) return 'elements nested too deeply';
  return `the HTML parser failed: ${(err instanceof Error ? err.message : String(err)).slice(0, 160)}`;
}

function countTags(html: string, limit: number): number {
  const re = /<[a-zA-Z]/g;
  let n = 0;
  while (re.exec(html) !== null) if (++n > limit) break;
  return n;
}

function tooLarge(file: string, size: number, max: number): SourceError {
  const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
  return new SourceError(file, `is ${mb(size)} MB of markup; Folio reads web pages up to ${mb(max)} MB`, { code: 'SOURCE_TOO_COMPLEX' });
}

function stripExt(file: string): string {
  return /^https?:/i.test(file) ? file : file.replace(/\.[^.]+$/, '');
}

/** A readable id from a URL: host and path, e.g. en-wikipedia-org-wiki-mozilla. */
export function urlDocId(url: string): string {
  try {
    const u = new URL(url);
    return docId(`${u.hostname.replace(/^www\./, '')}${u.pathname.replace(/\/$/, '')}`.replace(/[/.]/g, '-') + '.x');
  } catch {
    return 'web-page';
  }
}

function urlFileName(url: string, ext: string): string {
  try {
    const last = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '');
    return last ? (last.toLowerCase().endsWith(ext) ? last : `${last}${ext}`) : `${new URL(url).hostname}${ext}`;
  } catch {
    return `download${ext}`;
  }
}
