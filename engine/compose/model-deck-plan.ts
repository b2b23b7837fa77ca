// The model's slide plan for a document deck (pdf-to-ppt with a model). The model gets the
// document's outline — its sections with their key sentences, each under an evidence id (E1, E2…),
// and the visuals under short ids (V1, V2…) with their labels, captions, shapes and images — plus the
// slide budget, and answers with a JSON plan: per slide a title, a layout, the visual it shows (if
// any) and bullets that each cite evidence ids. The plan is validated strictly (zod for its shape,
// then: every id exists, every bullet cites, no visual twice, the slide count within the budget).
// A plan that fails is sent back once with its errors; what still fails falls back to the offline
// plan slide by slide (the offline slide of the same section that shows nothing already shown), and
// every slide's origin — model or offline, and why — is returned for the trace. A bullet's
// citation is the sentence it cites, so it resolves to the page that holds the quote.
import { z } from 'zod';
import { ModelBehaviorError } from '../errors.js';
import { parseToolArgs } from '../providers/json-repair.js';
import type { ModelStreamUpdate } from '../providers/stream-meter.js';
import type { ChatMessage, Provider } from '../providers/types.js';
import { compactAgenda, flattenedMath, layoutFor } from './document.js';
import { complete, stripSourceMarkers, visualParts } from './model-writer.js';
import { citeSentence, quotable, type Outline, type OutlineSection, type Sentence } from './outline.js';
import { buildIdf, contentTokens, pickSentences } from './rank.js';
import type { Citation, Deck, Passage, Slide, SlideLayout, Visual } from './types.js';

/** Images in the planning request, at most (the provider's own limit may be lower). */
export const MAX_PLAN_IMAGES = 8;
/** Visuals listed in the planning request, at most (a book may have hundreds). */
const MAX_PLAN_VISUALS = 40;
/** Evidence sentences offered, at most, and the characters they may take together. */
const MAX_EVIDENCE = 90;
const MAX_EVIDENCE_CHARS = 24_000;
/** A bullet the model writes: at most this many words (asked for 20; the slide fitter handles the rest). */
const MAX_BULLET_WORDS = 40;

export const PLAN_LAYOUTS = ['bullets', 'visual-right', 'visual-half', 'visual-top', 'visual-full', 'table', 'code'] as const;

// Shapes a model plausibly writes for the same thing are read as that thing ("cites": "E3, E4";
// "visual": "none"); what the ids name is checked strictly after.
const idList = z.preprocess((x) => (typeof x === 'string' ? x.split(/[\s,;]+/).filter(Boolean) : x), z.array(z.string()));
const PlanBullet = z.preprocess(
  (x) => (typeof x === 'string' ? { text: x, cites: [] } : x),
  z.object({
    text: z.string().trim().min(1, 'a bullet needs text'),
    cites: idList.default([]),
  }),
);

/** One slide of the model's plan, as the model writes it. */
export const PlanSlideSchema = z.object({
  title: z.string().trim().min(1, 'a slide needs a title').max(140),
  layout: z.enum(PLAN_LAYOUTS),
  visual: z.preprocess((x) => (typeof x === 'string' && /^(|none|null|n\/a|-)$/i.test(x.trim()) ? null : x), z.string().trim().nullish()),
  bullets: z.array(PlanBullet).max(6, 'at most 6 bullets a slide'),
});
export type PlanSlide = z.infer<typeof PlanSlideSchema>;

const PlanSchema = z.object({ slides: z.array(z.unknown()).min(1, 'the plan has no slides') });

export interface Evidence {
  id: string;
  section: OutlineSection;
  sentence: Sentence;
}

export interface PlanInput {
  outline: Outline;
  /** The offline deck: its title, agenda and references slides frame the plan; its content slides are the fallback. */
  offline: Deck;
  evidence: Map<string, Evidence>;
  /** Short id → visual, with the section it belongs to. */
  visuals: Map<string, { visual: Visual; section: OutlineSection }>;
  /** Short id (C1…) → a code slide of the offline deck: its listing, quoted whole, is what the model may place. */
  listings: Map<string, { slide: Slide; section: OutlineSection | undefined }>;
  /** Content slides the plan may have (title, outline and references come on top). */
  min: number;
  max: number;
}

