// The model writer: rewrites an extractive report's sections in prose for an audience and a tone
// with a language model, from the same quoted evidence. Each quote is given a number; the model
// cites them as [n]; a paragraph that cites nothing is dropped (every claim must resolve to a page),
// and a section whose answer cites nothing keeps its extractive text. What it did is logged.
import type { ChatMessage, Provider } from '../providers/types.js';
import type { Deck, Passage, Report } from './types.js';

export interface RewriteOptions {
  audience: string;
  tone: string;
  /** Paragraphs per section, at most. */
  paragraphs: number;
  goal?: string;
  signal?: AbortSignal;
  onSection?: (heading: string, done: number, total: number) => void;
}

export interface RewriteResult {
  report: Report;
  fixes: string[];
}

/** Parses "text [1][3] more [2]" paragraphs into passages with citation ids; uncited ones are dropped. */
export function parseCitedParagraphs(answer: string, ids: readonly string[]): { passages: Passage[]; dropped: number } {
  const passages: Passage[] = [];
  let dropped = 0;
  for (const para of answer.split(/\n\s*\n/)) {
    const raw = para.replace(/^\s*(#+|[-*]|\d+\.)\s+/, '').trim();
    if (!raw) continue;
    const cites: string[] = [];
    for (const m of raw.matchAll(/\[(\d+(?:\s*[,;–-]\s*\d+)*)\]/g)) {
      for (const part of m[1]!.split(/\s*[,;]\s*/)) {
        const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(part);
        const nums = range ? Array.from({ length: Math.max(0, Number(range[2]) - Number(range[1]) + 1) }, (_, k) => Number(range[1]) + k) : [Number(part)];
        for (const n of nums) {
          const id = ids[n - 1];
          if (id && !cites.includes(id)) cites.push(id);
        }
      }
    }
    const text = raw.replace(/\s*\[(\d+(?:\s*[,;–-]\s*\d+)*)\]/g, '').replace(/\s+([.,;:!?])/g, '$1').trim();
    if (cites.length === 0 || !text) {
      dropped++;
      continue;
    }
    passages.push({ text, cites });
  }
  return { passages, dropped };
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
      return `[${i + 1}] (${c.sourceTitle}, p. ${c.page}) ${c.quote ?? ''}`;
    });
    if (ids.length === 0) {
      sections.push(s);
      continue;
    }
    const messages: ChatMessage[] = [
      {
        role: 'user',
        content: [
          `Section: ${s.heading}`,
          opts.goal ? `The reader's goal: ${opts.goal}` : '',
          `Write at most ${opts.paragraphs} paragraph${opts.paragraphs === 1 ? '' : 's'} for ${opts.audience} readers in a ${opts.tone} tone, using only the numbered quotes below.`,
          'After every sentence, cite the quotes it rests on as [n]. Separate paragraphs with a blank line. No headings, no lists.',
          '',
          ...quotes,
        ]
          .filter((l) => l !== '')
          .join('\n'),
      },
    ];
    const answer = await provider.complete(
      { system: 'You write clear, faithful research write-ups. Never add facts that the quotes do not state.', messages },
      opts.signal ? { signal: opts.signal } : {},
    );
    const { passages, dropped } = parseCitedParagraphs(answer, ids);
    if (dropped) fixes.push(`${s.heading}: dropped ${dropped} paragraph${dropped === 1 ? '' : 's'} that cited no source`);
    if (passages.length === 0) {
      fixes.push(`${s.heading}: the model's text cited nothing; kept the quoted sentences`);
      sections.push(s);
    } else sections.push({ ...s, paragraphs: passages });
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
export async function rewriteDeck(deck: Deck, provider: Provider, opts: { goal?: string; signal?: AbortSignal; onSlide?: (title: string, done: number, total: number) => void }): Promise<{ deck: Deck; fixes: string[] }> {
  const fixes: string[] = [];
  const content = new Set(['bullets', 'visual-right', 'visual-half', 'visual-top', 'visual-full', 'table']);
  const targets = deck.slides.filter((s) => content.has(s.layout) && s.bullets.some((b) => b.cites.length > 0));
  let done = 0;
  const slides = [];
  for (const s of deck.slides) {
    if (!targets.includes(s)) {
      slides.push(s);
      continue;
    }
    opts.signal?.throwIfAborted();
    const ids = [...new Set(s.bullets.flatMap((b) => b.cites))];
    const quotes = ids.map((id, i) => `[${i + 1}] (p. ${deck.citations[id]!.page}) ${deck.citations[id]!.quote ?? ''}`);
    const max = Math.min(5, Math.max(2, s.bullets.length));
    const answer = await provider.complete(
      {
        system: 'You write slide bullets for research talks. Never add facts that the quotes do not state.',
        messages: [
          {
            role: 'user',
            content: [
              `Slide: ${s.title}`,
              opts.goal ? `The talk's goal: ${opts.goal}` : '',
              `Write at most ${max} bullets of at most 20 words each, one idea per bullet, from the numbered quotes below. Start each bullet with "- " and end it with the quotes it rests on as [n].`,
              '',
              ...quotes,
            ]
              .filter((l) => l !== '')
              .join('\n'),
          },
        ],
      },
      opts.signal ? { signal: opts.signal } : {},
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
