// Display equations as one block each. TeX sets a display as many text runs: the left side, the
// fraction's numerator and denominator, a sum's limits above and below, the number "(7)" at the
// right margin. Read as text they fall into several blocks (some taken for paragraphs, the limits
// "i=1" glued to the line above); here every piece in the display's band of the column is gathered
// into one `equation` block, its box the union of the pieces (number included), its number kept.
import { FORMULA_SIGN, makeBlock, type DocStats, type WorkBlock } from './blocks.js';
import type { Segment } from './lines.js';

/** "(7)", "(2.13)", "(5a)" closing a row; a year "(1975)" is not an equation number. */
const NUMBER_END = /(?:^|[\s,.;:…⋯])\(\s*((?:[A-Z]\.)?\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?)\s*\)\s*$/;
/** A number standing alone, perhaps after the display's closing punctuation: ", (11)". */
const NUMBER_ONLY = /^[\s,.;:…⋯·⋅]*\(\s*(?:[A-Z]\.)?\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?\s*\)\s*$/;
/** Words of three letters or more that are not the names of functions in a formula. */
const WORD = /\p{L}{3,}/gu;
const MATH_WORD = /^(log|exp|max|min|sup|inf|lim|det|sin|cos|tan|arg|var|cov|mod|tr|diag|sgn|sign|rank|where|and|for|with|if|otherwise)$/i;
/** Signs of math besides the formula signs: Greek letters, big operators, primes and hats, arrows. */
const MATH_SIGN = /[αβγδεζηθικλμνξπρστυφχψωΓΔΘΛΞΠΣΦΨΩ∑∏∫√∂∇∞′→⇒⇐⇔↦⟶−·]|[\u0302\u0303]/u;

interface Piece {
  seg: Segment;
  owner: WorkBlock;
}

interface Column {
  left: number;
  right: number;
}

function words(t: string): string[] {
  return (t.match(WORD) ?? []).filter((w) => !MATH_WORD.test(w));
}

/** A line of running text: some words, mostly letters. A display never reads like this. */
function isProse(t: string): boolean {
  // Chinese and Japanese are written without spaces: a line of them is text by its characters.
  if ((t.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/gu) ?? []).length >= 8) return true;
  const letters = (t.match(/\p{L}/gu) ?? []).length;
  const chars = t.replace(/\s/g, '').length;
  const n = words(t).length;
  if (n < 3 || letters < 0.6 * chars) return false;
  // A formula read as words from a math font with a broken encoding ("F Z ½ðSSEs KSSEcÞ=ðdfc
  // KdfsÞ", "Y Nzero Z a CbðDPÞ C TKT") has none of a sentence's little words, or one beside signs.
  const little = (t.match(LITTLE_WORD) ?? []).length;
  return FORMULA_SIGN.test(t) ? little >= 2 : little >= 1 || n >= 6;
}

const LITTLE_WORD = /(?<!\p{L})(the|of|and|is|are|to|in|for|we|that|with|by|an|on|as|be|this|which|it|or|from|le|la|les|de|des|du|un|une|et|est|en|dans|pour|par|sur|avec|der|die|das|und|ist|ein|eine|el|los)(?!\p{L})/giu;

const mathy = (t: string): boolean => FORMULA_SIGN.test(t) || MATH_SIGN.test(t);

/**
 * Gathers the page's display equations into one block each and returns the blocks in reading
 * order; blocks that gave up some of their lines keep the rest (a paragraph that had taken a
 * display's "1/n Σ" keeps its own line).
 */
