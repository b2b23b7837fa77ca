// Text runs → line segments. A segment is a horizontal run of text with no wide gap inside it,
// so one visual row of a two-column page gives two segments, and a table row gives one per cell
// group. Everything downstream (reading order, blocks, tables) works on segments.
import type { TextRun } from './pdfjs.js';

export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  base: number;
  text: string;
  /** Dominant font size (by characters). */
  size: number;
  /** Dominant font key (by characters). */
  font: string;
  /** Share of characters set in a monospace font. */
  mono: number;
  vertical: boolean;
  /** Runs kept for fine-grained work (table cells). */
  runs: TextRun[];
}

/** A gap wider than this many font sizes ends a segment. */
const SEGMENT_GAP_EM = 1.0;
/**
 * A list's number or bullet alone in its run goes with the text after it up to this many font
 * sizes away, where that text starts a column's lines: set apart in a column of its own, it was
 * read with whatever stood to its left (IRS: each "(1)" of a section went into the heading in the
 * margin beside it, "2.3.59.2 (1) (01-20-2003) Command Code BMFOL Overview", its text left without it).
 * An equation's number at the end of a column is followed across the gutter by the next column's
 * lines, and they have the column's own text just left of them on most rows: it stays apart.
 */
const MARKER_GAP_EM = 2.5;
const LIST_MARKER = /^(\(\d{1,3}\)|\(?[a-z]\)|\d{1,3}[.)]|[•◦▪‣●○■])$/u;

export function buildSegments(runs: readonly TextRun[]): Segment[] {
  const out: Segment[] = [];
  const horizontal: TextRun[] = [];
  for (const r of runs) {
    if (r.vertical) out.push(makeSegment([r]));
    else horizontal.push(r);
  }
  const rows = groupRows(horizontal);
  for (const row of rows) {
    // Ties by the end: a mark set where the next run starts ("Karpukhin∗, Barlas") comes first.
    row.sort((a, b) => a.x0 - b.x0 || a.x1 - b.x1);
  }
  const linesStartHere = leftEdges(rows);
  for (const row of rows) {
    let cur: TextRun[] = [];
    let curX1 = -Infinity;
    for (const r of row) {
      if (cur.length > 0) {
        const size = Math.max(r.size, cur[cur.length - 1]!.size);
        // Drop exact duplicates drawn twice to fake bold type.
        const last = cur[cur.length - 1]!;
        if (r.text === last.text && Math.abs(r.x0 - last.x0) < size * 0.25 && Math.abs(r.base - last.base) < size * 0.25) {
          continue;
        }
        const gap = r.x0 - curX1;
        const marker = cur.length === 1 && gap <= MARKER_GAP_EM * size && LIST_MARKER.test(last.text.trim()) && linesStartHere(r.x0, size);
        if (gap > SEGMENT_GAP_EM * size && !marker) {
          out.push(makeSegment(cur));
          cur = [];
          curX1 = -Infinity;
        }
      }
      cur.push(r);
      curX1 = Math.max(curX1, r.x1);
    }
    if (cur.length > 0) out.push(makeSegment(cur));
  }
  return out;
}

/**
 * Whether lines start at x (within a point): most runs starting there have nothing but a list
 * number beside them within 2.5 font sizes to their left. (Beside: overlapping it in height; the
 * columns of a page rarely share baselines.)
 */
function leftEdges(rows: readonly TextRun[][]): (x: number, size: number) => boolean {
  let all: TextRun[] | undefined;
  const known = new Map<string, boolean>();
  return (x, size) => {
    const k = `${Math.round(x)}:${Math.round(size)}`;
    let v = known.get(k);
    if (v === undefined) {
      all ??= rows.flat().filter((r) => !LIST_MARKER.test(r.text.trim()));
      let starts = 0;
      let clear = 0;
      for (const r of all) {
        if (Math.abs(r.x0 - x) > 1) continue;
        starts++;
        const beside = all.some((o) => o.x1 <= x + 0.5 && x - o.x1 < 2.5 * size && Math.min(o.y1, r.y1) - Math.max(o.y0, r.y0) > 0);
        if (!beside) clear++;
      }
      v = starts >= 2 && clear > starts / 2;
      known.set(k, v);
    }
    return v;
  };
}

