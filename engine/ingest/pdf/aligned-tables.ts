// Tables set without rules and without a caption: several rows of text whose cells line up in
// three or more columns. Found from the page's text after the captioned tables and figures have
// taken theirs; prose (one run per line), reference lists and code listings never qualify.
import type { BBox } from '../types.js';
import type { DocStats, WorkBlock } from './blocks.js';
import type { Segment } from './lines.js';

export interface AlignedTable {
  bbox: BBox;
  rows: string[][];
  blockIds: string[];
}

interface Row {
  cells: Segment[];
  y0: number;
  y1: number;
}

/** Fewest rows and columns a table must have. */
const MIN_ROWS = 3;
const MIN_COLUMNS = 3;

export function findAlignedTables(blocks: readonly WorkBlock[], stats: DocStats): AlignedTable[] {
  const em = stats.bodySize;
  const owner = new Map<Segment, WorkBlock>();
  for (const b of blocks) {
    if (b.type !== 'paragraph' && b.type !== 'list-item') continue;
    for (const s of b.lines) if (!s.vertical) owner.set(s, b);
  }
  if (owner.size < MIN_ROWS * MIN_COLUMNS) return [];
  const rows = toRows([...owner.keys()]);
  const out: AlignedTable[] = [];
  // Runs of consecutive rows of two cells or more, close one under the other.
  let run: Row[] = [];
  const flush = (): void => {
    if (run.length >= MIN_ROWS) {
      const t = tableOf(run, em);


      if (t) {
        const ids = new Set<string>();
        for (const r of t.used) for (const c of r.cells) ids.add(owner.get(c)!.id);
        // The blocks it takes must be the table's whole: a paragraph with a table row in it is not.
        const whole = [...ids].every((id) => blocks.find((b) => b.id === id)!.lines.every((l) => t.used.some((r) => r.cells.includes(l))));
        if (whole) out.push({ bbox: t.bbox, rows: t.rows, blockIds: [...ids] });
      }
    }
    run = [];
  };
  for (const r of rows) {
    const prev = run[run.length - 1];
    // Cells are short, but for one (a description): a row of sentences side by side is two
    // columns of text.
    // Set in a fixed-pitch face it is a listing or what a program printed: code, not a table.
    const multi = r.cells.length >= 2 && r.cells.every((c) => c.mono < 0.5) && r.cells.every((c) => c.text.length <= 60) && r.cells.filter((c) => c.text.length > 30 || c.x1 - c.x0 > 15 * em).length <= 1;
    if (!multi || (prev && r.y0 - prev.y1 > 2 * em)) flush();
    if (multi) run.push(r);
  }
  flush();
  return out;
}

/** Segments into rows (sharing a line), top to bottom, cells left to right. */
function toRows(segs: Segment[]): Row[] {
  const sorted = [...segs].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const rows: Row[] = [];
  for (const s of sorted) {
    const h = s.y1 - s.y0;
    const r = rows.find((o) => Math.min(o.y1, s.y1) - Math.max(o.y0, s.y0) > 0.5 * Math.min(h, o.y1 - o.y0));
    if (r) {
      r.cells.push(s);
      r.y0 = Math.min(r.y0, s.y0);
      r.y1 = Math.max(r.y1, s.y1);
    } else rows.push({ cells: [s], y0: s.y0, y1: s.y1 });
  }
  for (const r of rows) r.cells.sort((a, b) => a.x0 - b.x0);
  return rows.sort((a, b) => a.y0 - b.y0);
}

/**
 * The columns of a run of rows: cell edges (left, right or centre) that most rows share. A run is
 * a table when three or more such columns are found and every row has cells in two of them; the
 * rows are cut at the first and last row that fits.
 */
