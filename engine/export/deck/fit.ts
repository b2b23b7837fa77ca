// Verification before writing: fitDeck changes a Deck until every slide fits its boxes, measured with
// real font metrics — shrink text within limits, then split a slide into "(cont.)" slides, shorten
// titles and captions with the full text kept in the notes, keep images' aspect ratio, drop empty
// slides, keep the slide count within budget — and logs every change it made.
import { webImageFileHeader } from '../../models/raster/header.js';
import type { Deck, Passage, Slide, Visual } from '../../compose/types.js';
import type { Theme } from '../../compose/theme.js';
import { UserInputError } from '../../errors.js';
import { fontMeasurer, wrapText, type TextMeasurer } from './fonts.js';
import {
  BULLET_INDENT,
  INSET,
  LINE,
  PARA_AFTER,
  TABLE_BOX,
  TABLE_MAX,
  VISUAL_LAYOUTS,
  bodyBox,
  layoutForAspect,
  planContext,
  planSlide,
  planTable,
  type PlanContext,
} from './layout.js';
import { bulletText, citationIndex, referenceText } from './refs.js';

export interface FitOptions {
  /** The most slides the deck may have (title and references included). */
  maxSlides?: number;
  /** How text is measured (default: real font files, see fonts.ts). */
  measurer?: TextMeasurer;
}

export interface FitResult {
  deck: Deck;
  /** What was changed, in words, in the order it was done. */
  fixes: string[];
}

const CONTENT = new Set(['bullets', 'table', 'code', ...VISUAL_LAYOUTS]);

function q(s: string): string {
  return `"${s.length > 60 ? `${s.slice(0, 57)}…` : s}"`;
}

function passageCites(ps: readonly Passage[]): string[] {
  return [...new Set(ps.flatMap((p) => p.cites))];
}

export async function fitDeck(input: Deck, theme: Theme, opts: FitOptions = {}): Promise<FitResult> {
  const fixes: string[] = [];
  const max = opts.maxSlides;
  if (max !== undefined && (!Number.isInteger(max) || max < 2)) {
    throw new UserInputError(`slide budget ${max}: a deck needs at least 2 slides (a title and one more)`);
  }
  const deck: Deck = structuredClone(input);
  const measurer = opts.measurer ?? fontMeasurer();

  await checkVisuals(deck, fixes);
  normaliseSlides(deck, fixes);

  const continuation = new Set<string>();
  let ctx = planContext(deck, theme, measurer);
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    const out: Slide[] = [];
    for (const slide of deck.slides) {
      const plan = planSlide(ctx, slide);
      if (plan.overflow.length === 0) {
        out.push(slide);
        continue;
      }
      // Titles and captions are shortened, never split; a table or the bullets move to more slides.
      const table = plan.overflow.some((o) => o.startsWith('table'));
      const body = plan.overflow.some((o) => o.startsWith('body'));
      if (!table && !body) {
        out.push(slide);
        continue;
      }
      changed = true;
      const parts = table ? splitTable(ctx, slide, fixes) : splitBullets(ctx, slide, fixes);
      parts.slice(1).forEach((s) => continuation.add(s.id));
      out.push(...parts);
    }
    deck.slides = out;
    ctx = planContext(deck, theme, measurer);
    if (!changed) break;
  }

  if (max !== undefined && deck.slides.length > max) keepBudget(deck, max, continuation, fixes);
  ctx = planContext(deck, theme, measurer);

  // The final check, and the log of what was shrunk or shortened to fit.
  deck.slides.forEach((slide, i) => {
    const plan = planSlide(ctx, slide);
    const where = `slide ${i + 1} ${q(slide.title)}`;
    for (const t of plan.texts) if (t.plan.size < t.plan.max) fixes.push(`${where}: ${t.role} text shrunk from ${t.plan.max} to ${t.plan.size} pt to fit`);
    if (plan.table && plan.table.size < TABLE_MAX) fixes.push(`${where}: table text shrunk to ${plan.table.size} pt to fit`);
    for (const s of plan.shortened) fixes.push(`${where}: shortened ${q(s)} to whole sentences that fit; the full text is in the notes`);
    for (const o of plan.overflow) fixes.push(`${where}: STILL OVERFLOWS: ${o}`);
  });
  for (const family of measurer.estimated) {
    fixes.push(`no font file found for "${family}": its text widths are a conservative estimate, so slides may hold less text than they could`);
  }
  return { deck, fixes };
}