/** The sections' key sentences (the offline deck's bullets among them) and visuals, under short ids. */
export function planInput(outline: Outline, offline: Deck, budget: number): PlanInput {
  const evidence = new Map<string, Evidence>();
  const offlineCites = new Set(offline.slides.flatMap((s) => s.bullets.flatMap((b) => b.cites)));
  const idf = buildIdf(outline.sections.flatMap((s) => s.sentences.map((x) => contentTokens(x.text))));
  const weights = outline.sections.map((s) => Math.sqrt(Math.max(1, s.words)));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const scratch: Record<string, Citation> = {};
  // Each section gets its share of the sentences and of the characters (a 60-section book still
  // shows every section, a line or two each); the offline deck's own quotes come first in it.
  outline.sections.forEach((sec, i) => {
    const share = weights[i]! / total;
    const cands = sec.sentences.filter((s) => quotable(s) && !flattenedMath(s.text));
    const k = Math.max(1, Math.min(12, Math.round(MAX_EVIDENCE * share)));
    const ranked = pickSentences(cands.map((s) => ({ text: s.text, position: s.position })), { k, idf }).map((j) => cands[j]!);
    const quoted = cands.filter((s) => offlineCites.has(citeSentence(outline, s, scratch)));
    const room = Math.max(400, MAX_EVIDENCE_CHARS * share);
    const kept = new Set<Sentence>();
    let chars = 0;
    for (const s of [...quoted, ...ranked]) {
      if (kept.has(s) || (kept.size > 0 && chars + s.text.length > room)) continue;
      kept.add(s);
      chars += s.text.length;
    }
    for (const s of cands.filter((x) => kept.has(x))) {
      const id = `E${evidence.size + 1}`;
      evidence.set(id, { id, section: sec, sentence: s });
    }
  });
  // The visuals: those the offline deck shows, then figures and tables the text mentions most, at
  // most MAX_PLAN_VISUALS, numbered in the document's order.
  const offered = outline.sections.flatMap((sec) => [...new Set([...sec.visuals, ...sec.equations.map((e) => e.visual)])].filter((v) => outline.visuals[v]).map((vid) => ({ vid, sec })));
  const shownOffline = new Set(offline.slides.flatMap((s) => [s.visual, s.table].filter((v): v is string => v !== undefined)));
  const keep = new Set(
    offered
      .slice()
      .sort((x, y) => Number(shownOffline.has(y.vid)) - Number(shownOffline.has(x.vid)) || imagePriority(outline.visuals[y.vid]!, outline) - imagePriority(outline.visuals[x.vid]!, outline))
      .slice(0, MAX_PLAN_VISUALS)
      .map((x) => x.vid),
  );
  const visuals = new Map<string, { visual: Visual; section: OutlineSection }>();
  for (const { vid, sec } of offered) {
    if (keep.has(vid) && ![...visuals.values()].some((x) => x.visual.id === vid)) visuals.set(`V${visuals.size + 1}`, { visual: outline.visuals[vid]!, section: sec });
  }
  // A listing is never retyped by a model (one wrong character and the command no longer runs): the
  // offline deck's code slides, each a listing cut at whole commands, are what the plan may place.
  const listings = new Map<string, { slide: Slide; section: OutlineSection | undefined }>();
  for (const s of offline.slides) if (s.layout === 'code' && s.code) listings.set(`C${listings.size + 1}`, { slide: s, section: sectionOfSlide(outline, s) });
  const fixed = offline.slides.filter((s) => !isContent(s)).length;
  const max = Math.max(1, budget - fixed);
  return { outline, offline, evidence, visuals, listings, max, min: Math.max(1, Math.ceil(max * 0.6)) };
}

/** The section an offline slide was cut from (its title is the section's heading, "(2)" after a first slide). */
function sectionOfSlide(outline: Outline, s: Slide): OutlineSection | undefined {
  return outline.sections.find((x) => s.title === x.heading || s.title.startsWith(`${x.heading} (`));
}

function isContent(s: Slide): boolean {
  return s.layout !== 'title' && s.layout !== 'agenda' && s.layout !== 'references' && s.layout !== 'closing' && s.layout !== 'section';
}

function shape(v: Visual): string {
  if (!v.width || !v.height) return 'shape unknown';
  const ar = v.width / v.height;
  return `${v.width}×${v.height} px, ${ar < 0.8 ? 'tall' : ar < 1.45 ? 'square' : ar < 2.6 ? 'wide' : 'very wide'}`;
}

