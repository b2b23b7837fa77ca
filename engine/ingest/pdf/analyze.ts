// Document-level analysis over all page layouts: running headers and footers, body-font
// statistics, blocks and their types, headings and the section tree, figures and tables,
// title/authors/abstract, language and text-layer quality. Pure and synchronous: plain data in,
// a SourceDocument (without crop assets) out.
import { citationOf } from './citation.js';
import {
  SCHEMA_VERSION,
  type BBox,
  type Block,
  type Figure,
  type Page,
  type Rotation,
  type Section,
  type SourceDocument,
  type Table,
} from '../types.js';
import { buildBlocks, FORMULA_SIGN, hyphenKept, makeBlock, matchCaption, paragraphGap, ROMAN_CAPS_HEAD, SUBSECTION_LINE, vocabularyOf, type DocStats, type WorkBlock } from './blocks.js';
import { argmax, textWithoutMarks, type Segment } from './lines.js';
import { fromUpright, type PageLayout, type TurnedLayout } from './page-layout.js';
import type { OutlineEntry, PdfInfo } from './pdfjs.js';
import { codeText } from './code.js';
import { groupDisplays } from './displays.js';
import { findAlignedTables } from './aligned-tables.js';
import { findPictures, REFERS, sentences } from './pictures.js';
import { findRegions, union } from './regions.js';
import { detectLang, textLayerQuality } from '../../text/lang.js';
import { squashKey } from '../../text/tokens.js';
import { mostlyLandscape } from '../page-shape.js';

export interface AnalyzeInput {
  id: string;
  file: string;
  sha256: string;
  info: PdfInfo;
  /** One layout per page, in page order; null for a page that could not be read. */
  layouts: (PageLayout | null)[];
  warnings: string[];
}

export function analyzeDocument(input: AnalyzeInput): SourceDocument {
  const analysis = new DocumentAnalysis(input.layouts.length);
  input.layouts.forEach((l, i) => analysis.add(i + 1, l));
  return analysis.finish(input);
}

type Zone = 'header' | 'footer';

/** One page read on its own: its blocks in reading order (ids local to the page), figures and tables. */
interface PageWork {
  blocks: WorkBlock[];
  /** Block ids the page used, `b1` … `b${ids}`, dropped blocks included. */
  ids: number;
  figures: Figure[];
  tables: Table[];
}

/** What a page read ahead of time was read with, to check it against what the document turns out to be. */
interface Guess {
  heads: RunningHeads;
  stats: DocStats;
}

/** A page read with a guess, and what it decided with the guess, to be checked against the truth. */
interface GuessedWork {
  work: PageWork;
  /** Every line-end hyphen it mended: the word before it and the word after. */
  hyphens: [string, string][];
  /** Every gap between lines it weighed against the paragraph gap, with its em. */
  gaps: [number, number][];
  /** The page's running heads and feet as guessed. */
  furniture: Map<Segment, Zone>;
}

/**
 * The document analysis, fed page by page as the workers read them. A page's reading (blocks,
 * types, figures, tables) needs the whole document only for its running heads and its statistics
 * (body type, paragraph gap, vocabulary). Once half the pages are in, those are guessed from them
 * and each page is read with the guess while the workers go on (`step`, a page at a time, on a
 * thread that would otherwise wait). `finish` computes them from every page, as `analyzeDocument`
 * always did, and keeps a page read ahead only where the guess decided exactly as the truth does:
 * the same running heads on that page, the same body type, the same side of the paragraph gap for
 * every gap between lines it weighed, and the same choice at each line-end hyphen it mended. Any
 * other page is read again, so the document is the same whether or not pages were read ahead;
 * only the time it is ready differs.
 */
export class DocumentAnalysis {
  private readonly layouts: (PageLayout | null | undefined)[];
  private arrived = 0;
  private guess: Guess | undefined;
  private readonly guessed = new Map<number, GuessedWork>();
  /** Pages in, not yet read with the guess (page indexes, 1-based, lowest first). */
  private pending: number[] = [];
  /** Pages read ahead and kept by the last `finish` (for tests and measurements). */
  kept = 0;

  constructor(readonly pageCount: number) {
    this.layouts = new Array<PageLayout | null | undefined>(pageCount).fill(undefined);
  }

  /** Page `index` (1-based) has been read; null when it could not be. */
  add(index: number, layout: PageLayout | null): void {
    this.layouts[index - 1] = layout;
    this.arrived++;
    if (layout) this.pending.push(index);
  }

  /**
   * Does one piece of the work that can be done before every page is in (a guess, or one page read
   * with it), and says whether there may be more now.
   */
  step(): boolean {
    if (!this.guess) {
      if (this.pageCount < READ_AHEAD_MIN_PAGES || this.arrived < this.pageCount * READ_AHEAD_AFTER) return false;
      const known = this.layouts.filter((l): l is PageLayout => !!l);
      const heads = new RunningHeads(known, this.pageCount);
      this.guess = { heads, stats: docStats(known, heads.furniture(known)) };
      return true;
    }
    this.pending.sort((a, b) => a - b);
    const index = this.pending.shift();
    if (index === undefined) return false;
    const layout = this.layouts[index - 1]!;
    // A page in after the guess adds its own heads to the counts, as it will to the document's.
    const furniture = this.guess.heads.furniture([layout]);
    const hyphens: [string, string][] = [];
    const gaps: [number, number][] = [];
    const stats: DocStats = {
      ...this.guess.stats,
      vocabulary: { ...this.guess.stats.vocabulary, seen: (l, r) => hyphens.push([l, r]) },
      seenGap: (gap, em) => gaps.push([gap, em]),
    };
    this.guessed.set(index, { work: analyzePage(layout, furniture, stats), hyphens, gaps, furniture });
    return this.pending.length > 0;
  }

  /** The document, once every page has been added. */
  finish(input: Omit<AnalyzeInput, 'layouts'>): SourceDocument {
    const layouts = this.layouts.map((l) => l ?? null);
    const furniture = findFurniture(layouts);
    const stats = docStats(layouts, furniture);
    const guess = this.guess;
    const sameStats = guess !== undefined && guess.stats.bodySize === stats.bodySize && guess.stats.bodyFont === stats.bodyFont;
    // The paragraph gap is a median of measured gaps: the same typesetting gives it to the last
    // bit only by chance, so what must agree is each decision taken with it.
    const guessGap = guess?.stats.paragraphGap ?? 0.75;
    const gap = stats.paragraphGap ?? 0.75;
    const stands = (ahead: GuessedWork, layout: PageLayout): boolean =>
      sameStats &&
      sameFurniture(layout, ahead.furniture, furniture) &&
      ahead.gaps.every(([g, em]) => g > guessGap * em === g > gap * em) &&
      ahead.hyphens.every(([l, r]) => hyphenKept(guess.stats.vocabulary, l, r) === hyphenKept(stats.vocabulary, l, r));
    this.kept = 0;
    let counter = 0;
    const pageBlocks: WorkBlock[][] = [];
    const figures: Figure[] = [];
    const tables: Table[] = [];
    for (const layout of layouts) {
      if (!layout) {
        pageBlocks.push([]);
        continue;
      }
      const ahead = this.guessed.get(layout.index);
      let work: PageWork;
      if (ahead && stands(ahead, layout)) {
        work = ahead.work;
        this.kept++;
      } else {
        work = analyzePage(layout, furniture, stats);
      }
      for (const b of work.blocks) b.id = `b${counter + Number(b.id.slice(1))}`;
      counter += work.ids;
      pageBlocks.push(work.blocks);
      figures.push(...work.figures);
      tables.push(...work.tables);
    }
    this.guessed.clear();
    return documentOf(input, layouts, pageBlocks, figures, tables, stats);
  }
}

/** Documents shorter than this are read in one go at the end: there is little to win. */
const READ_AHEAD_MIN_PAGES = 24;
/** The share of the pages that must be in before the document's running heads and statistics are guessed. */
const READ_AHEAD_AFTER = 0.5;

function sameFurniture(layout: PageLayout, a: ReadonlyMap<Segment, Zone>, b: ReadonlyMap<Segment, Zone>): boolean {
  return layout.segments.every((s) => a.get(s) === b.get(s));
}