async function checkVisuals(deck: Deck, fixes: string[]): Promise<void> {
  for (const v of Object.values(deck.visuals)) {
    if (!v.image) continue;
    const size = webImageFileHeader(v.image);
    if (!size) {
      fixes.push(`${v.label || v.id}: image ${v.image} is missing or not a PNG, JPEG, GIF or WebP; shown without it`);
      delete v.image;
      continue;
    }
    if (v.width !== size.width || v.height !== size.height) {
      if (v.width !== undefined) fixes.push(`${v.label || v.id}: size corrected to the image's own ${size.width}×${size.height} px`);
      v.width = size.width;
      v.height = size.height;
    }
  }
}

function showable(v: Visual | undefined): 'image' | 'table' | undefined {
  if (!v) return undefined;
  // A table needs a body: a header row alone says less than the table's picture.
  const body = v.table ? v.table.rows.slice(v.table.header ? 1 : 0) : [];
  if (body.some((r) => r.some((c) => c.trim()))) return 'table';
  if (v.image && v.width && v.height) return 'image';
  return undefined;
}

function normaliseSlides(deck: Deck, fixes: string[]): void {
  const out: Slide[] = [];
  for (const s of deck.slides) {
    const slide: Slide = { ...s, bullets: s.bullets.filter((b) => b.text.trim()) };
    const vid = slide.table ?? slide.visual;
    const v = vid ? deck.visuals[vid] : undefined;
    const kind = showable(v);
    if (vid && !kind) {
      fixes.push(`slide ${q(slide.title)}: visual ${vid} has neither an image nor table cells; shown as text`);
      delete slide.visual;
      delete slide.table;
      if (CONTENT.has(slide.layout)) slide.layout = 'bullets';
    } else if (v && kind === 'table' && slide.layout !== 'table') {
      // Native tables are editable and searchable, so a table with cells is drawn as one.
      fixes.push(`slide ${q(slide.title)}: ${v.label || v.id} drawn as a native table`);
      slide.layout = 'table';
      slide.table = v.id;
      delete slide.visual;
    } else if (v && kind === 'image' && !VISUAL_LAYOUTS.includes(slide.layout)) {
      const layout = layoutForAspect(v.width ?? 1, v.height ?? 1);
      fixes.push(`slide ${q(slide.title)}: layout ${slide.layout} → ${layout} for its ${v.width}×${v.height} image`);
      slide.layout = layout;
      slide.visual = v.id;
      delete slide.table;
    }
    if (slide.layout === 'table' && !slide.table && slide.visual) {
      slide.table = slide.visual;
      delete slide.visual;
    }
    if (slide.layout === 'code' && !slide.code) slide.layout = 'bullets';
    const empty = slide.bullets.length === 0 && !slide.visual && !slide.table && !slide.code;
    if ((CONTENT.has(slide.layout) && empty) || (!slide.title.trim() && empty)) {
      fixes.push(`removed empty slide ${q(slide.title || slide.id)}`);
      continue;
    }
    out.push(slide);
  }

  // The agenda lists the sections (or, without sections, the content slides).
  const agenda = out.find((s) => s.layout === 'agenda');
  if (agenda && agenda.bullets.length === 0) {
    const sections = out.filter((s) => s.layout === 'section');
    const titles = (sections.length ? sections : out.filter((s) => CONTENT.has(s.layout))).map((s) => s.title);
    agenda.bullets = [...new Set(titles)].map((t) => ({ text: t, cites: [] }));
    if (agenda.bullets.length) fixes.push('agenda filled with the section titles');
    else {
      out.splice(out.indexOf(agenda), 1);
      fixes.push('removed the agenda slide: nothing to list');
    }
  }

  // The references slide lists every cited source with the pages cited.
  deck.slides = out;
  const lines = citationIndex(deck).references().map(referenceText);
  let refs = out.find((s) => s.layout === 'references');
  if (!refs && lines.length) {
    refs = { id: 'references', layout: 'references', title: 'References', bullets: [], notes: '', sources: [] };
    const closing = out.findIndex((s) => s.layout === 'closing');
    out.splice(closing >= 0 ? closing : out.length, 0, refs);
    fixes.push('added a references slide');
  }
  if (refs) {
    if (lines.length) refs.bullets = lines.map((text) => ({ text, cites: [] }));
    else if (refs.bullets.length === 0) {
      out.splice(out.indexOf(refs), 1);
      fixes.push('removed the references slide: nothing is cited');
    }
  }
  deck.slides = out;
}

