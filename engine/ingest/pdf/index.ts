// PDF ingest: bytes in, SourceDocument (+ PNG crops of figures and tables) out. Pages are read in
// parallel by a worker pool; the document analysis reads ahead on this thread as they come in (see
// DocumentAnalysis) and finishes once all of them are in.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { AbortedError, SourceError, type FolioError } from '../../errors.js';
import type { SourceDocument } from '../types.js';
import { ocrScannedPages } from '../image/pdf-ocr.js';
import { DocumentAnalysis } from './analyze.js';
import type { PageLayout } from './page-layout.js';
import { cores, defaultThreads, PagePool, renderThreads } from './pool.js';
import { readSourceFile } from '../source-file.js';
import { pdfSourceError } from './pdf-errors.js';

export interface IngestProgress {
  phase: 'open' | 'pages' | 'ocr' | 'crops' | 'thumbnails';
  done: number;
  total: number;
}

export interface PdfIngestOptions {
  /** Render PNG crops of figures and tables (default true). */
  crops?: boolean;
  /** Resolution of the crops (default 144). */
  dpi?: number;
  threads?: number;
  /**
   * Read pages on this thread as the workers hand them over, so that little is left to do once
   * the last one is in (see DocumentAnalysis). Default: when this thread has a core beside the
   * page workers (cores ≥ workers + 1). With V8's default tiering its compiler threads filled that
   * core and the two took turns; with engine/v8-tiering.ts every document read faster with it
   * (measured: bench/NOTES.md).
   */
  readAhead?: boolean;
  /** Time limit for one page (default 30 s). */
  pageTimeoutMs?: number;
  /** Time limit for the whole document (default 10 min). */
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (p: IngestProgress) => void;
  /** Document id; default derived from the file name. */
  id?: string;
  /** OCR pages without a usable text layer (default: when the OCR models are installed). */
  ocr?: boolean;
  /**
   * Also render every page to a small PNG (the app's thumbnails), by the same workers while they
   * have the document open: cheaper than opening it again afterwards. Each image is handed to
   * `onImage` as it is made.
   */
  /** Page images drawn while the document is open (`first`: only pages 1..first, default all). */
  pageImages?: { dpi: number; maxSide: number; first?: number; onImage: (page: number, png: Uint8Array) => Promise<void> | void };
}

export interface IngestResult {
  doc: SourceDocument;
  /** Asset path relative to the document folder → PNG bytes. */
  assets: Map<string, Uint8Array>;
}

