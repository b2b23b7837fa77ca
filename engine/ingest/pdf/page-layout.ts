// Per-page work that needs nothing from other pages: text runs → segments → reading order.
// Runs inside the page workers; its output is plain data sent back to the document analysis.
import type { BBox } from '../types.js';
import type { GraphicBox, RawPage, TextRun } from './pdfjs.js';
import { buildSegments, type Segment } from './lines.js';
import { readingOrder } from './reading-order.js';

export interface PageLayout {
  index: number;
  width: number;
  height: number;
  /** Segments in reading order. */
  segments: Segment[];
  /** Leaf region of each segment (same order as segments); a new leaf starts a new block. */
  leaf: number[];
  graphics: GraphicBox[] | null;
  graphicsTruncated: boolean;
  /** Images covering most of the page (see GraphicBox.background), not among `graphics`. */
  backgrounds?: BBox[];
  chars: number;
  /**
   * Text set sideways as a whole (a landscape table on a portrait page, with its caption), laid out
   * as it reads: in a frame turned upright, where its lines run left to right. Its segments and the
   * graphics among them are here and not in `segments` and `graphics`.
   */
  turned?: TurnedLayout;
}

export interface TurnedLayout {
  /** How its text runs on the page: 'up' reads upright turned a quarter clockwise, 'down' anticlockwise. */
  reads: 'up' | 'down';
  /** The upright frame: the page's height by its width. */
  width: number;
  height: number;
  /** Segments in reading order, in the upright frame. */
  segments: Segment[];
  leaf: number[];
  graphics: GraphicBox[] | null;
}

/** Sideways text needs this many characters on this many lines to be laid out upright. */
const TURNED_MIN_CHARS = 150;
const TURNED_MIN_LINES = 4;

export function layoutPage(raw: RawPage): PageLayout {
  const turned = sidewaysText(raw);
  const all = buildSegments(turned ? raw.runs.filter((r) => !turned.runs.has(r)) : raw.runs);
  const horizontal = all.filter((s) => !s.vertical);
  const vertical = all.filter((s) => s.vertical);
  const em = typicalSize(horizontal);
  const leaves = readingOrder(horizontal, { em });
  const segments: Segment[] = [];
  const leaf: number[] = [];
  leaves.forEach((group, li) => {
    for (const i of group) {
      segments.push(horizontal[i]!);
      leaf.push(li);
    }
  });
  // Rotated margin text (arXiv stamps, sideways table headers) is read after the page body.
  vertical
    .sort((a, b) => a.x0 - b.x0 || a.y0 - b.y0)
    .forEach((s) => {
      segments.push(s);
      leaf.push(leaves.length);
    });
  let chars = 0;
  for (const r of raw.runs) chars += countChars(r);
  const page: PageLayout = {
    index: raw.index,
    width: raw.width,
    height: raw.height,
    segments,
    leaf,
    graphics: raw.graphics && raw.graphics.filter((g) => !g.background),
    graphicsTruncated: raw.graphicsTruncated,
    chars,
  };
  const backgrounds = (raw.graphics ?? []).filter((g) => g.background).map((g) => g.bbox);
  if (backgrounds.length > 0) page.backgrounds = backgrounds;
  return turned ? withTurned(page, { ...raw, graphics: page.graphics }, turned) : page;
}

/**
 * The largest body of sideways text reading one way, when it is large enough to be laid out on its
 * own: its runs side by side across the page, no more than a few ems apart. A margin stamp (one line)
 * or a table's sideways column heads (a few words) stay where they are.
 */
