// Recognised lines → blocks in reading order. A recursive XY-cut splits the page at clean vertical
// gutters (columns, read left to right) and otherwise at the widest horizontal gap that is clearly
// wider than the space between lines (bands, read top to bottom); inside a leaf, pieces on one
// baseline become one row, and rows separated by a paragraph-sized gap or a change of text size
// start a new block.
import type { Quad } from './geometry.js';

export type Box = [number, number, number, number];

export interface OcrLine {
  text: string;
  confidence: number;
  /** The rotated box in original-image pixels (tl, tr, br, bl). */
  quad: Quad;
  /** Axis-aligned bounds in original-image pixels. */
  bbox: Box;
  /** Text running top to bottom or bottom to top (read after turning the box). */
  vertical?: boolean;
}

export interface OcrBlock {
  /** Rows of the block, top to bottom (pieces on one baseline joined by a space). */
  lines: string[];
  text: string;
  bbox: Box;
  confidence: number;
  /** Median row height in pixels, a proxy for the font size. */
  lineHeight: number;
  /** Indices into the page's `lines`. */
  lineIndices: number[];
}

export function groupBlocks(lines: OcrLine[]): OcrBlock[] {
  if (lines.length === 0) return [];
  let across = lines.map((_, i) => i).filter((i) => !lines[i]!.vertical);
  const down = lines.map((_, i) => i).filter((i) => lines[i]!.vertical);
  const hMed = median(across.map((i) => lines[i]!.bbox[3] - lines[i]!.bbox[1])) || median(lines.map((l) => l.bbox[2] - l.bbox[0]));
  if (down.length > 0 && across.length > 0) {
    // Short pieces of a vertical stamp (a lone "0", "Sep") are squarish and look horizontal; a
    // narrow piece lying within a column of vertical text belongs to it.
    const strays = across.filter((i) => {
      const b = lines[i]!.bbox;
      if (b[2] - b[0] > 2.5 * hMed) return false;
      return down.some((j) => {
        const v = lines[j]!.bbox;
        return Math.min(v[2], b[2]) - Math.max(v[0], b[0]) > 0.6 * (b[2] - b[0]) && Math.abs((v[0] + v[2]) / 2 - (b[0] + b[2]) / 2) < 0.5 * (v[2] - v[0]);
      });
    });
    if (strays.length > 0) {
      across = across.filter((i) => !strays.includes(i));
      down.push(...strays);
    }
  }
  const leaves: number[][] = [];
  if (across.length > 0) xyCut(lines, across, hMed, leaves, 0);
  const blocks: OcrBlock[] = [];
  for (const leaf of leaves) blocks.push(...leafBlocks(lines, leaf, hMed));
  // Vertical text on a horizontal page is marginalia (an arXiv stamp, a rotated axis label); it is
  // read after the page body, one block per column of vertical pieces, left to right.
  if (down.length > 0) blocks.push(...verticalBlocks(lines, down, across.length === 0));
  return blocks;
}

function verticalBlocks(lines: OcrLine[], idx: number[], mainText: boolean): OcrBlock[] {
  const cols: number[][] = [];
  for (const i of [...idx].sort((a, b) => lines[a]!.bbox[0] - lines[b]!.bbox[0])) {
    const b = lines[i]!.bbox;
    const col = cols.find((c) => c.some((j) => Math.min(lines[j]!.bbox[2], b[2]) - Math.max(lines[j]!.bbox[0], b[0]) > 0.5 * Math.min(lines[j]!.bbox[2] - lines[j]!.bbox[0], b[2] - b[0])));
    if (col) col.push(i);
    else cols.push([i]);
  }
  // Text turned counter-clockwise (an arXiv stamp) reads bottom to top; CJK columns (the only
  // vertical text of a page) read top to bottom, right to left.
  if (mainText) cols.reverse();
  return cols.map((col) => {
    const ordered = col.sort((a, b) => (mainText ? lines[a]!.bbox[1] - lines[b]!.bbox[1] : lines[b]!.bbox[3] - lines[a]!.bbox[3]));
    const texts = ordered.map((i) => lines[i]!.text);
    let wsum = 0;
    let csum = 0;
    for (const i of ordered) {
      const w = Math.max(1, lines[i]!.text.length);
      wsum += w;
      csum += w * lines[i]!.confidence;
    }
    return {
      lines: mainText ? texts : [texts.join(' ')],
      text: mainText ? texts.join('\n') : texts.join(' '),
      bbox: ordered.map((i) => lines[i]!.bbox).reduce(union),
      confidence: wsum > 0 ? csum / wsum : 0,
      lineHeight: median(ordered.map((i) => lines[i]!.bbox[2] - lines[i]!.bbox[0])),
      lineIndices: ordered,
    };
  });
}

