// Slide geometry shared by the PPTX and the HTML slides: where each box of each layout sits on a
// 16:9 slide (720 × 405 pt = 10 × 5.625 in = 1280 × 720 px), and a plan of one slide: its text in the
// font size that fits, its image contained in its box, its table's column widths and row heights.
// fitDeck changes the deck until every slide's plan fits; the exporters then draw the plans as they are.
import type { Deck, Slide, SlideLayout, Visual } from '../../compose/types.js';
import type { Palette, Theme } from '../../compose/theme.js';
import { fitCaption } from '../../compose/compress.js';
import { wordCount } from '../../text/sentences.js';
import { wrapText, type FontFace, type TextMeasurer } from './fonts.js';
import { bulletText, citationIndex, referenceText, type CitationIndex } from './refs.js';

export const SLIDE_W = 720;
export const SLIDE_H = 405;
/** Inner padding of every text box, all four sides (pt). */
export const INSET = 3.6;
/** Line height as a multiple of the font size; the exporters set exactly this. */
export const LINE = 1.2;
/** Hanging indent of a bullet paragraph (pt). */
export const BULLET_INDENT = 18;
/** Space after a paragraph, as a fraction of its font size. */
export const PARA_AFTER = 0.35;
/** Table cell padding (pt): top/bottom and left/right. */
export const CELL_PAD_Y = 2.5;
export const CELL_PAD_X = 4;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TextPlan extends Box {
  paragraphs: string[];
  size: number;
  /** The size it would have had with room to spare (to log shrinking). */
  max: number;
  font: FontFace;
  color: string;
  bullet: boolean;
  align: 'left' | 'center';
  valign: 'top' | 'middle';
  /** Height the text takes at `size` (pt), insets included. */
  used: number;
  fits: boolean;
}

export interface ImagePlan extends Box {
  path: string;
  visualId: string;
}

export interface TablePlan extends Box {
  rows: string[][];
  header: boolean;
  colW: number[];
  rowH: number[];
  size: number;
  fits: boolean;
}

export interface SlidePlan {
  slide: Slide;
  palette: Palette;
  /** 'code': a listing, one paragraph a line, in the theme's monospace font on the surface colour. */
  texts: { role: 'title' | 'subtitle' | 'meta' | 'body' | 'caption' | 'code'; plan: TextPlan }[];
  image?: ImagePlan;
  table?: TablePlan;
  /** Slide number shown in the corner (none on the title slide). */
  numbered: boolean;
  /** What does not fit, in words; empty when the slide is fine. */
  overflow: string[];
  /** Text shortened to fit (title or caption), in full: the exporters add it to the notes. */
  shortened: string[];
}

interface TextSpec {
  box: Box;
  max: number;
  min: number;
  heading?: boolean;
  bold?: boolean;
  align?: 'left' | 'center';
  valign?: 'top' | 'middle';
  bullet?: boolean;
  color?: 'fg' | 'muted' | 'accent';
  /** Shorten to whole sentences or title parts rather than overflow (titles, captions). */
  shorten?: boolean;
}

const M = 36; // outer margin
const TITLE: Box = { x: M, y: 16, w: SLIDE_W - 2 * M, h: 70 };
const BODY_Y = 94;
const BODY_BOTTOM = 372; // the slide number sits below
const BODY: Box = { x: M, y: BODY_Y, w: SLIDE_W - 2 * M, h: BODY_BOTTOM - BODY_Y };
const CAPTION_H = 58; // four lines of 10 pt caption beside a visual
const CAPTION_WIDE_H = 36; // two lines of 10 pt (caption and source) under a full-width visual
export const NUMBER_BOX: Box = { x: SLIDE_W - M - 60, y: 380, w: 60, h: 18 };
/** A code slide: a line or two of text, the listing under it, its source at the foot. */
const CODE_TEXT: Box = { x: M, y: BODY_Y, w: BODY.w, h: 52 };
const CODE_SOURCE_H = 19;
export const CODE_MAX = 16;
export const CODE_MIN = 9;

interface VisualGeometry {
  image: Box;
  caption: Box;
  /** Absent when the layout has no room for bullets (they move to a continuation slide). */
  text?: Box;
  textMax: number;
  textMin: number;
}