/** The planning request's text: the task, the rules, the outline with its evidence and visuals. */
export function planPrompt(input: PlanInput, goal?: string): string {
  const o = input.outline;
  const lines = [
    `Document: ${o.title}${o.authors.length ? ` — ${o.authors.slice(0, 4).join(', ')}` : ''} (${o.source.file}, ${o.source.pageCount} pages)`,
    ...(goal ? [`The talk's goal: ${goal}`] : []),
    `Plan the content slides of a talk on this document: between ${input.min} and ${input.max} slides. A title slide, an outline slide and a references slide are added around them: do not plan those.`,
    'Answer with one JSON object and nothing else:',
    '{"slides": [{"title": "…", "layout": "bullets", "visual": null, "bullets": [{"text": "…", "cites": ["E3"]}]}]}',
    'Rules:',
    '- Follow the document\'s arc: the problem, the method, the results, the conclusion. One idea per slide; titles of at most 8 words.',
    '- Bullets: 1–5 per slide (at most 3 beside a visual), each at most 20 words, each citing the evidence ids (E…) it rests on, only ids listed below; say only what they state.',
    `- visual: the id (V…) of a visual listed below, or null. Each visual at most once. layout: "bullets" for a slide without a visual; "table" for a table with cells; for a figure or an equation by its shape: "visual-right" (tall), "visual-half" (square), "visual-top" (wide), "visual-full" (very wide).`,
    ...(input.listings.size ? ['- A code listing (C…) goes in "visual" with layout "code": it is shown as written, with at most 1 bullet above it.'] : []),
    '',
    'Sections and their evidence:',
  ];
  for (const sec of o.sections) {
    const ev = [...input.evidence.values()].filter((e) => e.section === sec);
    const vis = [...input.visuals.entries()].filter(([, x]) => x.section === sec).map(([k]) => k);
    if (ev.length === 0 && vis.length === 0) continue;
    lines.push(`## ${sec.number && /^\d/.test(sec.number) ? `${sec.number} ` : ''}${sec.heading} (${sec.role}, pp. ${sec.firstPage}–${sec.lastPage}${vis.length ? `; visuals ${vis.join(', ')}` : ''})`);
    for (const e of ev) {
      const mentions = e.sentence.mentions.map((m) => [...input.visuals.entries()].find(([, x]) => x.visual.id === m)?.[0]).filter(Boolean);
      lines.push(`${e.id} (p. ${e.sentence.page}${mentions.length ? `, mentions ${mentions.join(', ')}` : ''}): ${stripSourceMarkers(e.sentence.text)}`);
    }
  }
  if (input.visuals.size) {
    lines.push('', 'Visuals (their images follow, each after its id):');
    for (const [k, { visual: v }] of input.visuals) {
      lines.push(`${k}: ${v.label || v.kind}${v.kind === 'table' && v.table ? ' (a table with cells)' : ''}, p. ${v.page}, ${shape(v)}${v.caption ? ` — ${v.caption.slice(0, 240)}` : ''}`);
    }
  }
  if (input.listings.size) {
    lines.push('', 'Code listings:');
    for (const [k, { slide, section }] of input.listings) {
      const page = input.offline.citations[slide.code!.cite]?.page;
      lines.push(`${k}: ${section?.heading ?? slide.title}${page ? `, p. ${page}` : ''} — ${slide.code!.text.split('\n').slice(0, 2).join(' ⏎ ').slice(0, 140)}`);
    }
  }
  return lines.join('\n');
}

/** A plan slide that passed every check, with its ids resolved. */
export interface CheckedSlide {
  plan: PlanSlide;
  visual?: Visual;
  /** The offline code slide whose listing this slide shows. */
  listing?: Slide;
  evidence: Evidence[][];
  section: OutlineSection | undefined;
}

export type SlideCheck = { ok: true; slide: CheckedSlide } | { ok: false; errors: string[]; section: OutlineSection | undefined };

export interface PlanCheck {
  /** Why the answer is no plan at all (not JSON, no slides); then `slides` is empty. */
  unusable?: string;
  slides: SlideCheck[];
  /** Errors of the plan as a whole (its slide count). */
  deckErrors: string[];
}

/** "E12", "e12", "[E12]" → "E12". */
const normId = (s: string): string => s.trim().replace(/^\[|\]$/g, '').toUpperCase();

