// The model writer: rewrites an extractive report's sections in prose for an audience and a tone
// with a language model, from the same quoted evidence. Each quote is given a number; the model
// cites them as [n]; a sentence that cites nothing is dropped (every claim must resolve to a page),
// and a section whose answer cites nothing keeps its extractive text. The writer's request carries
// the images of the visuals the section or slide places, each after a text part naming it (source,
// page, figure id), so the model writes about what it sees. What it did is logged.
import { readFile } from 'node:fs/promises';
import { streamMeter, type ModelStreamUpdate } from '../providers/stream-meter.js';
import type { ChatDelta, ChatMessage, ChatOptions, ContentPart, Provider } from '../providers/types.js';
import type { Deck, Passage, Report, Visual } from './types.js';

/** Images per writer request, at most (the provider's own limit may be lower). */
const MAX_WRITER_IMAGES = 4;

/**
 * The source's own reference markers ("[12]", "[3, 4]") would read as Folio's quote numbers: they
 * are taken out of the quotes the model sees, and out of its answer before the citations are read.
 */
export function stripSourceMarkers(quote: string): string {
  return quote.replace(/\s*\[(\d+(?:\s*[,;–-]\s*\d+)*)\]/g, '').replace(/\s+([.,;:!?])/g, '$1').trim();
}

/** Each visual the writer places, as its image labelled with id, label, source, page and caption (or a line saying there is none). */
/**
 * The visuals as content parts: an image each, up to the request's room (`max` and the provider's
 * own limit). `missing`: visuals with no readable image; `unsent`: visuals left as text because the
 * request had no room for another image. The two are told apart in the run's fixes.
 */
export async function visualParts(visuals: readonly Visual[], provider: Provider, max = MAX_WRITER_IMAGES): Promise<{ parts: ContentPart[]; missing: string[]; unsent: string[]; room: number }> {
  const parts: ContentPart[] = [];
  const missing: string[] = [];
  const unsent: string[] = [];
  const room = Math.min(max, provider.limits.maxImagesPerRequest);
  for (const v of visuals) {
    const label = `${v.id}: ${v.label || v.kind} — ${v.sourceTitle}, p. ${v.page}${v.caption ? ` — caption: ${v.caption.slice(0, 300)}` : ''}`;
    const full = parts.filter((p) => p.type === 'image').length >= room;
    const data = v.image && !full ? await readFile(v.image).then((b) => new Uint8Array(b), () => null) : null;
    if (!data) {
      (v.image && full ? unsent : missing).push(v.id);
      parts.push({ type: 'text', text: `Visual ${label} (no image sent)` });
      continue;
    }
    const mime = v.image!.toLowerCase().endsWith('.png') ? 'image/png' : 'image/jpeg';
    // The provider puts the label in a text part right before the image ("Image: v1: Table 1 — …, p. 3").
    parts.push({ type: 'image', mime, data, label });
  }
  return { parts, missing, unsent, room };
}

/** The fix lines for visuals the writer did not see, with the reason for each. */
function unseen(where: string, r: { missing: string[]; unsent: string[]; room: number }): string[] {
  return [
    ...(r.missing.length ? [`${where}: no image of ${r.missing.join(', ')} to show the writer (no readable image file)`] : []),
    ...(r.unsent.length ? [`${where}: ${r.unsent.join(', ')} described to the writer in words only: one request carries at most ${r.room} image${r.room === 1 ? '' : 's'}`] : []),
  ];
}

export interface RewriteOptions {
  audience: string;
  tone: string;
  /** Paragraphs per section, at most. */
  paragraphs: number;
  goal?: string;
  signal?: AbortSignal;
  onSection?: (heading: string, done: number, total: number) => void;
  /** The model's text as it streams. */
  onDelta?: (d: { text?: string; reasoning?: string }) => void;
  /** Throttled status of each request as it streams ("write:<section id>"), for a live trace line. */
  onStream?: (u: ModelStreamUpdate) => void;
}

/** One writer request: the model's answer, with its stream reported as `request` when asked for. */
export async function complete(provider: Provider, req: Parameters<Provider['complete']>[0], request: string, what: string, opts: { signal?: AbortSignal; onDelta?: (d: ChatDelta) => void; onStream?: (u: ModelStreamUpdate) => void }): Promise<string> {
  const meter = opts.onStream ? streamMeter(request, opts.onStream, { label: `the model on "${what.slice(0, 60)}"` }) : undefined;
  const call: ChatOptions = {
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onDelta || meter
      ? {
          onDelta: (d: ChatDelta) => {
            opts.onDelta?.(d);
            meter?.onDelta(d);
          },
        }
      : {}),
  };
  try {
    const answer = await provider.complete(req, call);
    meter?.finish();
    return answer;
  } finally {
    meter?.stop();
  }
}