function visualGeometry(layout: SlideLayout): VisualGeometry | undefined {
  const full = BODY.w;
  // The visual across the body, `h` tall; its caption under it; bullets in what is left.
  const above = (h: number, textMax: number): VisualGeometry => ({
    image: { x: M, y: BODY_Y, w: full, h },
    caption: { x: M, y: BODY_Y + h + 2, w: full, h: CAPTION_WIDE_H },
    text: { x: M, y: BODY_Y + h + 40, w: full, h: BODY.h - h - 40 },
    textMax,
    textMin: 12,
  });
  switch (layout) {
    case 'visual-right': {
      const vw = 300;
      const vx = SLIDE_W - M - vw;
      return {
        text: { x: M, y: BODY_Y, w: vx - M - 16, h: BODY.h },
        image: { x: vx, y: BODY_Y, w: vw, h: BODY.h - CAPTION_H - 4 },
        caption: { x: vx, y: BODY_BOTTOM - CAPTION_H, w: vw, h: CAPTION_H },
        textMax: 18,
        textMin: 13,
      };
    }
    case 'visual-half': {
      const vw = (full - 16) / 2;
      const vx = M + vw + 16;
      return {
        text: { x: M, y: BODY_Y, w: vw, h: BODY.h },
        image: { x: vx, y: BODY_Y, w: vw, h: BODY.h - CAPTION_H - 4 },
        caption: { x: vx, y: BODY_BOTTOM - CAPTION_H, w: vw, h: CAPTION_H },
        textMax: 18,
        textMin: 13,
      };
    }
    case 'visual-top':
      // Wide: the visual above, with room for a few bullets below.
      return above(150, 16);
    case 'visual-full':
      // Very wide: the visual takes the width and most of the height; a short strip of text below.
      return above(168, 14);
    case 'table':
      return {
        image: { x: M, y: BODY_Y, w: full, h: BODY.h - CAPTION_WIDE_H - 2 },
        caption: { x: M, y: BODY_BOTTOM - CAPTION_WIDE_H, w: full, h: CAPTION_WIDE_H },
        textMax: 16,
        textMin: 12,
      };
    default:
      return undefined;
  }
}

export const VISUAL_LAYOUTS: readonly SlideLayout[] = ['visual-right', 'visual-half', 'visual-top', 'visual-full'];

/** The layout a visual of this pixel size gets: tall → beside the text, square → half, wide → top, very wide → full. */
export function layoutForAspect(width: number, height: number): SlideLayout {
  const r = width / Math.max(1, height);
  if (r < 0.8) return 'visual-right';
  if (r < 1.5) return 'visual-half';
  if (r < 2.6) return 'visual-top';
  return 'visual-full';
}

/** Where the bullets of a slide of this layout go, and their size limits (undefined: no text box). */
export function bodyBox(layout: SlideLayout): { box: Box; max: number; min: number } | undefined {
  switch (layout) {
    case 'bullets':
    case 'agenda':
      return { box: BODY, max: 20, min: 14 };
    case 'references':
      return { box: BODY, max: 14, min: 10 };
    case 'code':
      return { box: CODE_TEXT, max: 18, min: 13 };
    case 'title':
    case 'section':
    case 'closing':
      return undefined;
    default: {
      const g = visualGeometry(layout);
      return g?.text ? { box: g.text, max: g.textMax, min: g.textMin } : undefined;
    }
  }
}

/** Height (pt, insets included) of paragraphs at a size in a box of width w. */
export function textHeight(m: TextMeasurer, paragraphs: readonly string[], font: FontFace, size: number, w: number, bullet: boolean): number {
  const width = w - 2 * INSET - (bullet ? BULLET_INDENT : 0);
  let h = 2 * INSET;
  paragraphs.forEach((p, i) => {
    h += wrapText(m, p, font, size, width).length * size * LINE;
    if (i < paragraphs.length - 1) h += size * PARA_AFTER;
  });
  return h;
}