/** Splits the bullets of a slide over it and "(cont.)" slides, splitting a bullet too long for a whole slide. */
function splitBullets(ctx: PlanContext, slide: Slide, fixes: string[]): Slide[] {
  const contLayout = slide.layout === 'references' || slide.layout === 'agenda' ? slide.layout : 'bullets';
  const first = bodyBox(slide.layout);
  const cont = bodyBox(contLayout);
  if (!cont) return [slide];
  const font = { family: ctx.theme.fonts.body };
  const bullet = slide.layout !== 'references';
  // Pack a little above the smallest size, so the parts are readable and fitting can still shrink.
  const packSize = Math.min(cont.max, cont.min + 2);
  const chunks: Passage[][] = [[]];
  let box = first ?? cont;
  let used = 2 * INSET;
  if (!first) {
    chunks.push([]);
    box = cont;
  }
  const width = (): number => box.box.w - 2 * INSET - (bullet ? BULLET_INDENT : 0);
  const newChunk = (): void => {
    chunks.push([]);
    box = cont;
    used = 2 * INSET;
  };
  const queue = [...slide.bullets];
  while (queue.length) {
    const b = queue.shift() as Passage;
    const current = chunks[chunks.length - 1] as Passage[];
    const size = Math.min(packSize, box.max);
    const lines = wrapText(ctx.measurer, bulletText(b, ctx.index), font, size, width()).length;
    const h = lines * size * LINE + (current.length ? size * PARA_AFTER : 0);
    if (used + h <= box.box.h) {
      current.push(b);
      used += h;
      continue;
    }
    const lineH = size * LINE;
    const fullBox = Math.floor((cont.box.h - 2 * INSET) / lineH);
    const left = Math.floor((box.box.h - used - (current.length ? size * PARA_AFTER : 0)) / lineH);
    // A bullet that needs a split anyway starts in the room left here, if there is some.
    const startHere = current.length > 0 && lines > fullBox && left >= 3;
    if (current.length && !startHere) {
      newChunk();
      queue.unshift(b);
      continue;
    }
    // One bullet longer than the room: cut it at a line boundary (a line spare for the marker), the rest goes on.
    const capacity = Math.max(1, (startHere ? left : Math.floor((box.box.h - 2 * INSET) / lineH)) - 1);
    const raw = wrapText(ctx.measurer, b.text.trim(), font, size, width());
    if (raw.length <= capacity && !startHere) {
      // Only the citation marker pushes it over: drop the marker's line by keeping it whole on a fresh box.
      current.push(b);
      newChunk();
      continue;
    }
    const head = raw.slice(0, capacity).join(' ');
    const tail = raw.slice(capacity).join(' ');
    fixes.push(`slide ${q(slide.title)}: a ${b.text.split(/\s+/).length}-word bullet split over slides`);
    current.push({ text: `${head} …`, cites: [] });
    newChunk();
    queue.unshift({ text: `… ${tail}`, cites: b.cites });
  }
  const nonEmpty = chunks.filter((c, i) => c.length > 0 || i === 0);
  const hasVisual = Boolean(slide.visual || slide.table);
  const parts: Slide[] = [];
  nonEmpty.forEach((chunk, i) => {
    if (i === 0) {
      if (chunk.length === 0 && !hasVisual) return;
      parts.push({ ...slide, bullets: chunk });
      return;
    }
    const k = parts.length;
    const base = slide.title.replace(/ \(cont\.\)$/, '');
    parts.push({
      id: `${slide.id}-cont${i}`,
      layout: contLayout,
      title: k === 0 ? slide.title : `${base} (cont.)`,
      bullets: chunk,
      notes: k === 0 ? slide.notes : `Continued from ${q(base)}.`,
      sources: passageCites(chunk),
    });
  });
  if (parts.length > 1) fixes.push(`slide ${q(slide.title)}: text did not fit at the smallest size; split into ${parts.length} slides`);
  else if (hasVisual && slide.bullets.length && parts[0]?.bullets.length === 0) fixes.push(`slide ${q(slide.title)}: bullets moved off the visual`);
  return parts.length ? parts : [slide];
}