export function groupDisplays(blocks: WorkBlock[], stats: DocStats, nextId: () => string): WorkBlock[] {
  const em = stats.bodySize;
  const pieces: Piece[] = [];
  for (const b of blocks) {
    if (b.type !== 'paragraph' && b.type !== 'equation') continue;
    for (const seg of b.lines) if (!seg.vertical) pieces.push({ seg, owner: b });
  }
  if (pieces.length === 0) return blocks;
  // A row of text: the pieces side by side with gaps a justified line's spaces may have (a line
  // with inline math, or stretched wide, comes as several segments).
  // (Within a column of the reading order: the next column's lines may stand a gutter away.)
  const leafOf = new Map<Segment, number>(pieces.map((p) => [p.seg, p.owner.leaf]));
  const rowOf = rows(pieces.map((p) => p.seg), 2.5 * em, (a, b) => leafOf.get(a) === leafOf.get(b) || b.x0 - a.x1 < em);
  const prosy = (s: Segment): boolean => rowOf.get(s)?.prose ?? isProse(s.text);
  const prose = [...new Set(pieces.filter((p) => prosy(p.seg)).map((p) => rowOf.get(p.seg)!))];
  // The column a piece at x sits in: the span of the prose lines that pass over x.
  const columnAt = (x0: number, x1: number): Column | null => {
    let left = Infinity;
    let right = -Infinity;
    for (const s of prose) {
      if (s.x0 > x1 || s.x1 < x0) continue;
      if (s.x1 - s.x0 < 0.4 * (x1 - x0)) continue;
      left = Math.min(left, s.x0);
      right = Math.max(right, s.x1);
    }
    return left < right ? { left, right } : null;
  };

  // Where a line of text starts: at its column's left edge, with a word ("where", "is defined by").
  // A display set flush left (Elsevier's) starts there too, but is not a line of a paragraph.
  const textStart = (p: Piece): boolean => {
    const s = p.seg;
    if (!/\p{L}{2}/u.test(s.text) || !p.owner.lines.some((l) => l !== s && prosy(l))) return false;
    const col = columnAt(s.x0, s.x0 + 1);
    return col !== null && s.x0 < col.left + 0.5 * em && (s.text.match(/\p{L}{2,}/gu) ?? []).some((w) => !MATH_WORD.test(w));
  };
  const textRows = pieces.filter((p) => prosy(p.seg) || textStart(p)).map((p) => p.seg);
  // A piece in a row of text (what ends or starts the line around inline math) is the text's.
  // (In its column: the other column's lines share its rows.)
  const textColumns = new Map<Segment, Column | null>(textRows.map((o) => [o, columnAt(o.x0, o.x1)]));
  const sameColumn = (o: Segment, s: Segment): boolean => {
    const col = textColumns.get(o);
    if (!col) return Math.min(o.x1, s.x1) - Math.max(o.x0, s.x0) > -1.5 * em;
    return s.x0 >= col.left - 0.5 * em && s.x1 <= col.right + 0.5 * em;
  };
  const textRowSet = new Set(textRows);
  const textOverlap = (s: Segment): number => {
    let most = 0;
    for (const o of textRows) {
      // A line of text over the piece across is above or below it (glyphs do not share a place):
      // only text close beside it shares its row (a display's radical may reach up beside the
      // last line of the paragraph before, far to its right).
      const apart = Math.max(o.x0, s.x0) - Math.min(o.x1, s.x1);
      if (o === s || apart < 0 || apart > 3 * em) continue;
      most = Math.max(most, Math.min(o.y1, s.y1) - Math.max(o.y0, s.y0));
    }
    return most;
  };
  const inTextRow = (s: Segment): boolean => textRows.some((o) => o === s || (rowsOverlap(o, s) && sameColumn(o, s)));

  // The numbers at the right margin, each with its column.
  const anchors: { piece: Piece; number: string; col: Column }[] = [];
  for (const p of pieces) {
    const s = p.seg;
    const m = NUMBER_END.exec(s.text);
    // (A paragraph's last line ending in "(16)" at the margin is a row of text; a formula read
    // as words from a math font with a broken encoding, "F Z ½ðSSEs KSSEcÞ … (7)", is not when
    // its number is set apart.)
    if (!m) continue;
    if (prosy(s) ? !setApart(s, em) || p.owner.lines.length > 1 : inTextRow(s)) continue;
    const col = columnAt(s.x1 - 1, s.x1);
    if (!col || s.x1 < col.right - 1.5 * em || s.x1 > col.right + 2 * em) continue;
    // A number that is the whole segment, or set apart from the formula before it (TeX's glue), or
    // closing a row that has math in it.
    if (!NUMBER_ONLY.test(s.text) && !setApart(s, em) && !mathy(s.text)) continue;
    anchors.push({ piece: p, number: m[1]!, col });
  }

  const taken = new Set<Segment>();
  const displays: { pieces: Piece[]; number?: string }[] = [];
  const grow = (seed: Piece[], col: Column): Piece[] => {
    const group = [...seed];
    for (const p of seed) taken.add(p.seg);
    let y0 = Math.min(...seed.map((p) => p.seg.y0));
    let y1 = Math.max(...seed.map((p) => p.seg.y1));
    // The band's rows of full-size type: a limit or script close to them is taken, but reaches no
    // further (the next display's upper limits "∞" stand close below this one's "Ω").
    let c0 = y0;
    let c1 = y1;
    const lo = col.left - 0.5 * em;
    const hi = col.right + 0.5 * em;
    for (let changed = true; changed; ) {
      changed = false;
      for (const p of pieces) {
        const s = p.seg;
        if (taken.has(s) || s.x0 < lo || s.x1 > hi || textRowSet.has(s)) continue;
        const overlap = Math.min(s.y1, y1) - Math.max(s.y0, y0);
        const inBand = overlap > 0.3 * Math.min(s.y1 - s.y0, y1 - y0);
        // A limit, a denominator or the next row of an aligned display, close above or below;
        // not a line of text that starts at the column's edge ("where", "and hence").
        const near = !inBand && (s.y0 - c1 <= 0.45 * em && c0 - s.y1 <= 0.45 * em);
        if (!inBand && !near) continue;
        // A piece that reaches into a row of text (a radical's top under the last line above) is the
        // display's where it overlaps the display more than that row.
        if (textOverlap(s) > (inBand ? overlap : 0.3 * (s.y1 - s.y0))) continue;
        if (near && y1 - y0 > 10 * em) continue;
        group.push(p);
        taken.add(s);
        y0 = Math.min(y0, s.y0);
        y1 = Math.max(y1, s.y1);
        if (s.size >= 0.85 * em) {
          c0 = Math.min(c0, s.y0);
          c1 = Math.max(c1, s.y1);
        }
        changed = true;
      }
    }
    return group;
  };

  // Numbered displays first; a band holding several numbers is cut between their rows.
  const byAnchor = new Map<Segment, (typeof anchors)[number]>();
  for (const a of anchors) byAnchor.set(a.piece.seg, a);
  for (const a of anchors) {
    if (taken.has(a.piece.seg)) continue;
    const group = grow([a.piece], a.col);
    const numbers = group.filter((p) => byAnchor.has(p.seg)).sort((p, q) => p.seg.y0 - q.seg.y0);
    // The number alone is no display: something must stand left of it.
    if (!group.some((p) => !byAnchor.has(p.seg) || !NUMBER_ONLY.test(p.seg.text))) {
      for (const p of group) taken.delete(p.seg);
      continue;
    }
    const cuts = numbers.slice(1).map((p, i) => (centre(numbers[i]!.seg) + centre(p.seg)) / 2);
    numbers.forEach((n, i) => {
      const top = i === 0 ? -Infinity : cuts[i - 1]!;
      const bottom = i === cuts.length ? Infinity : cuts[i]!;
      const part = group.filter((p) => centre(p.seg) >= top && centre(p.seg) < bottom);
      if (part.length > 0) displays.push({ pieces: part, number: byAnchor.get(n.seg)!.number });
    });
  }

  // Unnumbered displays: math set apart and centred in its column, not a line of text.
  for (const p of pieces) {
    const s = p.seg;
    // (Text from a font with no Unicode map is no evidence of anything.)
    if (taken.has(s) || inTextRow(s) || (s.text.match(/\uFFFD/gu) ?? []).length > 0.2 * s.text.length) continue;
    // Math by the block's type (classifyBlocks) or by its signs, in a line that is not mostly letters.
    const letters = (s.text.match(/\p{L}/gu) ?? []).length / Math.max(1, s.text.replace(/\s/g, '').length);
    if (!(p.owner.type === 'equation' && mathy(s.text)) && !(FORMULA_SIGN.test(s.text) && letters < 0.6)) continue;
    const col = columnAt(s.x0, s.x1);
    if (!col) continue;
    const mid = (col.left + col.right) / 2;
    const row = rowOf.get(s)!;
    if (row.x0 < col.left + 2 * em || Math.abs((row.x0 + row.x1) / 2 - mid) > 0.2 * (col.right - col.left)) continue;
    const group = grow([p], col);
    // One fragment with one sign ("=" alone, "i=1") is no display of its own.
    if (group.length === 1 && s.text.replace(/\s/g, '').length < 6) {
      taken.delete(s);
      continue;
    }
    displays.push({ pieces: group });
  }
  if (displays.length === 0) return blocks;

  // The page's blocks again: each display where its first piece's block was, the rest left over.
  const into = new Map<WorkBlock, WorkBlock[]>();
  const gone = new Set<Segment>();
  for (const d of displays) {
    const lines = d.pieces.map((p) => p.seg).sort((a, b) => (rowsOverlap(a, b) ? a.x0 - b.x0 : a.y0 - b.y0));
    for (const l of lines) gone.add(l);
    const first = blocks.find((b) => d.pieces.some((p) => p.owner === b))!;
    const blk = makeBlock(first.page, lines, first.leaf, nextId(), 'equation', stats.vocabulary);
    if (d.number !== undefined) blk.number = d.number;
    const list = into.get(first) ?? [];
    list.push(blk);
    into.set(first, list);
  }
  const out: WorkBlock[] = [];
  for (const b of blocks) {
    const made = into.get(b);
    const rest = b.lines.filter((l) => !gone.has(l));
    let keep: WorkBlock | null = b;
    if (rest.length === b.lines.length) keep = b;
    else if (rest.length === 0) keep = null;
    else if (rest.length < b.lines.length) {
      keep = { ...makeBlock(b.page, rest, b.leaf, b.id, b.type, stats.vocabulary), ...(b.ref ? { ref: b.ref } : {}) };
      // What was an equation only for the piece of a display it held is text again.
      if (keep.type === 'equation' && words(keep.text).length >= 3) keep.type = 'paragraph';
    }
    // The display goes before or after what is left of the block, as it sits on the page.
    if (keep && made && keep.bbox[1] < made[0]!.bbox[1]) out.push(keep, ...made.sort((p, q) => p.bbox[1] - q.bbox[1]));
    else {
      if (made) out.push(...made.sort((p, q) => p.bbox[1] - q.bbox[1]));
      if (keep) out.push(keep);
    }
  }
  return out;
}

