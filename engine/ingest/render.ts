// Page images for readers that look at pages (OCR, the agent's read_page, the app's page viewer).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SourceError } from '../errors.js';
import { PdfHandle } from './pdf/pdfjs.js';

export interface PageImage {
  /** 1-based page number. */
  page: number;
  png: Uint8Array;
  width: number;
  height: number;
  /** Page size in PDF points, so pixel boxes can be mapped back (x_pt = x_px * pointWidth / width). */
  pointWidth: number;
  pointHeight: number;
}

export interface RenderOptions {
  /** Resolution (default 144). */
  dpi?: number;
  /** Longest side in pixels at most (default 4000). */
  maxSide?: number;
  signal?: AbortSignal;
}

/** Opens a PDF once and renders the given 1-based pages to PNG, in order. */
export async function renderPdfPages(file: string, pages: number[], opts: RenderOptions = {}): Promise<PageImage[]> {
  const name = path.basename(file);
  let data: Uint8Array;
  try {
    data = new Uint8Array(await readFile(file));
  } catch (err) {
    throw new SourceError(name, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'cannot be read', { cause: err });
  }
  const pdf = await PdfHandle.open(data, name);
  try {
    const out: PageImage[] = [];
    const n = pdf.doc.numPages;
    for (const p of pages) {
      opts.signal?.throwIfAborted();
      if (!Number.isInteger(p) || p < 1 || p > n) throw new SourceError(name, `page ${p} does not exist (the document has ${n} pages)`);
      const page = await pdf.doc.getPage(p);
      const [vx0, vy0, vx1, vy1] = page.view as [number, number, number, number];
      const w = vx1 - vx0;
      const h = vy1 - vy0;
      page.cleanup();
      const r = await pdf.renderRegion(p, [0, 0, w, h], opts.dpi ?? 144, opts.maxSide ?? 4000);
      out.push({ page: p, png: r.png, width: r.width, height: r.height, pointWidth: w, pointHeight: h });
    }
    return out;
  } finally {
    await pdf.close();
  }
}
