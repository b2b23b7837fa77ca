// Figures and tables as page regions. A caption anchors each one; the region is everything drawn
// (images, vector paths) or set as non-body text (code listings, chart labels, table cells)
// between the caption and the nearest body text in the caption's column.
import type { BBox, Figure, Table } from '../types.js';
import { CAPTION_RE, joinAtHyphen, matchCaption, round, ROMAN_CAPS_HEAD, SUBSECTION_LINE, type CaptionMatch, type DocStats, type Vocabulary, type WorkBlock } from './blocks.js';
import { shareRow, textWithScripts, type Segment } from './lines.js';
import type { TextRun } from './pdfjs.js';
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
  // "… as shown in\nFigure 6-9." wraps a reference onto a line of its own; where the page also has
  // that label's real caption, the bare label is not it (but still the end of the text above).
  const bare = new Set<WorkBlock>();
  for (let i = captions.length - 1; i >= 0; i--) {
    const c = captions[i]!;
    if (c.block.text.trim().replace(CAPTION_RE, '').trim() !== '') continue;
    if (captions.some((o) => o !== c && o.m.label === c.m.label && o.block.text.trim().length > c.block.text.trim().length)) {
      c.block.type = 'paragraph';
      bare.add(c.block);
      captions.splice(i, 1);
    }
  }

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

  const ruled = ruledGrid(layout.graphics ?? [], stats.bodySize);
  const cells = tableCells(blocks, layout.segments, stats.bodySize);
  const isBarrier = (b: WorkBlock): boolean => {
    if (b.type === 'heading' || b.type === 'title' || b.type === 'caption' || bare.has(b)) return true;
    if (b.type === 'header' || b.type === 'footer') return false;
    if (b.mono > 0.5) return false;
    // Headings are typed after regions are found; a numbered section line set apart by its font
    // ("5.2 Quantitative Results" in bold, "3.3 VERIFY_GROUP_FOR_USER function" larger) ends the
    // region all the same, or the table above it takes the heading in.
    if (isSectionLine(b, stats)) return true;
    // Text inside a ruled grid is a table's cell, however much it reads like a paragraph.
    if (ruled.v.length > 0 && inRuledCell(b.bbox, ruled)) return false;
    if (Math.abs(b.size - stats.bodySize) > 0.15 * stats.bodySize) return false;
    const avgW = b.lines.reduce((a, l) => a + (l.x1 - l.x0), 0) / b.lines.length;
    const rows = countRows(b.lines);
    const multiCell = b.lines.length > rows * 1.3;
    if (multiCell) return false;
    // A cell that wraps, in a row of short cells, or under or over one in its column: a table's,
    // not a paragraph.
    if (cells.has(b)) return false;
    return (rows >= 2 && avgW >= 0.55 * colWidth) || (rows >= 3 && avgW >= 0.4 * colWidth && b.text.length > 150);
  };

  const barriers = blocks.filter((b) => b.type !== 'header' && b.type !== 'footer' && isBarrier(b));
  const elements: Element[] = [];
  for (const b of blocks) {
    if (b.type === 'header' || b.type === 'footer' || barriers.includes(b)) continue;
    elements.push({ bbox: b.bbox, block: b });
  }
  for (const g of layout.graphics ?? []) elements.push({ bbox: g.bbox, graphic: g.kind });

  // A caption given in two languages, one under the other (a Chinese thesis's "表 2.1 这是一个样表。"
  // over "Table 2.1 This is a sample table."): one caption. The region is looked for from both, or
  // the table under them stopped at the second, found nothing, and took the text above instead.
  const translation = new Map<WorkBlock, WorkBlock>();
  for (const c of captions) {
    const a = c.block.bbox;
    const o = captions.find(
      (o) =>
        o !== c &&
        o.m.label === c.m.label &&
        !translation.has(o.block) &&
        o.block.bbox[1] >= a[3] - 2 &&
        o.block.bbox[1] - a[3] < 1.5 * stats.bodySize &&
        Math.min(o.block.bbox[2], a[2]) - Math.max(o.block.bbox[0], a[0]) > 0.3 * Math.min(a[2] - a[0], o.block.bbox[2] - o.block.bbox[0]),
    );
    if (o && !translation.has(c.block)) translation.set(c.block, o.block).set(o.block, c.block);
  }

  const seen = new Set<string>();
  for (const c of captions) {
    const { block: cap, m } = c;
    if (seen.has(m.label)) continue;
    const twin = translation.get(cap);
    const capArea = { bbox: twin ? union([cap.bbox, twin.bbox]) : cap.bbox, blocks: twin ? [cap, twin] : [cap] };
    const cb = capArea.bbox;
    const cw = cb[2] - cb[0];
    const cc = (cb[0] + cb[2]) / 2;
    let range: [number, number];
    if (!twoCol || cw > 0.55 * (mR - mL) || Math.abs(cc - mid) < 0.06 * W) range = [mL, mR];
    else range = cc < mid ? [mL, mid] : [mid, mR];
    // Captions side by side share the width between them.
    for (const o of captions) {
      if (o.block === cap || o.block === twin) continue;
      const ob = o.block.bbox;
      const vo = Math.min(ob[3], cb[3]) - Math.max(ob[1], cb[1]);
      if (vo <= 0) continue;
      const oc = (ob[0] + ob[2]) / 2;
      // Captions each in its own column of a two-column page split at the columns' gutter, not
      // halfway between their (left-aligned) texts.
      const gutter = twoCol && (cc - mid) * (oc - mid) < 0;
      if (oc > cc) range = [range[0], Math.min(range[1], gutter ? mid : (Math.max(cb[2], ob[0]) + Math.min(cb[2], ob[0])) / 2)];
      else range = [Math.max(range[0], gutter ? mid : (Math.max(ob[2], cb[0]) + Math.min(ob[2], cb[0])) / 2), range[1]];
    }
    const order: ('up' | 'down')[] = m.kind === 'table' ? ['down', 'up'] : ['up', 'down'];
    let found: Element[] = [];
    for (const dir of order) {
      found = search(dir, capArea, range, elements, barriers, cells, H, stats.bodySize, m.kind);
      if (found.length > 0) break;
    }
    // A table is looked for under its caption first; but where what is there is not ruled across
    // and a table ruled across (two rules or more) ends right above the caption, the caption is set
    // below its table (ACL: TableFormer's Table 5, over "instead of using:" and an equation whose
    // fraction bars passed for its rules).
    if (m.kind === 'table' && found.length > 0 && found[0]!.bbox[1] >= cb[3] - 2) {
      const ruledAcross = (f: Element[]): number => {
        const u = union(f.map((e) => e.bbox));
        return acrossRules(f, u[2] - u[0]).length;
      };
      if (ruledAcross(found) < 2) {
        const above = search('up', capArea, range, elements, barriers, cells, H, stats.bodySize, m.kind);
        const lowest = above.reduce((y, e) => Math.max(y, e.bbox[3]), -Infinity);
        if (above.length > 0 && ruledAcross(above) >= 2 && cb[1] - lowest < 1.5 * stats.bodySize) found = above;
      }
    }
    // A caption set in one column can head a table that runs across the page (jhydrol Tables 2-4:
    // percentiles 60-100 right of the middle), and a page of short cells can pass for two columns
    // (an IRS exhibit's LINE and POSITION left of the middle, DESCRIPTION right of it). Where the
    // rows found in the caption's column go on, baseline for baseline, in text across the middle
    // that is no prose (body prose is a barrier, never an element), the region is looked for
    // across the page.
    if (found.length > 0 && (range[0] > mL || range[1] < mR) && rowsGoOnAcross(found, range, elements)) {
      for (const dir of order) {
        const wide = search(dir, capArea, [mL, mR], elements, barriers, cells, H, stats.bodySize, m.kind);
        if (wide.length > 0) {
          found = wide;
          break;
        }
      }
    }
    // A caption over a screen display, with a label and a few lines of instructions set before the
    // drawing (IRS Exhibit 2.3.59-1: "Full Tax Module Data-EIN", "Use this format of the command
    // code …", then the screenshot): the search stopped at the instructions with text alone. The
    // figure, found small (under 5 % of the page), runs on to the drawing when that is large (5 %)
    // and near (a quarter page), and what is between is at most two paragraphs, no heading or
    // caption.
    if (m.kind === 'figure' && found.length > 0 && !found.some((e) => e.graphic) && found.every((e) => e.bbox[1] >= cb[3] - 2)) {
      const got = union(found.map((e) => e.bbox));
      const inCol = (b: BBox): boolean => Math.min(b[2], range[1]) - Math.max(b[0], range[0]) > 0.5 * (b[2] - b[0]);
      const drawing = elements
        .filter((e) => e.graphic && inCol(e.bbox) && e.bbox[1] >= got[3] - 1 && (e.bbox[2] - e.bbox[0]) * (e.bbox[3] - e.bbox[1]) >= 0.05 * W * H)
        .sort((a, b) => a.bbox[1] - b.bbox[1])[0];
      if ((got[2] - got[0]) * (got[3] - got[1]) < 0.05 * W * H && drawing && drawing.bbox[1] - got[3] < 0.25 * H) {
        const between = blocks.filter((b) => b.type !== 'header' && b.type !== 'footer' && inCol(b.bbox) && b.bbox[1] >= got[3] - 1 && b.bbox[3] <= drawing.bbox[1] + 1);
        const closed = between.some((b) => b.type === 'heading' || b.type === 'title' || b.type === 'caption' || isSectionLine(b, stats));
        if (!closed && between.length <= 2 && between.every((b) => !found.some((e) => e.block === b))) {
          found = [...found, ...between.map((b) => elements.find((e) => e.block === b) ?? { bbox: b.bbox, block: b }), drawing];
        }
      }
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
        const above = search('up', capArea, range, elements, barriers, cells, H, stats.bodySize, m.kind);
        if (above.length > 0) found = above;
      }
    }
    if (found.length === 0) continue;
    const bbox = pad(union(found.map((e) => e.bbox)), 2, W, H);
    if ((bbox[2] - bbox[0]) * (bbox[3] - bbox[1]) < 200) continue;
    seen.add(m.label);
    const used = found.filter((e) => e.block).map((e) => e.block!);
    for (const b of used) out.consumed.add(b.id);
    for (const e of found) {
      // (A barrier taken inside a frame was never an element.)
      const i = elements.indexOf(e);
      if (i >= 0) elements.splice(i, 1);
    }
    const caption = cap.text;
    // Rules drawn across the region: they part a text table's rows.
    const rules = acrossRules(found, bbox[2] - bbox[0]);
    // An exhibit is whatever it shows: one set as a grid of text is a table, with its cells.
    const hasImg = found.some((e) => e.graphic === 'image');
    const grid = m.kind === 'figure' && EXHIBIT.test(m.label) && !hasImg ? textTable(used, rules, stats.vocabulary) : null;
    if (m.kind === 'figure' && !grid) {
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
        rows: grid ?? tableGrid(
          used.flatMap((b) => b.lines),
          rules,
          stats.vocabulary,
        ),
        blockIds: used.map((b) => b.id),
      });
    }
  }
  return out;
}