function xyCut(lines: OcrLine[], idx: number[], hMed: number, out: number[][], depth: number): void {
  if (idx.length <= 1 || depth > 50) {
    out.push(idx);
    return;
  }
  // Unclipped boxes eat into a column gutter from both sides, so a third of a line height is enough.
  const v = columnGutter(lines, idx, Math.max(0.35 * hMed, 6), 3 * hMed);
  if (v !== null) {
    const [a, b] = split(lines, idx, 0, v);
    if (isColumnCut(lines, a, b, hMed)) {
      xyCut(lines, a, hMed, out, depth + 1);
      xyCut(lines, b, hMed, out, depth + 1);
      return;
    }
  }
  // Gaps between lines of one paragraph are a fraction of a line; only a wider one cuts.
  const h = gutter(lines, idx, 1, 0.7 * hMed, 0);
  if (h !== null) {
    const [a, b] = split(lines, idx, 1, h);
    if (a.length > 0 && b.length > 0) {
      xyCut(lines, a, hMed, out, depth + 1);
      xyCut(lines, b, hMed, out, depth + 1);
      return;
    }
  }
  // A headline across some of the columns blocks both cuts (it crosses the gutters and overlaps the
  // top of a column that starts beside it): read such wide lines first (or last), then the columns.
  if (idx.length >= 6) {
    const x0 = Math.min(...idx.map((i) => lines[i]!.bbox[0]));
    const x1 = Math.max(...idx.map((i) => lines[i]!.bbox[2]));
    const wide = idx.filter((i) => lines[i]!.bbox[2] - lines[i]!.bbox[0] > 0.45 * (x1 - x0));
    const rest = idx.filter((i) => !wide.includes(i));
    if (wide.length > 0 && wide.length <= idx.length / 4) {
      const v2 = columnGutter(lines, rest, Math.max(0.35 * hMed, 6), 3 * hMed);
      if (v2 !== null) {
        const [a, b] = split(lines, rest, 0, v2);
        if (isColumnCut(lines, a, b, hMed)) {
          const mid = median(rest.map((i) => (lines[i]!.bbox[1] + lines[i]!.bbox[3]) / 2));
          const above = wide.filter((i) => (lines[i]!.bbox[1] + lines[i]!.bbox[3]) / 2 < mid);
          const below = wide.filter((i) => !above.includes(i));
          if (above.length > 0) out.push(above);
          xyCut(lines, a, hMed, out, depth + 1);
          xyCut(lines, b, hMed, out, depth + 1);
          if (below.length > 0) out.push(below);
          return;
        }
      }
    }
  }
  out.push(idx);
}

/**
 * A narrow gap only separates columns when both sides hold several lines side by side; otherwise
 * it is the space between two words that the detector boxed separately ("Figure 1:" | "caption").
 */
function isColumnCut(lines: OcrLine[], a: number[], b: number[], hMed: number): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const span = (ids: number[]): [number, number] => [Math.min(...ids.map((i) => lines[i]!.bbox[1])), Math.max(...ids.map((i) => lines[i]!.bbox[3]))];
  const [a0, a1] = span(a);
  const [b0, b1] = span(b);
  const overlap = Math.min(a1, b1) - Math.max(a0, b0);
  return a.length >= 2 && b.length >= 2 && overlap >= 1.5 * hMed;
}

/**
 * Centre of the widest vertical gutter between columns. Measured on the text itself (detector
 * boxes are grown by about a quarter of their height on every side, which closes narrow gutters),
 * and tolerant of a stray box or two that bridge it (an equation number, a merged fragment): those
 * are assigned to the side of their centre.
 */
function columnGutter(lines: OcrLine[], idx: number[], minGap: number, minSide: number): number | null {
  const spans = idx.map((i) => {
    const b = lines[i]!.bbox;
    const inset = Math.min(0.25 * (b[3] - b[1]), 0.25 * (b[2] - b[0]));
    return [b[0] + inset, b[2] - inset] as [number, number];
  });
  const lo = Math.floor(Math.min(...spans.map((s) => s[0])));
  const hi = Math.ceil(Math.max(...spans.map((s) => s[1])));
  const width = hi - lo;
  if (width <= 0 || width > 100_000) return null;
  // Coverage of every x by all boxes, and by wide ones (a title or caption across the columns
  // must never be cut through).
  const coverage = (sel: [number, number][]): Int32Array => {
    const diff = new Int32Array(width + 2);
    for (const [a, b] of sel) {
      diff[Math.max(0, Math.floor(a) - lo)]! += 1;
      diff[Math.min(width + 1, Math.ceil(b) - lo)]! -= 1;
    }
    const cov = new Int32Array(width + 1);
    let run = 0;
    for (let x = 0; x <= width; x++) cov[x] = run += diff[x]!;
    return cov;
  };
  const cov = coverage(spans);
  const covWide = coverage(spans.filter(([a, b]) => b - a > 0.6 * width));
  for (const allowed of [0, Math.max(1, Math.floor(0.03 * idx.length))]) {
    let best: number | null = null;
    let bestW = 0;
    let start = -1;
    for (let x = 0; x <= width + 1; x++) {
      const open = x <= width && cov[x]! <= allowed && covWide[x] === 0;
      if (open && start < 0) start = x;
      if (!open && start >= 0) {
        const w = x - start;
        if (w >= minGap && w > bestW && start >= minSide && width - x >= minSide) {
          bestW = w;
          best = lo + (start + x) / 2;
        }
        start = -1;
      }
    }
    if (best !== null) return best;
  }
  return null;
}

