// OCR for skills: images (every frame) and PDF pages (rendered), through the shared model host so
// the sessions load once per process. Boxes stay in the pixels of the image that was read.
import path from 'node:path';
import { sharedModelHost, type OcrFrame } from '../../engine/models/host.js';
import { sourceKindOfFile } from '../../engine/ingest/kind.js';
import { openPdfPages } from '../../engine/ingest/render.js';
import type { SkillContext } from '../types.js';
import { readSourceFile } from '../../engine/ingest/source-file.js';

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

export { parsePageList } from '../../engine/ingest/render.js';

export async function ocrInput(ctx: SkillContext<unknown>, input: string, opts: { pages?: number[] | null; dpi?: number; wantPng?: boolean } = {}): Promise<OcrPage[]> {
  const name = path.basename(input);
  const host = sharedModelHost();
  const out: OcrPage[] = [];
  if ((await sourceKindOfFile(input)) === 'pdf') {
    const dpi = opts.dpi ?? 200;
    const pdf = await openPdfPages(input);
    try {
      let pages = opts.pages ?? null;
      if (!pages) {
        pages = Array.from({ length: Math.min(pdf.pageCount, 50) }, (_, i) => i + 1);
        if (pdf.pageCount > 50) ctx.emit({ type: 'warning', message: `${name}: ${pdf.pageCount} pages; reading the first 50 (use --pages for others)` });
      }
      for (const [i, p] of pages.entries()) {
        ctx.emit({ type: 'ocr-progress', message: `${name}: OCR of page ${p}`, done: i, total: pages.length });
        const img = await pdf.render(p, { dpi, signal: ctx.signal });
        const r = await host.ocrImage(img.png, name, { firstOnly: true });
        out.push({ source: name, page: p, frame: r.frames[0]!, png: img.png, pointsPerPixel: img.pointWidth / img.width });
      }
    } finally {
      await pdf.close();
    }
    return out;
  }
  const bytes = await readSourceFile(input, name);
  ctx.emit({ type: 'ocr-progress', message: `${name}: OCR`, done: 0, total: 1 });
  const r = await host.ocrImage(bytes, name, { wantPng: opts.wantPng === true });
  for (const f of r.frames) {
    if (opts.pages && !opts.pages.includes(f.index)) continue;
    out.push({ source: name, page: f.index, frame: f, ...(f.png ? { png: f.png } : {}) });
  }
  ctx.emit({ type: 'ocr-progress', message: `${name}: OCR`, done: 1, total: 1 });
  return out;
}