/** Groups runs into visual rows: runs that share most of their vertical extent. */
function groupRows(runs: TextRun[]): TextRun[][] {
  const sorted = runs.slice().sort((a, b) => a.base - b.base || a.x0 - b.x0);
  const rows: { y0: number; y1: number; base: number; size: number; runs: TextRun[] }[] = [];
  // Rows are built in baseline order; a run can only join one of the last few rows.
  for (const r of sorted) {
    let best: (typeof rows)[number] | undefined;
    let bestRank = 0;
    let bestScore = 0;
    for (let i = rows.length - 1; i >= 0 && i >= rows.length - 4; i--) {
      const row = rows[i]!;
      const overlap = Math.min(row.y1, r.y1) - Math.max(row.y0, r.y0);
      const h = Math.min(row.y1 - row.y0, r.y1 - r.y0);
      if (h <= 0) continue;
      const score = overlap / h;
      // Smaller type joins a row only beside type of the row no smaller than it ("T|APAS|BASE",
      // "T|23|,|1": each piece beside the one before). A script or small capitals level with a line
      // of the next column ("[Ca²⁺]", "T|EXT|R|UNNER" beside "that in static medium") belong to a
      // line of their own column.
      const small = r.size < row.size * 0.85;
      if (small && !row.runs.some((b) => b.size >= r.size && Math.max(b.x0 - r.x1, r.x0 - b.x1) < b.size)) continue;
      // Away from a row's runs (the next column's line on about the same baseline), a run joins it
      // only in the row's own type. So bigger type joins a row of smaller type (small capitals or a
      // script that sorted first) only beside it, and superscripts neither make a row for the next
      // column's text nor join it.
      const near = small || row.runs.some((b) => Math.max(b.x0 - r.x1, r.x0 - b.x1) < 1.5 * r.size);
      if (!near && Math.abs(r.size - row.size) > 0.05 * row.size) continue;
      const big = row.size < r.size * 0.85;
      // Same baseline, or a sub/superscript sitting inside a bigger row.
      const sameBase = Math.abs(row.base - r.base) < 0.3 * Math.min(row.size, r.size);
      const script = small && score > 0.5;
      if (!(sameBase || script)) continue;
      // Rows r sits beside come first, and of those a row of its own type: the capital "R" of
      // "T|EXT|R|UNNER" goes with its small capitals, not with the next column's line it is level
      // with; "TEX" of a LaTeX logo goes with its line, not with the raised "A" that sorted first.
      const rank = (near ? 2 : 0) + (big ? 0 : 1);
      if (rank > bestRank || (rank === bestRank && score > bestScore)) {
        best = row;
        bestRank = rank;
        bestScore = score;
      }
    }
    if (best) {
      best.runs.push(r);
      if (r.size >= best.size) {
        best.y0 = Math.min(best.y0, r.y0);
        best.y1 = Math.max(best.y1, r.y1);
        // The row is its biggest type's: a small capital that sorted first does not set it.
        if (r.size > best.size) {
          best.size = r.size;
          best.base = r.base;
        }
      }
    } else {
      rows.push({ y0: r.y0, y1: r.y1, base: r.base, size: r.size, runs: [r] });
    }
  }
  // Two rows of one type on one baseline, side by side, are one row: a line whose capital went
  // with the raised small letter beside it ("L" with the "A" of a LaTeX logo that sorted first)
  // while the rest of the line had started a row of its own.
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i]!;
    for (let j = i + 1; j < rows.length && j <= i + 4; j++) {
      const b = rows[j]!;
      if (b.runs.length === 0 || a.runs.length === 0) continue;
      if (Math.min(a.size, b.size) < 0.85 * Math.max(a.size, b.size)) continue;
      if (Math.abs(a.base - b.base) >= 0.3 * Math.min(a.size, b.size)) continue;
      const reach = 1.5 * Math.max(a.size, b.size);
      if (!a.runs.some((p) => b.runs.some((q) => Math.max(p.x0 - q.x1, q.x0 - p.x1) < reach))) continue;
      a.runs.push(...b.runs);
      a.y0 = Math.min(a.y0, b.y0);
      a.y1 = Math.max(a.y1, b.y1);
      b.runs = [];
    }
  }
  // A superscript sorts before its line (its baseline is higher), so it started a row of its own
  // ("double.¹", "Gal∗", the "1" of "¹⁄₄ inch"): each such run moves into the line it is set
  // against, when it touches a run of that line. Small text beside a line in the next column (a
  // figure's labels, a note) touches nothing there and stays where it is.
  for (let i = 0; i < rows.length; i++) {
    const small = rows[i]!;
    for (let j = i + 1; j < rows.length && j <= i + 4 && small.runs.length > 0; j++) {
      const line = rows[j]!;
      if (small.size >= line.size * 0.85) continue;
      // Only out of a row of small type alone: a script already set in a line of bigger type stays.
      const biggest = Math.max(...small.runs.map((r) => r.size));
      small.runs = small.runs.filter((r) => {
        const h = r.y1 - r.y0;
        if (h <= 0 || biggest >= r.size * 1.15 || r.base >= line.base || Math.min(line.y1, r.y1) - Math.max(line.y0, r.y0) <= 0.5 * h) return true;
        const touches = line.runs.some((b) => b.size >= r.size * 1.15 && Math.max(b.x0 - r.x1, r.x0 - b.x1) < 0.6 * b.size);
        if (touches) line.runs.push(r);
        return !touches;
      });
    }
  }
  return rows.filter((r) => r.runs.length > 0).map((r) => r.runs);
}