/** One page: its running heads and feet, its blocks in reading order, its figures and tables. */
function analyzePage(layout: PageLayout, furniture: ReadonlyMap<Segment, Zone>, stats: DocStats): PageWork {
  let counter = 0;
  const nextId = (): string => `b${++counter}`;
  const figures: Figure[] = [];
  const tables: Table[] = [];
  const body: Segment[] = [];
  const leaf: number[] = [];
  const furnitureBlocks: WorkBlock[] = [];
  layout.segments.forEach((s, i) => {
    const f = furniture.get(s);
    if (f) furnitureBlocks.push(makeBlock(layout.index, [s], -1, nextId(), f));
    else {
      body.push(s);
      leaf.push(layout.leaf[i]!);
    }
  });
  const blocks = buildBlocks(layout.index, body, leaf, stats, nextId);
  classifyBlocks(blocks, layout, stats);
  joinListings(blocks, stats);
  const regions = findRegions(withoutRunningRules(layout, furnitureBlocks), blocks, stats);
  const placed = placeRegions(layout.index, blocks, regions, stats, nextId, figures, tables);
  placePictures(layout, placed, stats, nextId, figures, tables);
  const read = groupDisplays(placed, stats, nextId);
  placeAlignedTables(layout.index, read, stats, nextId, tables);
  // Sideways text (a landscape table) is read after the page's own.
  if (layout.turned) read.push(...turnedBlocks(layout, layout.turned, stats, nextId, figures, tables));
  // Furniture goes first (headers) and last (footers) so the page reads naturally.
  const headers = furnitureBlocks.filter((b) => b.type === 'header');
  const footers = furnitureBlocks.filter((b) => b.type === 'footer');
  return { blocks: [...headers, ...read, ...footers], ids: counter, figures, tables };
}

/** The document from its pages read: tables that go on, title, headings, sections, front matter, pages. */
function documentOf(
  input: Omit<AnalyzeInput, 'layouts'>,
  layouts: (PageLayout | null)[],
  pageBlocks: WorkBlock[][],
  figures: Figure[],
  tables: Table[],
  stats: DocStats,
): SourceDocument {
  markContinuedTables(tables);

  const title = pickTitle(pageBlocks, input.info, input.file, stats.bodySize);
  const headings = detectHeadings(pageBlocks, stats, slideTops(layouts));
  const sections = buildSections(pageBlocks, headings, input.info.outline);
  markReferences(pageBlocks, sections);
  headingsOfPictures(pageBlocks, sections, figures);
  mentionsOfFigures(pageBlocks, figures);
  const { authors, abstract } = frontMatter(pageBlocks, title.blockId, input.info);
  const bodySections = withoutAuthorSections(pageBlocks, sections, authors);

  const pages: Page[] = layouts.map((layout, i) => {
    const blocks = (pageBlocks[i] ?? []).map(toBlock);
    if (!layout) return { index: i + 1, width: 0, height: 0, textLayer: 'none' as const, blocks };
    const text = blocks.map((b) => b.text).join(' ');
    const hasBigImage = (layout.graphics ?? []).some(
      (g) => g.kind === 'image' && (g.bbox[2] - g.bbox[0]) * (g.bbox[3] - g.bbox[1]) > 0.3 * layout.width * layout.height,
    );
    return {
      index: layout.index,
      width: round2(layout.width),
      height: round2(layout.height),
      textLayer: textLayerQuality(text, layout.chars, hasBigImage),
      blocks,
    };
  });
  const allText = pages.flatMap((p) => p.blocks.filter((b) => b.type === 'paragraph').map((b) => b.text)).join(' ');
  // Say where the text layer cannot be trusted, so that a person (or OCR) can look again.
  for (const kind of ['unmapped', 'symbols', 'script'] as const) {
    const where = pages.filter((p) => p.blocks.some((b) => b.suspectText === kind)).map((p) => p.index);
    if (where.length === 0) continue;
    const blocks = pages.reduce((n, p) => n + p.blocks.filter((b) => b.suspectText === kind).length, 0);
    const what = SUSPECT_WHAT[kind];
    input.warnings.push(`${blocks} block(s) on ${where.length} page(s) (${pageList(where)}) hold ${what}; their text is marked suspectText`);
  }
  const cited = citationOf(pages[0]?.blocks.map((b) => b.text) ?? []);
  return {
    schemaVersion: SCHEMA_VERSION,
    id: input.id,
    kind: 'pdf',
    file: input.file,
    sha256: input.sha256,
    title: title.text,
    authors,
    ...(abstract ? { abstract } : {}),
    ...(cited.year !== undefined ? { year: cited.year } : {}),
    ...(cited.venue ? { venue: cited.venue } : {}),
    lang: input.info.lang?.slice(0, 2).toLowerCase() || detectLang(allText || pages.flatMap((p) => p.blocks.map((b) => b.text)).join(' ')),
    pageCount: layouts.length,
    pages,
    sections: bodySections,
    figures,
    tables,
    warnings: input.warnings,
  };
}

/** "3, 5-9, 12" for a sorted list of page numbers. */
function pageList(pages: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    out.push(j > i ? `pp. ${pages[i]}-${pages[j]}` : `p. ${pages[i]}`);
    i = j;
  }
  return out.join(', ');
}

/** Each picture without a caption is told the title of the section it is in. */
function headingsOfPictures(pageBlocks: readonly WorkBlock[][], sections: readonly Section[], figures: Figure[]): void {
  const pictures = figures.filter((f) => f.uncaptioned);
  if (pictures.length === 0) return;
  const sectionOf = new Map<string, string>();
  for (const s of sections) for (const id of s.blockIds) sectionOf.set(id, s.title);
  const blockOf = new Map<string, string>();
  for (const blocks of pageBlocks) for (const b of blocks) if (b.ref && b.type === 'figure') blockOf.set(b.ref, b.id);
  for (const f of pictures) {
    const bid = blockOf.get(f.id);
    const heading = bid ? sectionOf.get(bid) : undefined;
    if (heading) f.heading = heading;
  }
}

/**
 * Each figure is told the sentence that refers to it, where its page has none: by its label
 * ("Figure 3 shows …", "in Fig. 3") on its own page, or else on the page before it, where a figure
 * set at the top of p. 5 is introduced by "Figure 3 shows" on p. 4. A picture without a caption set
 * before the text of its page takes a sentence that points at a picture ("the diagram below") from
 * the end of the page before, the text that leads into it.
 */
function mentionsOfFigures(pageBlocks: readonly WorkBlock[][], figures: Figure[]): void {
  const body = (page: number): WorkBlock[] => (pageBlocks[page - 1] ?? []).filter((b) => b.type === 'paragraph' || b.type === 'list-item');
  for (const f of figures) {
    if (f.mention) continue;
    const label = f.uncaptioned ? null : labelPattern(f.label);
    if (label) {
      for (const page of [f.page, f.page - 1]) {
        const hit = body(page).flatMap((b) => sentences(b.text)).find((x) => label.test(x));
        if (hit) {
          f.mention = hit;
          break;
        }
      }
      continue;
    }
    if (!f.uncaptioned) continue;
    const own = pageBlocks[f.page - 1] ?? [];
    const at = own.findIndex((b) => b.ref === f.id);
    if (at < 0 || own.slice(0, at).some((b) => b.type === 'paragraph' || b.type === 'list-item')) continue;
    const before = body(f.page - 1).slice(-2);
    const hit = before.flatMap((b) => sentences(b.text)).reverse().find((x) => REFERS.test(x));
    if (hit) f.mention = hit;
  }
}

/** What refers to a figure by its label: "Figure 3" is referred to as "Figure 3", "Fig. 3", "Figs. 2 and 3" not. */
function labelPattern(label: string): RegExp | null {
  const m = /^(?:Figure|Fig\.?)\s*([A-Z]?\d+(?:\.\d+)*[a-z]?)$/i.exec(label.trim());
  if (!m) return null;
  const n = m[1]!.replace(/\./g, '\\.');
  return new RegExp(`\\b(?:Figure|Fig\\.)\\s*${n}(?![\\d.]*\\d)`, 'i');
}

/**
 * Adds the page's figures and tables to the document's lists and gives the blocks in reading order,
 * each group of blocks a region swallowed replaced by one figure or table block, placed where the
 * first of them was.
 */
