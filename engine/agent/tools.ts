// The tools the research agent can call. Each has a zod schema (its JSON Schema is what the model
// sees) and a run function that reads sources and changes the draft state of the current step.
// Tool failures the model can act on are ToolErrors: they go back to the model as the tool's answer.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { z } from 'zod';
import { AbortedError, FolioError } from '../errors.js';
import * as ingest from '../ingest/index.js';
import { renderPdfPages } from '../ingest/render.js';
import { ocrModelsPresent, sharedModelHost } from '../models/host.js';
import { loadImageSafe } from '../models/raster/safe-load.js';
import type { SourceDocument } from '../ingest/types.js';
import { toSourceBox } from '../providers/grounding.js';
import type { ToolSpec } from '../providers/types.js';
import type { WebSearchProvider } from '../providers/web-search.js';
import { type SourceIndex, mentionedLabels } from '../search/index.js';
import type { RunEvent } from './events.js';
import type { PlanItem, ResearchState } from './state.js';
import { encodeCanvas } from '../models/raster/encode.js';

export class ToolError extends Error {}

/** A pluggable web search; none is configured by default. */
export type { WebSearchProvider } from '../providers/web-search.js';

type EventBody<T extends RunEvent['type']> = Omit<Extract<RunEvent, { type: T }>, 'runId' | 'step' | 't'>;

export interface ToolContext {
  state: ResearchState;
  docs: Map<string, SourceDocument>;
  index: SourceIndex;
  runDir: string;
  signal: AbortSignal;
  step: number;
  webSearch?: WebSearchProvider;
  emit: <T extends RunEvent['type']>(type: T, body: Omit<EventBody<T>, 'type'>) => void;
}

export interface ToolImage {
  /** PNG path, relative to the run folder or absolute. */
  path: string;
  label: string;
}

export interface ToolOutput {
  result: unknown;
  images?: ToolImage[];
  /** One line for the trace. */
  summary: string;
}

interface ToolDef<S extends z.ZodType, N extends string = string> {
  name: N;
  description: string;
  schema: S;
  run(args: z.infer<S>, ctx: ToolContext): Promise<ToolOutput>;
}

/** Keeps the tool's name as a literal, so ToolName is the union of the names and a stop condition is checked against it. */
function tool<S extends z.ZodType, N extends string>(def: ToolDef<S, N>): ToolDef<S, N> {
  return def;
}

const Box4 = z.array(z.number()).length(4);
const SourceId = z.string().describe('Source id from list_sources');
const Page = z.number().int().min(1).describe('1-based page number');
const PlanRef = z.string().optional().describe('Id of the plan item this call serves');

// ——— helpers ———

function docOf(ctx: ToolContext, id: string): SourceDocument {
  const d = ctx.docs.get(id);
  if (!d) throw new ToolError(`no source "${id}" (sources: ${[...ctx.docs.keys()].join(', ')})`);
  return d;
}

function pageOf(doc: SourceDocument, page: number): SourceDocument['pages'][number] {
  const p = doc.pages.find((x) => x.index === page);
  if (!p) throw new ToolError(`${doc.file} has no page ${page} (it has ${doc.pageCount})`);
  return p;
}