/**
 * The type size runs[i] counts for: a run of capitals set smaller than a run it touches on the same
 * baseline is small capitals, and counts at that run's size ("by T|EXT|R|UNNER." is a line of 10 pt
 * type, though most of its letters are 8 pt).
 */
function smallCapsOf(runs: readonly TextRun[], i: number): number {
  const r = runs[i]!;
  if (!/\p{Lu}/u.test(r.text) || /\p{Ll}/u.test(r.text)) return r.size;
  let size = r.size;
  for (const k of [i - 1, i + 1]) {
    const o = runs[k];
    if (!o || o.size < r.size * 1.1 || Math.abs(o.base - r.base) > 0.1 * o.size) continue;
    if (Math.max(o.x0 - r.x1, r.x0 - o.x1) < 0.2 * o.size) size = Math.max(size, o.size);
  }
  return size;
}

function makeSegment(runs: TextRun[]): Segment {
  if (runs.length === 1) return oneRunSegment(runs);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const sizeVotes = new Map<number, number>();
  const fontVotes = new Map<string, number>();
  let monoChars = 0;
  let chars = 0;
  let base = runs[0]!.base;
  let baseSize = 0;
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i]!;
    x0 = Math.min(x0, r.x0);
    y0 = Math.min(y0, r.y0);
    x1 = Math.max(x1, r.x1);
    y1 = Math.max(y1, r.y1);
    const n = r.text.length;
    chars += n;
    if (r.mono) monoChars += n;
    const sz = Math.round(smallCapsOf(runs, i) * 2) / 2;
    sizeVotes.set(sz, (sizeVotes.get(sz) ?? 0) + n);
    fontVotes.set(r.font, (fontVotes.get(r.font) ?? 0) + n);
    if (r.size > baseSize) {
      baseSize = r.size;
      base = r.base;
    }
  }
  const text = joinRuns(runs);
  return {
    x0,
    y0,
    x1,
    y1,
    base,
    text,
    size: argmax(sizeVotes) ?? runs[0]!.size,
    font: argmax(fontVotes) ?? runs[0]!.font,
    mono: chars > 0 ? monoChars / chars : 0,
    vertical: runs[0]!.vertical,
    runs,
  };
}