/** Parses and checks the model's answer against the outline it was given. */
export function checkPlan(answer: string, input: PlanInput): PlanCheck {
  const raw = parseToolArgs(answer.trim() === '' ? 'null' : answer) ?? slidesArray(answer);
  const top = raw ? PlanSchema.safeParse(raw) : undefined;
  if (!top?.success) {
    const why = !raw ? 'the answer is not a JSON object' : top!.error.issues.map((i) => `${i.path.join('.') || 'plan'}: ${i.message}`).join('; ');
    return { unusable: why, slides: [], deckErrors: [] };
  }
  const shown = new Map<string, number>();
  const slides = top.data.slides.map((s, i): SlideCheck => {
    const n = i + 1;
    const parsed = PlanSlideSchema.safeParse(s);
    if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((x) => `slide ${n}: ${x.path.join('.') || 'slide'}: ${x.message}`), section: undefined };
    const p = parsed.data;
    const errors: string[] = [];
    const vid = p.visual ? normId(p.visual) : undefined;
    const vis = vid ? input.visuals.get(vid) : undefined;
    const listing = vid ? input.listings.get(vid) : undefined;
    if (vid && !vis && !listing) errors.push(`slide ${n}: visual ${p.visual} is not one of the listed visuals (${[...input.visuals.keys(), ...input.listings.keys()].join(', ') || 'none'})`);
    if (listing && p.layout !== 'code') errors.push(`slide ${n}: ${vid} is a code listing: its layout is "code"`);
    if (vis && p.layout === 'code') errors.push(`slide ${n}: layout "code" needs a code listing (C…); ${vid} is ${vis.visual.label || vis.visual.kind}`);
    if (listing && p.bullets.length > 1) errors.push(`slide ${n}: at most 1 bullet above a code listing (${p.bullets.length})`);
    if (vid && (vis || listing)) {
      const before = shown.get(vid);
      if (before !== undefined) errors.push(`slide ${n}: ${vid} is already shown on slide ${before}; each visual at most once`);
      else shown.set(vid, n);
    }
    if (!vid && p.layout !== 'bullets') errors.push(`slide ${n}: layout "${p.layout}" needs a visual`);
    if (p.layout === 'table' && vis && !(vis.visual.kind === 'table' && vis.visual.table)) errors.push(`slide ${n}: layout "table" needs a table with cells; ${vid} is ${vis.visual.label || vis.visual.kind}`);
    if (!vid && p.bullets.length === 0) errors.push(`slide ${n}: a slide without a visual needs bullets`);
    if (vid && p.bullets.length > 3) errors.push(`slide ${n}: at most 3 bullets beside a visual (${p.bullets.length})`);
    const evidence: Evidence[][] = [];
    p.bullets.forEach((b, j) => {
      const ids = b.cites.map(normId);
      const known = ids.map((id) => input.evidence.get(id)).filter((e): e is Evidence => e !== undefined);
      const unknown = ids.filter((id) => !input.evidence.has(id));
      if (ids.length === 0) errors.push(`slide ${n}, bullet ${j + 1}: cites no evidence id`);
      if (unknown.length) errors.push(`slide ${n}, bullet ${j + 1}: cites ${unknown.join(', ')}, not among the evidence ids`);
      const words = b.text.split(/\s+/).length;
      if (words > MAX_BULLET_WORDS) errors.push(`slide ${n}, bullet ${j + 1}: ${words} words (at most 20 asked)`);
      evidence.push(known);
    });
    const section = vis?.section ?? listing?.section ?? evidence.flat()[0]?.section ?? input.outline.sections.find((x) => p.title.toLowerCase().includes(x.heading.toLowerCase()));
    if (errors.length) return { ok: false, errors, section };
    return { ok: true, slide: { plan: p, ...(vis ? { visual: vis.visual } : {}), ...(listing ? { listing: listing.slide } : {}), evidence, section } };
  });
  const deckErrors = slides.length < input.min || slides.length > input.max ? [`the plan has ${slides.length} slides; the budget is ${input.min}–${input.max} content slides`] : [];
  return { slides, deckErrors };
}

/** A bare JSON array of slides (in a fence or not) reads as the plan. */
function slidesArray(answer: string): { slides: unknown[] } | null {
  const t = answer.replace(/^[\s\S]*?```(?:json)?\s*/i, '').replace(/\s*```[\s\S]*$/, '').trim();
  if (!t.startsWith('[')) return null;
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) ? { slides: v } : null;
  } catch {
    return null; // not JSON either: the caller reports the answer as no plan
  }
}