function sidewaysText(raw: RawPage): { reads: 'up' | 'down'; runs: Set<TextRun> } | null {
  let up = 0;
  let down = 0;
  for (const r of raw.runs) {
    if (!r.vertical) continue;
    if (r.upward) up += r.text.length;
    else down += r.text.length;
  }
  if (Math.max(up, down) < TURNED_MIN_CHARS) return null;
  const reads = up >= down ? 'up' : 'down';
  const runs = raw.runs.filter((r) => r.vertical && (r.upward === true) === (reads === 'up')).sort((a, b) => a.x0 - b.x0);
  let best: TextRun[] = [];
  let bestChars = 0;
  let cur: TextRun[] = [];
  let curChars = 0;
  let curX1 = -Infinity;
  const close = (): void => {
    if (curChars > bestChars) [best, bestChars] = [cur, curChars];
  };
  for (const r of runs) {
    if (cur.length > 0 && r.x0 - curX1 > 3 * r.size) {
      close();
      cur = [];
      curChars = 0;
    }
    cur.push(r);
    curChars += r.text.length;
    curX1 = Math.max(curX1, r.x1);
  }
  close();
  const lines = new Set(best.map((r) => Math.round(r.base)));
  if (bestChars < TURNED_MIN_CHARS || lines.size < TURNED_MIN_LINES) return null;
  return { reads, runs: new Set(best) };
}

/** The page with its sideways text laid out upright, and the graphics among that text moved with it. */
function withTurned(page: PageLayout, raw: RawPage, sideways: { reads: 'up' | 'down'; runs: Set<TextRun> }): PageLayout {
  const { reads } = sideways;
  const W = raw.width;
  const H = raw.height;
  const runs: TextRun[] = [];
  let area: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of sideways.runs) {
    const m = 1.5 * r.size;
    area = [Math.min(area[0], r.x0 - m), Math.min(area[1], r.y0 - m), Math.max(area[2], r.x1 + m), Math.max(area[3], r.y1 + m)];
    const [x0, y0, x1, y1] = toUpright([r.x0, r.y0, r.x1, r.y1], reads, W, H);
    const { upward: _, ...rest } = r;
    runs.push({ ...rest, x0, y0, x1, y1, base: reads === 'up' ? r.base : W - r.base, vertical: false });
  }
  const segments = buildSegments(runs);
  const leaves = readingOrder(segments, { em: typicalSize(segments) });
  const inside = (g: GraphicBox): boolean => g.bbox[0] >= area[0] && g.bbox[1] >= area[1] && g.bbox[2] <= area[2] && g.bbox[3] <= area[3];
  const turned: TurnedLayout = {
    reads,
    width: H,
    height: W,
    segments: leaves.flatMap((group) => group.map((i) => segments[i]!)),
    leaf: leaves.flatMap((group, li) => group.map(() => li)),
    graphics: raw.graphics && raw.graphics.filter(inside).map((g) => ({ ...g, bbox: toUpright(g.bbox, reads, W, H) })),
  };
  return { ...page, graphics: raw.graphics && raw.graphics.filter((g) => !inside(g)), turned };
}

/** A box on a page of width W and height H, in the upright frame of text that `reads` that way. */
export function toUpright([x0, y0, x1, y1]: BBox, reads: 'up' | 'down', W: number, H: number): BBox {
  return reads === 'up' ? [H - y1, x0, H - y0, x1] : [y0, W - x1, y1, W - x0];
}

/** A box in the upright frame of sideways text, back on its page (the inverse of toUpright). */
export function fromUpright([a0, b0, a1, b1]: BBox, reads: 'up' | 'down', W: number, H: number): BBox {
  return reads === 'up' ? [b0, H - a1, b1, H - a0] : [W - b1, a0, W - b0, a1];
}

function countChars(r: TextRun): number {
  let n = 0;
  for (const ch of r.text) if (ch.trim() !== '') n++;
  return n;
}

/** The character-weighted median font size of a page. */
export function typicalSize(segs: readonly Segment[]): number {
  const votes = new Map<number, number>();
  for (const s of segs) {
    const k = Math.round(s.size * 2) / 2;
    votes.set(k, (votes.get(k) ?? 0) + s.text.length);
  }
  let best = 10;
  let bv = -1;
  for (const [k, v] of votes) {
    if (v > bv) {
      best = k;
      bv = v;
    }
  }
  return best;
}
