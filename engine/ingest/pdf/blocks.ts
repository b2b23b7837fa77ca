// Segments in reading order → blocks (paragraphs, headings, captions, list items …). Works on one
// page at a time, using document-wide statistics (body font, running headers) computed first.
import type { BBox, BlockType } from '../types.js';
import { isRaisedMark, shareRow, type Segment } from './lines.js';
import { partingGap } from './reading-order.js';

export interface WorkBlock {
  id: string;
  page: number;
  type: BlockType;
  lines: Segment[];
  bbox: BBox;
  text: string;
  level?: number;
  ref?: string;
  leaf: number;
  size: number;
  font: string;
  mono: number;
  /** A display equation's number as printed, without its brackets ("7", "2.13a"). */
  number?: string;
}

export interface DocStats {
  bodySize: number;
  bodyFont: string;
  /** What the document writes inside its lines (see joinLines). */
  vocabulary: Vocabulary;
  /** Gap between two lines, in ems, above which they are in different blocks (see paragraphGap). */
  paragraphGap?: number;
  /** Share of the pages read that have a text layer (5 characters or more). */
  textShare?: number;
  /** Told of each gap between lines weighed against paragraphGap, with its em (see DocumentAnalysis). */
  seenGap?: (gap: number, em: number) => void;
}

export const CAPTION_RE =
  /^(figure|fig\.?|figs\.?|table|tab\.|tbl\.|plate|chart|exhibit|listing|abbildung|abb\.|tabelle|tab\.|tableau|figura|tabla|tabela|рисунок|рис\.|таблица|图|表|圖|그림|표|\[표|\[그림)\s*([0-9]+(?:[.\u2013-][0-9]+)*[a-z]?|[IVXLC]+\b|[A-Z]\.?[0-9]+(?:\.[0-9]+)*)\s*(\]?)\s*([.:：|—–-]|(?=\s)|$)/iu;

const TABLE_WORDS = /^(table|tab\.|tbl\.|tabelle|tableau|tabla|tabela|таблица|表|표|\[표)/iu;
const INTEXT_FOLLOWERS =
  /^(shows?|showed|illustrates?|presents?|depicts?|gives?|lists?|summari[sz]es?|compares?|reports?|plots?|displays?|contains?|describes?|provides?|is|are|was|were|has|have|and|or|in|of|on|for|to|from|with|we|the|a|an|also|demonstrates?|highlights?|indicates?|details?|outlines?|above|below|that|which|as|at|by|\)|,)\b/i;

export interface CaptionMatch {
  kind: 'figure' | 'table';
  label: string;
  number: string;
}

/** Recognises the start of a figure or table caption, rejecting in-text references. */
export function matchCaption(text: string): CaptionMatch | null {
  const m = CAPTION_RE.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length).trim();
  const delim = m[4] ?? '';
  // A dotted leader and a page number is a list-of-figures entry, not a caption.
  if (/(\.\s?){4,}\s*\d+\s*$|…{2,}/.test(text)) return null;
  if (delim === '' && rest !== '' && INTEXT_FOLLOWERS.test(rest)) return null;
  if (delim === '-' && /^\d/.test(rest)) return null;
  const word = m[1]!;
  const kind = TABLE_WORDS.test(word) ? 'table' : 'figure';
  const number = m[2]!;
  // "Fig. 3", "Abbildung 3", "图 3" are all Figure 3; an exhibit, chart, plate or listing keeps its
  // own word, as the document's text refers to it ("see Exhibit 2.3.59-1").
  const own = /^(exhibit|chart|plate|listing)$/i.exec(word)?.[1];
  const name = own ? own[0]!.toUpperCase() + own.slice(1).toLowerCase() : kind === 'table' ? 'Table' : 'Figure';
  return { kind, number, label: `${name} ${number}` };
}