interface Row {
  x0: number;
  x1: number;
  text: string;
  prose: boolean;
}

/** The rows the segments make: side by side on a line, no wider apart than `gap`, and `together`. */
function rows(segs: readonly Segment[], gap: number, together: (a: Segment, b: Segment) => boolean): Map<Segment, Row> {
  const sorted = [...segs].sort((a, b) => a.x0 - b.x0);
  const parent = new Map<Segment, Segment>(sorted.map((x) => [x, x]));
  const find = (x: Segment): Segment => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if (b.x0 - a.x1 > gap) break;
      if (rowsOverlap(a, b) && b.x0 - a.x1 > -0.5 * Math.min(a.size, b.size) && together(a, b)) parent.set(find(b), find(a));
    }
  }
  const members = new Map<Segment, Segment[]>();
  for (const x of sorted) {
    const r = find(x);
    const list = members.get(r) ?? [];
    list.push(x);
    members.set(r, list);
  }
  const out = new Map<Segment, Row>();
  for (const list of members.values()) {
    const text = list.map((x) => x.text).join(' ');
    const row = { x0: Math.min(...list.map((x) => x.x0)), x1: Math.max(...list.map((x) => x.x1)), text, prose: isProse(text) };
    for (const x of list) out.set(x, row);
  }
  return out;
}

function centre(s: Segment): number {
  return (s.y0 + s.y1) / 2;
}

function rowsOverlap(a: Segment, b: Segment): boolean {
  return Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0.3 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
}

/** The number's runs stand clear of the runs before them (more than half an em). */
function setApart(s: Segment, em: number): boolean {
  const runs = s.runs;
  for (let i = runs.length - 1; i > 0; i--) {
    if (runs[i]!.text.includes('(')) return runs[i]!.x0 - runs[i - 1]!.x1 > 0.5 * em;
  }
  return false;
}