/**
 * The longest whole-unit shortening of `text` that `fits`: for a heading, its part before a subtitle
 * (": ", " — ") or without a parenthesis; for other text (captions), its label and whole sentences
 * (see fitCaption). The shortest candidate when none fits (the caller reports the overflow).
 */
function shortestFitting(text: string, heading: boolean, fits: (s: string) => boolean): string {
  const cands: string[] = [];
  if (heading) {
    const noParen = text.replace(/\s*\([^()]*\)/g, '').trim();
    if (noParen && noParen !== text) cands.push(noParen);
    for (const sep of [': ', ' — ', ' – ', ' - ']) {
      const i = text.indexOf(sep);
      if (i >= 8) cands.push(text.slice(0, i).trim());
    }
  } else {
    for (let n = wordCount(text) - 1; n >= 2; n--) {
      const c = fitCaption(text, n);
      if (cands[cands.length - 1] !== c) cands.push(c);
      if (fits(c)) return c;
    }
  }
  for (const c of cands) if (fits(c)) return c;
  return cands[cands.length - 1] ?? text;
}

export interface PlanContext {
  deck: Deck;
  theme: Theme;
  measurer: TextMeasurer;
  index: CitationIndex;
}

export function planContext(deck: Deck, theme: Theme, measurer: TextMeasurer): PlanContext {
  return { deck, theme, measurer, index: citationIndex(deck) };
}

function fitText(ctx: PlanContext, paragraphs: string[], spec: TextSpec, palette: Palette, shortened: string[]): TextPlan {
  const font: FontFace = { family: spec.heading ? ctx.theme.fonts.heading : ctx.theme.fonts.body, bold: spec.bold === true };
  const bullet = spec.bullet === true;
  let size = spec.max;
  let used = textHeight(ctx.measurer, paragraphs, font, size, spec.box.w, bullet);
  while (used > spec.box.h && size > spec.min) {
    size = Math.max(spec.min, size - 1);
    used = textHeight(ctx.measurer, paragraphs, font, size, spec.box.w, bullet);
  }
  let paras = paragraphs;
  if (used > spec.box.h && spec.shorten && paragraphs.length > 0) {
    // Shorten the first paragraph to whole units that fit (a caption's whole sentences, a title's
    // part before its subtitle), keeping the rest whole (a caption's "Source:" line, the date under
    // the authors); never a cut mid-word with an ellipsis. The full text goes to the notes.
    const [head = '', ...rest] = paragraphs;
    const fits = (h: string): boolean => textHeight(ctx.measurer, [h, ...rest], font, size, spec.box.w, bullet) <= spec.box.h;
    const short = shortestFitting(head, spec.heading === true, fits);
    shortened.push(head);
    paras = [short, ...rest];
    used = textHeight(ctx.measurer, paras, font, size, spec.box.w, bullet);
  }
  return {
    ...spec.box,
    paragraphs: paras,
    size,
    max: spec.max,
    font,
    color: palette[spec.color ?? 'fg'],
    bullet,
    align: spec.align ?? 'left',
    valign: spec.valign ?? 'top',
    used,
    fits: used <= spec.box.h + 0.01,
  };
}