/** A sub-section's number: "4.1", "2.3.1", an appendix's "A.2". */
const SUBSECTION_NUMBER = String.raw`(\d{1,2}|[A-H])(\.\d{1,2}){1,3}\.?`;
/** A numbered sub-section line: "4.1 Nesting Algorithm", an appendix's "A.2 Proofs". */
export const SUBSECTION_LINE = new RegExp(String.raw`^${SUBSECTION_NUMBER}\s+\p{Lu}[^.,;:]{1,70}$`, 'u');
/** A line opening with a sub-section's number and its title, in Latin or CJK script. */
const SUBSECTION_START = new RegExp(String.raw`^${SUBSECTION_NUMBER}\s+[\p{Lu}\u3400-\u9fff]`, 'u');
/** An IEEE-style section line: a Roman numeral and a title in capitals ("II. RELATED WORK"). */
export const ROMAN_CAPS_HEAD = /^[IVX]{1,5}\.\s+\p{Lu}[\p{Lu}\d\s&,:'’()-]{2,70}$/u;
/** A numbered Chinese or Japanese section title on its own row ("2.2 文档目录简介", "A.1 测试", "第 2 章 使用说明"). */
const CJK_SECTION_LINE = /^(\d{1,2}(\.\d{1,2}){0,3}\.?\s*|[A-H](\.\d{1,2}){1,3}\.?\s*|第\s*[0-9一二三四五六七八九十]+\s*[章节]\s*)[\u3400-\u9fff][^。，；：！？]{0,30}$/u;

function isSectionRow(t: string): boolean {
  return SUBSECTION_LINE.test(t) || ROMAN_CAPS_HEAD.test(t) || CJK_SECTION_LINE.test(t);
}
const LIST_START = /^([•◦▪▫■□●○‣⁃∙·*➢➤►▶✓✔–—-]\s+|\(?\d{1,2}[.)]\s+|\(?[a-z][.)]\s+|\(?[ivx]{1,4}[.)]\s+)/u;
/** Enumerators that are also written inside running sentences: "(1)", "(b)", "(iii)". */
const IN_SENTENCE_ENUM = /^\((\d{1,2}|[a-z]|[ivx]{1,4})\)\s/u;
/** A numbered entry's number and the text after it: "2.3.59.1.1 Background", "2.3.59-19 Command Code", "A.2 Proofs". */
const ENTRY_START = /^(\d{1,2}(\.\d{1,3}){1,5}(-\d{1,3})?|[A-H](\.\d{1,3}){1,4})\s+\p{L}/u;
/** A contents entry: a title opening with a capital, then its page number ("Recorded Music 55", "PREFACE xiii"). */
const PAGED_ENTRY = /^[\p{Lu}“"(\d][^.!?]{1,80}[\p{L}”’")]\s+(\d{1,4}|[ivxlc]{1,6})$/u;
/** A line opening with a number and a colon: "0: An explicit COLLATE clause", "3: A “system constant”". */
const COLON_ENTRY = /^(\d{1,2}):\s+\S/u;
const REF_START = /^(\[\d{1,4}\]|\d{1,3}\.\s+[A-Z][a-zA-Z'’-]+,)/;
/** A reference opening with its first author's surname: "Harris-White, M.E.", "Chatzopoulou, G.", "Jane Bromley, …". */
const AUTHOR_START = /^\p{Lu}[\p{L}'’-]+(,\s+\p{Lu}|\s+\p{Lu}[\p{L}'’.-]*,)/u;

/**
 * Two rows, one under the other, that are entries of a list each: a contents page's numbered
 * entries ("2.3.59-40 Command Code …" / "2.3.59-41 Command Code …"), lines numbered in turn with a
 * colon ("0: An explicit COLLATE clause" / "1: The concatenation of …"), or a contents page without
 * leaders, each row a title and its page number ("CHAPTER ONE: Creators 21" / "CHAPTER TWO: “Mere
 * Copyists” 31").
 */
function entriesInTurn(above: string, line: string): boolean {
  if (ENTRY_START.test(above) && ENTRY_START.test(line)) return true;
  if (PAGED_ENTRY.test(above) && PAGED_ENTRY.test(line)) return true;
  const a = COLON_ENTRY.exec(above);
  const b = a ? COLON_ENTRY.exec(line) : null;
  return a !== null && b !== null && Number(b[1]) === Number(a[1]) + 1;
}

/** How many segments share the visual row of segs[i] (it and the ones after it). */
function rowSegments(segs: readonly Segment[], i: number): number {
  const a = segs[i]!;
  let n = 1;
  for (let k = i + 1; k < segs.length; k++) {
    const b = segs[k]!;
    if (shareRow(a, b)) n++;
    else break;
  }
  return n;
}

/** The x extents of the rows of `lines` (consecutive segments sharing a row), in order. */
function rowExtents(lines: readonly Segment[]): [number, number][] {
  const out: [number, number][] = [];
  let a: Segment | undefined;
  for (const l of lines) {
    if (a !== undefined && shareRow(a, l)) {
      const r = out[out.length - 1]!;
      r[0] = Math.min(r[0], l.x0);
      r[1] = Math.max(r[1], l.x1);
    } else {
      out.push([l.x0, l.x1]);
      a = l;
    }
  }
  return out;
}

/** Signs of a formula: centred display equations are each their own block (see also classifyBlocks). */
export const FORMULA_SIGN = /[=∑∫√≤≥≠±×÷∈∉∀∃∂∇∞≈≡→⇒⊂⊆∪∩]/u;

/**
 * Rows set centred on one axis (within half an em), not flush: some two of them differ in width by
 * more than 2 em, which a justified paragraph's rows (an indented first line included) do not.
 */
function centredRows(rows: readonly [number, number][], em: number): boolean {
  if (rows.length < 2) return false;
  const mid = (rows[0]![0] + rows[0]![1]) / 2;
  if (rows.some(([x0, x1]) => Math.abs((x0 + x1) / 2 - mid) > 0.5 * em)) return false;
  const widths = rows.map(([x0, x1]) => x1 - x0);
  return Math.max(...widths) - Math.min(...widths) > 2 * em;
}

/** The block so far is one visual row (a number and a title can be two segments of one row). */
function oneRow(lines: readonly Segment[]): boolean {
  const a = lines[0]!;
  return lines.every((l) => shareRow(a, l));
}

function rowText(lines: readonly Segment[]): string {
  return lines.map((l) => l.text).join(' ');
}

function isShortLine(seg: Segment, right: number, em: number): boolean {
  return seg.x1 < right - 2.5 * em;
}

/**
 * The gap between two lines, in ems, above which they are in different blocks: 0.75 where lines
 * are set close (most print); in a document set with wide leading (a thesis at 1.5 lines, where
 * the gap between any two lines is ~0.9 em and paragraphs are told by their indent instead) half
 * an em more than its usual gap between consecutive lines.
 */
export function paragraphGap(layouts: readonly ({ segments: readonly Segment[]; leaf: readonly number[] } | null)[]): number {
  const gaps: number[] = [];
  for (const l of layouts) {
    if (!l) continue;
    const segs = l.segments;
    // Running text only: lines at least half as wide as the page's text (slides and diagrams set
    // short lines far apart, and their lines are not paragraphs).
    let left = Infinity;
    let right = -Infinity;
    for (const s of segs) {
      if (s.vertical) continue;
      left = Math.min(left, s.x0);
      right = Math.max(right, s.x1);
    }
    const long = 0.5 * (right - left);
    for (let i = 1; i < segs.length; i++) {
      const a = segs[i - 1]!;
      const b = segs[i]!;
      if (l.leaf[i] !== l.leaf[i - 1] || a.vertical || b.vertical || a.x1 - a.x0 < long || b.x1 - b.x0 < long) continue;
      const em = Math.min(a.size, b.size);
      if (em < 4 || Math.abs(a.size - b.size) > 0.12 * Math.max(a.size, b.size)) continue;
      const g = (b.y0 - a.y1) / em;
      if (g > -0.3 && g < 3) gaps.push(g);
    }
  }
  return partingGap(gaps, 6);
}

/** Where the row of `last` (the block's last line, maybe the right piece of a split row) begins. */
function rowStart(lines: readonly Segment[], last: Segment): number {
  let x = last.x0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (!shareRow(l, last)) break;
    x = Math.min(x, l.x0);
  }
  return x;
}