/** A segment of one run (most are): what makeSegment gives, without its votes. */
function oneRunSegment(runs: TextRun[]): Segment {
  const r = runs[0]!;
  return {
    x0: r.x0,
    y0: r.y0,
    x1: r.x1,
    y1: r.y1,
    base: r.base,
    text: joinRuns(runs),
    size: Math.round(r.size * 2) / 2,
    font: r.font,
    mono: r.mono && r.text.length > 0 ? 1 : 0,
    vertical: r.vertical,
    runs,
  };
}

/** The key with the largest value (the first of equals); undefined for an empty map. */
export function argmax<K>(m: Map<K, number>): K | undefined {
  let best: K | undefined;
  let bv = -1;
  for (const [k, v] of m) {
    if (v > bv) {
      best = k;
      bv = v;
    }
  }
  return best;
}

// TeX sets accents as separate spacing glyphs before the letter ("O˘guz"); join them to the letter.
const SPACING_ACCENT: Record<string, string> = {
  '\u02D8': '\u0306', // breve
  '\u00B4': '\u0301', // acute
  '\u00A8': '\u0308', // diaeresis
  '\u02C6': '\u0302', // circumflex
  '\u02DC': '\u0303', // tilde
  '\u02C7': '\u030C', // caron
  '\u02DA': '\u030A', // ring
  '\u00B8': '\u0327', // cedilla
};
const ACCENT_BEFORE_LETTER = /([\u02D8\u00B4\u00A8\u02C6\u02DC\u02C7\u02DA\u00B8]) ?(\p{L})/gu;

/**
 * Two boxes on one visual row: they share more than half the lower one's height. Close-set lines
 * touch or overlap by a point or two (an ascender over the descender above) and are not one row.
 */
export function shareRow(a: { y0: number; y1: number }, b: { y0: number; y1: number }): boolean {
  return Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
}

/** A mark set smaller than and above the text of `line` (a run or a segment): ¹, ∗, ᵃ. */
export function isRaisedMark(mark: { size: number; base: number }, line: { size: number; base: number }): boolean {
  return mark.size < line.size * 0.85 && mark.base < line.base - 0.15 * line.size;
}

const SUPERSCRIPT: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '+': '⁺', '-': '⁻', '−': '⁻' };
const SUBSCRIPT: Record<string, string> = { '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉' };

/** An exponent after a number: "10⁴", "10⁻⁵" (the sign may come as a run of its own). */
const EXPONENT = /^([−+-]|[−+-]?\d{1,3})$/;
/** A text ending in a lone letter, a variable ("r", "σ", "O(n"), not a word ("double", "Lane"). */
const VARIABLE_END = /(^|[^\p{L}])\p{L}$/u;
/** What a variable is raised to: "r²", "n^k", "e^{βX}". */
const POWER = /^([−+-]?\d{1,2}|\p{L}{1,3})$/u;
/** A variable's index: "k₁", "q_i", "T_{half}", "N_{zero}", "Q_%". */
const INDEX = /^[\p{L}\p{N}%]{1,6}$/u;

/**
 * Whether `r` opens a script on `prev`: true for a superscript, false for a subscript, null for
 * neither. A run set small and raised right after a number is its exponent ("10⁴–10⁶"), after a
 * lone letter its power ("r²", "O(n^k)"); one set small and lowered right after a letter is its
 * index ("x₁", "T_{half}"). A note mark raised after a word ("double.¹", "Lane^a,c", "Gal∗") or
 * after a table heading ("reduction (%)ᶜ") is none of these: it stays as it was.
 */
function scriptStart(prev: TextRun, r: TextRun): boolean | null {
  if (r.x0 - prev.x1 > 0.15 * prev.size || r.size > prev.size * 0.85) return null;
  if (r.base < prev.base - 0.15 * prev.size) {
    if (/\d$/.test(prev.text) && EXPONENT.test(r.text)) return true;
    // The A of the LaTeX logo is raised and small after an L too, but kerned into it.
    if (VARIABLE_END.test(prev.text) && POWER.test(r.text) && r.x0 > prev.x1 - 0.05 * prev.size) return true;
    return null;
  }
  if (r.base > prev.base + 0.1 * prev.size && /\p{L}$/u.test(prev.text) && INDEX.test(r.text)) return false;
  return null;
}