function squash(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

function nextId(prefix: string, existing: readonly { id: string }[]): string {
  let n = existing.length + 1;
  const taken = new Set(existing.map((e) => e.id));
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

function sourceOf(ctx: ToolContext, id: string): ResearchState['sources'][number] {
  const s = ctx.state.sources.find((x) => x.id === id);
  if (!s) throw new ToolError(`no source "${id}"`);
  return s;
}

async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
}

/** The page image of a source: rendered from the PDF, or the image itself for image sources. */
async function pageImage(ctx: ToolContext, sourceId: string, page: number): Promise<{ rel: string; width: number; height: number; pointWidth: number; pointHeight: number } | null> {
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
async function regionPng(ctx: ToolContext, sourceId: string, page: number, bbox: [number, number, number, number], dpi: number): Promise<{ png: Uint8Array; width: number; height: number; sx: number; sy: number }> {
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
const RegionArgs = z.object({ sourceId: SourceId, page: Page, box: Box4, units: z.enum(['norm1000', 'points']).default('norm1000'), planItem: PlanRef });

function regionOf(ctx: ToolContext, args: z.infer<typeof RegionArgs>): { doc: SourceDocument; bbox: [number, number, number, number] } {
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

function toPoints(box: number[], units: 'norm1000' | 'points', width: number, height: number): [number, number, number, number] {
  const [a = 0, b = 0, c = 0, d = 0] = box;
  const b4: [number, number, number, number] = [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
  if (units === 'norm1000') {
    if (b4.some((v) => v < 0 || v > 1000)) throw new ToolError('a norm1000 box has coordinates 0–1000');
    return toSourceBox(b4, width, height);
  }
  return [Math.max(0, b4[0]), Math.max(0, b4[1]), Math.min(width, b4[2]), Math.min(height, b4[3])];
}

// ——— tools ———

const listSources = tool({
  name: 'list_sources',
  description: 'List the sources of this run: ids, titles, page counts, section trees, figures and tables with captions.',
  schema: z.object({}),
  async run(_args, ctx) {
    const result = ctx.state.sources.map((s) => {
      const d = docOf(ctx, s.id);
      return {
        id: s.id,
        title: s.title,
        kind: s.kind,
        file: s.file,
        pages: d.pageCount,
        ...(d.abstract ? { abstract: d.abstract.slice(0, 600) } : {}),
        sections: d.sections.map((x) => ({ title: x.title, ...(x.number ? { number: x.number } : {}), level: x.level, page: x.page })),
        figures: d.figures.map((f) => ({ ref: f.id, label: f.label, page: f.page, caption: f.caption.slice(0, 160) })),
        tables: d.tables.map((t) => ({ ref: t.id, label: t.label, page: t.page, caption: t.caption.slice(0, 160) })),
      };
    });
    return { result: { sources: result }, summary: `${result.length} source${result.length === 1 ? '' : 's'}` };
  },
});

const PlanInput = z.object({
  id: z.string().optional().describe('Existing item id to update; omit to add a new item'),
  title: z.string().min(1),
  question: z.string().optional(),
  kind: z.enum(['section', 'question']).default('question'),
  status: z.enum(['open', 'done', 'dropped']).default('open'),
  why: z.string().optional().describe('Why the item was added, finished or dropped'),
  sourceIds: z.array(z.string()).optional(),
  section: z.string().optional().describe('For section items: the source section it covers'),
});

const updatePlan = tool({
  name: 'update_plan',
  description: 'Add plan items (sections of the eventual report, or questions to answer) or change their status (open, done, dropped, with why).',
  schema: z.object({ items: z.array(PlanInput).min(1) }),
  async run(args, ctx) {
    const plan = ctx.state.plan.items;
    for (const it of args.items) {
      const existing = it.id ? plan.find((p) => p.id === it.id) : undefined;
      if (existing) {
        existing.title = it.title;
        existing.status = it.status;
        existing.kind = it.kind;
        if (it.question !== undefined) existing.question = it.question;
        if (it.why !== undefined) existing.why = it.why;
        if (it.sourceIds !== undefined) existing.sourceIds = it.sourceIds;
        if (it.section !== undefined) existing.section = it.section;
      } else {
        const item: PlanItem = {
          id: it.id ?? nextId('p', plan),
          title: it.title,
          kind: it.kind,
          status: it.status,
          ...(it.question !== undefined ? { question: it.question } : {}),
          ...(it.why !== undefined ? { why: it.why } : {}),
          ...(it.sourceIds !== undefined ? { sourceIds: it.sourceIds } : {}),
          ...(it.section !== undefined ? { section: it.section } : {}),
        };
        plan.push(item);
      }
    }
    const done = plan.filter((p) => p.status !== 'open').length;
    ctx.emit('plan', { message: `plan: ${done}/${plan.length} items done`, items: plan.map((p) => ({ ...p })) });
    return { result: { plan: plan.map((p) => ({ id: p.id, title: p.title, status: p.status })) }, summary: `${plan.length} items, ${done} done` };
  },
});

const searchSources = tool({
  name: 'search_sources',
  description: 'Ranked passages (BM25 over text blocks and captions) and the figures/tables that match by caption or are mentioned in those passages.',
  schema: z.object({
    query: z.string().min(1),
    sourceId: z.string().optional(),
    section: z.string().optional().describe('Only this section (title, with or without its number) and its subsections'),
    type: z.enum(['code']).optional().describe('Only code listings (the commands a how-to question asks for)'),
    k: z.number().int().min(1).max(30).default(8),
    planItem: PlanRef,
  }),
  async run(args, ctx) {
    if (args.sourceId) docOf(ctx, args.sourceId);
    const scope = { ...(args.sourceId ? { sourceId: args.sourceId } : {}), ...(args.section ? { section: args.section } : {}) };
    const passages = ctx.index.search(args.query, { k: args.k, ...scope, ...(args.type ? { type: args.type } : {}) });
    const wide = ctx.index.search(args.query, { k: 25, ...scope });
    const visuals = ctx.index.searchVisuals(args.query, { k: 6, passages: wide, ...(args.sourceId ? { sourceId: args.sourceId } : {}) });
    return {
      result: {
        passages: passages.map((p) => ({
          sourceId: p.sourceId,
          page: p.page,
          blockId: p.blockId,
          type: p.type,
          ...(p.section ? { section: p.section } : {}),
          ...(p.sectionPath && p.sectionPath.length > 1 ? { topSection: p.sectionPath[0] } : {}),
          text: p.text.length > 1200 ? `${p.text.slice(0, 1200)}…` : p.text,
          score: Math.round(p.score * 100) / 100,
          ...(mentionedLabels(p.text).length ? { mentions: mentionedLabels(p.text) } : {}),
        })),
        visuals: visuals.map((v) => ({
          sourceId: v.sourceId,
          ref: v.ref,
          kind: v.kind,
          label: v.label,
          page: v.page,
          caption: v.caption.slice(0, 300),
          score: Math.round(v.score * 100) / 100,
          mentionedOnPages: [...new Set(v.mentionedIn.map((m) => m.page))],
        })),
      },
      summary: `${passages.length} passages, ${visuals.length} figures/tables for "${args.query.slice(0, 60)}"`,
    };
  },
});

const readPage = tool({
  name: 'read_page',
  description: 'Read one page: its text blocks (ids, types, boxes in 0–1000 of the page) and the page image. Figures and tables on the page are listed with their boxes.',
  schema: z.object({ sourceId: SourceId, page: Page, image: z.boolean().default(true).describe('Attach the page image'), planItem: PlanRef }),
  async run(args, ctx) {
    const doc = docOf(ctx, args.sourceId);
    const p = pageOf(doc, args.page);
    const img = args.image ? await pageImage(ctx, args.sourceId, args.page) : null;
    const figures = [...doc.figures, ...doc.tables].filter((f) => f.page === args.page);
    ctx.emit('read', { message: `read ${doc.file} p. ${args.page}`, sourceId: args.sourceId, pages: [args.page], figures: figures.map((f) => f.id) });
    return {
      result: {
        sourceId: args.sourceId,
        page: args.page,
        // Boxes toward the model are 0–1000 of the page, the same system crop_image and select_visual take.
        boxes: '0-1000 of the page',
        blocks: p.blocks.filter((b) => b.type !== 'header' && b.type !== 'footer').map((b) => ({ id: b.id, type: b.type, box: norm1000(b.bbox, p.width, p.height), text: b.text })),
        figures: figures.map((f) => ({ ref: f.id, label: f.label, caption: f.caption.slice(0, 300), box: norm1000(f.bbox, p.width, p.height) })),
        ...(img ? {} : { image: 'no page image for this source' }),
      },
      ...(img ? { images: [{ path: img.rel, label: `${doc.file} page ${args.page}` }] } : {}),
      summary: `${doc.file} p. ${args.page}: ${p.blocks.length} blocks${img ? ' + image' : ''}`,
    };
  },
});

const viewFigure = tool({
  name: 'view_figure',
  description: 'Look at a figure or table by its ref (from list_sources or search_sources), or re-open a chosen visual by visualId: caption, table cells, image.',
  schema: z.object({ sourceId: z.string().optional(), ref: z.string().optional(), visualId: z.string().optional(), planItem: PlanRef }),
  async run(args, ctx) {
    let sourceId = args.sourceId;
    let ref = args.ref;
    if (args.visualId) {
      const v = ctx.state.visuals.find((x) => x.id === args.visualId);
      if (!v) throw new ToolError(`no visual "${args.visualId}"`);
      if (v.kind === 'crop') {
        ctx.emit('read', { message: `re-opened ${v.id}`, sourceId: v.sourceId, pages: [v.page], figures: [] });
        return { result: { visual: v }, ...(v.image ? { images: [{ path: v.image, label: `${v.id} (crop of ${v.sourceId} p. ${v.page})` }] } : {}), summary: `crop ${v.id}` };
      }
      sourceId = v.sourceId;
      ref = v.ref;
    }
    if (!sourceId || !ref) throw new ToolError('give sourceId and ref, or visualId');
    const doc = docOf(ctx, sourceId);
    const fig = doc.figures.find((f) => f.id === ref || f.label === ref);
    const tab = doc.tables.find((t) => t.id === ref || t.label === ref);
    const item = fig ?? tab;
    if (!item) throw new ToolError(`${doc.file} has no figure or table "${ref}"`);
    ctx.emit('read', { message: `looked at ${item.label} of ${doc.file}`, sourceId, pages: [item.page], figures: [item.id] });
    const src = sourceOf(ctx, sourceId);
    const images = item.asset ? [{ path: path.join(src.docDir, item.asset), label: `${item.label} of ${doc.file}` }] : [];
    return {
      result: {
        sourceId,
        ref: item.id,
        label: item.label,
        page: item.page,
        box: norm1000(item.bbox, pageOf(doc, item.page).width, pageOf(doc, item.page).height),
        caption: item.caption,
        ...(tab ? { rows: tab.rows.slice(0, 40) } : {}),
        ...(images.length ? {} : { image: 'no image rendered for this item' }),
      },
      images,
      summary: `${item.label} (${doc.file} p. ${item.page})`,
    };
  },
});

const cropImage = tool({
  name: 'crop_image',
  description: 'Cut a region out of a page as an image (to look closer or to keep as a visual). Box [x0,y0,x1,y1] in 0–1000 normalised page coordinates (as grounding models emit) or in PDF points.',
  schema: RegionArgs,
  async run(args, ctx) {
    const { doc, bbox } = regionOf(ctx, args);
    const { png, width: w, height: h } = await regionPng(ctx, args.sourceId, args.page, bbox, 144);
    const id = nextId('crop', ctx.state.crops);
    const rel = path.join('crops', `${id}.png`);
    await ensureDir(path.join(ctx.runDir, 'crops'));
    await writeFile(path.join(ctx.runDir, rel), png);
    ctx.state.crops.push({ id, sourceId: args.sourceId, page: args.page, bbox, image: rel });
    ctx.emit('read', { message: `cropped ${doc.file} p. ${args.page}`, sourceId: args.sourceId, pages: [args.page], figures: [] });
    const pg = pageOf(doc, args.page);
    return { result: { cropId: id, page: args.page, box: norm1000(bbox, pg.width, pg.height), size: [w, h] }, images: [{ path: rel, label: `${id} (${doc.file} p. ${args.page})` }], summary: `${id}: ${w}×${h} px` };
  },
});

const ocrRegion = tool({
  name: 'ocr_region',
  description: 'Recognise the text in a region of a page (scans, text inside figures and charts): lines with boxes in points.',
  schema: RegionArgs,
  async run(args, ctx) {
    const { doc, bbox } = regionOf(ctx, args);
    if (!(await ocrModelsPresent())) throw new ToolError('OCR engine not available: no OCR models are installed (see folio doctor)');
    // 200 dpi: small print in figures is still several pixels high for the recogniser.
    const region = await regionPng(ctx, args.sourceId, args.page, bbox, 200);
    ctx.signal.throwIfAborted();
    const r = await sharedModelHost().ocrImage(region.png, `${doc.file} p. ${args.page}`, { firstOnly: true });
    const frame = r.frames[0];
    const lines = (frame?.result.lines ?? []).map((l) => ({
      text: l.text,
      confidence: Math.round(l.confidence * 100) / 100,
      bbox: [l.bbox[0] / region.sx + bbox[0], l.bbox[1] / region.sy + bbox[1], l.bbox[2] / region.sx + bbox[0], l.bbox[3] / region.sy + bbox[1]].map((v) => Math.round(v * 10) / 10),
    }));
    ctx.emit('read', { message: `OCR ${doc.file} p. ${args.page}`, sourceId: args.sourceId, pages: [args.page], figures: [] });
    return { result: { sourceId: args.sourceId, page: args.page, bbox, text: frame?.result.text ?? '', lines }, summary: `${lines.length} lines read by OCR` };
  },
});

const addNote = tool({
  name: 'add_note',
  description: 'Record a finding with its evidence. Every quote must be exact text from the cited page of the cited source (checked).',
  schema: z.object({
    text: z.string().min(1).describe('The finding, in your words or quoted'),
    planItem: PlanRef,
    evidence: z
      .array(z.object({ sourceId: SourceId, page: Page, quote: z.string().min(3), blockId: z.string().optional() }))
      .min(1),
  }),
  async run(args, ctx) {
    const evidence = args.evidence.map((e) => {
      const doc = docOf(ctx, e.sourceId);
      const p = pageOf(doc, e.page);
      const q = squash(e.quote);
      const block = p.blocks.find((b) => (e.blockId === undefined || b.id === e.blockId) && squash(b.text).includes(q)) ?? p.blocks.find((b) => squash(b.text).includes(q));
      if (!block && !squash(p.blocks.map((b) => b.text).join(' ')).includes(q)) {
        throw new ToolError(`quote not found on page ${e.page} of ${doc.file}: "${e.quote.slice(0, 80)}" (quote the page text exactly)`);
      }
      return { sourceId: e.sourceId, page: e.page, quote: e.quote, ...(block ? { blockId: block.id, bbox: block.bbox } : {}) };
    });
    if (args.planItem && !ctx.state.plan.items.some((p) => p.id === args.planItem)) throw new ToolError(`no plan item "${args.planItem}"`);
    const id = nextId('n', ctx.state.notes);
    ctx.state.notes.push({ id, text: args.text, ...(args.planItem ? { planItem: args.planItem } : {}), evidence, step: ctx.step });
    return { result: { noteId: id }, summary: `${id}: ${args.text.slice(0, 60)}` };
  },
});

const selectVisual = tool({
  name: 'select_visual',
  description: 'Choose a figure or table (by ref) or a crop (by cropId, or page + box) as evidence to show, saying why.',
  schema: z.object({
    sourceId: z.string().optional(),
    ref: z.string().optional(),
    cropId: z.string().optional(),
    page: z.number().int().min(1).optional(),
    box: Box4.optional(),
    units: z.enum(['norm1000', 'points']).default('norm1000'),
    why: z.string().min(1),
    planItem: PlanRef,
  }),
  async run(args, ctx) {
    const id = nextId('v', ctx.state.visuals);
    const plan = args.planItem ? { planItem: args.planItem } : {};
    if (args.cropId) {
      const c = ctx.state.crops.find((x) => x.id === args.cropId);
      if (!c) throw new ToolError(`no crop "${args.cropId}"`);
      ctx.state.visuals.push({ id, sourceId: c.sourceId, kind: 'crop', page: c.page, bbox: c.bbox, image: c.image, why: args.why, ...plan });
      return { result: { visualId: id }, summary: `${id}: ${c.id}` };
    }
    if (!args.sourceId) throw new ToolError('give sourceId with ref (or page + box), or cropId');
    const doc = docOf(ctx, args.sourceId);
    if (args.ref) {
      const fig = doc.figures.find((f) => f.id === args.ref || f.label === args.ref);
      const tab = doc.tables.find((t) => t.id === args.ref || t.label === args.ref);
      const item = fig ?? tab;
      if (!item) throw new ToolError(`${doc.file} has no figure or table "${args.ref}"`);
      const dup = ctx.state.visuals.find((v) => v.sourceId === args.sourceId && v.ref === item.id);
      if (dup) return { result: { visualId: dup.id, note: 'already selected' }, summary: `${dup.id} (already selected)` };
      ctx.state.visuals.push({ id, sourceId: args.sourceId, kind: fig ? 'figure' : 'table', ref: item.id, label: item.label, caption: item.caption, page: item.page, bbox: item.bbox, why: args.why, ...plan });
      return { result: { visualId: id }, summary: `${id}: ${item.label} of ${doc.file}` };
    }
    if (args.page && args.box) {
      const p = pageOf(doc, args.page);
      const bbox = toPoints(args.box, args.units, p.width, p.height);
      // A region chosen by page + box gets its crop now, so the writer and the outputs have an image of it.
      let image: string | undefined;
      try {
        const { png } = await regionPng(ctx, args.sourceId, args.page, bbox, 144);
        image = path.join('crops', `${id}.png`);
        await ensureDir(path.join(ctx.runDir, 'crops'));
        await writeFile(path.join(ctx.runDir, image), png);
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        image = undefined;
      }
      ctx.state.visuals.push({ id, sourceId: args.sourceId, kind: 'crop', page: args.page, bbox, ...(image ? { image } : {}), why: args.why, ...plan });
      return { result: { visualId: id, box: norm1000(bbox, p.width, p.height), ...(image ? {} : { image: 'no page image for this source: the visual has no picture' }) }, summary: `${id}: region of ${doc.file} p. ${args.page}` };
    }
    throw new ToolError('give ref, cropId, or page + box');
  },
});

async function webIngest(url: string, ctx: ToolContext): Promise<ToolOutput> {
  if (!ctx.state.network) throw new ToolError('network access is off for this run (start it with --network to read web pages)');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ToolError(`not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ToolError('only http(s) URLs can be opened');
  const known = ctx.state.sources.find((s) => s.file === url || s.path === url);
  if (known) return { result: { sourceId: known.id, title: known.title, note: 'already a source of this run' }, summary: `${url}: already source ${known.id}` };
  const r = await ingest.ingestUrl(url, { signal: ctx.signal, network: true });
  let id = r.doc.id;
  while (ctx.docs.has(id)) id = `${r.doc.id}-${ctx.docs.size + 1}`;
  r.doc.id = id;
  const docDir = await ingest.writeDocumentFolder(path.join(ctx.runDir, 'sources'), r.doc, r.assets);
  ctx.docs.set(id, r.doc);
  ctx.state.sources.push({ id, title: r.doc.title, kind: r.doc.kind, file: r.doc.file, docDir, path: url, pageCount: r.doc.pageCount });
  ctx.index.add(r.doc);
  ctx.emit('read', { message: `read ${url}`, sourceId: id, pages: r.doc.pages.map((p) => p.index), figures: [] });
  return { result: { sourceId: id, title: r.doc.title, pages: r.doc.pageCount, text: ingest.documentToMarkdown(r.doc).slice(0, 6000) }, summary: `${url} → source ${id}` };
}

const readWebpage = tool({
  name: 'read_webpage',
  description: 'Read a web page and add it as a source (only when the run allows network access).',
  schema: z.object({ url: z.string() }),
  run: (args, ctx) => webIngest(args.url, ctx),
});

const openUrl = tool({
  name: 'open_url',
  description: 'Open a URL found in a source or a search result and add it as a source (network runs only).',
  schema: z.object({ url: z.string() }),
  run: (args, ctx) => webIngest(args.url, ctx),
});

const webSearch = tool({
  name: 'web_search',
  description: 'Search the web (only when network access is allowed and a search provider is configured).',
  schema: z.object({ query: z.string().min(1), k: z.number().int().min(1).max(10).default(5) }),
  async run(args, ctx) {
    if (!ctx.state.network) throw new ToolError('network access is off for this run (start it with --network)');
    if (!ctx.webSearch) throw new ToolError('no web search provider is configured; use read_webpage with a known URL instead');
    ctx.emit('notice', { message: `web search (${ctx.webSearch.name}): ${args.query.slice(0, 120)}` });
    const hits = await ctx.webSearch.search(args.query, { signal: ctx.signal, k: args.k });
    return { result: { results: hits }, summary: `${hits.length} web results (${ctx.webSearch.name})` };
  },
});

const finish = tool({
  name: 'finish',
  description: 'End the research: a short summary of what was found (name the notes it rests on as [n1][n2]), and the questions left open.',
  schema: z.object({ summary: z.string().min(1), openQuestions: z.array(z.string()).default([]) }),
  async run(args, ctx) {
    ctx.state.summary = args.summary;
    for (const q of args.openQuestions) if (!ctx.state.openQuestions.includes(q)) ctx.state.openQuestions.push(q);
    return { result: { ok: true }, summary: 'finished' };
  },
});

const ALL = [listSources, updatePlan, searchSources, readPage, viewFigure, cropImage, ocrRegion, addNote, selectVisual, readWebpage, openUrl, webSearch, finish] as const;
/** The agent's tools by name: `hasToolCall('finsh')` is a type error. */
export type ToolName = (typeof ALL)[number]['name'];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a heterogeneous registry; each entry is checked by its own schema
const TOOLS = new Map<string, ToolDef<any, ToolName>>(ALL.map((t) => [t.name, t]));
/** Tools that reach the internet: offered only with the network on. */
const WEB_TOOLS: ReadonlySet<ToolName> = new Set(['read_webpage', 'open_url', 'web_search']);

export function toolSpecs(opts: { network: boolean }): ToolSpec[] {
  return ALL.filter((t) => opts.network || !WEB_TOOLS.has(t.name)).map((t) => {
    const schema = z.toJSONSchema(t.schema, { io: 'input' }) as Record<string, unknown>;
    delete schema.$schema;
    return { name: t.name, description: t.description, parameters: schema };
  });
}

export type ToolCallOutcome = { ok: true; output: ToolOutput } | { ok: false; error: string };

/** Runs one tool call. Model mistakes come back as { ok: false } for the model to read; a cancel throws. */
export async function runTool(name: string, args: Record<string, unknown>, ctx: ToolContext): Promise<ToolCallOutcome> {
  const t = TOOLS.get(name);
  if (!t) return { ok: false, error: `unknown tool "${name}" (tools: ${ALL.map((x) => x.name).join(', ')})` };
  const parsed = t.schema.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `invalid arguments for ${name}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}` };
  }
  try {
    return { ok: true, output: await t.run(parsed.data, ctx) };
  } catch (err) {
    if (err instanceof AbortedError || ctx.signal.aborted) throw err instanceof AbortedError ? err : new AbortedError();
    if (err instanceof ToolError || err instanceof FolioError) return { ok: false, error: err.message };
    // An unexpected failure inside a tool is reported to the model and in the trace, not swallowed.
    return { ok: false, error: `${name} failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}