/** The image contained in its box (aspect ratio kept), centred horizontally, top-aligned. */
export function containImage(box: Box, width: number, height: number): Box {
  const scale = Math.min(box.w / width, box.h / height);
  const w = width * scale;
  const h = height * scale;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

export function captionText(v: Visual): string {
  const cap = v.caption.trim();
  const label = v.label.trim();
  if (!cap) return label;
  return label && !cap.toLowerCase().startsWith(label.toLowerCase()) ? `${label}: ${cap}` : cap;
}

export function sourceText(v: Visual): string {
  return `Source: ${v.sourceTitle}, p. ${v.page}`;
}

export const TABLE_MAX = 14;
export const TABLE_MIN = 8;
/** The smallest table text worth keeping bullets on the same slide for. */
const TABLE_READABLE = 9;

/** Column widths for a table at a size: natural widths when they fit, else the longest word each plus a share of the rest. */
function tableColumns(ctx: PlanContext, rows: string[][], header: boolean, size: number, width: number): number[] {
  const cols = Math.max(...rows.map((r) => r.length), 1);
  const natural = new Array<number>(cols).fill(0);
  const least = new Array<number>(cols).fill(0);
  rows.forEach((r, ri) => {
    const font: FontFace = { family: ctx.theme.fonts.body, bold: header && ri === 0 };
    for (let c = 0; c < cols; c++) {
      const text = r[c] ?? '';
      natural[c] = Math.max(natural[c] ?? 0, ctx.measurer.width(text, font, size) + 2 * CELL_PAD_X);
      for (const w of text.split(/\s+/)) least[c] = Math.max(least[c] ?? 0, ctx.measurer.width(w, font, size) + 2 * CELL_PAD_X);
    }
  });
  const sumNat = natural.reduce((a, b) => a + b, 0);
  // A small table grows a little for air, not to the full width where its columns would drift apart.
  if (sumNat <= width) return natural.map((n) => n * Math.min(width / sumNat, 1.5));
  const floor = least.map((l) => Math.min(l, width / cols));
  const sumFloor = floor.reduce((a, b) => a + b, 0);
  const rest = Math.max(0, width - sumFloor);
  const extra = natural.map((n, i) => Math.max(0, n - (floor[i] ?? 0)));
  const sumExtra = extra.reduce((a, b) => a + b, 0) || 1;
  return floor.map((f, i) => f + (rest * (extra[i] ?? 0)) / sumExtra);
}

export function planTable(ctx: PlanContext, rows: string[][], header: boolean, box: Box, maxSize = TABLE_MAX, minSize = TABLE_MIN): TablePlan {
  let best: TablePlan | undefined;
  for (let size = maxSize; size >= minSize; size--) {
    const colW = tableColumns(ctx, rows, header, size, box.w);
    const rowH = rows.map((r, ri) => {
      const font: FontFace = { family: ctx.theme.fonts.body, bold: header && ri === 0 };
      let lines = 1;
      colW.forEach((w, c) => {
        lines = Math.max(lines, wrapText(ctx.measurer, r[c] ?? '', font, size, w - 2 * CELL_PAD_X).length);
      });
      return lines * size * LINE + 2 * CELL_PAD_Y;
    });
    const h = rowH.reduce((a, b) => a + b, 0);
    const w = colW.reduce((a, b) => a + b, 0);
    best = { x: box.x + (box.w - w) / 2, y: box.y, w, h, rows, header, colW, rowH, size, fits: h <= box.h + 0.01 };
    if (best.fits) break;
  }
  if (!best) throw new Error('unreachable: TABLE_MAX < TABLE_MIN');
  return best;
}

/** The table box of a table slide. */
export const TABLE_BOX: Box = visualGeometry('table')?.image ?? BODY;

export function visualOf(deck: Deck, id: string | undefined): Visual | undefined {
  return id ? deck.visuals[id] : undefined;
}

/** The lines of the references slide (when the slide itself brings none). */
export function referenceLines(ctx: PlanContext): string[] {
  return ctx.index.references().map(referenceText);
}

export function planSlide(ctx: PlanContext, slide: Slide): SlidePlan {
  const palette = ctx.theme[ctx.theme.deck];
  const shortened: string[] = [];
  const texts: SlidePlan['texts'] = [];
  const overflow: string[] = [];
  const plan: SlidePlan = { slide, palette, texts, numbered: slide.layout !== 'title', overflow, shortened };
  const add = (role: SlidePlan['texts'][number]['role'], paragraphs: string[], spec: TextSpec): void => {
    const p = fitText(ctx, paragraphs, spec, palette, shortened);
    texts.push({ role, plan: p });
    if (!p.fits) overflow.push(`${role} needs ${Math.ceil(p.used)} pt, box is ${Math.floor(p.h)} pt at ${p.size} pt text`);
  };
  const centred = { align: 'center' as const, valign: 'middle' as const };

  if (slide.layout === 'title' || slide.layout === 'section' || slide.layout === 'closing') {
    const isTitle = slide.layout === 'title';
    add('title', [slide.title], { box: { x: 60, y: isTitle ? 96 : 120, w: 600, h: isTitle ? 120 : 100 }, max: isTitle ? 36 : 34, min: 22, heading: true, bold: true, shorten: true, color: 'accent', ...centred });
    if (slide.subtitle) add('subtitle', [slide.subtitle], { box: { x: 60, y: isTitle ? 220 : 226, w: 600, h: 50 }, max: 20, min: 13, shorten: true, color: 'fg', ...centred });
    if (isTitle) {
      const meta = [ctx.deck.authors.length ? ctx.deck.authors.join(', ') : '', ctx.deck.date].filter(Boolean);
      if (meta.length) add('meta', meta, { box: { x: 60, y: 276, w: 600, h: 70 }, max: 14, min: 10, shorten: true, color: 'muted', ...centred });
    }
    if (slide.layout !== 'title' && slide.bullets.length) {
      add('body', slide.bullets.map((b) => bulletText(b, ctx.index)), { box: { x: 60, y: 280, w: 600, h: 80 }, max: 16, min: 12, color: 'muted', ...centred });
    }
    return plan;
  }

  add('title', [slide.title], { box: TITLE, max: 28, min: 20, heading: true, bold: true, shorten: true, color: 'accent', valign: 'middle' });

  let g = visualGeometry(slide.layout);
  let body = bodyBox(slide.layout);
  const visual = visualOf(ctx.deck, slide.layout === 'table' ? slide.table ?? slide.visual : slide.visual);
  if (g && visual) {
    if (slide.layout === 'table' && visual.table && visual.table.rows.length > 0) {
      // A table with bullets keeps them below it when the table fits the shorter box at a readable size.
      const short = slide.bullets.length ? visualGeometry('visual-full') : undefined;
      const beside = short?.text ? planTable(ctx, visual.table.rows, visual.table.header, short.image, TABLE_MAX, TABLE_READABLE) : undefined;
      if (short?.text && beside?.fits) {
        g = short;
        body = { box: short.text, max: short.textMax, min: short.textMin };
        plan.table = beside;
      } else {
        plan.table = planTable(ctx, visual.table.rows, visual.table.header, g.image);
      }
      if (!plan.table.fits) overflow.push(`table needs ${Math.ceil(plan.table.h)} pt, box is ${Math.floor(g.image.h)} pt at ${plan.table.size} pt text`);
    } else if (visual.image && visual.width && visual.height) {
      let box = containImage(g.image, visual.width, visual.height);
      // An equation at most about twice its size on the page: a one-line display is not blown up to the slide's width.
      const pageW = visual.kind === 'equation' && visual.bbox ? visual.bbox[2] - visual.bbox[0] : 0;
      if (pageW > 0 && box.w > 2 * pageW) {
        const k = (2 * pageW) / box.w;
        box = { x: box.x + (box.w * (1 - k)) / 2, y: g.image.y + 8, w: box.w * k, h: box.h * k };
      }
      plan.image = { ...box, path: visual.image, visualId: visual.id };
    }
    // The caption sits right under what it describes, not at the bottom of an empty box.
    const capSpec: TextSpec = { box: g.caption, max: 11, min: 9, shorten: true, color: 'muted' };
    const shown = plan.table ?? plan.image;
    if (shown) {
      // Aligned with it too, at least wide enough for two readable lines.
      const w = Math.min(g.caption.w, Math.max(shown.w, 360));
      const x = Math.min(Math.max(shown.x, g.caption.x), g.caption.x + g.caption.w - w);
      capSpec.box = { x, y: Math.min(g.caption.y, shown.y + shown.h + 4), w, h: g.caption.h };
      // Text below the visual follows the caption up, so a short visual leaves no gap.
      const capBottom = capSpec.box.y + capSpec.box.h;
      if (body && body.box.y >= g.caption.y + g.caption.h) body = { ...body, box: { ...body.box, y: capBottom + 2, h: BODY_BOTTOM - capBottom - 2 } };
    }
    add('caption', [captionText(visual), sourceText(visual)], capSpec);
  }

  if (slide.layout === 'code' && slide.code) {
    const bullets = slide.bullets.map((b) => bulletText(b, ctx.index));
    let top = BODY_Y;
    if (bullets.length) {
      add('body', bullets, { box: CODE_TEXT, max: 18, min: 13, bullet: true });
      const used = texts[texts.length - 1]!.plan.used;
      top = BODY_Y + Math.min(CODE_TEXT.h, used) + 6;
    }
    const box: Box = { x: M, y: top, w: BODY.w, h: BODY_BOTTOM - CODE_SOURCE_H - 2 - top };
    const code = planCode(ctx, slide.code.text, box, palette);
    texts.push({ role: 'code', plan: code });
    if (!code.fits) overflow.push(`code needs ${Math.ceil(code.used)} pt, box is ${Math.floor(code.h)} pt at ${code.size} pt text`);
    const c = ctx.index.citation(slide.code.cite);
    const where = c ? `Code from p. ${c.page} of the source` : 'Code from the source';
    add('caption', [where], { box: { x: M, y: code.y + Math.min(code.h, code.used) + 2, w: BODY.w, h: CODE_SOURCE_H }, max: 10, min: 9, shorten: true, color: 'muted' });
    return plan;
  }

  let paragraphs = slide.bullets.map((b) => bulletText(b, ctx.index));
  if (slide.layout === 'references' && paragraphs.length === 0) paragraphs = referenceLines(ctx);
  if (paragraphs.length) {
    if (!body) overflow.push(`body: ${paragraphs.length} bullets but the ${slide.layout} layout has no room for text`);
    else add('body', paragraphs, { box: body.box, max: body.max, min: body.min, bullet: slide.layout !== 'references' });
  }
  return plan;
}

/**
 * A listing in a box: one paragraph a line, as written (indentation kept), in the theme's monospace
 * font at the largest size at which every line fits the width unwrapped and all lines the height.
 */
export function planCode(ctx: PlanContext, text: string, box: Box, palette: Palette): TextPlan {
  const lines = text.split('\n');
  const font: FontFace = { family: ctx.theme.fonts.mono, bold: false };
  const inner = box.w - 2 * INSET;
  const height = (size: number): number => lines.length * size * LINE + 2 * INSET;
  const widest = (size: number): number => Math.max(0, ...lines.map((l) => ctx.measurer.width(l, font, size)));
  let size = CODE_MAX;
  while (size > CODE_MIN && (height(size) > box.h || widest(size) > inner)) size--;
  const used = height(size);
  return {
    ...box,
    // The box is as tall as the listing: a short one leaves no empty panel under it.
    h: Math.min(box.h, used),
    paragraphs: lines,
    size,
    max: CODE_MAX,
    font,
    color: palette.fg,
    bullet: false,
    align: 'left',
    valign: 'top',
    used,
    fits: used <= box.h + 0.01 && widest(size) <= inner + 0.01,
  };
}

/** Speaker notes: the writer's notes, then the evidence (quotes) and the sources of what the slide says. */
export function speakerNotes(ctx: PlanContext, plan: SlidePlan): string {
  const slide = plan.slide;
  const parts: string[] = [];
  if (slide.notes.trim()) parts.push(slide.notes.trim());
  if (plan.shortened.length) parts.push(`In full: ${plan.shortened.map((s) => s.replace(/\n/g, ' — ')).join(' | ')}`);
  const ids = [...new Set([...slide.bullets.flatMap((b) => b.cites), ...slide.sources])];
  const evidence: string[] = [];
  const sources = new Set<string>();
  for (const id of ids) {
    const c = ctx.index.citation(id);
    const line = ctx.index.sourceLine(id);
    if (!c || !line) continue;
    if (c.quote?.trim()) evidence.push(`"${c.quote.trim()}" (${line})`);
    sources.add(line);
  }
  const v = visualOf(ctx.deck, slide.table ?? slide.visual);
  if (v) sources.add(`${v.label || 'Visual'}: ${captionText(v)} (${sourceText(v)})`);
  if (evidence.length) parts.push(`Evidence:\n${evidence.map((e) => `- ${e}`).join('\n')}`);
  if (sources.size) parts.push(`Sources:\n${[...sources].map((s) => `- ${s}`).join('\n')}`);
  return parts.join('\n\n');
}