function placeRegions(
  page: number,
  blocks: WorkBlock[],
  regions: ReturnType<typeof findRegions>,
  stats: DocStats,
  nextId: () => string,
  figures: Figure[],
  tables: Table[],
  rotation?: Rotation,
): WorkBlock[] {
  const regionBlocks = new Map<string, WorkBlock>();
  const placeRegion = (kind: 'figure' | 'table', item: { bbox: Figure['bbox']; blockIds: string[]; label: string }, ref: string): void => {
    const used = blocks.filter((b) => item.blockIds.includes(b.id));
    const lines = used.flatMap((b) => b.lines);
    const blk: WorkBlock =
      lines.length > 0
        ? { ...makeBlock(page, lines, -1, nextId(), kind, stats.vocabulary), bbox: item.bbox, ref }
        : { id: nextId(), page, type: kind, lines: [], bbox: item.bbox, text: '', leaf: -1, size: stats.bodySize, font: '', mono: 0, ref };
    const anchor = used[0]?.id ?? blocks.find((b) => b.type === 'caption' && matchCaption(b.text)?.label === item.label)?.id;
    if (anchor) regionBlocks.set(anchor, blk);
  };
  const turned = rotation !== undefined ? { rotation } : {};
  for (const f of regions.figures) {
    const id = `fig-p${page}-${slug(f.label)}`;
    figures.push({ id, label: f.label, caption: f.caption, page: f.page, bbox: f.bbox, ...(f.captionBbox ? { captionBbox: f.captionBbox } : {}), ...(f.kind ? { kind: f.kind } : {}), ...turned });
    placeRegion('figure', f, id);
    for (const b of blocks) if (b.type === 'caption' && b.bbox === f.captionBbox) b.ref = id;
  }
  for (const t of regions.tables) {
    const id = `tab-p${page}-${slug(t.label)}`;
    tables.push({ id, label: t.label, caption: t.caption, page: t.page, bbox: t.bbox, ...(t.captionBbox ? { captionBbox: t.captionBbox } : {}), rows: t.rows, ...turned });
    placeRegion('table', t, id);
    for (const b of blocks) if (b.type === 'caption' && b.bbox === t.captionBbox) b.ref = id;
  }
  const next: WorkBlock[] = [];
  for (const b of blocks) {
    const rb = regionBlocks.get(b.id);
    if (rb) next.push(rb);
    if (!regions.consumed.has(b.id)) next.push(b);
  }
  return next;
}

/**
 * Pictures without a caption (pictures.ts): each becomes a figure labelled "Picture on p. N" and a
 * figure block put in reading order before the first block that starts below its top, taking in
 * the short labels set inside it.
 */
function placePictures(layout: PageLayout, placed: WorkBlock[], stats: DocStats, nextId: () => string, figures: Figure[], tables: Table[]): void {
  const taken = [...figures, ...tables].filter((x) => x.page === layout.index).map((x) => x.bbox);
  const found = findPictures(layout, placed, taken, stats.bodySize, (stats.textShare ?? 0) >= 0.8);
  found.forEach((p, i) => {
    const label = found.length === 1 ? `Picture on p. ${layout.index}` : `Picture ${i + 1} on p. ${layout.index}`;
    const id = `fig-p${layout.index}-${slug(label)}`;
    figures.push({ id, label, caption: '', page: layout.index, bbox: p.bbox, kind: p.kind, uncaptioned: true, ...(p.mention ? { mention: p.mention } : {}) });
    const used = placed.filter((b) => p.blockIds.includes(b.id));
    const lines = used.flatMap((b) => b.lines);
    const blk: WorkBlock =
      lines.length > 0
        ? { ...makeBlock(layout.index, lines, -1, nextId(), 'figure', stats.vocabulary), bbox: p.bbox, ref: id }
        : { id: nextId(), page: layout.index, type: 'figure', lines: [], bbox: p.bbox, text: '', leaf: -1, size: stats.bodySize, font: '', mono: 0, ref: id };
    for (let k = placed.length - 1; k >= 0; k--) if (p.blockIds.includes(placed[k]!.id)) placed.splice(k, 1);
    const at = placed.findIndex((b) => b.type !== 'header' && b.bbox[1] >= p.bbox[1] - 2 && b.bbox[0] < p.bbox[2] && b.bbox[2] > p.bbox[0]);
    placed.splice(at < 0 ? placed.length : at, 0, blk);
  });
}

/**
 * Tables with no rules and no caption (aligned-tables.ts): each becomes a table labelled "Table on
 * p. N" with its cells, and a table block where its first row's block was.
 */
function placeAlignedTables(page: number, placed: WorkBlock[], stats: DocStats, nextId: () => string, tables: Table[]): void {
  const found = findAlignedTables(placed, stats);
  found.forEach((t, i) => {
    const label = found.length === 1 ? `Table on p. ${page}` : `Table ${i + 1} on p. ${page}`;
    const id = `tab-p${page}-${slug(label)}`;
    tables.push({ id, label, caption: '', page, bbox: t.bbox, rows: t.rows, uncaptioned: true });
    const used = placed.filter((b) => t.blockIds.includes(b.id));
    // Its text reads row by row, as the cells do (its lines came column by column).
    const text = t.rows.map((r) => r.filter((c) => c !== '').join(' ')).join(' ');
    const blk: WorkBlock = { ...makeBlock(page, used.flatMap((b) => b.lines), -1, nextId(), 'table', stats.vocabulary), bbox: t.bbox, ref: id, text };
    const at = placed.findIndex((b) => t.blockIds.includes(b.id));
    for (let k = placed.length - 1; k >= 0; k--) if (t.blockIds.includes(placed[k]!.id)) placed.splice(k, 1);
    placed.splice(at, 0, blk);
  });
}

/**
 * The blocks of a page's sideways text: read in its upright frame like a page of its own (blocks,
 * captions, figures and tables with their cell grids), then every box put back on the page. Its
 * figures and tables say how far to turn them to read them; their crops come turned.
 */
function turnedBlocks(layout: PageLayout, turned: TurnedLayout, stats: DocStats, nextId: () => string, figures: Figure[], tables: Table[]): WorkBlock[] {
  // Its own copies of the lines, marked sideways below: the layout stays as it came (a page may be read twice).
  const upright: PageLayout = { ...layout, width: turned.width, height: turned.height, segments: turned.segments.map((s) => ({ ...s })), leaf: turned.leaf, graphics: turned.graphics };
  delete upright.turned;
  const blocks = buildBlocks(layout.index, upright.segments, turned.leaf, stats, nextId);
  classifyBlocks(blocks, upright, stats);
  const regions = findRegions(upright, blocks, stats);
  const nFigures = figures.length;
  const nTables = tables.length;
  const placed = placeRegions(layout.index, blocks, regions, stats, nextId, figures, tables, turned.reads === 'up' ? 90 : 270);
  // Boxes shared by a caption block and its figure stay one object.
  const back = new Map<BBox, BBox>();
  const onPage = (b: BBox): BBox => {
    let p = back.get(b);
    if (!p) back.set(b, (p = fromUpright(b, turned.reads, layout.width, layout.height)));
    return p;
  };
  for (const b of placed) b.bbox = onPage(b.bbox);
  for (const item of [...figures.slice(nFigures), ...tables.slice(nTables)]) {
    item.bbox = onPage(item.bbox);
    if (item.captionBbox) item.captionBbox = onPage(item.captionBbox);
  }
  // On the page these lines run sideways: never a title or a heading.
  for (const s of upright.segments) s.vertical = true;
  return placed;
}

const SUSPECT_WHAT: Record<NonNullable<Block['suspectText']>, string> = {
  unmapped: 'characters from a font with no usable Unicode map',
  symbols: 'symbol glyphs inside words (a misread font encoding)',
  script: 'letters of another script where brackets or signs belong (a misread font encoding)',
};

function toBlock(b: WorkBlock): Block {
  const suspect = suspectText(b.text);
  return {
    id: b.id,
    type: b.type,
    page: b.page,
    bbox: b.bbox,
    text: b.text,
    ...(b.level !== undefined ? { level: b.level } : {}),
    ...(b.ref !== undefined ? { ref: b.ref } : {}),
    ...(b.number !== undefined ? { number: b.number } : {}),
    ...(suspect ? { suspectText: suspect, suspectSpans: suspectSpans(b.text) } : {}),
  };
}