/**
 * The y of each rule drawn across (most of) a region's width, a rule drawn in pieces that meet end
 * to end counted as one (jhydrol Table 1 rules its header off column by column).
 */
function acrossRules(found: readonly Element[], width: number): number[] {
  const flat = found
    .filter((e) => e.graphic === 'path' && e.bbox[3] - e.bbox[1] <= 2.5)
    .map((e) => ({ y: (e.bbox[1] + e.bbox[3]) / 2, x0: e.bbox[0], x1: e.bbox[2] }))
    .sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const joined: { y: number; x0: number; x1: number }[] = [];
  for (const r of flat) {
    const last = joined.find((j) => Math.abs(j.y - r.y) <= 1 && r.x0 <= j.x1 + 1 && r.x1 >= j.x0 - 1);
    if (last) {
      last.x0 = Math.min(last.x0, r.x0);
      last.x1 = Math.max(last.x1, r.x1);
    } else joined.push({ ...r });
  }
  return joined.filter((r) => r.x1 - r.x0 >= 0.8 * width - 8).map((r) => r.y);
}

/** A cell's line that cannot end its text: a hyphen, a comma or a little word ends it. */
const STOPS_SHORT = /([-,]|\b(and|or|of|to|the|a|an|in|for|with|by|on|at|from|as|than|that|is|are|be))$/i;