export interface RewriteResult {
  report: Report;
  fixes: string[];
}

const CITE = /\[(\d+(?:\s*[,;–-]\s*\d+)*)\]/g;

function citeIds(text: string, ids: readonly string[]): string[] {
  const cites: string[] = [];
  for (const m of text.matchAll(CITE)) {
    for (const part of m[1]!.split(/\s*[,;]\s*/)) {
      const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(part);
      const nums = range ? Array.from({ length: Math.max(0, Math.min(50, Number(range[2]) - Number(range[1]) + 1)) }, (_, k) => Number(range[1]) + k) : [Number(part)];
      for (const n of nums) {
        const id = ids[n - 1];
        if (id && !cites.includes(id)) cites.push(id);
      }
    }
  }
  return cites;
}

/** Sentences with the citation markers that follow them ("A [1]. B. [2] C" → "A [1].", "B. [2]", "C"). */
function sentences(para: string): string[] {
  // Lines are sentences too (a list the model wrote anyway), without their list markers.
  return para
    .split(/\n+/)
    .map((l) => l.replace(/^\s*([-*•]|\d+[.)])\s+/, ''))
    .flatMap((l) => l.split(/(?<=[.!?](?:\s*\[[^\]]*\])*)\s+(?=[A-Z0-9"“(])/))
    .filter((x) => x.trim());
}

/**
 * Parses "text [1][3] more [2]" paragraphs into passages with citation ids. A sentence that cites
 * no quote (or only numbers that are not quotes) is dropped; a paragraph left with none is dropped.
 */
export function parseCitedParagraphs(answer: string, ids: readonly string[]): { passages: Passage[]; dropped: number; droppedSentences: number } {
  const passages: Passage[] = [];
  let dropped = 0;
  let droppedSentences = 0;
  for (const para of answer.split(/\n\s*\n/)) {
    const raw = para.replace(/^\s*(#+|[-*]|\d+\.)\s+/, '').trim();
    if (!raw) continue;
    const kept: string[] = [];
    const cites: string[] = [];
    let uncited = 0;
    for (const sentence of sentences(raw)) {
      const own = citeIds(sentence, ids);
      if (own.length === 0) {
        uncited++;
        continue;
      }
      kept.push(sentence);
      for (const c of own) if (!cites.includes(c)) cites.push(c);
    }
    const text = kept.join(' ').replace(/\s*\[(\d+(?:\s*[,;–-]\s*\d+)*)\]/g, '').replace(/\s+([.,;:!?])/g, '$1').trim();
    if (cites.length === 0 || !text) {
      dropped++;
      continue;
    }
    droppedSentences += uncited;
    passages.push({ text, cites });
  }
  return { passages, dropped, droppedSentences };
}

export async function rewriteReport(report: Report, provider: Provider, opts: RewriteOptions): Promise<RewriteResult> {
  const fixes: string[] = [];
  const sections = [];
  let done = 0;
  for (const s of report.sections) {
    opts.signal?.throwIfAborted();
    const ids = [...new Set(s.paragraphs.flatMap((p) => p.cites))];
    const quotes = ids.map((id, i) => {
      const c = report.citations[id]!;
      return `[${i + 1}] (${c.sourceTitle}, p. ${c.page}) ${stripSourceMarkers(c.quote ?? '')}`;
    });
    if (ids.length === 0) {
      sections.push(s);
      continue;
    }
    const placed = s.visuals.map((v) => report.visuals[v]).filter((v): v is Visual => v !== undefined);
    const seen = await visualParts(placed, provider);
    const images = seen.parts;
    fixes.push(...unseen(s.heading, seen));
    const prompt = [
      `Section: ${s.heading}`,
      opts.goal ? `The reader's goal: ${opts.goal}` : '',
      `Write at most ${opts.paragraphs} paragraph${opts.paragraphs === 1 ? '' : 's'} for ${opts.audience} readers in a ${opts.tone} tone, using only the numbered quotes below${placed.length ? ' and what the visuals shown after them depict' : ''}.`,
      'After every sentence, cite the quotes it rests on as [n] (only these numbers; a sentence without one is dropped). Separate paragraphs with a blank line. No headings, no lists.',
      placed.length ? `The section shows ${placed.map((v) => v.id).join(', ')}: say what the reader should see in ${placed.length === 1 ? 'it' : 'them'}, citing the quotes that support it.` : '',
      '',
      ...quotes,
    ]
      .filter((l) => l !== '')
      .join('\n');
    const messages: ChatMessage[] = [{ role: 'user', content: images.length ? [{ type: 'text', text: prompt }, ...images] : prompt }];
    const answer = await complete(provider, { system: 'You write clear, faithful research write-ups. Never add facts that the quotes do not state.', messages }, `write:${s.id}`, s.heading, opts);
    const { passages, dropped, droppedSentences } = parseCitedParagraphs(answer, ids);
    if (dropped) fixes.push(`${s.heading}: dropped ${dropped} paragraph${dropped === 1 ? '' : 's'} that cited no source`);
    if (droppedSentences) fixes.push(`${s.heading}: dropped ${droppedSentences} sentence${droppedSentences === 1 ? '' : 's'} that cited no source`);
    if (passages.length === 0) {
      fixes.push(`${s.heading}: the model's text cited nothing; kept the quoted sentences`);
      sections.push(s);
    } else {
      // The model writes the prose; the source's listings stay as quoted, after it (a model never
      // retypes code: one wrong character and the command no longer runs).
      sections.push({ ...s, paragraphs: [...passages, ...s.paragraphs.filter((p) => p.code)] });
    }
    opts.onSection?.(s.heading, ++done, report.sections.length);
  }
  return { report: { ...report, sections, generator: { writer: 'model', model: provider.model } }, fixes };
}

/** Bullet lines ("- text [n]") into passages; lines that cite nothing are dropped. */
export function parseCitedBullets(answer: string, ids: readonly string[]): { passages: Passage[]; dropped: number } {
  const lines = answer
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^([-*•]|\d+[.)])\s+/.test(l));
  return parseCitedParagraphs(lines.join('\n\n'), ids);
}

/**
 * Rewrites the bullets of a deck's content slides with a model: short, parallel bullets for the
 * audience, each citing its quotes. Titles, visuals, tables and the evidence in the notes stay.
 */
export async function rewriteDeck(
  deck: Deck,
  provider: Provider,
  opts: { goal?: string; signal?: AbortSignal; onSlide?: (title: string, done: number, total: number) => void; onStream?: (u: ModelStreamUpdate) => void; only?: ReadonlySet<string> },
): Promise<{ deck: Deck; fixes: string[] }> {
  const fixes: string[] = [];
  const content = new Set(['bullets', 'visual-right', 'visual-half', 'visual-top', 'visual-full', 'table']);
  // `only`: the slide ids to rewrite (the offline slides standing in within a model's plan).
  const targets = deck.slides.filter((s) => content.has(s.layout) && s.bullets.some((b) => b.cites.length > 0) && (!opts.only || opts.only.has(s.id)));
  let done = 0;
  const slides = [];
  for (const s of deck.slides) {
    if (!targets.includes(s)) {
      slides.push(s);
      continue;
    }
    opts.signal?.throwIfAborted();
    const ids = [...new Set(s.bullets.flatMap((b) => b.cites))];
    const quotes = ids.map((id, i) => `[${i + 1}] (p. ${deck.citations[id]!.page}) ${stripSourceMarkers(deck.citations[id]!.quote ?? '')}`);
    const max = Math.min(5, Math.max(2, s.bullets.length));
    const shown = [s.visual, s.table].map((v) => (v ? deck.visuals[v] : undefined)).filter((v): v is Visual => v !== undefined);
    const seen = await visualParts(shown, provider);
    const images = seen.parts;
    fixes.push(...unseen(`slide "${s.title}"`, seen));
    const prompt = [
      `Slide: ${s.title}`,
      opts.goal ? `The talk's goal: ${opts.goal}` : '',
      `Write at most ${max} bullets of at most 20 words each, one idea per bullet, from the numbered quotes below. Start each bullet with "- " and end it with the quotes it rests on as [n] (only these numbers).`,
      shown.length ? `The slide shows ${shown.map((v) => v.id).join(', ')} (after the quotes): let one bullet say what the audience should see in it, citing the quotes that support it.` : '',
      '',
      ...quotes,
    ]
      .filter((l) => l !== '')
      .join('\n');
    const answer = await complete(
      provider,
      {
        system: 'You write slide bullets for research talks. Never add facts that the quotes do not state.',
        messages: [{ role: 'user', content: images.length ? [{ type: 'text', text: prompt }, ...images] : prompt }],
      },
      `write:${s.id}`,
      s.title,
      opts,
    );
    const { passages, dropped } = parseCitedBullets(answer, ids);
    if (dropped) fixes.push(`slide "${s.title}": dropped ${dropped} bullet${dropped === 1 ? '' : 's'} that cited no source`);
    if (passages.length === 0) {
      fixes.push(`slide "${s.title}": the model's bullets cited nothing; kept the quoted sentences`);
      slides.push(s);
    } else slides.push({ ...s, bullets: passages.slice(0, 6) });
    opts.onSlide?.(s.title, ++done, targets.length);
  }
  const out: Deck = { ...deck, slides, generator: { writer: 'model', model: provider.model } };
  return { deck: out, fixes };
}
