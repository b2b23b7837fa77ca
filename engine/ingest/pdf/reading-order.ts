// Reading order by recursive XY-cut. A clean vertical gutter splits a region into columns (read
// left to right); otherwise the widest clear horizontal gap splits it into bands (read top to
// bottom). Horizontal gaps narrower than a line must not cut, or a two-column page whose lines sit
// on the same baselines would be read across the columns line by line.

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  size: number;
}

export interface CutOptions {
  /** Typical body font size on the page, in points. */
  em: number;
  /** Least horizontal gap that cuts (points); from the page's own leading when not given. */
  bandGap?: number;
}

/**
 * Returns groups of item indices in reading order. Each group is a leaf region (a column piece or
 * a band) whose items are ordered top to bottom, left to right.
 */
export function readingOrder<T extends Box>(items: readonly T[], opts: CutOptions): number[][] {
  // Sorted once: every region of the cut is a part of these two orders, kept in order as it is
  // split, so no level sorts again. (A stable sort of a part breaks ties by index as the whole's does.)
  const byX = items.map((_, i) => i).sort((a, b) => items[a]!.x0 - items[b]!.x0);
  const byY = items.map((_, i) => i).sort((a, b) => items[a]!.y0 - items[b]!.y0);
  const leaves: number[][] = [];
  cut(items, byX, byY, { ...opts, bandGap: opts.bandGap ?? bandGap(items, byY, opts.em) }, leaves, 0);
  return leaves;
}

/**
 * The least gap, in points, that separates bands: 0.75 em where lines are set close; on a page set
 * with wide leading (a thesis at 1.5 lines: ~0.9 em between any two lines) half an em more than
 * the usual gap from a line to the next one under it, or every line would be a band of its own.
 */
function bandGap<T extends Box>(items: readonly T[], byTop: readonly number[], em: number): number {
  const gaps: number[] = [];
  // Running text only: lines at least a third as wide as the page's text (a slide's or a diagram's
  // short lines stand far apart and are bands of their own).
  let left = Infinity;
  let right = -Infinity;
  for (const it of items) {
    left = Math.min(left, it.x0);
    right = Math.max(right, it.x1);
  }
  const long = (right - left) / 3;
  for (let k = 0; k < byTop.length; k++) {
    const a = items[byTop[k]!]!;
    if (a.x1 - a.x0 < long) continue;
    // The next line under this one in the same column: the first later item overlapping it across.
    for (let j = k + 1; j < byTop.length && j <= k + 12; j++) {
      const b = items[byTop[j]!]!;
      if (b.y0 < a.y1 - 0.5 * em || b.x1 - b.x0 < long) continue;
      const ov = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      if (ov < 0.5 * Math.min(a.x1 - a.x0, b.x1 - b.x0)) continue;
      gaps.push((b.y0 - a.y1) / em);
      break;
    }
  }
  return partingGap(gaps, 3) * em;
}

/**
 * The least gap, in ems, that parts two lines, from gaps (in ems) between consecutive lines of
 * running text: 0.75 where lines are set close (most print); with wide leading half an em more
 * than the usual gap. Bands in the reading order and blocks (see paragraphGap) both use it.
 */
export function partingGap(gaps: readonly number[], minCount: number): number {
  if (gaps.length < minCount) return 0.75;
  const sorted = [...gaps].sort((x, y) => x - y);
  return Math.max(0.75, sorted[Math.floor(sorted.length / 2)]! + 0.45);
}

/** Cuts the region of the items in byX (by left edge) and byY (by top edge, the same items). */
function cut<T extends Box>(items: readonly T[], byX: readonly number[], byY: readonly number[], opts: CutOptions, out: number[][], depth: number): void {
  if (byY.length <= 1 || depth > 60) {
    out.push(sortRows(items, byY));
    return;
  }
  const v = verticalCut(items, byX, opts);
  if (v !== null) {
    const left = (i: number): boolean => (items[i]!.x0 + items[i]!.x1) / 2 < v;
    const heads = sideHeads(items, byY, left, opts);
    // Bands at the heads' tops, a line level with a top below it; or the two sides of the gutter,
    // unless the left one is a column of labels to be read with their lines.
    if (heads && cutParts(items, byX, byY, (i) => bandAt(items[i]!, heads, opts.em), heads.length + 1, opts, out, depth)) return;
    if (!labelColumn(items, byY, left, opts) && cutParts(items, byX, byY, (i) => (left(i) ? 0 : 1), 2, opts, out, depth)) return;
  }
  const h = horizontalCut(items, byY, opts);
  if (h !== null && cutParts(items, byX, byY, (i) => ((items[i]!.y0 + items[i]!.y1) / 2 < h ? 0 : 1), 2, opts, out, depth)) return;
  out.push(sortRows(items, byY));
}