function allErrors(c: PlanCheck): string[] {
  if (c.unusable) return [c.unusable];
  return [...c.deckErrors, ...c.slides.flatMap((s) => (s.ok ? [] : s.errors))];
}

/** How good a checked plan is: a usable one beats none, then fewer failing slides, then the count in budget. */
function score(c: PlanCheck): number {
  if (c.unusable) return -Infinity;
  return c.slides.filter((s) => s.ok).length * 10 - c.slides.filter((s) => !s.ok).length * 10 - c.deckErrors.length;
}

export interface SlideOrigin {
  /** The slide's id in the final deck. */
  slide: string;
  title: string;
  from: 'model' | 'offline';
  /** For an offline slide: why the model's slide was not used. */
  why?: string;
}

export interface DeckPlanResult {
  deck: Deck;
  /** The content slides, in deck order: where each came from. */
  origins: SlideOrigin[];
  /** Planning requests sent (1, or 2 with the repair). */
  requests: number;
  /** 'model': every content slide is the model's; 'mixed': some fell back; 'offline': the model's plan was unusable. */
  outcome: 'model' | 'mixed' | 'offline';
  /** Why the plan, or a slide of it, was not used as the model wrote it (one line each). */
  fallbacks: string[];
  /** Problems of the first answer that the repair request was sent with (empty when none was needed). */
  repaired: string[];
}

export interface PlanOptions {
  /** Slides in all (title, outline and references included); default the offline deck's count. */
  slides?: number;
  goal?: string;
  signal?: AbortSignal;
  onStream?: (u: ModelStreamUpdate) => void;
}

/**
 * Asks the model for the deck's slide plan (one request, and one repair request when the plan
 * fails the checks) and builds the deck from it. Never throws on a bad answer: the offline plan
 * stands in for whatever the model got wrong. Provider errors (the server down) do throw.
 */
export async function planDeck(outline: Outline, offline: Deck, provider: Provider, opts: PlanOptions = {}): Promise<DeckPlanResult> {
  const input = planInput(outline, offline, opts.slides ?? offline.slides.length);
  const shownVisuals = [...input.visuals.entries()]
    .sort(([, a], [, b]) => imagePriority(b.visual, outline) - imagePriority(a.visual, outline))
    .slice(0, Math.min(MAX_PLAN_IMAGES, provider.limits.maxImagesPerRequest))
    .sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)))
    .map(([k, x]) => ({ ...x.visual, id: k }));
  const { parts: images } = await visualParts(shownVisuals, provider, MAX_PLAN_IMAGES);
  const prompt = planPrompt(input, opts.goal);
  const system = 'You plan slide decks for research talks from a document\'s own evidence. You answer with JSON only and never add facts the evidence does not state.';
  const first: ChatMessage = { role: 'user', content: images.length ? [{ type: 'text', text: prompt }, ...images] : prompt };
  const call = { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onStream ? { onStream: opts.onStream } : {}) };
  // A model that misbehaves (answers nothing, or not a chat completion) gave no plan; the server
  // failing (HTTP errors after the retries) is no answer about the plan and is thrown.
  const ask = async (messages: ChatMessage[], request: string, what: string): Promise<{ text: string; check: PlanCheck }> => {
    try {
      const text = await complete(provider, { system, messages }, request, what, call);
      return { text, check: checkPlan(text, input) };
    } catch (err) {
      if (!(err instanceof ModelBehaviorError)) throw err;
      return { text: '', check: { unusable: err.message, slides: [], deckErrors: [] } };
    }
  };
  const { text: answer1, check: check1 } = await ask([first], 'plan:deck', 'the slide plan');
  let check = check1;
  let requests = 1;
  const repaired = allErrors(check);
  if (repaired.length) {
    opts.signal?.throwIfAborted();
    const fix = [
      'Your plan has these problems:',
      ...repaired.slice(0, 30).map((e) => `- ${e}`),
      `Answer with the whole corrected plan as one JSON object ({"slides": [...]}, ${input.min}–${input.max} slides), nothing else.`,
    ].join('\n');
    const { check: check2 } = await ask([first, { role: 'assistant', content: answer1.slice(0, 20_000) || '(no answer)' }, { role: 'user', content: fix }], 'plan:deck-repair', 'the slide plan (repair)');
    requests++;
    if (check.unusable ? !check2.unusable : score(check2) >= score(check)) check = check2;
  }
  return { ...assemble(check, input, provider.model), requests, repaired };
}

