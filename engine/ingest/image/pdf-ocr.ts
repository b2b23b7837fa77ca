// OCR of PDF pages without a usable text layer (textLayer "none" or "suspect"): each such page is
// rendered, read by the model host, and its text blocks are replaced by OCR blocks (textSource
// "ocr", with confidence) in PDF points. Figures and tables found on the page are kept.
import { AbortedError, FolioError } from '../../errors.js';
import { ocrModelsPresent, sharedModelHost, type ModelHost } from '../../models/host.js';
import type { OcrFrame } from '../../models/host-protocol.js';
import type { PageCheckpoint } from '../journal.js';
import type { BBox, SourceDocument } from '../types.js';
import { ocrBlocks } from './ocr-blocks.js';
import { markOcrFurniture } from './ocr-furniture.js';

export interface PdfOcrOptions {
  file: string;
  /** Render resolution for OCR (default 200 dpi: scans are usually 200–300 dpi). */
  dpi?: number;
  /** true: OCR even if the models look absent (and say why it failed); undefined: only when present. */
  explicit?: boolean;
  host?: ModelHost;
  signal?: AbortSignal;
  /** Time for OCR of the whole document; pages left when it runs out keep their text layer, with a warning. */
  budgetMs?: number;
  onProgress?: (done: number, total: number) => void;
  /** Pages read by an earlier, interrupted ingest of this file, and where to save each page read now. */
  checkpoint?: PageCheckpoint;
}

/** A page's image; `uniform` when every pixel is the same colour (a blank page). */
export type RenderPage = (page: number, bbox: BBox, dpi: number) => Promise<{ png: Uint8Array; width: number; height: number; uniform?: boolean }>;

const KEEP = new Set(['figure', 'table', 'caption']);

/** OCRs the pages that need it, in place. Returns the number of pages read by OCR. */
export async function ocrScannedPages(doc: SourceDocument, render: RenderPage, opts: PdfOcrOptions): Promise<number> {
  const todo = doc.pages.filter((p) => p.textLayer !== 'native');
  if (todo.length === 0) return 0;
  if (!opts.explicit && !opts.host && !(await ocrModelsPresent())) {
    doc.warnings.push(`${describe(todo.map((p) => p.index))} ha${todo.length === 1 ? 's' : 've'} no usable text layer and the OCR models are not installed; run folio doctor`);
    return 0;
  }
  const host = opts.host ?? sharedModelHost();
  const dpi = opts.dpi ?? 200;
  let done = 0;
  const read: number[] = [];
  const skipped: number[] = [];
  const deadline = performance.now() + (opts.budgetMs ?? Infinity);
  // The next page is rendered while this one is read: rendering is pdf.js on this side, OCR runs in
  // the model host, so on two cores both are busy instead of taking turns. One page ahead only: a
  // rendered page is a PNG of a few hundred KB.
  const renderOf = (page: (typeof todo)[number]): ReturnType<RenderPage> => render(page.index, [0, 0, page.width, page.height], dpi);
  // Pages an interrupted ingest already read are taken from its checkpoint: no render, no OCR.
  const saved = new Map<number, OcrFrame>();
  if (opts.checkpoint) for (const p of todo) {
    const f = await opts.checkpoint.ocr(p.index);
    if (f) saved.set(p.index, f);
  }
  let ahead: { index: number; img: ReturnType<RenderPage> } | null = null;
  for (const [k, page] of todo.entries()) {
    opts.signal?.throwIfAborted();
    if (performance.now() > deadline) {
      skipped.push(page.index);
      continue;
    }
    try {
      let frame = saved.get(page.index);
      if (!frame) {
        const pending = ahead?.index === page.index ? ahead.img : renderOf(page);
        const next = todo.slice(k + 1).find((p) => !saved.has(p.index));
        ahead = next ? { index: next.index, img: renderOf(next) } : null;
        // A failed render ahead is reported when its page's turn comes, not as an unhandled rejection.
        ahead?.img.catch(() => undefined);
        const img = await pending;
        // A blank page (a book's or a manual's empty back): nothing to read, and no reason to load
        // the models for it. The thesis sample's three blank pages took its ingest from 1.5 s to 9 s
        // and 1 GB.
        if (img.uniform) {
          opts.onProgress?.(++done, todo.length);
          continue;
        }
        const r = await host.ocrImage(img.png, opts.file, { firstOnly: true });
        frame = r.frames[0];
        if (frame) await opts.checkpoint?.saveOcr(page.index, frame);
      }
      const blocks = frame ? ocrBlocks(frame.result, { page: page.index, scale: page.width / frame.width, idPrefix: `p${page.index}-ocr`, findTitle: false }) : [];
      // Nothing legible (a blank or pictorial page): whatever the page had stays as it was.
      if (blocks.length === 0) {
        opts.onProgress?.(++done, todo.length);
        continue;
      }
      const removed = new Set(page.blocks.filter((b) => !KEEP.has(b.type)).map((b) => b.id));
      // OCR reading order is kept as it is (sorting by top edge would undo columns).
      page.blocks = mergeByTop(page.blocks.filter((b) => KEEP.has(b.type)), blocks);
      for (const s of doc.sections) s.blockIds = s.blockIds.filter((id) => !removed.has(id));
      doc.sections = doc.sections.filter((s) => s.blockIds.length > 0 || s.page !== page.index);
      read.push(page.index);
    } catch (err) {
      if (err instanceof AbortedError || opts.signal?.aborted) throw err;
      const msg = err instanceof FolioError || err instanceof Error ? err.message : String(err);
      doc.warnings.push(`page ${page.index}: OCR failed: ${msg}`);
    }
    opts.onProgress?.(++done, todo.length);
  }
  markOcrFurniture(doc, read);
  addToSections(doc, read);
  if (skipped.length > 0) doc.warnings.push(`${describe(skipped)} not read by OCR: the time allowed for OCR (${Math.round((opts.budgetMs ?? 0) / 1000)} s) ran out`);
  if (read.length > 0) doc.warnings.push(`${describe(read)} had no usable text layer and ${read.length === 1 ? 'was' : 'were'} read by OCR`);
  return read.length;
}