/** Centre of the widest clear gap along axis 0 (x) or 1 (y), with at least `minSide` of content on both sides. */
function gutter(lines: OcrLine[], idx: number[], axis: 0 | 1, minGap: number, minSide: number): number | null {
  const spans = idx.map((i) => [lines[i]!.bbox[axis], lines[i]!.bbox[axis + 2]!] as [number, number]).sort((a, b) => a[0] - b[0]);
  const lo = spans[0]![0];
  let hi = -Infinity;
  for (const s of spans) hi = Math.max(hi, s[1]);
  let reach = spans[0]![1];
  let best: number | null = null;
  let bestW = 0;
  for (let k = 1; k < spans.length; k++) {
    const s = spans[k]!;
    const gap = s[0] - reach;
    if (gap >= minGap && gap > bestW && reach - lo >= minSide && hi - s[0] >= minSide) {
      bestW = gap;
      best = (reach + s[0]) / 2;
    }
    reach = Math.max(reach, s[1]);
  }
  return best;
}

function split(lines: OcrLine[], idx: number[], axis: 0 | 1, at: number): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  for (const i of idx) {
    const bb = lines[i]!.bbox;
    ((bb[axis] + bb[axis + 2]!) / 2 < at ? a : b).push(i);
  }
  return [a, b];
}

interface Row {
  idx: number[];
  bbox: Box;
}

function leafBlocks(lines: OcrLine[], leaf: number[], hMed: number): OcrBlock[] {
  // Rows: pieces whose vertical extents overlap by half the smaller height share a baseline.
  const sorted = [...leaf].sort((a, b) => lines[a]!.bbox[1] - lines[b]!.bbox[1]);
  const rows: Row[] = [];
  for (const i of sorted) {
    const b = lines[i]!.bbox;
    const row = rows.find((r) => {
      const ov = Math.min(r.bbox[3], b[3]) - Math.max(r.bbox[1], b[1]);
      return ov > 0.5 * Math.min(r.bbox[3] - r.bbox[1], b[3] - b[1]);
    });
    if (row) {
      row.idx.push(i);
      row.bbox = union(row.bbox, b);
    } else {
      rows.push({ idx: [i], bbox: [...b] });
    }
  }
  rows.sort((a, b) => a.bbox[1] - b.bbox[1]);
  for (const r of rows) r.idx.sort((a, b) => lines[a]!.bbox[0] - lines[b]!.bbox[0]);
  const blocks: OcrBlock[] = [];
  let cur: Row[] = [];
  const flush = (): void => {
    if (cur.length === 0) return;
    const texts = cur.map((r) => r.idx.map((i) => lines[i]!.text).join(' '));
    const all = cur.flatMap((r) => r.idx);
    let wsum = 0;
    let csum = 0;
    for (const i of all) {
      const w = Math.max(1, lines[i]!.text.length);
      wsum += w;
      csum += w * lines[i]!.confidence;
    }
    blocks.push({
      lines: texts,
      text: texts.join('\n'),
      bbox: cur.map((r) => r.bbox).reduce(union),
      confidence: wsum > 0 ? csum / wsum : 0,
      lineHeight: median(cur.map((r) => r.bbox[3] - r.bbox[1])),
      lineIndices: all,
    });
    cur = [];
  };
  // A paragraph break is a gap clearly wider than this leaf's usual line spacing (which is wide
  // in CJK books and tight in papers).
  const gaps = rows.slice(1).map((r, i) => r.bbox[1] - rows[i]!.bbox[3]);
  const usual = gaps.length >= 2 ? median(gaps) : 0;
  for (const r of rows) {
    const prev = cur[cur.length - 1];
    if (prev) {
      const gap = r.bbox[1] - prev.bbox[3];
      const hp = prev.bbox[3] - prev.bbox[1];
      const hr = r.bbox[3] - r.bbox[1];
      const h = Math.max(hMed, Math.min(hp, hr));
      const sizeJump = Math.max(hp, hr) / Math.max(1, Math.min(hp, hr)) > 1.35;
      if (gap > Math.max(0.6 * h, usual + 0.4 * h) || sizeJump) flush();
    }
    cur.push(r);
  }
  flush();
  return blocks;
}

function union(a: Box, b: Box): Box {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