function tableOf(run: Row[], em: number): { bbox: BBox; rows: string[][]; used: Row[] } | null {
  const tol = 0.6 * em;
  // Column starts: cluster the cells' left edges (and right edges, for right-aligned numbers).
  const edges: { x: number; rows: Set<number> }[] = [];
  const add = (x: number, i: number): void => {
    const e = edges.find((o) => Math.abs(o.x - x) <= tol);
    if (e) e.rows.add(i);
    else edges.push({ x, rows: new Set([i]) });
  };
  run.forEach((r, i) => r.cells.forEach((c) => add(c.x0, i)));
  const need = Math.max(MIN_ROWS, Math.ceil(0.5 * run.length));
  const lefts = edges.filter((e) => e.rows.size >= need);
  const cluster = (at: (c: Segment) => number): typeof edges => {
    const out: typeof edges = [];
    run.forEach((r, i) =>
      r.cells.forEach((c) => {
        const e = out.find((o) => Math.abs(o.x - at(c)) <= tol);
        if (e) e.rows.add(i);
        else out.push({ x: at(c), rows: new Set([i]) });
      }),
    );
    return out.filter((e) => e.rows.size >= need);
  };
  const right = (c: Segment): number => c.x1;
  const middle = (c: Segment): number => (c.x0 + c.x1) / 2;
  // Columns set flush left, flush right (numbers) or centred (a header over its numbers).
  const anchors = [
    ...lefts.map((e) => ({ x: e.x, at: (c: Segment): number => c.x0 })),
    ...cluster(right).map((e) => ({ x: e.x, at: right })),
    ...cluster(middle).map((e) => ({ x: e.x, at: middle })),
  ];
  // Each column spans the cells that hang on its anchor; spans that overlap are one column.
  let columns: { x0: number; x1: number }[] = [];
  for (const a of anchors) {
    let x0 = Infinity;
    let x1 = -Infinity;
    for (const r of run)
      for (const c of r.cells) {
        if (Math.abs(a.at(c) - a.x) > tol) continue;
        x0 = Math.min(x0, c.x0);
        x1 = Math.max(x1, c.x1);
      }
    if (x0 > x1) continue;
    const over = columns.filter((o) => Math.min(o.x1, x1) - Math.max(o.x0, x0) > 0);
    columns = columns.filter((o) => !over.includes(o));
    columns.push({ x0: Math.min(x0, ...over.map((o) => o.x0)), x1: Math.max(x1, ...over.map((o) => o.x1)) });
  }
  const nearestCol = (c: Segment): number => {
    const k = cellCol(c);
    if (k >= 0) return k;
    let best = 0;
    columns.forEach((col, j) => {
      if (Math.abs(c.x0 - col.x1) < Math.abs(c.x0 - columns[best]!.x1)) best = j;
    });
    return best;
  };
  const cellCol = (c: Segment): number => {
    for (let k = 0; k < columns.length; k++) {
      const col = columns[k]!;
      if (c.x0 >= col.x0 - tol && c.x0 <= col.x1 + tol) return k;
    }
    return -1;
  };
  columns.sort((a, b) => a.x0 - b.x0);
  if (columns.length < MIN_COLUMNS) return null;
  // Rows that fit: cells in two columns at least, one column each, but for one cell outside them
  // (a header's ". . .").
  const fits = run.map((r) => {
    const ks = r.cells.map(cellCol).filter((k) => k >= 0);
    return ks.length >= Math.max(2, r.cells.length - 1) && new Set(ks).size === ks.length;
  });
  const first = fits.indexOf(true);
  const last = fits.lastIndexOf(true);
  if (first < 0) return null;
  const used = run.slice(first, last + 1);
  if (used.length < MIN_ROWS || fits.slice(first, last + 1).filter(Boolean).length < Math.max(MIN_ROWS, 0.8 * used.length)) return null;
  // Cells must be short: a table's cells, not sentences beside a margin note.
  const cells = used.flatMap((r) => r.cells);
  // Text from a font with no Unicode map tells nothing.
  if (cells.some((c) => c.text.includes('\uFFFD'))) return null;
  const rows = used.map((r) => {
    const row = columns.map(() => '');
    for (const c of r.cells) {
      const k = nearestCol(c);
      if (k >= 0) row[k] = row[k] ? `${row[k]} ${c.text}` : c.text;
    }
    return row;
  });
  const bbox: BBox = [
    Math.min(...cells.map((c) => c.x0)),
    Math.min(...used.map((r) => r.y0)),
    Math.max(...cells.map((c) => c.x1)),
    Math.max(...used.map((r) => r.y1)),
  ];
  return { bbox, rows, used };
}
