// Figures and tables as page regions. A caption anchors each one; the region is everything drawn
// (images, vector paths) or set as non-body text (code listings, chart labels, table cells)
// between the caption and the nearest body text in the caption's column.
import type { BBox, Figure, Table } from '../types.js';
import { matchCaption, round, type CaptionMatch, type DocStats, type WorkBlock } from './blocks.js';
import type { Segment } from './lines.js';
import type { PageLayout } from './page-layout.js';

export interface PageRegions {
  figures: (Figure & { blockIds: string[] })[];
  tables: (Table & { blockIds: string[] })[];
  /** Blocks swallowed by a region (their text lives on in the figure/table block). */
  consumed: Set<string>;
}

interface Element {
  bbox: BBox;
  block?: WorkBlock;
  graphic?: 'image' | 'path';
}

export function findRegions(layout: PageLayout, blocks: WorkBlock[], stats: DocStats): PageRegions {
  const out: PageRegions = { figures: [], tables: [], consumed: new Set() };
  const captions: { block: WorkBlock; m: CaptionMatch }[] = [];
  for (const b of blocks) {
    if (b.type !== 'paragraph' && b.type !== 'caption') continue;
    const m = matchCaption(b.text);
    if (!m) continue;
    b.type = 'caption';
    captions.push({ block: b, m });
  }
  if (captions.length === 0) return out;

  const W = layout.width;
  const H = layout.height;
  // Body lines: body-sized and long (by width too: a CJK line holds half the characters of a Latin one).
  const body = layout.segments.filter((s) => Math.abs(s.size - stats.bodySize) <= 0.15 * stats.bodySize && (s.text.length > 25 || s.x1 - s.x0 > 12 * stats.bodySize));
  let mL = Infinity;
  let mR = -Infinity;
  for (const s of layout.segments) {
    if (s.vertical) continue;
    mL = Math.min(mL, s.x0);
    mR = Math.max(mR, s.x1);
  }
  for (const g of layout.graphics ?? []) {
    mL = Math.min(mL, g.bbox[0]);
    mR = Math.max(mR, g.bbox[2]);
  }
  // The column split is judged by the body text's own extent: a full-bleed band or a logo in the
  // margin must not move the middle.
  let tL = Infinity;
  let tR = -Infinity;
  for (const b of body) {
    tL = Math.min(tL, b.x0);
    tR = Math.max(tR, b.x1);
  }
  const mid = body.length >= 6 ? (tL + tR) / 2 : (mL + mR) / 2;
  const leftish = body.filter((s) => s.x1 < mid + 0.02 * W).length;
  const rightish = body.filter((s) => s.x0 > mid - 0.02 * W).length;
  const twoCol = body.length >= 6 && leftish >= 0.2 * body.length && rightish >= 0.2 * body.length;
  const widths = body.map((s) => s.x1 - s.x0).sort((a, b) => a - b);
  const colWidth = widths.length > 0 ? widths[Math.floor(widths.length * 0.8)]! : (mR - mL) / (twoCol ? 2 : 1);

  const isBarrier = (b: WorkBlock): boolean => {
    if (b.type === 'heading' || b.type === 'title' || b.type === 'caption') return true;
    if (b.type === 'header' || b.type === 'footer') return false;
    if (b.mono > 0.5) return false;
    if (Math.abs(b.size - stats.bodySize) > 0.15 * stats.bodySize) return false;
    const avgW = b.lines.reduce((a, l) => a + (l.x1 - l.x0), 0) / b.lines.length;
    const rows = countRows(b.lines);
    const multiCell = b.lines.length > rows * 1.3;
    if (multiCell) return false;
    return (rows >= 2 && avgW >= 0.55 * colWidth) || (rows >= 3 && avgW >= 0.4 * colWidth && b.text.length > 150);
  };

  const barriers = blocks.filter((b) => b.type !== 'header' && b.type !== 'footer' && isBarrier(b));
  const elements: Element[] = [];
  for (const b of blocks) {
    if (b.type === 'header' || b.type === 'footer' || barriers.includes(b)) continue;
    elements.push({ bbox: b.bbox, block: b });
  }
  for (const g of layout.graphics ?? []) elements.push({ bbox: g.bbox, graphic: g.kind });

  const seen = new Set<string>();
  for (const c of captions) {
    const { block: cap, m } = c;
    if (seen.has(m.label)) continue;
    const cb = cap.bbox;
    const cw = cb[2] - cb[0];
    const cc = (cb[0] + cb[2]) / 2;
    let range: [number, number];
    if (!twoCol || cw > 0.55 * (mR - mL) || Math.abs(cc - mid) < 0.06 * W) range = [mL, mR];
    else range = cc < mid ? [mL, mid] : [mid, mR];
    // Captions side by side share the width between them.
    for (const o of captions) {
      if (o.block === cap) continue;
      const ob = o.block.bbox;
      const vo = Math.min(ob[3], cb[3]) - Math.max(ob[1], cb[1]);
      if (vo <= 0) continue;
      const oc = (ob[0] + ob[2]) / 2;
      if (oc > cc) range = [range[0], Math.min(range[1], (Math.max(cb[2], ob[0]) + Math.min(cb[2], ob[0])) / 2)];
      else range = [Math.max(range[0], (Math.max(ob[2], cb[0]) + Math.min(ob[2], cb[0])) / 2), range[1]];
    }
    const order: ('up' | 'down')[] = m.kind === 'table' ? ['down', 'up'] : ['up', 'down'];
    let found: Element[] = [];
    for (const dir of order) {
      found = search(dir, cap, range, elements, barriers, H, stats.bodySize, m.kind);
      if (found.length > 0) break;
    }
    // A table captioned above, with a figure captioned below it further down: the figure's caption
    // closes the search, so the figure's drawing would join the table. Cut at the widest gap.
    if (m.kind === 'table' && found.length > 1 && found[0]!.bbox[1] >= cb[3] - 2) {
      const bottom = Math.max(...found.map((e) => e.bbox[3]));
      const below = captions.find((o) => o !== c && o.m.kind === 'figure' && o.block.bbox[1] >= bottom - 2 && o.block.bbox[1] - bottom < 2.5 * stats.bodySize && Math.min(o.block.bbox[2], cb[2]) - Math.max(o.block.bbox[0], cb[0]) > 0.3 * cw);
      if (below) {
        const sorted = [...found].sort((a, b) => a.bbox[1] - b.bbox[1]);
        let edge = sorted[0]!.bbox[3];
        let cut = -1;
        let widest = 1.2 * stats.bodySize;
        for (let k = 1; k < sorted.length; k++) {
          const gap = sorted[k]!.bbox[1] - edge;
          if (gap > widest) {
            widest = gap;
            cut = k;
          }
          edge = Math.max(edge, sorted[k]!.bbox[3]);
        }
        if (cut > 0) found = sorted.slice(0, cut);
      }
    }
    // Captions set below their tables: what lies under this caption is closed by the next table's
    // caption, so it is that table; this caption's own table is the one above it.
    if (m.kind === 'table' && found.length > 0 && found[0]!.bbox[1] >= cb[3] - 2) {
      const bottom = Math.max(...found.map((e) => e.bbox[3]));
      const next = captions.find((o) => o !== c && o.m.kind === 'table' && o.block.bbox[1] >= bottom - 2 && o.block.bbox[1] - bottom < 2.5 * stats.bodySize && Math.min(o.block.bbox[2], cb[2]) - Math.max(o.block.bbox[0], cb[0]) > 0.5 * cw);
      if (next) {
        const above = search('up', cap, range, elements, barriers, H, stats.bodySize, m.kind);
        if (above.length > 0) found = above;
      }
    }
    if (found.length === 0) continue;
    const bbox = pad(union(found.map((e) => e.bbox)), 2, W, H);
    if ((bbox[2] - bbox[0]) * (bbox[3] - bbox[1]) < 200) continue;
    seen.add(m.label);
    const used = found.filter((e) => e.block).map((e) => e.block!);
    for (const b of used) out.consumed.add(b.id);
    for (const e of found) if (e.block) elements.splice(elements.indexOf(e), 1);
    for (const e of found) if (e.graphic) elements.splice(elements.indexOf(e), 1);
    const caption = cap.text;
    if (m.kind === 'figure') {
      const hasImg = found.some((e) => e.graphic === 'image');
      const hasPath = found.some((e) => e.graphic === 'path');
      const hasText = used.length > 0;
      const kinds = [hasImg, hasPath, hasText].filter(Boolean).length;
      out.figures.push({
        id: '',
        label: m.label,
        caption,
        page: layout.index,
        bbox,
        captionBbox: cap.bbox,
        kind: kinds > 1 ? 'mixed' : hasImg ? 'raster' : hasPath ? 'vector' : 'text',
        blockIds: used.map((b) => b.id),
      });
    } else {
      out.tables.push({
        id: '',
        label: m.label,
        caption,
        page: layout.index,
        bbox,
        captionBbox: cap.bbox,
        rows: tableGrid(used.flatMap((b) => b.lines)),
        ...(/\b(continued|cont\.|cont'd|续)/i.test(caption) ? { continued: true } : {}),
        blockIds: used.map((b) => b.id),
      });
    }
  }
  return out;
}

function search(
  dir: 'up' | 'down',
  cap: WorkBlock,
  range: [number, number],
  elements: Element[],
  barriers: WorkBlock[],
  H: number,
  em: number,
  kind: CaptionMatch['kind'],
): Element[] {
  const cb = cap.bbox;
  const inRange = (b: BBox): boolean => {
    const ov = Math.min(b[2], range[1]) - Math.max(b[0], range[0]);
    return ov > 0.5 * (b[2] - b[0]) || ov > 0.5 * (range[1] - range[0]);
  };
  let limit = dir === 'up' ? 0 : H;
  for (const b of barriers) {
    if (b === cap || !inRange(b.bbox)) continue;
    if (dir === 'up' && b.bbox[3] <= cb[1] + 1) limit = Math.max(limit, b.bbox[3]);
    if (dir === 'down' && b.bbox[1] >= cb[3] - 1) limit = Math.min(limit, b.bbox[1]);
  }
  const cands = elements.filter((e) => {
    const b = e.bbox;
    if (!inRange(b)) return false;
    return dir === 'up' ? b[3] <= cb[1] + 2 && b[1] >= limit - 2 : b[1] >= cb[3] - 2 && b[3] <= limit + 2;
  });
  // Grow outwards from the caption; a wide empty band ends the region.
  cands.sort((a, b) => (dir === 'up' ? b.bbox[3] - a.bbox[3] : a.bbox[1] - b.bbox[1]));
  const maxGap = Math.max(0.12 * H, 5 * em);
  const taken: Element[] = [];
  let edge = dir === 'up' ? cb[1] : cb[3];
  // What is drawn among what has been taken (images, paths), and what text of a figure may join it:
  // - text mostly (60 %) inside the caption's column or the drawing: a drawing may be wider than
  //   the column, but a title or a line across both columns above a column's figure is not part of it;
  // - not a sentence of body text wholly beyond the drawing (the last line of the paragraph that
  //   introduces a screenshot).
  // Tables keep such text: their cells run across the page under a caption set in one column, and
  // their notes and cells read as sentences too.
  let drawn: BBox | null = null;
  for (const e of cands) {
    const gap = dir === 'up' ? edge - e.bbox[3] : e.bbox[1] - edge;
    if (gap > maxGap) break;
    if (kind === 'figure' && e.block) {
      const x0 = Math.min(range[0], drawn?.[0] ?? Infinity);
      const x1 = Math.max(range[1], drawn?.[2] ?? -Infinity);
      if (Math.min(e.bbox[2], x1) - Math.max(e.bbox[0], x0) <= 0.6 * (e.bbox[2] - e.bbox[0])) continue;
      if (drawn && isProseLine(e.block, em) && (dir === 'up' ? e.bbox[3] <= drawn[1] + 1 : e.bbox[1] >= drawn[3] - 1)) break;
    }
    taken.push(e);
    if (e.graphic) drawn = drawn ? union([drawn, e.bbox]) : e.bbox;
    edge = dir === 'up' ? Math.min(edge, e.bbox[1]) : Math.max(edge, e.bbox[3]);
  }
  // Paragraphs of sentences and nothing drawn: the rest of a long caption, or body text, not a
  // figure (a figure set in text is code, a listing or labels).
  if (kind === 'figure' && taken.length > 0 && taken.every((e) => e.block && e.block.mono <= 0.5) && isProse(taken.map((e) => e.block!))) return [];
  // A lone thin rule or a stray word is not a figure.
  const area = taken.reduce((a, e) => a + (e.bbox[2] - e.bbox[0]) * (e.bbox[3] - e.bbox[1]), 0);
  const textLines = taken.reduce((a, e) => a + (e.block?.lines.length ?? 0), 0);
  const u = taken.length > 0 ? union(taken.map((e) => e.bbox)) : null;
  if (!u || (u[3] - u[1] < 6 && textLines < 2) || (area < 60 && textLines < 2)) return [];
  return taken;
}

/** Text in long lines (6 words or more on average) with at least two sentences in it. */
function isProse(blocks: readonly WorkBlock[]): boolean {
  const lines = blocks.flatMap((b) => b.lines);
  const text = blocks.map((b) => b.text).join(' ');
  const words = text.split(/\s+/).filter(Boolean).length;
  if (lines.length === 0 || words / lines.length < 6) return false;
  return (text.match(/[\p{Ll}\p{N})\]][.!?]["'”’)]?\s+\p{Lu}/gu) ?? []).length >= 2;
}

/** Body-sized, proportional text that ends a sentence and is long enough to be one. */
function isProseLine(b: WorkBlock, em: number): boolean {
  if (b.mono > 0.5 || Math.abs(b.size - em) > 0.15 * em) return false;
  const text = b.text.trim();
  if (!/[.:;!?。：；！？][)"'”’]?$/.test(text)) return false;
  return text.split(/\s+/).length >= 6 || (/[\u3000-\u9fff]/.test(text) && text.length >= 15);
}

function countRows(lines: readonly Segment[]): number {
  let rows = 0;
  let y1 = -Infinity;
  let y0 = -Infinity;
  for (const l of [...lines].sort((a, b) => a.y0 - b.y0)) {
    // Same row only when the boxes share most of their height: with tight leading the ascender of
    // one line touches the descender of the next, and prose must not count as table cells.
    if (Math.min(y1, l.y1) - Math.max(y0, l.y0) > 0.5 * Math.min(y1 - y0, l.y1 - l.y0)) continue;
    rows++;
    y0 = l.y0;
    y1 = l.y1;
  }
  return rows;
}

export function union(boxes: readonly BBox[]): BBox {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b[0]);
    y0 = Math.min(y0, b[1]);
    x1 = Math.max(x1, b[2]);
    y1 = Math.max(y1, b[3]);
  }
  return [x0, y0, x1, y1];
}

function pad(b: BBox, p: number, W: number, H: number): BBox {
  return [round(Math.max(0, b[0] - p)), round(Math.max(0, b[1] - p)), round(Math.min(W, b[2] + p)), round(Math.min(H, b[3] + p))];
}

interface Cell {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  text: string;
}

/** Recovers a table's cell grid from text positions: rows by baseline, columns by x-alignment. */
export function tableGrid(lines: readonly Segment[]): string[][] {
  const cells: Cell[] = [];
  for (const l of lines) {
    let cur: Cell | null = null;
    const runs = [...l.runs].sort((a, b) => a.x0 - b.x0);
    for (const r of runs) {
      if (cur && r.x0 - cur.x1 < 0.5 * r.size) {
        const space = r.x0 - cur.x1 > 0.12 * r.size && !cur.text.endsWith(' ') ? ' ' : '';
        cur.text += space + r.text;
        cur.x1 = Math.max(cur.x1, r.x1);
        cur.y0 = Math.min(cur.y0, r.y0);
        cur.y1 = Math.max(cur.y1, r.y1);
      } else {
        if (cur) cells.push(cur);
        cur = { x0: r.x0, x1: r.x1, y0: r.y0, y1: r.y1, text: r.text };
      }
    }
    if (cur) cells.push(cur);
  }
  if (cells.length === 0) return [];
  cells.sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2);
  const rows: Cell[][] = [];
  let ry0 = -Infinity;
  let ry1 = -Infinity;
  for (const c of cells) {
    const ov = Math.min(ry1, c.y1) - Math.max(ry0, c.y0);
    if (rows.length > 0 && ov > 0.4 * Math.min(c.y1 - c.y0, ry1 - ry0)) {
      rows[rows.length - 1]!.push(c);
      ry0 = Math.min(ry0, c.y0);
      ry1 = Math.max(ry1, c.y1);
    } else {
      rows.push([c]);
      ry0 = c.y0;
      ry1 = c.y1;
    }
  }
  for (const r of rows) r.sort((a, b) => a.x0 - b.x0);
  const maxCount = Math.max(...rows.map((r) => r.length));
  // Columns come from the fullest rows, so a header cell spanning two columns does not merge them.
  const typical = rows.filter((r) => r.length >= Math.max(2, Math.ceil(maxCount * 0.6)));
  const spans = (typical.length > 0 ? typical : rows).flat().map((c) => [c.x0, c.x1] as [number, number]);
  spans.sort((a, b) => a[0] - b[0]);
  const cols: [number, number][] = [];
  for (const s of spans) {
    const last = cols[cols.length - 1];
    if (last && s[0] <= last[1] + 1) last[1] = Math.max(last[1], s[1]);
    else cols.push([s[0], s[1]]);
  }
  if (cols.length > 40) return rows.map((r) => [r.map((c) => c.text.trim()).join(' ')]);
  const grid: string[][] = [];
  for (const r of rows) {
    const row: string[] = cols.map(() => '');
    for (const c of r) {
      let k = cols.findIndex((col) => Math.min(col[1], c.x1) - Math.max(col[0], c.x0) > 0);
      if (k < 0) {
        // A cell in a gap between columns goes to the nearest one.
        const cx = (c.x0 + c.x1) / 2;
        k = 0;
        let best = Infinity;
        cols.forEach((col, i) => {
          const d = Math.min(Math.abs(cx - col[0]), Math.abs(cx - col[1]));
          if (d < best) {
            best = d;
            k = i;
          }
        });
      }
      row[k] = row[k] ? `${row[k]} ${c.text.trim()}` : c.text.trim();
    }
    grid.push(row);
  }
  return grid;
}
