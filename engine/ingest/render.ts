// Page images for readers that look at pages (OCR, the agent's read_page, the app's page viewer).
import path from 'node:path';
import { SourceError, UserInputError } from '../errors.js';
import { readSourceFile } from './source-file.js';

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

/** An open PDF whose pages can be rendered one by one (open once, render many, then close). */
export interface PdfPages {
  pageCount: number;
  render(page: number, opts?: RenderOptions): Promise<PageImage>;
  close(): Promise<void>;
}

export async function openPdfPages(file: string): Promise<PdfPages> {
  const name = path.basename(file);
  // pdf.js loads into this thread only when a page is to be shown: it costs ~0.2-0.3 s and ~60 MB,
  // and most importers of this module (the agent's tools, the OCR command) may never render.
  const { PdfHandle } = await import('./pdf/pdfjs.js');
  const pdf = await PdfHandle.open(await readSourceFile(file, name), name);
  const n = pdf.doc.numPages;
  return {
    pageCount: n,
    async render(p, opts = {}) {
      opts.signal?.throwIfAborted();
      if (!Number.isInteger(p) || p < 1 || p > n) throw new SourceError(name, `page ${p} does not exist (the document has ${n} pages)`);
      const page = await pdf.doc.getPage(p);
      const [vx0, vy0, vx1, vy1] = page.view as [number, number, number, number];
      const w = vx1 - vx0;
      const h = vy1 - vy0;
      page.cleanup();
      const r = await pdf.renderRegion(p, [0, 0, w, h], opts.dpi ?? 144, opts.maxSide ?? 4000);
      return { page: p, png: r.png, width: r.width, height: r.height, pointWidth: w, pointHeight: h };
    },
    close: () => pdf.close(),
  };
}

/** Opens a PDF once and renders the given 1-based pages to PNG, in order. */
export async function renderPdfPages(file: string, pages: number[], opts: RenderOptions = {}): Promise<PageImage[]> {
  const pdf = await openPdfPages(file);
  try {
    const out: PageImage[] = [];
    for (const p of pages) out.push(await pdf.render(p, opts));
    return out;
  } finally {
    await pdf.close();
  }
}

/** "1-3,5" → [1, 2, 3, 5]; undefined, "" or "all" → null (every page). */
export function parsePageList(spec: string | undefined): number[] | null {
  if (spec === undefined || spec === '' || spec === 'all') return null;
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new UserInputError(`--pages must look like 1-3,5 (got ${spec})`);
    const a = Number(m[1]);
    const b = m[2] !== undefined ? Number(m[2]) : a;
    if (a < 1 || b < a || b - a > 10_000) throw new UserInputError(`--pages: bad page range ${part.trim()}`);
    for (let p = a; p <= b; p++) out.add(p);
  }
  return [...out].sort((x, y) => x - y);
}