/** Card suits, dingbats, geometric shapes and broken bars that a misread encoding puts inside words ("X(i)¦" for "X(i)⊤"). */
const SYMBOL_IN_WORD = /[\p{L}\p{N}][♠♣♥♦♤♧♡♢✓✗❶-❿■□▪▫◆◇○●¦¤][\p{L}\p{N}]/gu;
/** A broken bar on a variable or a bracket ("x_i¦ β", "X(i)¦"): a transpose sign read in the wrong encoding. */
const BROKEN_BAR = /[\p{L}\p{N})}_]¦|¦[\p{L}\p{N}({]/gu;
/**
 * Letters of another script set where no word of it can be: Icelandic's eth and thorn around
 * capitals and digits ("f ðPÞ", "CgðTÞ", "KP_iÞ²": a math font's brackets read as Latin-1, with
 * "Z" for "=" and "C" for "+" beside them). An Icelandic word has þ/Þ only at its start and no
 * capital after ð.
 */
const SCRIPT_MISMATCH = /ð[\p{Lu}\d(]|[\p{L}\p{N}_)]Þ|Þ[²³¹\d]/gu;
/** A run of characters with no Unicode map (U+FFFD). */
const UNMAPPED_RUN = /\ufffd[\ufffd\s]*/gu;

/** Why a block's text is not credible, if it is not (see Block.suspectText). */
export function suspectText(text: string): Block['suspectText'] {
  if (text.length === 0) return undefined;
  let unmapped = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) unmapped++;
  if (unmapped >= 3 && unmapped / text.replace(/\s/g, '').length > 0.05) return 'unmapped';
  if (test(SCRIPT_MISMATCH, text)) return 'script';
  return test(SYMBOL_IN_WORD, text) || test(BROKEN_BAR, text) ? 'symbols' : undefined;
}

function test(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}

/**
 * The stretches of a suspect block's text that are not credible, as [start, end) offsets into its
 * text, widened to the words they are in: what an output leaves out (a sentence holding one) while
 * keeping the rest of the block. Sorted and disjoint.
 */
export function suspectSpans(text: string): [number, number][] {
  const hits: [number, number][] = [];
  for (const re of [UNMAPPED_RUN, SCRIPT_MISMATCH, SYMBOL_IN_WORD, BROKEN_BAR]) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      let a = m.index;
      let b = m.index + m[0].length;
      while (a > 0 && !/\s/.test(text[a - 1]!)) a--;
      while (b < text.length && !/\s/.test(text[b]!)) b++;
      hits.push([a, b]);
    }
  }
  hits.sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (last && h[0] <= last[1]) last[1] = Math.max(last[1], h[1]);
    else out.push([h[0], h[1]]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running headers, footers and page numbers.

/** A contents line's dotted leader: "Introduction . . . .", "致谢 ⋅ ⋅ ⋅". */
const LEADER = String.raw`([.⋅·…]\s*){4,}`;
/** A text ending in a leader (its page number set apart). */
const LEADER_END = new RegExp(`${LEADER}$`, 'u');
/** A contents line: a title, its leader, maybe its page number. */
const CONTENTS_LINE = new RegExp(`${LEADER}([\\divxlc]+)?$`, 'iu');
export const PAGE_NUMBER = /^(page|p\.|seite|página|стр\.?)?\s*(#+|[ivxlc]+)\s*((\/|of|von|de|из)\s*#+)?$|^[-–—]\s*#+\s*[-–—]$|^第\s*#+\s*页/i;

/** A lower-case Roman numeral: a front matter's page number ("xiv"). */
const ROMAN = /^(?=[ivxlc])c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;

/**
 * A running head's text with its page number made "#", so that the heads of different pages match:
 * "26 FREE CULTURE" and "28 FREE CULTURE", "xiv PREFACE" and "xvi PREFACE".
 */
export function headKey(text: string): string {
  const words = text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().split(' ');
  if (words.length > 1) {
    if (ROMAN.test(words[0]!)) words[0] = '#';
    if (ROMAN.test(words[words.length - 1]!)) words[words.length - 1] = '#';
  }
  return words.join(' ');
}

function findFurniture(layouts: readonly (PageLayout | null)[]): Map<Segment, Zone> {
  const known = layouts.filter((l): l is PageLayout => !!l);
  return new RunningHeads(known, known.length).furniture(known);
}

interface HeadCandidate {
  seg: Segment;
  key: string;
  zone: Zone;
  alone: boolean;
  small: boolean;
  echo: boolean;
}

/**
 * What repeats at the pages' tops and bottoms: running heads and feet, page numbers. Built from
 * some pages of a document of `pages` readable pages (all of them but for a guess); `furniture`
 * then tells the lines of any page that are furniture, a page not seen before adding its own
 * heads to the counts first.
 */
class RunningHeads {
  /** The body's type size, from every line: a running head is set smaller. */
  private readonly body: number;
  private readonly need: number;
  /** Each head's key → the pages it is on. */
  private readonly counts = new Map<string, Set<number>>();
  /** The pages seen, with their candidate heads. */
  private readonly seen = new Map<PageLayout, HeadCandidate[]>();

  constructor(
    layouts: readonly PageLayout[],
    private readonly pages: number,
  ) {
    const sizes = new Map<number, number>();
    for (const l of layouts) {
      for (const s of l.segments) {
        if (s.vertical) continue;
        const k = Math.round(s.size * 2) / 2;
        sizes.set(k, (sizes.get(k) ?? 0) + s.text.length);
      }
    }
    this.body = argmax(sizes) ?? 10;
    this.need = pages <= 3 ? 2 : Math.max(3, Math.ceil(pages * 0.2));
    for (const l of layouts) this.candidatesOf(l);
  }

  furniture(layouts: readonly PageLayout[]): Map<Segment, Zone> {
    const out = new Map<Segment, Zone>();
    for (const l of layouts) {
      for (const c of this.candidatesOf(l)) {
        const text = c.key.slice(c.zone.length + 1);
        const repeated = (this.counts.get(c.key)?.size ?? 0) >= (c.small ? 2 : this.need) && this.pages >= 2;
        if ((repeated || c.echo || PAGE_NUMBER.test(text)) && c.alone) out.set(c.seg, c.zone);
      }
    }
    return out;
  }

  private candidatesOf(l: PageLayout): HeadCandidate[] {
    let cands = this.seen.get(l);
    if (!cands) {
      this.seen.set(l, (cands = this.candidates(l)));
      for (const c of cands) {
        let set = this.counts.get(c.key);
        if (!set) this.counts.set(c.key, (set = new Set()));
        set.add(l.index);
      }
    }
    return cands;
  }

  private candidates(l: PageLayout): HeadCandidate[] {
    const out: HeadCandidate[] = [];
    const body = this.body;
    const norm = (t: string): string => t.toLowerCase().replace(/\s+/g, '');
    const H = l.height;
    // The first and last rows of a page are running-head candidates too when a journal's margins
    // put them outside the outer tenths (jhydrol: its page number and running head end at 10.5 %).
    const flat = l.segments.filter((s) => !s.vertical);
    const topY1 = Math.min(...flat.map((s) => s.y1));
    const bottomY0 = Math.max(...flat.map((s) => s.y0));
    // There, a head stands apart on its row: "254" and a running title far apart, not a contents
    // line's page number right after its entry.
    const apart = (s: Segment, ems = 3): boolean =>
      flat.every((o) => o === s || Math.min(o.y1, s.y1) - Math.max(o.y0, s.y0) <= 0 || Math.max(o.x0 - s.x1, s.x0 - o.x1) >= ems * s.size);
    const afterLeader = (s: Segment): boolean => flat.some((o) => o !== s && Math.min(o.y1, s.y1) - Math.max(o.y0, s.y0) > 0 && o.x1 <= s.x0 && LEADER_END.test(o.text));
    for (const s of l.segments) {
      let zone: 'header' | 'footer' | null = null;
      if (s.y1 <= 0.1 * H || (!s.vertical && s.y0 < topY1 && s.y1 <= 0.15 * H && apart(s))) zone = 'header';
      else if (s.y0 >= 0.9 * H || (!s.vertical && s.y1 > bottomY0 && s.y0 >= 0.85 * H && apart(s))) zone = 'footer';
      if (!zone) continue;
      const key = `${zone}|${headKey(s.text)}`;
      // A bare number inside a line of text is not a page number: a contents line's "19" after
      // its dotted leader (however far the leader stops short of it: ucasthesis's last contents
      // line, "致谢 ⋅ ⋅ ⋅ … 19", in the bottom tenth), a superscript or a footnote mark set within a
      // page's first line.
      const alone = !PAGE_NUMBER.test(key.slice(zone.length + 1)) || s.vertical || (apart(s, 1) && !afterLeader(s));
      // Small type in the outer tenth: a chapter's running head, which repeats on its chapter's
      // pages only (a thesis's "第 2 章 …" on every other page of chapter 2).
      // It stands clear of the text under (over) it: not a table's header row, not part of a formula.
      const small =
        !s.vertical &&
        (s.y1 <= 0.1 * H || s.y0 >= 0.9 * H) &&
        s.size <= 0.9 * body &&
        /\p{L}.*\p{L}/u.test(s.text) &&
        flat.every((o) => o === s || Math.min(o.x1, s.x1) - Math.max(o.x0, s.x0) <= 0 || (zone === 'header' ? o.y0 - s.y1 >= 1.5 * s.size || o.y1 <= s.y0 : s.y0 - o.y1 >= 1.5 * s.size || o.y0 >= s.y1));
      // On a chapter's first page its running head repeats the chapter title set large below it.
      const echo = small && flat.some((o) => o !== s && o.size >= 1.2 * s.size && norm(o.text) === norm(s.text));
      out.push({ seg: s, key, zone, alone, small: small && !echo, echo });
    }
    return out;
  }
}

/**
 * The page without the rules that go with its running head and foot (a line under the header, over
 * the footer): the page's furniture, not part of a figure that happens to come next to them.
 * ucasthesis Figure 2.3 ran up to its page's header rule, 64 pt above its plots; the IRS manual's
 * exhibits ran down to the footer rule, past their last row.
 */
function withoutRunningRules(layout: PageLayout, furniture: readonly WorkBlock[]): PageLayout {
  if (!layout.graphics || furniture.length === 0) return layout;
  const isRunningRule = (g: { kind: string; bbox: BBox }): boolean => {
    const [x0, y0, x1, y1] = g.bbox;
    if (g.kind !== 'path' || y1 - y0 > 1.5 || x1 - x0 < 0.3 * layout.width) return false;
    return furniture.some((f) => {
      const [fx0, fy0, fx1, fy1] = f.bbox;
      if (Math.min(x1, fx1) - Math.max(x0, fx0) < 0.5 * (fx1 - fx0)) return false;
      const near = 1.5 * f.size;
      return (f.type === 'header' && y0 >= fy1 - 1 && y0 - fy1 <= near) || (f.type === 'footer' && y1 <= fy0 + 1 && fy0 - y1 <= near);
    });
  };
  const graphics = layout.graphics.filter((g) => !isRunningRule(g));
  return graphics.length === layout.graphics.length ? layout : { ...layout, graphics };
}

function docStats(layouts: readonly (PageLayout | null)[], furniture: Map<Segment, unknown>): DocStats {
  const sizes = new Map<number, number>();
  const fonts = new Map<string, number>();
  const body: Segment[] = [];
  for (const l of layouts) {
    if (!l) continue;
    for (const s of l.segments) {
      if (furniture.has(s) || s.vertical) continue;
      body.push(s);
      const k = Math.round(s.size * 2) / 2;
      sizes.set(k, (sizes.get(k) ?? 0) + s.text.length);
      fonts.set(s.font, (fonts.get(s.font) ?? 0) + s.text.length);
    }
  }
  const read = layouts.filter((l) => l !== null);
  const textShare = read.length > 0 ? read.filter((l) => l.chars >= 5).length / read.length : 0;
  return { bodySize: argmax(sizes) ?? 10, bodyFont: argmax(fonts) ?? '', vocabulary: vocabularyOf(body), paragraphGap: paragraphGap(layouts), textShare };
}

// ---------------------------------------------------------------------------------------------
// Block types that need only the block and document statistics.

/** What code has and titles do not: brackets, operators, straight quotes, paths, identifiers with "_". */
const CODE_SIGN = /[{}()[\];=<>#$@\\|`~^*"'/_%]|::|->/;
const EQUATION_END = /\(\s*\d+(\.\d+)*[a-z]?\s*\)$/;
/** A formula's signs, or the Greek letters of its variables. */
const mathy = (t: string): boolean => FORMULA_SIGN.test(t) || /[αβγδεθλμπσφψω]/u.test(t);

/**
 * A listing and what it prints, set apart by a blank line or two ("> sctest(ocus)", then the
 * centred "OLS-based CUSUM test", then "data: ecm.model"): one code block, in page order.
 */
function joinListings(blocks: WorkBlock[], stats: DocStats): void {
  for (let i = blocks.length - 1; i > 0; i--) {
    const a = blocks[i - 1]!;
    const b = blocks[i]!;
    if (a.type !== 'code' || b.type !== 'code') continue;
    const gap = b.bbox[1] - a.bbox[3];
    if (gap < -1 || gap > 2.5 * stats.bodySize) continue;
    if (Math.min(a.bbox[2], b.bbox[2]) - Math.max(a.bbox[0], b.bbox[0]) <= 0) continue;
    const joined = makeBlock(a.page, [...a.lines, ...b.lines], a.leaf, a.id, 'code', stats.vocabulary);
    joined.text = codeText(joined.lines, gap > 1.2 * stats.bodySize ? [b.bbox[1]] : []);
    blocks.splice(i - 1, 2, joined);
  }
}

function classifyBlocks(blocks: WorkBlock[], layout: PageLayout, stats: DocStats): void {
  const H = layout.height;
  let lastBodyBottom = 0;
  for (const b of blocks) {
    if (b.type !== 'paragraph') continue;
    const t = b.text;
    if (matchCaption(t)) {
      b.type = 'caption';
      continue;
    }
    // Type set in a fixed-pitch face is code when it reads like code: a book set in a typewriter
    // face for its titles and contents (Free Culture's "CHAPTER ONE: CREATORS", "PREFACE xiii") is
    // not.
    if (b.mono > 0.7 && CODE_SIGN.test(t)) {
      b.type = 'code';
      b.text = codeText(b.lines);
      continue;
    }
    // Fixed-pitch type right under a listing is what it printed ("data: ecm.model", a data frame's
    // columns): code too, though it has no code signs of its own.
    const prev = blocks[blocks.indexOf(b) - 1];
    if (b.mono > 0.7 && prev?.type === 'code' && b.bbox[1] - prev.bbox[3] < 3 * stats.bodySize && b.bbox[1] >= prev.bbox[3] - 1) {
      b.type = 'code';
      b.text = codeText(b.lines);
      continue;
    }
    if (t.length < 160 && EQUATION_END.test(t) && mathy(t)) {
      b.type = 'equation';
      continue;
    }
    if (t.length < 120 && mathy(t)) {
      const letters = (t.match(/\p{L}/gu) ?? []).length;
      if (letters / Math.max(1, t.replace(/\s/g, '').length) < 0.45) {
        b.type = 'equation';
        continue;
      }
    }
    // Small type under the body text at the foot of a page, opening with a note mark.
    const footnoteLike = b.size < stats.bodySize * 0.92 && b.bbox[1] > 0.6 * H && b.bbox[1] >= lastBodyBottom - 1;
    // "* Corresponding author. …": the asterisk marks a note, not a bullet.
    if (footnoteLike && /^[*†‡§¶∗]\s*\S/u.test(t)) {
      b.type = 'footnote';
      continue;
    }
    if (/^([•◦▪▫■□●○‣⁃∙·*➢➤►▶✓✔]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)]|\d{1,2}:|[–—-])\s+\S/u.test(t) && t.length < 1200) {
      b.type = 'list-item';
      continue;
    }
    if (footnoteLike && /^[0-9]{1,2}\s*\S/u.test(t)) {
      b.type = 'footnote';
      continue;
    }
    if (Math.abs(b.size - stats.bodySize) < 0.1 * stats.bodySize) lastBodyBottom = Math.max(lastBodyBottom, b.bbox[3]);
  }
}

// ---------------------------------------------------------------------------------------------
// Title, headings, sections.

function pickTitle(pageBlocks: WorkBlock[][], info: PdfInfo, file: string, bodySize: number): { text: string; blockId?: string } {
  const first = pageBlocks.find((p) => p.some((b) => b.type !== 'header' && b.type !== 'footer')) ?? [];
  let best: WorkBlock | undefined;
  for (const b of first) {
    if (b.type === 'header' || b.type === 'footer' || b.type === 'figure' || b.type === 'table') continue;
    if (b.text.length < 3 || b.text.length > 300) continue;
    if (!/\p{L}{2}/u.test(b.text)) continue;
    // Sideways margin text (arXiv stamps) is often the largest type on page 1 but never the title.
    if (b.lines.length > 0 && b.lines.every((l) => l.vertical)) continue;
    // A page that starts mid-sentence (an excerpt) or a sentence of body text is not a title.
    if (/^\p{Ll}/u.test(b.text) || (/[.;,]$/.test(b.text.trim()) && b.text.split(/\s+/).length > 10)) continue;
    if (!best || b.size > best.size + 0.5 || (Math.abs(b.size - best.size) <= 0.5 && b.bbox[1] < best.bbox[1])) best = b;
  }
  const meta = info.title;
  const metaOk = meta !== undefined && meta.length > 3 && !/^(untitled|microsoft word|document\d*|slide \d+)|\.(docx?|tex|dvi|pdf|indd|pptx?)$/i.test(meta);
  // The metadata title set on the first page is the title, whatever else is larger there (a cover's
  // logo word, a series name).
  if (metaOk) {
    const norm = squashKey(meta);
    const set = norm.length >= 8 ? first.find((b) => b.type !== 'header' && b.type !== 'footer' && squashKey(b.text) === norm) : undefined;
    if (set) {
      set.type = 'title';
      return { text: set.text, blockId: set.id };
    }
  }
  // A title stands out from the body text; a page without one (an excerpt, a handbook page, a
  // slide with body-sized type) takes its title from the metadata or the file name.
  if (best && best.lines.length <= 4 && best.size >= 1.15 * bodySize) {
    growTitle(first, best);
    best.type = 'title';
    return { text: best.text, blockId: best.id };
  }
  if (metaOk) return { text: meta };
  return { text: file.replace(/\.[^.]+$/, '') };
}

/**
 * A title set over two or three lines in one size comes as blocks of its lines where a line
 * changes font ("strucchange: An R Package for Testing for Structural" over "Change in Linear
 * Regression Models", the package name in another face): the lines right above and below, in the
 * title's size and overlapping it across, are joined to it, in reading order.
 */
function growTitle(blocks: WorkBlock[], title: WorkBlock): void {
  const near = (a: WorkBlock, b: WorkBlock): boolean => {
    const [upper, lower] = a.bbox[1] <= b.bbox[1] ? [a, b] : [b, a];
    const gap = lower.bbox[1] - upper.bbox[3];
    const across = Math.min(a.bbox[2], b.bbox[2]) - Math.max(a.bbox[0], b.bbox[0]);
    return gap > -0.3 * title.size && gap < 0.8 * title.size && across > 0.3 * Math.min(a.bbox[2] - a.bbox[0], b.bbox[2] - b.bbox[0]);
  };
  for (let grown = true; grown && title.lines.length < 4; ) {
    grown = false;
    for (const b of blocks) {
      if (b === title || (b.type !== 'paragraph' && b.type !== 'heading')) continue;
      if (Math.abs(b.size - title.size) > 0.08 * title.size || b.lines.length > 2 || !near(b, title)) continue;
      if (/[.;:,]$/.test(b.text.trim()) && b.bbox[1] > title.bbox[1]) continue;
      const above = b.bbox[1] < title.bbox[1];
      title.lines = above ? [...b.lines, ...title.lines] : [...title.lines, ...b.lines];
      title.text = above ? `${b.text} ${title.text}` : `${title.text} ${b.text}`;
      title.bbox = union([title.bbox, b.bbox]);
      blocks.splice(blocks.indexOf(b), 1);
      grown = true;
      break;
    }
  }
}

/** A figure or table label alone ("Fig. 1.", "TABLE 2"). */
const BARE_LABEL = /^(fig(ure)?|table|tab)\.?\s*\d+[a-z]?\.?$/i;
const SECTION_NUMBER = /^((?:\d{1,2}(?:\.\d{1,2}){0,4})|[A-Z](?:\.\d{1,2}){0,3}|[IVX]{1,5})(\.?)\s+(\S.*)$/u;
const CHAPTER = /^(第\s*[0-9一二三四五六七八九十百]+\s*[章节部篇]|chapter\s+\d+|appendix\s+[A-Z0-9]+)\b\s*(.*)$/iu;
const KNOWN_HEADS =
  /^(abstract|introduction|related work|background|motivation|preliminaries|method(s|ology)?|approach|model|experiments?|evaluation|results?|discussion|conclusions?( and future work)?|future work|limitations|acknowledge?ments?|references|bibliography|appendix|summary|overview|résumé|einleitung|zusammenfassung|literatur|摘要|引言|结论|参考文献|致谢|目录|contents|table of contents|list of (figures|tables))$/iu;

interface Heading {
  block: WorkBlock;
  number?: string;
  title: string;
  level: number;
}

/**
 * For a slide deck (five pages or more, mostly landscape), where each page's title
 * may end: the top third of the page, per page. Null for other documents.
 */
function slideTops(layouts: readonly (PageLayout | null)[]): (number | undefined)[] | null {
  const pages = layouts.filter((l): l is PageLayout => !!l);
  if (pages.length < 5 || !mostlyLandscape(pages)) return null;
  return layouts.map((l) => (l ? l.height / 3 : undefined));
}

/**
 * A slide's title: one short line or two, no sentence (no final stop), letters in it, not smaller
 * than the body (aiven's small grey "Relational" over its title is a label of the talk's part).
 */
function slideTitle(b: WorkBlock, top: number | undefined, bodySize: number): boolean {
  const t = b.text.trim();
  return (
    top !== undefined &&
    b.type === 'paragraph' &&
    b.bbox[3] <= top &&
    b.size >= 0.95 * bodySize &&
    b.lines.length <= 2 &&
    t.length <= 100 &&
    t.split(/\s+/).length <= 14 &&
    /\p{L}/u.test(t) &&
    !/[.,;]$/.test(t)
  );
}

function detectHeadings(pageBlocks: WorkBlock[][], stats: DocStats, slideTop: (number | undefined)[] | null = null): Heading[] {
  const found: Heading[] = [];
  const sizeLevels: number[] = [];
  for (const blocks of pageBlocks) {
    for (const b of blocks) {
      if (b.type !== 'paragraph' && b.type !== 'list-item') continue;
      const t = b.text.trim();
      if (t.length < 2 || t.length > 140 || b.lines.length > 3) continue;
      if (b.lines.length > 0 && b.lines.every((l) => l.vertical)) continue;
      if (!/\p{L}/u.test(t)) continue;
      // A contents line names a heading; it is not one ("作者简历及… ⋅ ⋅ ⋅ 17" set in the heading's type).
      if (CONTENTS_LINE.test(t)) continue;
      const bigger = b.size >= stats.bodySize * 1.12;
      const distinct = b.font !== stats.bodyFont || bigger;
      // In the body's type, a numbered section line, or a known section's name in capitals alone on
      // its line (an IEEE paper's "REFERENCES" in small capitals).
      const capsName = KNOWN_HEADS.test(t) && t === t.toUpperCase() && t !== t.toLowerCase();
      if (!distinct && !(b.lines.length === 1 && (SUBSECTION_LINE.test(t) || ROMAN_CAPS_HEAD.test(t) || capsName))) continue;
      if (/[,;]$/.test(t)) continue;
      // Names with their affiliation marks ("Lane^a,c,*, Best^b,c,d, …") are the author line.
      if ((t.match(/,/g) ?? []).length >= 2 && b.lines.some((l) => textWithoutMarks(l) !== l.text)) continue;
      // ...and so are three or more names without marks ("Michele Banko, Michael J Cafarella, … and Oren Etzioni").
      if ((t.match(/,/g) ?? []).length >= 2 && splitAuthors(t).every((n) => PERSON_NAME.test(n))) continue;
      const chap = CHAPTER.exec(t);
      const num = SECTION_NUMBER.exec(t);
      if (chap) {
        found.push({ block: b, title: t, level: 1 });
        continue;
      }
      if (num) {
        const number = num[1]!;
        const rest = num[3]!;
        const first = Number.parseInt(number, 10);
        if (/^\d/.test(number) && (Number.isNaN(first) || first > 40)) continue;
        if (!/^\p{L}/u.test(rest) || rest.length < 2) continue;
        if (/[.:]$/.test(rest) && rest.split(/\s+/).length > 8) continue;
        // "1. 安装软件：根据……环境。" is an enumerated sentence: a title does not end like one.
        if (/[。！？；：]$/.test(rest) || (/[\u3400-\u9fff]/u.test(rest) && /[，：]/u.test(rest) && rest.length > 20)) continue;
        if (/^[a-z]/.test(rest) && !bigger) continue;
        const level = /^[IVX]+$/.test(number) || /^[A-Z]$/.test(number) ? 1 : number.split('.').length;
        found.push({ block: b, number, title: rest.trim(), level });
        continue;
      }
      const words = t.split(/\s+/).length;
      if (KNOWN_HEADS.test(t.replace(/[.:]$/, '')) || (bigger && words <= 12 && !/[.!?]$/.test(t))) {
        sizeLevels.push(b.size);
        found.push({ block: b, title: t.replace(/[.:]$/, ''), level: -1 });
      }
    }
  }
  // A slide deck whose titles are set in the type of its bullets (a LibreOffice export: both 28 pt):
  // each slide's first text, a short line at its top, is its title.
  if (slideTop) {
    pageBlocks.forEach((blocks, i) => {
      const first = blocks.find((b) => b.type !== 'header' && b.type !== 'footer');
      if (first && !found.some((h) => h.block === first) && slideTitle(first, slideTop[i], stats.bodySize)) found.push({ block: first, title: first.text.trim(), level: 1 });
    });
  }
  // IEEE style numbers sections I, II, … and their subsections A, B, …
  if (found.filter((h) => h.number && /^[IVX]+$/.test(h.number)).length >= 2) {
    for (const h of found) if (h.number && /^[A-HJ-UWYZ]$/.test(h.number)) h.level = 2;
  }
  // Unnumbered headings get a level from their size rank; numbered ones say their own.
  const distinctSizes = [...new Set(sizeLevels.map((s) => Math.round(s)))].sort((a, b) => b - a);
  for (const h of found) {
    if (h.level === -1) h.level = Math.min(3, distinctSizes.indexOf(Math.round(h.block.size)) + 1 || 1);
    h.block.type = 'heading';
    h.block.level = h.level;
  }
  return found;
}

function buildSections(pageBlocks: WorkBlock[][], headings: Heading[], outline: OutlineEntry[]): Section[] {
  const ordered = pageBlocks.flat().filter((b) => b.type !== 'header' && b.type !== 'footer');
  const index = new Map(ordered.map((b, i) => [b.id, i]));
  let heads: { title: string; number?: string; level: number; page: number; start: number }[] = [];
  // Bookmarks to figures and tables are in some outlines; they are not sections. Some name them
  // without their label word: IRS bookmarks "2.3.59-1 Command Code BMFOL/BMFOR Input Display" for the
  // caption "Exhibit 2.3.59-1 (07-01-2019) Command Code BMFOL/BMFOR Input Display".
  const captionKeys = new Map<number, string[]>();
  for (const b of ordered) {
    if (b.type !== 'caption') continue;
    const key = numberedKey(b.text.replace(/^\s*\p{L}+\.?\s*/u, ''));
    const list = captionKeys.get(b.page);
    if (list) list.push(key);
    else captionKeys.set(b.page, [key]);
  }
  const namesCaption = (o: OutlineEntry): boolean => {
    const key = numberedKey(o.title).slice(0, 40);
    return key.length >= 8 && (captionKeys.get(o.page!) ?? []).some((k) => k.startsWith(key));
  };
  const usable = outline.filter((o) => o.page !== undefined && !matchCaption(o.title) && !BARE_LABEL.test(o.title.trim()) && !namesCaption(o));
  if (usable.length >= 3) {
    // The outline is the author's own section tree; match each entry to a heading block on its page.
    const byPage = new Map<number, WorkBlock[]>();
    for (const b of ordered) {
      const list = byPage.get(b.page);
      if (list) list.push(b);
      else byPage.set(b.page, [b]);
    }
    // A heading's text, whole and without its number: outlines often leave the number out
    // (jhydrol's "Introduction" bookmarks the heading "1. Introduction"), or a revision date set
    // after it (IRS: "2.3.59.1 Program Scope and Objectives" for "2.3.59.1 (12-12-2022) Program …").
    // Or with its number in words: Free Culture's "Chapter 1: Creators" and "2: “Mere Copyists”"
    // bookmark "CHAPTER ONE: Creators" and "CHAPTER TWO: “Mere Copyists”".
    const norms = new Map<WorkBlock, { whole: string; number?: string; rest?: string; loose: string }>();
    const normOf = (b: WorkBlock): { whole: string; number?: string; rest?: string; loose: string } => {
      let n = norms.get(b);
      if (n === undefined) {
        const m = SECTION_NUMBER.exec(b.text.trim());
        n = { whole: squashKey(b.text), ...(m ? { number: m[1]!, rest: squashKey(m[3]!.replace(/^(\([^)]{1,24}\)\s*)+/, '')) } : {}), loose: looseTitle(b.text) };
        norms.set(b, n);
      }
      return n;
    };
    for (const o of usable) {
      const norm = squashKey(o.title);
      const key = norm.slice(0, 40);
      const m = SECTION_NUMBER.exec(o.title);
      const titleKey = m ? squashKey(m[3]!).slice(0, 40) : undefined;
      const looseKey = looseTitle(o.title).slice(0, 40);
      const matches = (b: WorkBlock): boolean => {
        const n = normOf(b);
        return (
          n.whole.startsWith(key) ||
          !!n.rest?.startsWith(key) ||
          (!!m && n.number === m[1] && !!n.rest?.startsWith(titleKey!)) ||
          (looseKey.length >= 4 && /\d/.test(looseKey) && n.loose.startsWith(looseKey))
        );
      };
      const cand = norm.length > 0 ? (byPage.get(o.page!) ?? []).find(matches) : undefined;
      // A chapter's head set in a typewriter face is still a heading where the outline names it.
      if (cand && (cand.type === 'paragraph' || cand.type === 'heading' || (cand.type === 'code' && cand.lines.length <= 2))) {
        cand.type = 'heading';
        cand.level = o.level;
      }
      // The number the heading is set with, where the bookmark leaves it out.
      const shown = cand && !m && !normOf(cand).whole.startsWith(key) ? normOf(cand).number : undefined;
      heads.push({
        title: m ? m[3]!.trim() : o.title,
        ...(m ? { number: m[1]! } : shown ? { number: shown } : {}),
        level: o.level,
        page: o.page!,
        start: cand ? index.get(cand.id)! : -1,
      });
    }
  } else {
    heads = headings.map((h) => ({
      title: h.title,
      ...(h.number ? { number: h.number } : {}),
      level: h.level,
      page: h.block.page,
      start: index.get(h.block.id) ?? -1,
    }));
  }
  const starts = heads.map((h) => h.start).filter((s) => s >= 0).sort((a, b) => a - b);
  return heads.map((h) => {
    let blockIds: string[] = [];
    if (h.start >= 0) {
      const end = starts.find((s) => s > h.start) ?? ordered.length;
      blockIds = ordered.slice(h.start, end).map((b) => b.id);
    }
    return { title: h.title, ...(h.number ? { number: h.number } : {}), level: h.level, page: h.page, blockIds };
  });
}