/**
 * The OCR'd pages' text joins the section each page falls in (the last to start on or before it,
 * an abstract aside), in page order: reports and decks are written from sections, and a scanned paper whose first page
 * had a text layer (TAMReview: a cover page, then 21 pages of a garbled one) had its bookmarks'
 * sections and none of its OCR'd text in them. Running heads and feet stay out, as they do for a
 * text layer's pages.
 */
function addToSections(doc: SourceDocument, pages: readonly number[]): void {
  if (doc.sections.length === 0 || pages.length === 0) return;
  const pageOf = new Map<string, number>();
  for (const p of doc.pages) for (const b of p.blocks) pageOf.set(b.id, p.index);
  const touched = new Set<SourceDocument['sections'][number]>();
  for (const index of pages) {
    let owner: SourceDocument['sections'][number] | undefined;
    // Not into an abstract: a whole OCR'd paper would read as its abstract.
    for (const s of doc.sections) if (s.page <= index && !/^(abstract|摘\s*要)$/iu.test(s.title.trim())) owner = s;
    if (!owner) continue;
    const ids = doc.pages[index - 1]!.blocks.filter((b) => b.textSource === 'ocr' && b.type !== 'header' && b.type !== 'footer').map((b) => b.id);
    owner.blockIds.push(...ids);
    touched.add(owner);
  }
  // Stable: a page's blocks keep their reading order, pages come in order.
  for (const s of touched) s.blockIds.sort((a, b) => (pageOf.get(a) ?? 0) - (pageOf.get(b) ?? 0));
}

/** Places the kept (figure/table) blocks among the OCR blocks by their top edge, OCR order unchanged. */
function mergeByTop<T extends { bbox: BBox }>(kept: T[], ocr: T[]): T[] {
  const out: T[] = [];
  const rest = [...kept].sort((a, b) => a.bbox[1] - b.bbox[1]);
  for (const b of ocr) {
    while (rest.length > 0 && rest[0]!.bbox[1] <= b.bbox[1]) out.push(rest.shift()!);
    out.push(b);
  }
  return out.concat(rest);
}

function describe(pages: number[]): string {
  return pages.length === 1 ? `page ${pages[0]}` : `pages ${pages.join(', ')}`;
}
