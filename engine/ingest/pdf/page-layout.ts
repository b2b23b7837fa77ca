// Per-page work that needs nothing from other pages: text runs → segments → reading order.
// Runs inside the page workers; its output is plain data sent back to the document analysis.
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
  chars: number;
}

export function layoutPage(raw: RawPage): PageLayout {
  const all = buildSegments(raw.runs);
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
  return {
    index: raw.index,
    width: raw.width,
    height: raw.height,
    segments,
    leaf,
    graphics: raw.graphics,
    graphicsTruncated: raw.graphicsTruncated,
    chars,
  };
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