const REFERENCES_TITLE = /^(references?|bibliography|literatur(e|verzeichnis)?|références|referencias|参考文献|works cited|literature cited)$/i;
const ACKNOWLEDGEMENTS_TITLE = /^(acknowledge?ments?|remerciements|danksagung|致\s*谢|谢\s*辞)$/i;
const APPENDIX_TITLE = /^(appendix|appendices|annexe?s?|anhang|附\s*录)(?![a-z])/i;

/**
 * Marks the back matter's sections by kind (references, acknowledgements, appendix) and the
 * bibliography's paragraphs as references. An appendix is a section so titled, or a section
 * numbered with a letter ("A Implementation details", "B.1 …") after the references; the sections
 * under an appendix are the appendix's.
 */
function markReferences(pageBlocks: WorkBlock[][], sections: Section[]): void {
  const refIds = new Set<string>();
  let afterReferences = false;
  let appendixLevel: number | null = null;
  sections.forEach((s) => {
    const title = s.title.trim().replace(/[.:]$/, '');
    if (appendixLevel !== null && s.level <= appendixLevel && !APPENDIX_TITLE.test(title) && !(afterReferences && /^[A-Z](\.\d+)*$/.test(s.number ?? ''))) appendixLevel = null;
    if (REFERENCES_TITLE.test(title)) {
      s.kind = 'references';
      afterReferences = true;
      for (const id of s.blockIds.slice(1)) refIds.add(id);
    } else if (ACKNOWLEDGEMENTS_TITLE.test(title)) {
      s.kind = 'acknowledgements';
    } else if (APPENDIX_TITLE.test(title) || (afterReferences && /^[A-Z](\.\d+)*$/.test(s.number ?? ''))) {
      s.kind = 'appendix';
      appendixLevel ??= s.level;
    } else if (appendixLevel !== null && s.level > appendixLevel) {
      s.kind = 'appendix';
    }
  });
  for (const blocks of pageBlocks) for (const b of blocks) if (refIds.has(b.id) && (b.type === 'paragraph' || b.type === 'list-item')) b.type = 'reference';
}