/** Splits a table too long for one slide into parts with the header row repeated. */
function splitTable(ctx: PlanContext, slide: Slide, fixes: string[]): Slide[] {
  const v = slide.table ? ctx.deck.visuals[slide.table] : undefined;
  if (!v?.table) return [slide];
  const { header } = v.table;
  let rows = v.table.rows;
  const packSize = 10;
  let plan = planTable(ctx, rows, header, TABLE_BOX, packSize, packSize);
  const headH = header ? (plan.rowH[0] ?? 0) : 0;
  // A row taller than a whole slide on its own: shorten its longest cells.
  if (plan.rowH.some((h, i) => (!header || i > 0) && h + headH > TABLE_BOX.h)) {
    rows = rows.map((r) => r.map((c) => (c.length > 160 ? `${c.slice(0, 157)}…` : c)));
    fixes.push(`${v.label || v.id}: cells over 160 characters shortened to fit a slide`);
    plan = planTable(ctx, rows, header, TABLE_BOX, packSize, packSize);
  }
  const headRow = header ? rows[0] : undefined;
  const bodyRows = header ? rows.slice(1) : rows;
  const bodyH = header ? plan.rowH.slice(1) : plan.rowH;
  const pack = (limit: number): string[][][] => {
    const chunks: string[][][] = [];
    let cur: string[][] = [];
    let used = headH;
    bodyRows.forEach((r, i) => {
      const h = bodyH[i] ?? 0;
      if (cur.length && used + h > limit) {
        chunks.push(cur);
        cur = [];
        used = headH;
      }
      cur.push(r);
      used += h;
    });
    if (cur.length) chunks.push(cur);
    return chunks;
  };
  let chunks = pack(TABLE_BOX.h);
  // Balance the parts: the lowest height limit that needs no more slides than the greedy packing.
  const total = bodyH.reduce((a, b) => a + b, 0);
  for (let limit = headH + total / chunks.length; limit < TABLE_BOX.h; limit += 4) {
    const balanced = pack(limit);
    if (balanced.length <= chunks.length) {
      chunks = balanced;
      break;
    }
  }
  if (chunks.length <= 1) {
    // Fits at the packing size after all (or shortened cells made it fit): one slide, own rows.
    const id = `${v.id}~1`;
    ctx.deck.visuals[id] = { ...v, id, table: { rows, header } };
    return [{ ...slide, table: id }];
  }
  fixes.push(`${v.label || v.id}: ${bodyRows.length} rows do not fit one slide; split into ${chunks.length} slides with the header repeated`);
  const base = slide.title.replace(/ \(cont\.\)$/, '');
  return chunks.map((chunk, i) => {
    const id = `${v.id}~${i + 1}`;
    ctx.deck.visuals[id] = { ...v, id, table: { rows: headRow ? [headRow, ...chunk] : chunk, header } };
    return i === 0
      ? { ...slide, table: id }
      : { ...slide, id: `${slide.id}-cont${i}`, title: `${base} (cont.)`, table: id, bullets: [], notes: `Continued from ${q(base)}.` };
  });
}

/** Drops slides until the deck is within budget: closing, section dividers, continuations, content from the end, then the agenda. */
function keepBudget(deck: Deck, max: number, continuation: Set<string>, fixes: string[]): void {
  const before = deck.slides.length;
  const order: ((s: Slide) => boolean)[] = [
    (s) => s.layout === 'closing',
    (s) => s.layout === 'section',
    (s) => continuation.has(s.id),
    (s) => CONTENT.has(s.layout),
    (s) => s.layout === 'agenda',
  ];
  for (const pick of order) {
    for (let i = deck.slides.length - 1; i >= 0 && deck.slides.length > max; i--) {
      const s = deck.slides[i] as Slide;
      if (!pick(s)) continue;
      deck.slides.splice(i, 1);
      const prev = deck.slides[i - 1];
      if (prev && (s.bullets.length || s.notes.trim()) && CONTENT.has(s.layout)) {
        // What a dropped slide said (and what was dropped onto it) stays available to the speaker.
        const said = s.bullets.map((b) => `- ${b.text}`).join('\n');
        prev.notes = [prev.notes, `From the dropped slide ${q(s.title)}:\n${said}`, s.notes].filter((x) => x.trim()).join('\n\n');
        prev.sources = [...new Set([...prev.sources, ...s.sources, ...passageCites(s.bullets)])];
      }
      fixes.push(`dropped slide ${q(s.title)} to keep within the ${max}-slide budget`);
    }
  }
  if (deck.slides.length < before && deck.slides.length > max) fixes.push(`deck still has ${deck.slides.length} slides (budget ${max}): only the title and references remain`);
}