export async function ingestPdf(input: { path: string } | { data: Uint8Array; file: string }, opts: PdfIngestOptions = {}): Promise<IngestResult> {
  const file = 'path' in input ? path.basename(input.path) : input.file;
  const data = 'path' in input ? await readSourceFile(input.path, file) : input.data;
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 600_000);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const sha256 = createHash('sha256').update(data).digest('hex');
  opts.onProgress?.({ phase: 'open', done: 0, total: 1 });
  const ahead = opts.readAhead ?? readAheadByDefault();
  const pool = await PagePool.open({
    file,
    data,
    ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
    taskTimeoutMs: opts.pageTimeoutMs ?? 30_000,
    signal,
    ...(ahead ? { pageDepth: 8 } : {}),
  }).catch((err: unknown) => {
    throw signal.aborted ? timeoutOrAbort(file, timeout, err) : pdfSourceError(file, err);
  });
  try {
    const n = pool.info.numPages;
    const warnings: string[] = [];
    const analysis = new DocumentAnalysis(n);
    // Reading ahead goes a page at a time between the workers' messages, so that they are never
    // kept waiting for their next page.
    let pump: NodeJS.Immediate | undefined;
    const readAhead = (): void => {
      pump = analysis.step() ? setImmediate(readAhead) : undefined;
    };
    const arrived = (index: number, layout: PageLayout | null): void => {
      analysis.add(index, layout);
      if (ahead) pump ??= setImmediate(readAhead);
    };
    let done = 0;
    const errors: FolioError[] = [];
    try {
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          pool.page(i + 1).then(
            (l) => {
              arrived(i + 1, l);
              opts.onProgress?.({ phase: 'pages', done: ++done, total: n });
            },
            (err: unknown) => {
              if (err instanceof AbortedError || signal.aborted) throw timeoutOrAbort(file, timeout, err);
              const e = pdfSourceError(file, err, i + 1);
              errors.push(e);
              warnings.push(`page ${i + 1} skipped: ${e.message}`);
              arrived(i + 1, null);
              opts.onProgress?.({ phase: 'pages', done: ++done, total: n });
            },
          ),
        ),
      );
    } finally {
      if (pump) clearImmediate(pump);
    }
    if (errors.length === n) throw errors[0]!;
    signal.throwIfAborted();
    const id = opts.id ?? docId(file);
    const doc = analysis.finish({ id, file, sha256, info: pool.info, warnings });
    if (opts.ocr !== false) {
      await ocrScannedPages(doc, (p, bbox, dpi) => pool.render(p, bbox, dpi), {
        file,
        signal,
        explicit: opts.ocr === true,
        // OCR may use half the document's time limit; the rest of the reading must still fit.
        budgetMs: (opts.timeoutMs ?? 600_000) / 2,
        onProgress: (d, t) => opts.onProgress?.({ phase: 'ocr', done: d, total: t }),
      });
    }
    const assets = new Map<string, Uint8Array>();
    const items = opts.crops !== false ? [...doc.figures, ...doc.tables] : [];
    // Rendering uses every core where reading left one to V8: more workers pay off once there is
    // enough to render (a worker costs ~0.2 s to start).
    if (opts.threads === undefined && items.length + (opts.pageImages ? doc.pages.length : 0) >= MANY_RENDERS) {
      pool.grow(renderThreads());
    }
    if (items.length > 0) {
      const dpi = opts.dpi ?? 144;
      let cdone = 0;
      await Promise.all(
        items.map(async (item) => {
          try {
            const r = await pool.render(item.page, item.bbox, dpi, item.rotation);
            if (r.uniform) {
              doc.warnings.push(`${item.label} (page ${item.page}): the crop is blank; kept without an image`);
            } else {
              const asset = `assets/${item.id}.png`;
              assets.set(asset, r.png);
              item.asset = asset;
            }
          } catch (err) {
            if (signal.aborted) throw timeoutOrAbort(file, timeout, err);
            doc.warnings.push(`${item.label} (page ${item.page}): no crop: ${err instanceof Error ? err.message : String(err)}`);
          }
          opts.onProgress?.({ phase: 'crops', done: ++cdone, total: items.length });
        }),
      );
    }
    if (opts.pageImages) await renderPageImages(pool, doc, opts.pageImages, signal, opts.onProgress);
    return { doc, assets };
  } catch (err) {
    if (signal.aborted) throw timeoutOrAbort(file, timeout, err);
    throw pdfSourceError(file, err);
  } finally {
    await pool.close();
  }
}

/** Whether pages are read ahead when the caller does not say (see PdfIngestOptions.readAhead). */
export function readAheadByDefault(): boolean {
  return cores() - defaultThreads() >= 1;
}

/** Renders (crops, thumbnails) from which extra page workers are started. */
const MANY_RENDERS = 16;

async function renderPageImages(
  pool: PagePool,
  doc: SourceDocument,
  want: NonNullable<PdfIngestOptions['pageImages']>,
  signal: AbortSignal,
  onProgress: PdfIngestOptions['onProgress'],
): Promise<void> {
  let done = 0;
  const pages = want.first === undefined ? doc.pages : doc.pages.filter((p) => p.index <= want.first!);
  const total = pages.length;
  await Promise.all(
    pages.map(async (p) => {
      const dpi = Math.min(want.dpi, (want.maxSide * 72) / Math.max(p.width, p.height, 1));
      try {
        const r = await pool.render(p.index, [0, 0, p.width, p.height], dpi);
        await want.onImage(p.index, r.png);
      } catch (err) {
        if (signal.aborted) throw err;
        doc.warnings.push(`page ${p.index}: no thumbnail: ${err instanceof Error ? err.message : String(err)}`);
      }
      onProgress?.({ phase: 'thumbnails', done: ++done, total });
    }),
  );
}

function timeoutOrAbort(file: string, timeout: AbortSignal, err: unknown): Error {
  if (timeout.aborted) return new SourceError(file, 'reading the document took longer than its time limit', { code: 'SOURCE_TIMEOUT', cause: err });
  return err instanceof AbortedError ? err : new AbortedError();
}

/** A readable, filesystem-safe id from a file name. */
export function docId(file: string): string {
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  const s = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return s || 'document';
}
