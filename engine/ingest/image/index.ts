// Image ingest: PNG, JPEG, WebP, GIF (first frame), BMP and TIFF (every page) → SourceDocument with
// one page per image (size in pixels, EXIF orientation applied), the OCR'd text as blocks in
// reading order, and the image itself as a figure whose caption is its OCR'd title, if it has one.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { AbortedError, SourceError } from '../../errors.js';
import { sharedModelHost, type ModelHost } from '../../models/host.js';
import { readImageHeader } from '../../models/raster/header.js';
import { WORKING_MAX_SIDE } from '../../models/raster/decode.js';
import { detectLang } from '../../text/lang.js';
import { docId, type IngestProgress, type IngestResult, type PdfIngestOptions } from '../pdf/index.js';
import type { Block, Figure, Page, Section, SourceDocument } from '../types.js';
import { SCHEMA_VERSION } from '../types.js';
import { ocrBlocks } from './ocr-blocks.js';
import { readSourceFile } from '../source-file.js';
import { encodeCanvas } from '../../models/raster/encode.js';

export interface ImageIngestOptions {
  id?: string;
  signal?: AbortSignal;
  /** Time limit for the whole image (default 5 min). */
  timeoutMs?: number;
  onProgress?: (p: IngestProgress) => void;
  /** The model host to use (default: the process-wide one). */
  host?: ModelHost;
  /** Small page images (the app's thumbnails), as for PDFs: here the upright working image, downscaled. */
  pageImages?: PdfIngestOptions['pageImages'];
}

export async function ingestImage(input: { path: string } | { data: Uint8Array; file: string }, opts: ImageIngestOptions = {}): Promise<IngestResult> {
  const file = 'path' in input ? path.basename(input.path) : input.file;
  const data = 'path' in input ? await readSourceFile(input.path, file) : input.data;
  // Measured before anything is decoded: empty files, unknown formats and bombs stop here.
  const header = readImageHeader(data, file);
  opts.onProgress?.({ phase: 'open', done: 1, total: 1 });
  const host = opts.host ?? sharedModelHost();
  const ocr = await withLimits(host.ocrImage(data, file, { wantPng: true }), file, opts);
  const id = opts.id ?? docId(file);
  const pages: Page[] = [];
  const figures: Figure[] = [];
  const sections: Section[] = [];
  const assets = new Map<string, Uint8Array>();
  const warnings: string[] = [];
  let title = '';
  const multi = ocr.frames.length > 1;
  for (const f of ocr.frames) {
    const n = f.index;
    const text = ocrBlocks(f.result, { page: n, scale: 1, idPrefix: `p${n}-b`, findTitle: true });
    const titleBlock = text.find((b) => b.type === 'title');
    if (!title && titleBlock) title = titleBlock.text;
    const figId = `fig-p${n}`;
    const asset = f.png ? `assets/${figId}.png` : undefined;
    if (f.png && asset) assets.set(asset, f.png);
    if (f.png && opts.pageImages) await opts.pageImages.onImage(n, await downscalePng(f.png, opts.pageImages.maxSide));
    figures.push({
      id: figId,
      label: multi ? `Image ${n}` : 'Image',
      caption: titleBlock?.text ?? '',
      page: n,
      bbox: [0, 0, f.width, f.height],
      ...(titleBlock ? { captionBbox: titleBlock.bbox } : {}),
      ...(asset ? { asset } : {}),
      kind: 'raster',
    });
    const figureBlock: Block = { id: `p${n}-fig`, type: 'figure', page: n, bbox: [0, 0, f.width, f.height], text: '', ref: figId };
    const blocks = [figureBlock, ...text];
    pages.push({ index: n, width: f.width, height: f.height, textLayer: 'none', blocks });
    let cur: Section | null = null;
    for (const b of text) {
      if (b.type === 'title' || b.type === 'heading') {
        cur = { title: b.text, level: b.type === 'title' ? 1 : 2, page: n, blockIds: [b.id] };
        sections.push(cur);
      } else if (cur) {
        cur.blockIds.push(b.id);
      }
    }
    if (f.scale < 1) {
      warnings.push(`${multi ? `page ${n}: ` : ''}the image (${f.width}×${f.height} px) was read at ${Math.round(f.width * f.scale)}×${Math.round(f.height * f.scale)} px (OCR limit ${WORKING_MAX_SIDE} px a side); small text may be missed`);
    }
    if (text.length === 0) warnings.push(`${multi ? `page ${n}: ` : ''}no text was found by OCR`);
    opts.onProgress?.({ phase: 'pages', done: n, total: ocr.frames.length });
  }
  const allText = pages.flatMap((p) => p.blocks.map((b) => b.text)).join(' ');
  const doc: SourceDocument = {
    schemaVersion: SCHEMA_VERSION,
    id,
    kind: 'image',
    file,
    sha256: createHash('sha256').update(data).digest('hex'),
    title: title || file.replace(/\.[^.]+$/, ''),
    authors: [],
    lang: allText.trim() ? detectLang(allText) : 'und',
    pageCount: pages.length,
    pages,
    sections,
    figures,
    tables: [],
    warnings,
  };
  if (header.format === 'gif') doc.warnings.push('GIF: only the first frame is read');
  return { doc, assets };
}

async function withLimits<T>(work: Promise<T>, file: string, opts: ImageIngestOptions): Promise<T> {
  const limit = opts.timeoutMs ?? 300_000;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SourceError(file, `reading the image took longer than ${Math.round(limit / 1000)} s`, { code: 'SOURCE_TIMEOUT' })), limit);
    if (opts.signal) {
      onAbort = () => reject(new AbortedError());
      if (opts.signal.aborted) onAbort();
      else opts.signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  try {
    return await Promise.race([work, stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort) opts.signal?.removeEventListener('abort', onAbort);
  }
}

/** A PNG made here (the working image), at most `maxSide` px on its longer side. */
async function downscalePng(png: Uint8Array, maxSide: number): Promise<Uint8Array> {
  const img = await loadImage(Buffer.from(png));
  const scale = Math.min(1, maxSide / Math.max(img.width, img.height, 1));
  if (scale === 1) return png;
  const w = Math.max(1, Math.round(img.width * scale));
  const h = Math.max(1, Math.round(img.height * scale));
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(img, 0, 0, w, h);
  return encodeCanvas(canvas, 'png');
}