/**
 * A script as block text, the same way everywhere: in Unicode's super- and subscript characters
 * where it has one for each character (digits and signs: "10⁻⁵", "k₁", which every output shows as
 * such and search still finds), otherwise in TeX's notation, which Markdown readers and models
 * read: "^k", "_i", "_{half}".
 */
export function scriptText(text: string, sup: boolean): string {
  const map = sup ? SUPERSCRIPT : SUBSCRIPT;
  const chars = [...text];
  if (chars.every((c) => c in map)) return chars.map((c) => map[c]!).join('');
  return (sup ? '^' : '_') + (chars.length === 1 ? text : `{${text}}`);
}

/** The runs' text in order, with a space where a gap between them is wider than a letter's spacing. */
function joinRuns(runs: readonly TextRun[]): string {
  return joinScripted(runs).text;
}

/** The runs' text with their scripts written (see scriptText), where they have one; null otherwise. */
export function textWithScripts(runs: readonly TextRun[]): string | null {
  const j = joinScripted(runs);
  return j.scripts > 0 ? j.text : null;
}

function joinScripted(runs: readonly TextRun[]): { text: string; scripts: number } {
  let scripts = 0;
  let text = '';
  let prev: TextRun | undefined;
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i]!;
    const sup = prev ? scriptStart(prev, r) : null;
    if (sup !== null) {
      // The script's sign, digits and letters may come as runs of their own ("10", "−", "5"): the
      // runs that follow at its size and on its baseline are part of it.
      let script = r.text;
      let end = r;
      while (i + 1 < runs.length) {
        const n = runs[i + 1]!;
        if (n.x0 - end.x1 > 0.15 * prev!.size || Math.abs(n.base - r.base) >= 0.1 * r.size || Math.abs(n.size - r.size) >= 0.05 * r.size || !/^[\p{L}\p{N}%−+×,()-]{1,6}$/u.test(n.text)) break;
        script += n.text;
        end = n;
        i++;
      }
      text += scriptText(script, sup);
      scripts++;
      // The next run is judged against the base it sits on, not the script.
      prev = { ...prev!, x1: end.x1 };
      continue;
    }
    if (prev) {
      const gap = r.x0 - prev.x1;
      // A raised mark opening a note or a line ("¹The code …", "ᵃSchool of …") stands apart from the
      // word it introduces; a mark after a word ("double.¹", "Gal∗") stays on it.
      const markBefore = isRaisedMark(prev, r) && /^\p{L}/u.test(r.text) && (prev === runs[0] || !/\p{L}$/u.test(prev.text));
      if ((gap > 0.12 * Math.min(r.size, prev.size) || markBefore) && !/\s$/.test(text) && !/^\s/.test(r.text)) text += ' ';
    }
    text += r.text;
    prev = r;
  }
  return { text: composeAccents(text.replace(/\s+/g, ' ').trim()), scripts };
}

/**
 * A segment's text without its raised marks: "Patrick N.J. Lane" for "Patrick N.J. Laneᵃ,ᶜ,*",
 * "Andreas Gal" for "Andreas Gal∗+" (where the marks are set smaller and above the line).
 */
export function textWithoutMarks(seg: Segment): string {
  const kept = seg.runs.filter((r) => !isRaisedMark(r, seg));
  // The gap a mark leaves before a comma is no word space.
  return kept.length === seg.runs.length ? seg.text : joinRuns(kept).replace(/\s+([,;:.])/g, '$1');
}

export function composeAccents(s: string): string {
  if (!/[\u02D8\u00B4\u00A8\u02C6\u02DC\u02C7\u02DA\u00B8]/.test(s)) return s;
  return s.replace(ACCENT_BEFORE_LETTER, (_m, acc: string, letter: string) => letter + SPACING_ACCENT[acc]!).normalize('NFC');
}