/** A line that begins with a raised note mark, set smaller than its text. */
function opensWithMark(seg: Segment): boolean {
  const first = seg.runs[0];
  if (!first || seg.runs.length < 2) return false;
  return isRaisedMark(first, seg) && /^(\d{1,3}|[*∗†‡§¶#a-z])$/u.test(first.text.trim());
}

/**
 * Groups one page's body segments into blocks. `leaf` gives each segment's reading-order region.
 */
export function buildBlocks(page: number, segs: Segment[], leaf: number[], stats: DocStats, nextId: () => string): WorkBlock[] {
  const blocks: WorkBlock[] = [];
  let cur: { lines: Segment[]; leaf: number; x0: number; x1: number } | null = null;
  const flush = (): void => {
    if (!cur || cur.lines.length === 0) return;
    blocks.push(makeBlock(page, cur.lines, cur.leaf, nextId(), 'paragraph', stats.vocabulary));
    cur = null;
  };
  const paraGap = stats.paragraphGap ?? 0.75;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const lf = leaf[i]!;
    if (cur === null) {
      cur = { lines: [seg], leaf: lf, x0: seg.x0, x1: seg.x1 };
      continue;
    }
    const c: { lines: Segment[]; leaf: number; x0: number; x1: number } = cur;
    const prev = c.lines[c.lines.length - 1]!;
    const em = Math.max(4, Math.min(seg.size, prev.size));
    const sameRow = shareRow(prev, seg);
    // The block's rows and the row this segment opens, set centred on one axis.
    const centredWithRow = (): boolean => centredRows([...rowExtents(c.lines), ...rowExtents(segs.slice(i, i + rowSegments(segs, i)))], em);
    let split = false;
    if (lf !== c.leaf) split = true;
    else if (sameRow) split = false;
    else {
      const gap = seg.y0 - prev.y1;
      stats.seenGap?.(gap, em);
      if (gap > paraGap * em || gap < -0.5 * em) split = true;
      else if (Math.abs(seg.size - prev.size) > 0.12 * Math.max(seg.size, prev.size)) split = true;
      // "…higher than those in / Table 3. This is due…": a wrapped sentence, not a caption.
      else if (matchCaption(seg.text) && !(/[\p{Ll},]$/u.test(prev.text) && !isShortLine(prev, c.x1, em))) split = true;
      else if (REF_START.test(seg.text)) split = true;
      // Entries one under the other, each its own however close they are set (see entriesInTurn).
      else if (entriesInTurn(rowText(c.lines.filter((l) => shareRow(l, prev))), rowText(segs.slice(i, i + rowSegments(segs, i))))) split = true;
      // "¹ The code is released at …" under "∗ Equal contribution": each note opens with its mark.
      else if (opensWithMark(seg)) split = true;
      // "… a method was developed to / (1) fit a model …": an enumeration inside a sentence that
      // wraps onto a new line starts no list item.
      else if (LIST_START.test(seg.text) && !(IN_SENTENCE_ENUM.test(seg.text) && /[\p{Ll},]$/u.test(prev.text) && !isShortLine(prev, c.x1, em))) split = true;
      // A one-line caption directly above its table: a next row split into three or more cells is
      // the table, not more caption (a longer caption's justified lines can also break into pieces).
      else if (oneRow(c.lines) && matchCaption(c.lines[0]!.text) && rowSegments(segs, i) >= 3) split = true;
      else if (oneRow(c.lines) && seg.font !== prev.font && rowText(c.lines).length < 120 && isShortLine(prev, seg.x1, em)) split = true;
      // Centred rows in one font, then a centred row in another: a title page's authors, then
      // their affiliations ("Facebook AI † University of Washington ‡ Princeton University").
      else if (seg.font !== prev.font && c.lines.every((l) => l.font === prev.font) && centredWithRow()) split = true;
      // "4.1 Nesting Algorithm" alone on a short line: a sub-section heading, even when its bold face
      // cannot be told from the body font.
      else if (oneRow(c.lines) && isSectionRow(rowText(c.lines)) && ((isShortLine(prev, seg.x1, em) && /^[\p{Lu}\d\u3400-\u9fff]/u.test(seg.text)) || SUBSECTION_START.test(seg.text))) split = true;
      else if (isShortLine(prev, c.x1, em) && /[.!?:。！？]$/.test(prev.text) && seg.mono < 0.5) split = true;
      // A numbered section line alone on its row after a line that ends a sentence: the heading
      // after a one-line item or paragraph, which no shorter line above gives away ("• Backmatter.tex：
      // 为发表文章信息和致谢部分等。" / "2.2.6 Img 文件夹").
      else if (/[.!?。！？]$/u.test(prev.text) && rowSegments(segs, i) === 1 && isSectionRow(seg.text)) split = true;
      // A first line indented from the line above starts a paragraph; a list item's lines hang
      // under its first word, indented from the bullet but not from each other.
      // Centred lines (a title page's affiliation) start where their length puts them.
      else if (
        seg.x0 > rowStart(c.lines, prev) + 0.8 * em &&
        !isShortLine(prev, c.x1, em) &&
        seg.mono < 0.5 &&
        prev.mono < 0.5 &&
        c.lines.length > 1 &&
        (FORMULA_SIGN.test(prev.text) || FORMULA_SIGN.test(seg.text) || !centredWithRow())
      )
        split = true;
      // Back out to where a block of hanging lines began, with a name: the next author-year reference.
      else if (
        c.lines.length > 1 &&
        seg.mono < 0.5 &&
        AUTHOR_START.test(seg.text) &&
        rowStart(c.lines, prev) > c.lines[0]!.x0 + 0.8 * em &&
        seg.x0 < rowStart(c.lines, prev) - 0.8 * em &&
        Math.abs(seg.x0 - c.lines[0]!.x0) < 0.8 * em
      )
        split = true;
      else if ((seg.mono > 0.7) !== (prev.mono > 0.7)) split = true;
    }
    if (split) {
      flush();
      cur = { lines: [seg], leaf: lf, x0: seg.x0, x1: seg.x1 };
    } else {
      c.lines.push(seg);
      c.x0 = Math.min(c.x0, seg.x0);
      c.x1 = Math.max(c.x1, seg.x1);
    }
  }
  flush();
  return blocks;
}

export function makeBlock(page: number, lines: Segment[], leaf: number, id: string, type: BlockType = 'paragraph', vocabulary?: Vocabulary): WorkBlock {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const sizes = new Map<number, number>();
  const fonts = new Map<string, number>();
  let mono = 0;
  let chars = 0;
  for (const l of lines) {
    x0 = Math.min(x0, l.x0);
    y0 = Math.min(y0, l.y0);
    x1 = Math.max(x1, l.x1);
    y1 = Math.max(y1, l.y1);
    sizes.set(l.size, (sizes.get(l.size) ?? 0) + l.text.length);
    fonts.set(l.font, (fonts.get(l.font) ?? 0) + l.text.length);
    mono += l.mono * l.text.length;
    chars += l.text.length;
  }
  return {
    id,
    page,
    type,
    lines,
    bbox: [round(x0), round(y0), round(x1), round(y1)],
    text: joinLines(lines, vocabulary),
    leaf,
    size: top(sizes) ?? lines[0]!.size,
    font: top(fonts) ?? lines[0]!.font,
    mono: chars > 0 ? mono / chars : 0,
  };
}

const CJK = /[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/u;

/** What a document writes inside its lines, to decide its line-end hyphens (see joinLines). */
export interface Vocabulary {
  /** Hyphenated pairs, lower-cased, with how often each is written: "dual-encoder". */
  compounds: ReadonlyMap<string, number>;
  /** Words, lower-cased, with how often each is written: "tracemonkey". */
  words: ReadonlyMap<string, number>;
  /** Told of each line-end hyphen decided with this vocabulary (see DocumentAnalysis). */
  seen?: (left: string, right: string) => void;
}

const NO_VOCABULARY: Vocabulary = { compounds: new Map(), words: new Map() };

/**
 * Joins lines into running text: rows side by side get a space, hyphenated line ends are mended.
 * A line-end hyphen follows the document's own usage: kept when it writes the pair hyphenated
 * elsewhere ("dual-encoder"), dropped when it writes the joined word ("TraceMonkey"), and where it
 * writes both, as it does more often (Free Culture: "copyright" 866 times, the historical
 * "copy-right" twice); otherwise dropped before a lower-case letter ("com-pile" → "compile") and
 * kept before a capital or a digit ("IEEE-754"), with no space either way.
 */
export function joinLines(lines: readonly Segment[], vocab: Vocabulary = NO_VOCABULARY): string {
  let out = '';
  let prev: Segment | undefined;
  for (const l of lines) {
    const t = l.text;
    if (t === '') continue;
    if (prev === undefined) out = t;
    else {
      // Side by side, not merely touching: in close-set print "match-" / "ing" must still be mended.
      const mended = shareRow(prev, l) ? undefined : joinAtHyphen(out, t, vocab);
      if (mended !== undefined) {
        out = mended;
      } else if (CJK.test(out.slice(-1)) && CJK.test(t.charAt(0))) {
        out += t;
      } else {
        out += ' ' + t;
      }
    }
    prev = l;
  }
  return out;
}

/**
 * `a` ending a line with a hyphen after a word and `b` opening the next with one, joined as the
 * document writes that word: whole ("com-" / "pile"), or hyphenated where it writes the pair so
 * (a "dual-" / "encoder"); with no use of either, a capital or a digit keeps the hyphen. Undefined
 * when `a` does not end so or `b` does not start with a word.
 */
export function joinAtHyphen(a: string, b: string, vocab: Vocabulary = NO_VOCABULARY): string | undefined {
  const left = wordBeforeFinalHyphen(a);
  const right = left === undefined ? undefined : /^[\p{L}\d]+/u.exec(b)?.[0];
  if (left === undefined || right === undefined) return undefined;
  vocab.seen?.(left, right);
  return hyphenKept(vocab, left, right) ? a + b : a.slice(0, -1) + b;
}

/** Whether "left-" at a line's end and "right" on the next line keep their hyphen (see joinLines). */
export function hyphenKept(vocab: Vocabulary, left: string, right: string): boolean {
  const hyphenated = vocab.compounds.get(`${left}-${right}`.toLowerCase()) ?? 0;
  const joined = vocab.words.get(`${left}${right}`.toLowerCase()) ?? 0;
  return hyphenated > 0 || joined > 0 ? hyphenated >= joined : /^[\p{Lu}\d]/u.test(right) || !/[A-Za-z\u00C0-\u024F]$/.test(left);
}

/**
 * The letters just before a hyphen that ends `s` ("dual" in "a simple dual-"), or undefined. Only the
 * end of `s` is looked at: `s` is the paragraph joined so far, and a regex anchored at its end costs
 * a scan of the whole paragraph per line (a quarter of the document analysis on a 352-page book).
 */
function wordBeforeFinalHyphen(s: string): string | undefined {
  if (!s.endsWith('-')) return undefined;
  return /\p{L}+$/u.exec(s.slice(Math.max(0, s.length - 65), -1))?.[0];
}

/** The vocabulary of a document's lines: hyphenated pairs and whole words written inside a line. */
export function vocabularyOf(segments: Iterable<Segment>): Vocabulary {
  const compounds = new Map<string, number>();
  const words = new Map<string, number>();
  // One pass over the letter-and-digit runs, looking at the character on either side; regexes with
  // a look-ahead after a greedy word were retried from every letter of every word (~0.1 s on a book).
  const token = /[\p{L}\d]+/gu;
  for (const s of segments) {
    const text = s.text;
    let prevEnd = -2;
    let prev = '';
    for (let m = token.exec(text); m !== null; m = token.exec(text)) {
      const t = m[0];
      const start = m.index;
      const end = start + t.length;
      // "state-of-the-art" gives three pairs; a hyphen ending the line gives none.
      if (prevEnd === start - 1 && text.charCodeAt(prevEnd) === 0x2d) {
        const left = /\p{L}+$/u.exec(prev)?.[0];
        const right = /^\p{L}+/u.exec(t)?.[0];
        if (left && right) {
          const k = `${left}-${right}`.toLowerCase();
          compounds.set(k, (compounds.get(k) ?? 0) + 1);
        }
      }
      // A word goes on after a hyphen, or is cut by the line's end: not a whole word.
      if (text.charCodeAt(end) !== 0x2d) {
        const c = t.charCodeAt(0);
        const word = c >= 0x30 && c <= 0x39 ? /\p{L}[\p{L}\d]*$/u.exec(t)?.[0] : t;
        if (word) {
          const k = word.toLowerCase();
          words.set(k, (words.get(k) ?? 0) + 1);
        }
      }
      prevEnd = end;
      prev = t;
    }
  }
  return { compounds, words };
}

function top<K>(m: Map<K, number>): K | undefined {
  let best: K | undefined;
  let bv = -1;
  for (const [k, v] of m) {
    if (v > bv) {
      bv = v;
      best = k;
    }
  }
  return best;
}

export function round(v: number): number {
  return Math.round(v * 100) / 100;
}
