// Shared by the tools that look at pages: find a source, a page, its image or a region of it, and
// the one box system the model sees (0–1000 of the page).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { z } from 'zod';
import type { SourceDocument } from '../../ingest/types.js';
import { renderPdfPages } from '../../ingest/render.js';
import { encodeCanvas } from '../../models/raster/encode.js';
import { loadImageSafe } from '../../models/raster/safe-load.js';
import { toSourceBox } from '../../providers/grounding.js';
import type { ResearchState } from '../state.js';
import { Box4, Page, PlanRef, SourceId, ToolError, type ToolContext } from './context.js';

export function docOf(ctx: ToolContext, id: string): SourceDocument {
  const d = ctx.docs.get(id);
  if (!d) throw new ToolError(`no source "${id}" (sources: ${[...ctx.docs.keys()].join(', ')})`);
  return d;
}

export function pageOf(doc: SourceDocument, page: number): SourceDocument['pages'][number] {
  const p = doc.pages.find((x) => x.index === page);
  if (!p) throw new ToolError(`${doc.file} has no page ${page} (it has ${doc.pageCount})`);
  return p;
}

export function squash(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export function nextId(prefix: string, existing: readonly { id: string }[]): string {
  let n = existing.length + 1;
  const taken = new Set(existing.map((e) => e.id));
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

export function sourceOf(ctx: ToolContext, id: string): ResearchState['sources'][number] {
  const s = ctx.state.sources.find((x) => x.id === id);
  if (!s) throw new ToolError(`no source "${id}"`);
  return s;
}

export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
}

/** The page image of a source: rendered from the PDF, or the image itself for image sources. */
export async function pageImage(ctx: ToolContext, sourceId: string, page: number): Promise<{ rel: string; width: number; height: number; pointWidth: number; pointHeight: number } | null> {
  const src = sourceOf(ctx, sourceId);
  const doc = docOf(ctx, sourceId);
  const p = pageOf(doc, page);
  const rel = path.join('images', `${sourceId}-p${page}.png`);
  const abs = path.join(ctx.runDir, rel);
  if (src.kind === 'pdf') {
    // A PDF read from a URL has no local file to render pages from; its text is still there.
    if (!src.path || /^https?:/i.test(src.path)) return null;
    const [img] = await renderPdfPages(src.path, [page], { dpi: 110, maxSide: 1800, signal: ctx.signal });
    if (!img) return null;
    await ensureDir(path.dirname(abs));
    await writeFile(abs, img.png);
    return { rel, width: img.width, height: img.height, pointWidth: img.pointWidth, pointHeight: img.pointHeight };
  }
  if (src.kind === 'image') {
    const file = src.path;
    if (!file) return null;
    const bytes = await readFile(file);
    // The source's own file: decoded out of process unless it is a checksummed PNG (corrupt data can crash the decoder).
    const { image: im, width, height } = await loadImageSafe(bytes, path.basename(file));
    const c = createCanvas(width, height);
    c.getContext('2d').drawImage(im, 0, 0, width, height);
    await ensureDir(path.dirname(abs));
    await writeFile(abs, await encodeCanvas(c, 'png'));
    return { rel, width, height, pointWidth: p.width, pointHeight: p.height };
  }
  return null;
}

/** A region of a page as PNG, rendered at `dpi` (PDF) or cut from the image (image sources). */
export async function regionPng(ctx: ToolContext, sourceId: string, page: number, bbox: [number, number, number, number], dpi: number): Promise<{ png: Uint8Array; width: number; height: number; sx: number; sy: number }> {
  const src = sourceOf(ctx, sourceId);
  const doc = docOf(ctx, sourceId);
  const p = pageOf(doc, page);
  let full: Awaited<ReturnType<typeof loadImage>>;
  let sx: number;
  let sy: number;
  if (src.kind === 'pdf' && src.path && !/^https?:/i.test(src.path)) {
    const [img] = await renderPdfPages(src.path, [page], { dpi, maxSide: 6000, signal: ctx.signal });
    if (!img) throw new ToolError(`${doc.file}: page ${page} could not be rendered`);
    full = await loadImage(Buffer.from(img.png));
    sx = img.width / img.pointWidth;
    sy = img.height / img.pointHeight;
  } else if (src.kind === 'image' && src.path) {
    full = (await loadImageSafe(await readFile(src.path), path.basename(src.path))).image;
    sx = full.width / p.width;
    sy = full.height / p.height;
  } else {
    throw new ToolError(`${doc.file} has no page image to cut a region from`);
  }
  const w = Math.max(1, Math.round((bbox[2] - bbox[0]) * sx));
  const h = Math.max(1, Math.round((bbox[3] - bbox[1]) * sy));
  const c = createCanvas(w, h);
  const g = c.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, w, h);
  g.drawImage(full, bbox[0] * sx, bbox[1] * sy, w, h, 0, 0, w, h);
  return { png: await encodeCanvas(c, 'png'), width: w, height: h, sx, sy };
}

/** A region of a page, as crop_image and ocr_region take it. */
export const RegionArgs = z.object({ sourceId: SourceId, page: Page, box: Box4, units: z.enum(['norm1000', 'points']).default('norm1000'), planItem: PlanRef });

export function regionOf(ctx: ToolContext, args: z.infer<typeof RegionArgs>): { doc: SourceDocument; bbox: [number, number, number, number] } {
  const doc = docOf(ctx, args.sourceId);
  const p = pageOf(doc, args.page);
  const bbox = toPoints(args.box, args.units, p.width, p.height);
  if (bbox[2] - bbox[0] < 2 || bbox[3] - bbox[1] < 2) throw new ToolError('the box is empty');
  return { doc, bbox };
}

/** PDF points (or pixels) → 0–1000 of the page, rounded: the one box system the model sees. */
export function norm1000(b: readonly number[], width: number, height: number): [number, number, number, number] {
  const r = (v: number, d: number): number => Math.max(0, Math.min(1000, Math.round((v / Math.max(d, 1e-9)) * 1000)));
  return [r(b[0] ?? 0, width), r(b[1] ?? 0, height), r(b[2] ?? 0, width), r(b[3] ?? 0, height)];
}

export function toPoints(box: number[], units: 'norm1000' | 'points', width: number, height: number): [number, number, number, number] {
  const [a = 0, b = 0, c = 0, d = 0] = box;
  const b4: [number, number, number, number] = [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
  if (units === 'norm1000') {
    if (b4.some((v) => v < 0 || v > 1000)) throw new ToolError('a norm1000 box has coordinates 0–1000');
    return toSourceBox(b4, width, height);
  }
  return [Math.max(0, b4[0]), Math.max(0, b4[1]), Math.min(width, b4[2]), Math.min(height, b4[3])];
}