/** Labels that say neither figure nor table. */
const EXHIBIT = /^exhibit\b/i;

/**
 * The cell grid of blocks set as a text table, or null when they are not one: two rows or more in
 * two columns or more, and either most rows with two cells filled or a header row of short
 * column names over rows that fill fewer (IRS: "LINE POSITION DESCRIPTION AND VALIDITY" over a
 * description's values, one per row). A list or a form of wrapped lines fills one column.
 */
function textTable(used: readonly WorkBlock[], rules: readonly number[], vocab: Vocabulary): string[][] | null {
  if (used.length === 0) return null;
  const rows = tableGrid(
    used.flatMap((b) => b.lines),
    rules,
    vocab,
  );
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (rows.length < 2 || width < 2) return null;
  const filled = (r: readonly string[]): string[] => r.filter((c) => c !== '');
  const full = rows.filter((r) => filled(r).length >= 2).length;
  if (full >= 0.6 * rows.length) return rows;
  const head = filled(rows[0]!);
  const names = head.length >= 2 && head.every((c) => c.length <= 40 && !/[.:;,]$/.test(c));
  return names ? rows : null;
}

function search(
  dir: 'up' | 'down',
  cap: { bbox: BBox; blocks: readonly WorkBlock[] },
  range: [number, number],
  elements: Element[],
  barriers: WorkBlock[],
  cells: ReadonlySet<WorkBlock>,
  H: number,
  em: number,
  kind: CaptionMatch['kind'],
): Element[] {
  const cb = cap.bbox;
  const inRange = (b: BBox): boolean => {
    const ov = Math.min(b[2], range[1]) - Math.max(b[0], range[0]);
    return ov > 0.5 * (b[2] - b[0]) || ov > 0.5 * (range[1] - range[0]);
  };
  // A frame drawn around the figure from its caption on: what is set inside it is the figure's, a
  // note of body text in the drawing included.
  // A box painted in bands (one fill clipped to each row) is one frame: the bands stack edge to
  // edge with the same left and right.
  let frame: BBox | undefined;
  for (const start of elements) {
    const s = start.bbox;
    if (start.graphic !== 'path' || !inRange(s) || s[2] - s[0] < 0.5 * (cb[2] - cb[0])) continue;
    if (!(dir === 'up' ? s[3] <= cb[1] + 2 && cb[1] - s[3] < 1.5 * em : s[1] >= cb[3] - 2 && s[1] - cb[3] < 1.5 * em)) continue;
    let f: BBox = s;
    for (let grown = true; grown; ) {
      grown = false;
      for (const e of elements) {
        const b = e.bbox;
        if (e.graphic !== 'path' || Math.abs(b[0] - f[0]) > 2 || Math.abs(b[2] - f[2]) > 2) continue;
        if (b[1] > f[3] + 1 || b[3] < f[1] - 1 || (b[1] >= f[1] && b[3] <= f[3])) continue;
        f = union([f, b]);
        grown = true;
      }
    }
    // A rule under the caption is no frame; the first tall enough is.
    if (f[3] - f[1] > 3 * em) {
      frame = f;
      break;
    }
  }
  const within = (b: BBox, f: BBox): boolean => b[0] >= f[0] - 1 && b[2] <= f[2] + 1 && b[1] >= f[1] - 1 && b[3] <= f[3] + 1;
  // A frame holds a drawing; a box around nothing but text is a note or a call-out, not a figure.
  // (The frame's own bands, as wide as it, are not that drawing.)
  const drawing =
    !!frame &&
    elements.some(
      (e) =>
        e.graphic &&
        within(e.bbox, frame) &&
        !(Math.abs(e.bbox[0] - frame[0]) <= 2 && Math.abs(e.bbox[2] - frame[2]) <= 2) &&
        (e.bbox[2] - e.bbox[0]) * (e.bbox[3] - e.bbox[1]) < 0.9 * (frame[2] - frame[0]) * (frame[3] - frame[1]),
    );
  const framed = (b: BBox): boolean => drawing && within(b, frame!);
  const inner: Element[] = [];
  let limit = dir === 'up' ? 0 : H;
  for (const b of barriers) {
    if (cap.blocks.includes(b) || !inRange(b.bbox)) continue;
    if (kind === 'figure' && b.type !== 'caption' && framed(b.bbox)) {
      inner.push({ bbox: b.bbox, block: b });
      continue;
    }
    if (dir === 'up' && b.bbox[3] <= cb[1] + 1) limit = Math.max(limit, b.bbox[3]);
    if (dir === 'down' && b.bbox[1] >= cb[3] - 1) limit = Math.min(limit, b.bbox[1]);
  }
  const cands = [...elements, ...inner].filter((e) => {
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
    // A sentence of body text wholly past what is drawn so far.
    // (A table's cell may read as a sentence: "1 = Entity has a tax module account with a significant lien indicator.")
    const proseBeyond = !!drawn && !!e.block && !cells.has(e.block) && isProseLine(e.block, em) && (dir === 'up' ? e.bbox[3] <= drawn[1] + 1 : e.bbox[1] >= drawn[3] - 1);
    if (kind === 'figure' && e.block) {
      const x0 = Math.min(range[0], drawn?.[0] ?? Infinity);
      const x1 = Math.max(range[1], drawn?.[2] ?? -Infinity);
      if (Math.min(e.bbox[2], x1) - Math.max(e.bbox[0], x0) <= 0.6 * (e.bbox[2] - e.bbox[0])) continue;
      if (proseBeyond) break;
    }
    // A table drawn with rules ends at its last rule: a sentence past it, with no rule as wide as the
    // table a few lines further on (a booktabs table's bottom rule under a cell that reads as a
    // sentence), is the text that follows the table.
    if (kind === 'table' && proseBeyond) {
      const d = drawn!;
      const ruleAhead = cands.some(
        (g) =>
          g.graphic === 'path' &&
          (dir === 'up' ? g.bbox[3] <= e.bbox[1] + 1 && e.bbox[1] - g.bbox[3] < 6 * em : g.bbox[1] >= e.bbox[3] - 1 && g.bbox[1] - e.bbox[3] < 6 * em) &&
          Math.min(g.bbox[2], d[2]) - Math.max(g.bbox[0], d[0]) >= 0.8 * (d[2] - d[0]),
      );
      if (!ruleAhead) break;
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

/**
 * Most (60 %, and 3 or more) of the text rows of a region found within `range` have text at the
 * same baseline beyond the range or the side of its text (and within 6 em of that text), among the
 * elements not taken: the rows of one table.
 */
function rowsGoOnAcross(found: readonly Element[], range: [number, number], elements: readonly Element[]): boolean {
  const lines = found.flatMap((e) => e.block?.lines ?? []);
  if (lines.length < 3) return false;
  // The side edges of the text taken (rules drawn across the whole table would hide them).
  const region = union(found.filter((e) => e.block).map((e) => e.bbox));
  const beyond = elements
    .filter((e) => e.block && !found.includes(e) && e.bbox[3] > region[1] && e.bbox[1] < region[3])
    .flatMap((e) => e.block!.lines)
    .filter((l) => {
      const em = Math.max(4, l.size);
      return (l.x0 >= Math.min(range[1], region[2]) - 1 && l.x0 - region[2] < 6 * em) || (l.x1 <= Math.max(range[0], region[0]) + 1 && region[0] - l.x1 < 6 * em);
    });
  if (beyond.length < 3) return false;
  const rows = new Set<number>();
  for (const l of lines) if (beyond.some((o) => Math.abs(o.base - l.base) < 1)) rows.add(Math.round(l.base));
  const all = new Set(lines.map((l) => Math.round(l.base)));
  return rows.size >= 3 && rows.size >= 0.6 * all.size;
}

/**
 * Blocks of up to 4 rows that are cells of a text table. Seeds: a block whose first line has, on its
 * baseline, two or more short cells of other blocks on one side (at most 3 words and 8 em each,
 * within 20 em: an IRS exhibit's LINE and POSITION, "16  60-80"), and a row of three or more cells
 * read as one block ("14  66  LLC indicator"). Then, from those, blocks set in a column of theirs
 * (a line of each starting within 2 pt) right above or below one (a gap under 2.5 em), as a
 * description with no LINE or POSITION of its own ("1 = Entity has a tax module account …").
 * One number in the margin beside each line (a review copy's line numbers) makes no table.
 */
function tableCells(blocks: readonly WorkBlock[], segments: readonly Segment[], em: number): Set<WorkBlock> {
  const small: WorkBlock[] = [];
  const cells = new Set<WorkBlock>();
  /** Cells and rows of cells: what a block's column may line up with. */
  const members: WorkBlock[] = [];
  // Segments by whole point of baseline: a block's neighbours on its first line's baseline are
  // within a point of it, so in its bucket or the two beside it.
  const byBase = new Map<number, Segment[]>();
  for (const s of segments) {
    if (s.vertical) continue;
    const k = Math.floor(s.base);
    const list = byBase.get(k);
    if (list) list.push(s);
    else byBase.set(k, [s]);
  }
  for (const b of blocks) {
    if (b.lines.length === 0 || b.lines.some((l) => l.vertical)) continue;
    const rows = countRows(b.lines);
    if (rows > 4) continue;
    small.push(b);
    if (b.lines.length >= 3 && rows === 1) {
      members.push(b);
      continue;
    }
    const first = b.lines.reduce((a, l) => (l.y0 < a.y0 ? l : a), b.lines[0]!);
    let left = 0;
    let right = 0;
    const k = Math.floor(first.base);
    for (const bucket of [byBase.get(k - 1), byBase.get(k), byBase.get(k + 1)]) {
      for (const s of bucket ?? []) {
        if (Math.abs(s.base - first.base) >= 1 || b.lines.includes(s)) continue;
        if (s.x1 - s.x0 > 8 * em || s.text.trim().split(/\s+/).length > 3) continue;
        if (s.x1 < first.x0 && first.x0 - s.x1 <= 20 * em) left++;
        else if (s.x0 > first.x1 && s.x0 - first.x1 <= 20 * em) right++;
      }
    }
    if (left >= 2 || right >= 2) {
      cells.add(b);
      members.push(b);
    }
  }
  if (members.length === 0) return cells;
  // In a column: a line of each starts at one x (a cell set with a hanging indent, "L = a TC 148 …"
  // over "identify a letter …", lines up by its first line with the one-line cells above it).
  const column = (b: WorkBlock, c: WorkBlock): boolean => {
    const gap = Math.max(b.bbox[1] - c.bbox[3], c.bbox[1] - b.bbox[3]);
    return gap < 2.5 * em && c.lines.some((l) => b.lines.some((m) => Math.abs(l.x0 - m.x0) <= 2));
  };
  const member = new Set(members);
  for (let grown = true; grown; ) {
    grown = false;
    for (const b of small) {
      if (member.has(b) || !members.some((c) => column(b, c))) continue;
      cells.add(b);
      members.push(b);
      member.add(b);
      grown = true;
    }
  }
  return cells;
}

/** One line opening with a section number ("5.2", "II.") and a title word, in a bolder or larger font than the body's. */
function isSectionLine(b: WorkBlock, stats: DocStats): boolean {
  const t = b.text.trim();
  // An IEEE section line ("V. CONCLUSION") says what it is by its capitals, even in the body's font.
  const roman = ROMAN_CAPS_HEAD.test(t);
  if (!roman && b.font === stats.bodyFont && b.size < stats.bodySize * 1.12) return false;
  if (!SUBSECTION_LINE.test(t) && !roman) return false;
  if (!/\s\p{Lu}[\p{L}_]{2,}/u.test(t)) return false; // "1.5 M" is a cell's value, "5.2 Results" a heading
  return countRows(b.lines) === 1;
}

interface Rules {
  /** Vertical rules: x, and the y range they span. */
  v: { at: number; from: number; to: number }[];
  /** Horizontal rules: y, and the x range they span. */
  h: { at: number; from: number; to: number }[];
}

/** Thin drawn lines: candidate cell borders. */
function ruledGrid(graphics: readonly { kind: string; bbox: BBox }[], em: number): Rules {
  const rules: Rules = { v: [], h: [] };
  for (const g of graphics) {
    if (g.kind !== 'path') continue;
    const [x0, y0, x1, y1] = g.bbox;
    if (x1 - x0 <= 2.5 && y1 - y0 >= 1.5 * em) rules.v.push({ at: (x0 + x1) / 2, from: y0, to: y1 });
    else if (y1 - y0 <= 2.5 && x1 - x0 >= 2 * em) rules.h.push({ at: (y0 + y1) / 2, from: x0, to: x1 });
  }
  return rules;
}

/**
 * A box with a vertical rule on either side and a horizontal rule above and below it, in a grid of
 * at least three horizontal or three vertical rules: a table's cell. A frame around a note or a
 * page (two and two rules) is not a grid.
 */
function inRuledCell(b: BBox, rules: Rules): boolean {
  // The nearest vertical rules either side that span the box's height, and the grid's height.
  let l = -Infinity;
  let r = Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  let cols = 0;
  for (const v of rules.v) {
    if (v.from > b[1] + 2 || v.to < b[3] - 2) continue;
    if (v.at <= b[0] + 1) l = Math.max(l, v.at);
    else if (v.at >= b[2] - 1) r = Math.min(r, v.at);
    else continue;
    top = Math.min(top, v.from);
    bottom = Math.max(bottom, v.to);
  }
  if (l === -Infinity || r === Infinity) return false;
  let above = false;
  let below = false;
  let rows = 0;
  for (const h of rules.h) {
    if (h.from > l + 2 || h.to < r - 2) continue;
    if (h.at <= b[1] + 1) above = true;
    if (h.at >= b[3] - 1) below = true;
    if (h.at >= top - 2 && h.at <= bottom + 2) rows++;
  }
  if (!above || !below) return false;
  for (const v of rules.v) if (v.from <= b[1] + 2 && v.to >= b[3] - 2 && v.at >= l - 2) cols++;
  return rows >= 3 || cols >= 3;
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
  let first: Segment | undefined;
  for (const l of [...lines].sort((a, b) => a.y0 - b.y0)) {
    // With tight leading the ascender of one line touches the descender of the next: prose must
    // not count as table cells (shareRow wants most of the height shared).
    if (first && shareRow(first, l)) continue;
    rows++;
    first = l;
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
  size: number;
  runs: TextRun[];
}

/** A cell's text with its super- and subscripts written as in body text ("10⁻³", "F₁"). */
function withScripts(c: Cell): Cell {
  const t = c.runs.length > 1 ? textWithScripts(c.runs) : null;
  return t === null ? c : { ...c, text: t };
}

/**
 * The cell grid of a text table from its lines' positions. `rules`: the y of horizontal rules drawn
 * across the table; with three or more, a line that fills at most half the columns, only under
 * cells of the row above and with no rule between them, is that row's cells wrapping. A word broken
 * at the end of a cell's line is mended as the document (`vocab`) writes it.
 */
export function tableGrid(lines: readonly Segment[], rules: readonly number[] = [], vocab?: Vocabulary): string[][] {
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
        cur.runs.push(r);
      } else {
        if (cur) cells.push(withScripts(cur));
        cur = { x0: r.x0, x1: r.x1, y0: r.y0, y1: r.y1, text: r.text, size: r.size, runs: [r] };
      }
    }
    if (cur) cells.push(withScripts(cur));
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
  // Reading order inside a row: a header cell of two lines ("#" over "enc-layers") reads top line first.
  for (const r of rows) r.sort((a, b) => (shareRow(a, b) ? a.x0 - b.x0 : a.y0 + a.y1 - b.y0 - b.y1));
  const maxCount = Math.max(...rows.map((r) => r.length));
  // Columns come from the fullest rows, so a header cell spanning two columns does not merge them.
  const typical = rows.filter((r) => r.length >= Math.max(2, Math.ceil(maxCount * 0.6)));
  const typicalCells = (typical.length > 0 ? typical : rows).flat();
  const spans = withoutBridges(typicalCells).map((c) => [c.x0, c.x1] as [number, number]);
  spans.sort((a, b) => a[0] - b[0]);
  const cols: [number, number][] = [];
  for (const s of spans) {
    const last = cols[cols.length - 1];
    if (last && s[0] <= last[1] + 1) last[1] = Math.max(last[1], s[1]);
    else cols.push([s[0], s[1]]);
  }
  if (cols.length > 40) return rows.map((r) => [r.map((c) => c.text.trim()).join(' ')]);
  const grid: string[][] = [];
  const bandOf = (r: Cell[]): number => {
    const y = (Math.min(...r.map((c) => c.y0)) + Math.max(...r.map((c) => c.y1))) / 2;
    return rules.filter((ry) => ry < y).length;
  };
  let prevBand = -1;
  // With rules, the rows above the first rule under the top one hold the header, its column names
  // set on as many lines as they need ("% Area" over "planted"): a line there in the type of the
  // line above, close under it and only under its names, goes on those names. (A group name over
  // several columns has empty cells beside it; a first row of data under a header set apart on a
  // band of colour, with no rule between, is set smaller or further down.)
  const bands = rules.length >= 3 ? rows.map(bandOf) : [];
  const headerBand = bands[0] ?? -2;
  const headerLines = bands.filter((b) => b === headerBand).length;
  const header = headerBand >= 0 && headerLines > 1 && headerLines < rows.length && bands.every((b, i) => i < headerLines || b !== headerBand);
  const sizeOf = (r: Cell[]): number => Math.max(...r.map((c) => c.size));
  const closeUnder = (r: Cell[], above: Cell[]): boolean =>
    Math.abs(sizeOf(r) - sizeOf(above)) <= 0.03 * sizeOf(above) &&
    Math.min(...r.map((c) => c.y0)) - Math.max(...above.map((c) => c.y1)) < 0.5 * sizeOf(above);
  for (const [ri, r] of rows.entries()) {
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
    const band = bands[ri] ?? -2;
    const last = grid[grid.length - 1];
    const filled = row.filter(Boolean).length;
    // A row goes on the one above only where each of its cells is under a filled one.
    if (last && row.every((t, i) => !t || last[i])) {
      const above = rows[ri - 1]!;
      // Between rules: a line of the header, or a line filling at most half the columns.
      const inBand = band >= 0 && band === prevBand && ((header && ri < headerLines && closeUnder(r, above)) || filled <= cols.length / 2);
      // Without rules to go by, a lone cell close under a cell of the row above is that cell going
      // on where it starts in small letters ("…the Centralized Authori-" / "zation File indicator")
      // or the cell above stops short ("…receive notices or" / "IRS correspondence").
      const wraps = rules.length < 3 && filled === 1 && row.every((t, i) => !t || /^\p{Ll}/u.test(t) || STOPS_SHORT.test(last[i]!)) && closeUnder(r, above);
      if (inBand || wraps) {
        row.forEach((t, i) => {
          if (t) last[i] = joinAtHyphen(last[i]!, t, vocab) ?? `${last[i]} ${t}`;
        });
        continue;
      }
    }
    prevBand = band;
    grid.push(row);
  }
  return mergeHeaderColumns(grid);
}

/**
 * The cells that make columns, less those set across a gap that the other rows keep: a note run
 * over the whole table ("Note: Each transaction will be shown…" under LINE / POSITION /
 * DESCRIPTION), a reference and its preparation run together in one row. A gap that several
 * cells cross is no column gap (a cell's own parts, "0 =" and "lien filed", under longer cells).
 */
function withoutBridges(cells: readonly Cell[]): Cell[] {
  // Sorted by left edge once: the cells under c come in that order, and the cells that start left
  // of a gap are a prefix of it. Comparing every cell with every other, and counting a gap's
  // crossers over all cells, made this a tenth of IRS's document analysis.
  const byX0 = [...cells].sort((a, b) => a.x0 - b.x0);
  /** At most two cells cross the gap from g0 to g1 (start left of it and end right of it). */
  const fewCross = (g0: number, g1: number): boolean => {
    let n = 0;
    for (const o of byX0) {
      if (o.x0 >= g0) break;
      if (o.x1 > g1 && ++n > 2) return false;
    }
    return true;
  };
  const kept = cells.filter((c) => {
    let reach = -Infinity;
    for (const o of byX0) {
      if (o.x0 >= c.x1) break;
      if (o === c || o.x1 <= c.x0 || shareRow(o, c)) continue;
      // A gap inside c between the cells under it, kept clear by every other row but at most one.
      if (reach > -Infinity && o.x0 > reach && fewCross(reach, o.x0)) return false;
      reach = Math.max(reach, o.x1);
    }
    return true;
  });
  return kept.length > 0 ? kept : [...cells];
}

/**
 * A column holding nothing but its header, beside one whose header is empty, is the header of that
 * column set off its cells: "LINE" flush left over right-aligned line numbers.
 */
function mergeHeaderColumns(grid: string[][]): string[][] {
  const header = grid[0];
  if (!header || grid.length < 2) return grid;
  const onlyHeader = (k: number): boolean => header[k] !== '' && grid.every((r, i) => i === 0 || !r[k]);
  const noHeader = (k: number): boolean => header[k] === '' && grid.some((r, i) => i > 0 && r[k]);
  for (let k = 0; k + 1 < header.length; k++) {
    const into = onlyHeader(k) && noHeader(k + 1) ? k + 1 : onlyHeader(k + 1) && noHeader(k) ? k : -1;
    if (into < 0) continue;
    const from = into === k ? k + 1 : k;
    for (const r of grid) {
      if (r[from]) r[into] = r[from];
      r.splice(from, 1);
    }
    k--;
  }
  return grid;
}