function frontMatter(pageBlocks: WorkBlock[][], titleId: string | undefined, info: PdfInfo): { authors: string[]; abstract?: string } {
  const blocks = pageBlocks.flat().filter((b) => b.type !== 'header' && b.type !== 'footer');
  let abstract: string | undefined;
  const absIdx = blocks.findIndex((b) => /^(abstract|summary|摘\s*要)\b/i.test(b.text.trim()) && b.page <= 3);
  if (absIdx >= 0) {
    const head = blocks[absIdx]!;
    const inline = head.text.replace(/^(abstract|summary|摘\s*要)\s*[.:—–-]?\s*/i, '').trim();
    if (inline.length > 80) abstract = inline;
    else {
      const parts: string[] = [];
      let length = 0;
      for (const b of blocks.slice(absIdx + 1)) {
        // The abstract ends at the next heading, at keywords, at the first page's footnotes.
        if (b.type === 'heading' || b.type === 'title' || b.type === 'footnote' || AFTER_ABSTRACT.test(b.text.trim())) break;
        if (length > 2500 || (b.page !== head.page && length > 200)) break;
        // Its enumerations ("(1) … (2) …") are list items of it.
        if (b.type !== 'paragraph' && b.type !== 'list-item') continue;
        parts.push(b.text);
        length += b.text.length;
      }
      if (parts.length > 0) abstract = parts.join('\n\n');
    }
    // A footnote mark after the last sentence ("… benchmarks. 1") is not part of it, nor is the
    // publisher's notice after it ("© 2005 Elsevier B.V. All rights reserved.", whose © a symbol
    // font without a Unicode map gives as "q").
    if (abstract) abstract = abstract.replace(/([.!?)])\s*(?:\d{1,2}|[*∗†‡§]+)$/u, '$1').replace(/\s+(?:©|\(c\)|q|c|Copyright)\s*(?:19|20)\d\d\b.{0,80}?\.\s*All rights reserved\.?$/iu, '');
  }
  // Metadata written by tools that print a reference instead of a name ("ARRAY(0x5581cf3c8)").
  const meta = info.author && !/\b(ARRAY|HASH|SCALAR)\(0x[0-9a-f]+\)/i.test(info.author) ? splitAuthors(info.author) : [];
  const onPage = titleId ? pageAuthors(blocks, titleId, absIdx) : [];
  // The metadata's names are the authors' own spelling, but tools often keep only the first author
  // (498bb0: "Michele Banko" of five). The title page's list wins when it names all of them and more.
  const key = (n: string): string => n.normalize('NFKD').replace(/[^\p{L}]/gu, '').toLowerCase();
  const pageHasMeta = meta.every((m) => onPage.some((p) => key(p) === key(m)));
  const authors = meta.length > 0 && !(onPage.length > meta.length && pageHasMeta) ? meta : onPage;
  return { authors: [...new Set(authors)], ...(abstract ? { abstract } : {}) };
}

