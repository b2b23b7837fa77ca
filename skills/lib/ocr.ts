// OCR for skills: images (every frame) and PDF pages (rendered), through the shared model host so
// the sessions load once per process. Boxes stay in the pixels of the image that was read.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SourceError, UserInputError } from '../../engine/errors.js';
import { sharedModelHost, type OcrFrame } from '../../engine/models/host.js';
import { renderPdfPages } from '../../engine/ingest/render.js';
import type { SkillContext } from '../types.js';

export interface OcrPage {
  source: string;
  /** 1-based page (PDF) or frame (TIFF) number. */
  page: number;
  frame: OcrFrame;
  /** The image that was read (PNG), when it was rendered from a PDF or asked for. */
  png?: Uint8Array;
  /** PDF points per image pixel (PDF pages only). */
  pointsPerPixel?: number;
}

export function parsePageList(spec: string | undefined): number[] | null {
  if (spec === undefined || spec === '' || spec === 'all') return null;
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new UserInputError(`--pages must look like 1-3,5 (got ${spec})`);
    const a = Number(m[1]);
    const b = m[2] !== undefined ? Number(m[2]) : a;
    if (a < 1 || b < a || b - a > 5000) throw new UserInputError(`--pages: bad range ${part.trim()}`);
    for (let p = a; p <= b; p++) out.add(p);
  }
  return [...out].sort((x, y) => x - y);
}

export async function ocrInput(ctx: SkillContext<unknown>, input: string, opts: { pages?: number[] | null; dpi?: number; wantPng?: boolean } = {}): Promise<OcrPage[]> {
  const name = path.basename(input);
  const host = sharedModelHost();
  const out: OcrPage[] = [];
  if (path.extname(input).toLowerCase() === '.pdf') {
    const dpi = opts.dpi ?? 200;
    let pages = opts.pages ?? null;
    if (!pages) {
      const { PdfHandle } = await import('../../engine/ingest/pdf/pdfjs.js');
      const pdf = await PdfHandle.open(new Uint8Array(await readFile(input)), name);
      const n = pdf.doc.numPages;
      await pdf.close();
      pages = Array.from({ length: Math.min(n, 50) }, (_, i) => i + 1);
      if (n > 50) ctx.emit({ type: 'warning', message: `${name}: ${n} pages; reading the first 50 (use --pages for others)` });
    }
    for (const [i, p] of pages.entries()) {
      ctx.signal.throwIfAborted();
      ctx.emit({ type: 'ocr-progress', message: `${name}: OCR of page ${p}`, done: i, total: pages.length });
      const [img] = await renderPdfPages(input, [p], { dpi, signal: ctx.signal });
      const r = await host.ocrImage(img!.png, name, { firstOnly: true });
      out.push({ source: name, page: p, frame: r.frames[0]!, png: img!.png, pointsPerPixel: img!.pointWidth / img!.width });
    }
    return out;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(input));
  } catch (err) {
    throw new SourceError(name, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'cannot be read', { cause: err });
  }
  ctx.emit({ type: 'ocr-progress', message: `${name}: OCR`, done: 0, total: 1 });
  const r = await host.ocrImage(bytes, name, { wantPng: opts.wantPng === true });
  for (const f of r.frames) {
    if (opts.pages && !opts.pages.includes(f.index)) continue;
    out.push({ source: name, page: f.index, frame: f, ...(f.png ? { png: f.png } : {}) });
  }
  ctx.emit({ type: 'ocr-progress', message: `${name}: OCR`, done: 1, total: 1 });
  return out;
}