/**
 * The tops of side-heads: headings set in a narrow column left of the text they head, each level
 * with a line of it (the IRS manual: "2.3.59.2 / (01-20-2003) / Command Code BMFOL / Overview"
 * beside its paragraphs). Read as columns, every heading of a page came before all its text; each
 * heads the text from its line down to the next one. Null unless the left side is under 0.4 of
 * the right's width, holds two heads or more, each of one to six close lines level with a line on
 * the right that starts a paragraph (space above it), and the right has three lines or more per
 * head (a column of line numbers has one). A column of key points beside a text (a redbook's back
 * cover) is level with lines inside its paragraphs.
 */
function sideHeads<T extends Box>(items: readonly T[], byY: readonly number[], left: (i: number) => boolean, opts: CutOptions): number[] | null {
  const L = byY.filter(left);
  const R = byY.filter((i) => !left(i));
  // (At least two heads with three lines each: checked in full once the heads are known.)
  if (L.length < 2 || R.length < 6) return null;
  if (spanWidth(items, L) > 0.4 * spanWidth(items, R)) return null;
  const groups: number[][] = [];
  for (const i of L) {
    const g = groups[groups.length - 1];
    const last = g ? items[g[g.length - 1]!]! : undefined;
    if (g && last && items[i]!.y0 - last.y1 <= 0.6 * opts.em) g.push(i);
    else groups.push([i]);
  }
  if (groups.length < 2 || groups.some((g) => g.length > 6) || R.length < 3 * groups.length) return null;
  const tops = groups.map((g) => items[g[0]!]!.y0);
  const startsParagraph = (y: number): boolean => {
    const line = R.find((i) => Math.abs(items[i]!.y0 - y) <= 0.6 * opts.em);
    if (line === undefined) return false;
    const top = items[line]!.y0;
    let above = -Infinity;
    for (const i of R) if (items[i]!.y1 <= top + 0.1 * opts.em) above = Math.max(above, items[i]!.y1);
    return top - above >= 0.6 * opts.em;
  };
  return tops.every(startsParagraph) ? tops : null;
}

/**
 * Whether the left side of a cut is a column of labels, each on the row of one line of the right
 * side: a contents page's exhibit numbers beside their titles ("2.3.59-19 | Command Code BMFOL Tax
 * Module Display"), a list of symbols beside their meanings. Read as two columns, every number
 * came before every title; read by rows, each entry is whole. The left side is narrow (under 0.4
 * of the right's width), holds three labels or more, each of one line, and four in five labels
 * have a right-hand line on their row and four in five right-hand lines a label (side-heads have
 * several lines each; a second column of text has lines of its own), which are not running text.
 */
function labelColumn<T extends Box>(items: readonly T[], byY: readonly number[], left: (i: number) => boolean, opts: CutOptions): boolean {
  const L = byY.filter(left);
  const R = byY.filter((i) => !left(i));
  if (L.length < 3 || R.length < 3) return false;
  if (spanWidth(items, L) > 0.4 * spanWidth(items, R)) return false;
  if (L.some((i) => items[i]!.y1 - items[i]!.y0 > 1.6 * Math.max(opts.em, items[i]!.size))) return false;
  // Lines of running text beside the labels are a paragraph, and what is level with its first lines
  // a side-head set in a column of its own (the IRS manual's "2.3.59.2 / (01-20-2003) / Command
  // Code BMFOL / Overview" beside a paragraph of four lines): most of its lines fill the column.
  const rWidth = spanWidth(items, R);
  if (R.filter((i) => items[i]!.x1 - items[i]!.x0 >= 0.85 * rWidth).length >= Math.max(2, 0.6 * R.length)) return false;
  const level = (a: Box, b: Box): boolean => Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
  const paired = (from: number[], to: number[]): number => from.filter((i) => to.some((j) => level(items[i]!, items[j]!))).length;
  return paired(L, R) >= 0.8 * L.length && paired(R, L) >= 0.8 * R.length;
}