/** Which visuals get their image in the planning request: figures and tables the text mentions first. */
function imagePriority(v: Visual, o: Outline): number {
  return (v.kind === 'equation' ? 0 : 100) + (o.mentionCount[v.id] ?? 0);
}

/** The final deck from the checked plan: the model's slides, offline slides where the model's failed. */
function assemble(check: PlanCheck, input: PlanInput, model: string): Omit<DeckPlanResult, 'requests' | 'repaired'> {
  const { offline, outline } = input;
  const offlineContent = offline.slides.filter(isContent);
  if (check.unusable) {
    return {
      deck: offline,
      origins: offlineContent.map((s) => ({ slide: s.id, title: s.title, from: 'offline', why: check.unusable! })),
      outcome: 'offline',
      fallbacks: [`the model's slide plan is unusable (${check.unusable}); the deck keeps the offline plan`],
    };
  }
  const citations: Record<string, Citation> = { ...offline.citations };
  const sectionOf = (s: Slide): OutlineSection | undefined => sectionOfSlide(outline, s);
  const taken = { visuals: new Set<string>(), cites: new Set<string>(), slides: new Set<Slide>() };
  const fallbacks: string[] = [];
  type Placed = { slide: Omit<Slide, 'id'>; origin: Omit<SlideOrigin, 'slide'>; section: number };
  const secIndex = (s: OutlineSection | undefined): number => (s ? outline.sections.indexOf(s) : -1);

  // The model's good slides first (so an offline stand-in never shows what a model slide shows).
  let good = check.slides.filter((s): s is Extract<SlideCheck, { ok: true }> => s.ok).map((s) => s.slide);
  const over = good.length - input.max;
  if (over > 0) {
    fallbacks.push(`dropped the model's last ${over} slide${over === 1 ? '' : 's'}: over the budget of ${input.max} content slides`);
    good = good.slice(0, input.max);
  }
  const built = new Map<CheckedSlide, Placed>();
  for (const c of good) {
    const slide = modelSlide(c, outline, citations, model);
    for (const b of slide.bullets) for (const id of b.cites) taken.cites.add(id);
    if (c.visual) taken.visuals.add(c.visual.id);
    if (c.listing) taken.slides.add(c.listing);
    built.set(c, { slide, origin: { title: slide.title, from: 'model' }, section: secIndex(c.section) });
  }
  const standIn = (section: OutlineSection | undefined): Slide | undefined => {
    const free = (s: Slide): boolean => !taken.slides.has(s) && ![s.visual, s.table].some((v) => v && taken.visuals.has(v)) && !s.bullets.some((b) => b.cites.some((id) => taken.cites.has(id)));
    const pick = offlineContent.find((s) => free(s) && (!section || sectionOf(s) === section));
    if (pick) {
      taken.slides.add(pick);
      for (const v of [pick.visual, pick.table]) if (v) taken.visuals.add(v);
      for (const b of pick.bullets) for (const id of b.cites) taken.cites.add(id);
    }
    return pick;
  };
  const placed: Placed[] = [];
  let position = 0;
  for (const s of check.slides) {
    position++;
    if (s.ok) {
      const p = built.get(s.slide);
      if (p) placed.push(p);
      continue;
    }
    const why = s.errors.map((e) => e.replace(/^slide \d+(?::\s*|,\s*)/, '')).join('; ');
    const sub = standIn(s.section);
    if (sub) {
      placed.push({ slide: sub, origin: { title: sub.title, from: 'offline', why: `the model's slide ${position} failed: ${why}` }, section: secIndex(sectionOf(sub)) });
      fallbacks.push(`slide ${position}: the offline slide "${sub.title}" stands in (${why})`);
    } else fallbacks.push(`slide ${position}: left out (${why}); no offline slide of its section is left to stand in`);
  }
  // Too few: offline slides fill up to the budget's floor, each after the slides of its section.
  while (placed.length < input.min) {
    const sub = standIn(undefined);
    if (!sub) break;
    const sec = secIndex(sectionOf(sub));
    let at = placed.length;
    for (let i = placed.length - 1; i >= 0; i--) {
      if (placed[i]!.section <= sec) break;
      at = i;
    }
    placed.splice(at, 0, { slide: sub, origin: { title: sub.title, from: 'offline', why: `the plan had ${placed.length} usable slides; the budget asks for at least ${input.min}` }, section: sec });
    fallbacks.push(`the offline slide "${sub.title}" fills the plan up to ${input.min} content slides`);
  }

  // Title first, the outline after it (now listing the plan's sections), references last.
  const slides: Slide[] = [];
  const origins: SlideOrigin[] = [];
  let n = 0;
  const id = (): string => `slide-${++n}`;
  const title = offline.slides.find((s) => s.layout === 'title');
  if (title) slides.push({ ...title, id: id() });
  const agenda = offline.slides.find((s) => s.layout === 'agenda');
  if (agenda) {
    const heads: string[] = [];
    for (const p of placed) {
      const h = outline.sections[p.section]?.heading;
      if (h && !heads.includes(h)) heads.push(h);
    }
    slides.push({ ...agenda, id: id(), bullets: compactAgenda(heads.length ? heads : agenda.bullets.map((b) => b.text)).map((text) => ({ text, cites: [] })) });
  }
  for (const p of placed) {
    const s = { ...p.slide, id: id() } as Slide;
    slides.push(s);
    origins.push({ slide: s.id, ...p.origin });
  }
  const used = new Set(slides.flatMap((s) => [...s.bullets.flatMap((b) => b.cites), ...(s.code ? [s.code.cite] : []), ...s.sources]));
  const kept: Record<string, Citation> = {};
  for (const cid of used) if (citations[cid]) kept[cid] = citations[cid];
  const refs = offline.slides.find((s) => s.layout === 'references');
  if (refs) {
    const pages = [...new Set(Object.values(kept).map((c) => c.page))].sort((a, b) => a - b);
    slides.push({ ...refs, id: id(), bullets: refs.bullets.map((b) => ({ ...b, text: b.text.replace(/pages cited: .*$/, `pages cited: ${pages.join(', ') || '—'}`) })) });
  }
  const visuals: Record<string, Visual> = {};
  for (const s of slides) for (const v of [s.visual, s.table]) if (v) visuals[v] = offline.visuals[v] ?? outline.visuals[v]!;
  const fromModel = origins.filter((o) => o.from === 'model').length;
  return {
    deck: { ...offline, slides, visuals, citations: kept, generator: { writer: 'model', model } },
    origins,
    outcome: fromModel === origins.length ? 'model' : fromModel === 0 ? 'offline' : 'mixed',
    fallbacks,
  };
}