/** Names set on the title's page between the title and the abstract (or the first heading). */
function pageAuthors(blocks: WorkBlock[], titleId: string, absIdx: number): string[] {
  const authors: string[] = [];
  const ti = blocks.findIndex((b) => b.id === titleId);
  if (ti < 0) return authors;
  // Names set large or bold under the title are read as headings ("Terry Therneau", "Cynthia
  // Crowson"): the front matter ends at the first heading that is not a line of names or a date.
  const stop = absIdx >= 0 ? absIdx : blocks.findIndex((b, i) => i > ti && b.type === 'heading' && !namesOrDate(b));
  const between = blocks.slice(ti + 1, stop > ti ? stop : ti + 6).filter((b) => b.page === blocks[ti]!.page);
  for (const b of between) {
    for (const line of b.lines) {
      const t = textWithoutMarks(line).replace(/[\d*†‡§∗,]+$/u, '').trim();
      if (/@|university|universit|institut|department|dept\.|school|college|laborator|inc\.|corp|research|\d{3,}|http/i.test(t)) continue;
      if (t.length > 120) continue;
      for (const name of splitAuthors(t)) {
        if (AFFILIATION_WORD.test(name) || NOT_A_NAME.test(name)) continue;
        if (PERSON_NAME.test(name)) authors.push(name);
      }
    }
    if (authors.length >= 40) break;
  }
  return authors;
}