/** How wide the items `list` (indices into `items`) stand together, left edge to right edge. */
function spanWidth(items: readonly Box[], list: readonly number[]): number {
  return Math.max(...list.map((i) => items[i]!.x1)) - Math.min(...list.map((i) => items[i]!.x0));
}

/** The band of a box among bands starting at the given tops: a line level with a top is below it. */
function bandAt(it: Box, tops: readonly number[], em: number): number {
  const mid = (it.y0 + it.y1) / 2;
  let k = 0;
  while (k < tops.length && tops[k]! - 0.3 * em <= mid) k++;
  return k;
}

/**
 * Cuts a region into `n` parts (`partOf` gives each item's, 0 to n - 1) and reads each in turn;
 * false when fewer than two parts hold items.
 */
function cutParts<T extends Box>(
  items: readonly T[],
  byX: readonly number[],
  byY: readonly number[],
  partOf: (i: number) => number,
  n: number,
  opts: CutOptions,
  out: number[][],
  depth: number,
): boolean {
  const xs: number[][] = Array.from({ length: n }, () => []);
  const ys: number[][] = Array.from({ length: n }, () => []);
  for (const i of byX) xs[partOf(i)]!.push(i);
  for (const i of byY) ys[partOf(i)]!.push(i);
  if (ys.filter((part) => part.length > 0).length < 2) return false;
  ys.forEach((part, k) => {
    if (part.length > 0) cut(items, xs[k]!, part, opts, out, depth + 1);
  });
  return true;
}

/** The centre of the widest clear vertical gutter that leaves substantial text on both sides (items by left edge). */
function verticalCut<T extends Box>(items: readonly T[], byX: readonly number[], opts: CutOptions): number | null {
  const minX = items[byX[0]!]!.x0;
  let maxX = -Infinity;
  for (const i of byX) maxX = Math.max(maxX, items[i]!.x1);
  // Below 1 em: hanging punctuation (a quote mark set into the gutter) narrows real gutters.
  const minGap = Math.max(0.8 * opts.em, 6);
  // Each side must be wide enough to be a column, not a bullet or a line number.
  const minSide = 4 * opts.em;
  let best: number | null = null;
  let bestW = 0;
  let reach = items[byX[0]!]!.x1;
  for (let k = 1; k < byX.length; k++) {
    const s = items[byX[k]!]!;
    const gap = s.x0 - reach;
    if (gap >= minGap && reach - minX >= minSide && maxX - s.x0 >= minSide && gap > bestW) {
      bestW = gap;
      best = (reach + s.x0) / 2;
    }
    reach = Math.max(reach, s.x1);
  }
  return best;
}

/** The centre of the widest clear horizontal gap that is clearly wider than line spacing (items by top edge). */
function horizontalCut<T extends Box>(items: readonly T[], byY: readonly number[], opts: CutOptions): number | null {
  const minGap = opts.bandGap ?? 0.75 * opts.em;
  let best: number | null = null;
  let bestW = 0;
  let reach = items[byY[0]!]!.y1;
  for (let k = 1; k < byY.length; k++) {
    const s = items[byY[k]!]!;
    const gap = s.y0 - reach;
    if (gap >= minGap && gap > bestW) {
      bestW = gap;
      best = (reach + s.y0) / 2;
    }
    reach = Math.max(reach, s.y1);
  }
  return best;
}

/** Orders a leaf's items (given by top edge) top to bottom, items on one row left to right. */
function sortRows<T extends Box>(items: readonly T[], sorted: readonly number[]): number[] {
  const rows: number[][] = [];
  let rowY1 = -Infinity;
  let rowY0 = -Infinity;
  for (const i of sorted) {
    const it = items[i]!;
    const h = it.y1 - it.y0;
    const overlap = Math.min(rowY1, it.y1) - Math.max(rowY0, it.y0);
    if (rows.length > 0 && overlap > 0.5 * Math.min(h, rowY1 - rowY0)) {
      rows[rows.length - 1]!.push(i);
      rowY1 = Math.max(rowY1, it.y1);
    } else {
      rows.push([i]);
      rowY0 = it.y0;
      rowY1 = it.y1;
    }
  }
  return rows.flatMap((r) => r.sort((a, b) => items[a]!.x0 - items[b]!.x0));
}