/** A checked plan slide as a deck slide: the model's title and bullets, each citing the sentences it rests on. */
function modelSlide(c: CheckedSlide, outline: Outline, citations: Record<string, Citation>, model: string): Omit<Slide, 'id'> {
  const bullets: Passage[] = c.plan.bullets.map((b, i) => ({
    // The model's own "[E3]" markers in the text are the cites, not words of the bullet.
    text: stripSourceMarkers(b.text.replace(/\s*\[(?:E\d+(?:\s*,\s*E\d+)*)\]/gi, '')),
    cites: [...new Set(c.evidence[i]!.map((e) => citeSentence(outline, e.sentence, citations)))],
  }));
  const quotes = [...new Set(c.evidence.flat())].map((e) => `“${e.sentence.text}” (p. ${e.sentence.page})`);
  if (c.listing) {
    const l = c.listing;
    return {
      layout: 'code',
      title: c.plan.title,
      bullets,
      code: l.code!,
      notes: [l.notes, ...quotes, `Slide planned by ${model}.`].join('\n'),
      sources: [...new Set([...bullets.flatMap((b) => b.cites), l.code!.cite])],
    };
  }
  const v = c.visual;
  const isTable = v?.kind === 'table' && v.table !== undefined;
  // The layout follows what is shown: a table with cells is a native table; a figure keeps the
  // model's choice of visual layout, and takes the offline one by its shape where the model named none.
  const layout: SlideLayout = !v ? 'bullets' : isTable ? 'table' : c.plan.layout.startsWith('visual-') ? c.plan.layout : layoutFor(v);
  return {
    layout,
    title: c.plan.title,
    bullets,
    ...(v ? (isTable ? { table: v.id } : { visual: v.id }) : {}),
    notes: [...(v ? [`${`${v.label}: ${v.caption}`.trim()} — Source: ${v.sourceTitle}, p. ${v.page}.`] : []), ...quotes, `Slide planned by ${model}.`].join('\n'),
    sources: [...new Set(bullets.flatMap((b) => b.cites))],
  };
}