/**
 * Authors' names set large or bold under the title were read as headings, each a section of one
 * line ("Terry Therneau", "Elizabeth Atkinson Mayo Clinic"): they are front matter. Those sections
 * go, their blocks become paragraphs and join the section before (the title's), if any.
 */
function withoutAuthorSections(pageBlocks: WorkBlock[][], sections: Section[], authors: readonly string[]): Section[] {
  if (authors.length === 0) return sections;
  const byId = new Map<string, WorkBlock>();
  for (const blocks of pageBlocks) for (const b of blocks) byId.set(b.id, b);
  const out: Section[] = [];
  for (const s of sections) {
    const head = byId.get(s.blockIds[0] ?? '');
    const isAuthor =
      !s.number &&
      head !== undefined &&
      head.type === 'heading' &&
      namesOrDate(head) &&
      (authors.some((a) => head.text.includes(a)) || (DATE_LINE.test(head.text.trim()) && !out.some((o) => o.number)));
    if (!isAuthor || s.page > 2) {
      out.push(s);
      continue;
    }
    head.type = 'paragraph';
    delete head.level;
    out[out.length - 1]?.blockIds.push(...s.blockIds);
  }
  return out;
}

/** A block of names, affiliations or a date, as set between a title and the body. */
function namesOrDate(b: WorkBlock): boolean {
  return b.lines.every((line) => {
    const raw = textWithoutMarks(line).trim();
    if (DATE_LINE.test(raw)) return true;
    const t = raw.replace(/[\d*†‡§∗,]+$/u, '').trim();
    const parts = splitAuthors(t);
    return parts.length > 0 && parts.every((n) => PERSON_NAME.test(n) || AFFILIATION_WORD.test(n));
  });
}

const DATE_LINE = /^(\d{1,2}\s+)?(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2},?\s+)?\d{4}$/i;

/** What ends an abstract: keywords and the notes at the foot of a first page. */
const AFTER_ABSTRACT =
  /^(key\s?words?|index terms|categories and subject descriptors|general terms|ccs concepts|jel classification|mots[- ]cl[ée]s|schlüsselwörter|关键词|e-?mail|corresponding author|permanent url|copyright|©|[*∗†‡])/iu;

/** Words set between a title and its abstract that are not people. */
const NOT_A_NAME = /^(key\s?words?|abstract|summary|index terms|introduction|contents|received|accepted|published)$/iu;

/** Organisation names that sit on author lines ("Facebook AI", "Google Research", "Turing Center"). */
const AFFILIATION_WORD =
  /\b(AI|Labs?|Research|Cent(er|re)|Institute|Foundation|Clinic|Hospital|Inc|Ltd|GmbH|Corp(oration)?|Google|Microsoft|Meta|DeepMind|OpenAI|Facebook|Amazon|IBM|NVIDIA|Apple|Baidu|Alibaba|Tencent|Mozilla|Adobe|Intel)\b/u;

/** A person's name as set on an author line: two to four capitalised words ("Michael J Cafarella"). */
const PERSON_NAME = /^\p{Lu}[\p{L}'’.-]*(\s+\p{Lu}[\p{L}'’.-]*){1,3}$/u;

/** An author line split into names: at commas, semicolons, "and", "&" between names, wide gaps. */
export function splitAuthors(s: string): string[] {
  return s
    // "&" between names, not inside one ("Texas A&M", "AT&T").
    .split(/\s*(?:,|;|\band\b|(?<!\p{Lu})&|&(?!\p{Lu})|·|\s{3,})\s*/u)
    .map((x) => x.replace(/[\d*†‡§∗]+/gu, '').trim())
    .filter((x) => x.length > 2);
}

/**
 * Links the parts of a table set over several pages: a part with the label of a table on one of
 * the two pages before continues it (a chain: part 3 continues part 2). The same label further on
 * is another table (a book that numbers its tables anew in each chapter).
 */
function markContinuedTables(tables: Table[]): void {
  const byLabel = new Map<string, Table>();
  for (const t of tables) {
    const prev = byLabel.get(t.label);
    if (prev && t.page > prev.page && t.page - prev.page <= 2) {
      t.continues = prev.id;
      prev.continued = true;
    }
    byLabel.set(t.label, t);
  }
}

/**
 * A title's letters and digits with the dots and hyphens of its numbers ("2.3.59-1" is not
 * "2.3.59.1", nor "6-1" "6.1"), short asides in brackets left out (a revision date, "(Except CAWR)").
 */
function numberedKey(s: string): string {
  return s
    .replace(/\([^)]{0,24}\)/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.-]+/gu, '');
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const NUMBER_WORD = new RegExp(`\\b(${NUMBER_WORDS.join('|')})\\b`, 'gi');

/** A title without a leading "Chapter"/"Part" word and with its number words as digits, normalised. */
function looseTitle(s: string): string {
  const t = s
    .trim()
    .replace(/^(chapter|part|section|book)\s+/i, '')
    .replace(NUMBER_WORD, (w) => String(NUMBER_WORDS.indexOf(w.toLowerCase())));
  return squashKey(t);
}


function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
