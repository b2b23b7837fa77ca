// The offline provider: no network, no model download, deterministic. A planner and extractive
// writer behind the same chat-with-tools interface as a model, so it drives the very same loop, tools,
// state and events. It decides each step from the conversation alone (goal + tool results so far),
// which is what makes a resumed run identical to an uninterrupted one.
//
// Its policy: list the sources → split the goal into what it asks about (its focus: "standard
// errors") and how (compare, summarise) → search each source for the focus and its variants → plan
// (per source: sections whose title or text matches the focus, read whole, and one sub-question on
// the focus; for a broad goal, the main sections of each source) → per item: search, read the pages
// that hold the focus, note the key sentences (BM25 + TextRank + MMR) with exact quotes, select
// figures/tables by caption relevance and in-text mentions → a second, wider search before giving
// up → an item that finds nothing says so, per source ("X does not discuss …; searched: …") →
// finish with a summary that answers per source.
import { keySentences, stem, terms, type Passage } from '../search/index.js';
import { flattenedMath } from '../text/math.js';
import type { ChatMessage, ChatRequest, ChatResponse, Provider, ProviderLimits, ToolCall } from './types.js';

interface Done {
  name: string;
  args: Record<string, unknown>;
  /** Whether the tool succeeded. */
  ok: boolean;
  /** Parsed JSON result; null after an error, or when an old result was shortened in the transcript. */
  result: unknown;
}

interface ListedSource {
  id: string;
  title: string;
  file: string;
  sections: { title: string; level: number; page: number }[];
}

interface SearchResult {
  passages: { sourceId: string; page: number; blockId: string; section?: string; topSection?: string; text: string; score: number }[];
  visuals: { sourceId: string; ref: string; kind: 'figure' | 'table'; label: string; page: number; caption: string; score: number; mentionedOnPages: number[] }[];
}

interface ReadResult {
  sourceId: string;
  page: number;
  blocks: { id: string; type: Passage['type']; bbox: [number, number, number, number]; text: string }[];
}

interface OfflinePlanItem {
  id: string;
  title: string;
  question?: string;
  kind: 'section' | 'question';
  status: 'open' | 'done' | 'dropped';
  why?: string;
  sourceIds?: string[];
  /** For section items: the section searched (title as in the source). */
  section?: string;
}

/**
 * Facets a research goal often names, and the words papers use for them. Query expansion lets
 * "how do they evaluate" find "Experiments" and "Results" sections.
 */
const FACETS: [RegExp, string][] = [
  [/\bevaluat|\bassess|\bbenchmark|\bmeasur|\bperform/i, 'evaluation experiments results benchmark accuracy performance baseline speedup'],
  [/\bmethod|\bapproach|\bhow .* work|\barchitecture|\bdesign/i, 'method approach model architecture algorithm design'],
  [/\blimitation|\bweakness|\bdrawback|\bfail/i, 'limitation drawback fails future work'],
  [/\bdata(set)?s?\b|\bcorpus|\bcorpora/i, 'dataset data corpus training examples'],
  [/\bstandard errors?\b|\bvariances?\b|\buncertaint|\bconfidence/i, 'standard error variance covariance robust confidence interval'],
];

export function expandQuery(goal: string): string {
  const extra = FACETS.filter(([re]) => re.test(goal)).map(([, words]) => words);
  return [goal, ...extra].join(' ');
}

/** Words of a goal that say what to do with the subject, not what the subject is. */
const GOAL_META = new Set(
  'compare comparison contrast how these those two three both paper papers source sources document documents article articles report summarise summarize summary summaries overview describe explain what which between differ differs difference differences the a an and or of in on for to do does they their its it is are this that with by from about give write short blog post main key points find out tell me please each all into turn turns make makes work works working why when where who whom whether was were be been'.split(' '),
);

export interface GoalFocus {
  /** Stemmed content terms of the goal, without its meta words. */
  terms: string[];
  /** Stem sequences the goal writes next to each other ("standard errors" → [standard, error]). */
  phrases: string[][];
  /** How the focus reads in a sentence ("standard errors"). */
  label: string;
  /** No subject at all ("summarise"): read broadly. */
  broad: boolean;
  /** Query words: the goal's subject words and their variants (singular/plural, -ion/-or forms). */
  variants: string[];
}

function variantsOf(w: string): string[] {
  const out = new Set([w]);
  if (/ies$/.test(w)) out.add(w.replace(/ies$/, 'y'));
  else if (/s$/.test(w) && !/ss$/.test(w)) out.add(w.replace(/s$/, ''));
  else out.add(`${w}s`);
  if (/ate$/.test(w)) {
    out.add(w.replace(/ate$/, 'ation'));
    out.add(w.replace(/ate$/, 'ator'));
  }
  if (/ation$/.test(w)) out.add(w.replace(/ation$/, 'ate'));
  return [...out];
}

/**
 * Words papers use for a subject a goal names in one plain word: "how fast" is answered by
 * "milliseconds per page", "throughput" and "in parallel", never by the word "fast". Each entry:
 * the goal words, the label the plan uses, and the terms that count as speaking of it.
 */
const SUBJECT_SYNONYMS: { re: RegExp; label: string; words: string[] }[] = [
  { re: /^(fast|faster|speed|speeds|quick|quickly|slow|slower|latency)$/, label: 'speed', words: ['speed', 'fast', 'faster', 'millisecond', 'milliseconds', 'ms', 'seconds', 'throughput', 'parallel', 'latency', 'speedup', 'slower'] },
  { re: /^(cost|costs|expensive|cheap|price)$/, label: 'cost', words: ['cost', 'costs', 'cheap', 'expensive', 'price', 'budget'] },
];

/**
 * What a source that never names a subject may still say about it: a paper silent on "standard
 * errors" may give its variance estimates. The nearest it comes is worth quoting, said to be that.
 */
const RELATED_SUBJECTS: { re: RegExp; label: string; words: string[] }[] = [
  { re: /^(standard errors?|errors? estimates?|confidence intervals?|uncertainty)$/, label: 'variance', words: ['variance', 'variances', 'covariance', 'deviation', 'bootstrap', 'sandwich', 'heteroskedasticity'] },
  { re: /^(accuracy|precision|performance|quality)$/, label: 'error rates', words: ['error', 'errors', 'recall', 'precision', 'F1', 'score', 'benchmark'] },
];

/** The subject's nearest relative, to look for where the subject itself is not found. */
export function relatedFocus(f: GoalFocus): GoalFocus | undefined {
  const r = RELATED_SUBJECTS.find((x) => x.re.test(f.label));
  if (!r) return undefined;
  // (Loose words, no phrases: any one of them speaks of it.)
  return { terms: [...new Set(r.words.map(stem))], phrases: [], label: r.label, broad: false, variants: r.words };
}

/**
 * The parts of a goal that each ask their own thing: "How does X make reports, and how fast is
 * it?" asks two questions. Split at "?" and ";", and at "and"/"," before a question word. A goal
 * of one part is returned as it is.
 */
export function goalParts(goal: string): string[] {
  const parts = goal
    .split(/[?;]+|,?\s+and\s+(?=(?:how|what|why|when|where|which|who|whether)\b)|,\s+(?=(?:how|what|why|when|where|which|who|whether)\b)/i)
    .map((x) => x.trim())
    .filter((x) => /[\p{L}\p{N}]/u.test(x));
  // A part with no subject of its own ("and why?") is no question by itself.
  const real = parts.filter((x) => !goalFocus(x).broad);
  return real.length > 1 ? real : [goal.trim()];
}

export function goalFocus(goal: string): GoalFocus {
  // Runs of subject words the goal writes side by side ("estimate standard errors"); a comma ends a
  // run ("reports, sites and decks" are three things, not one phrase).
  const runs: string[][] = [[]];
  for (const w of goal.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*|,/gu) ?? []) {
    if (w === ',' || GOAL_META.has(w) || w.length < 2) {
      if (runs[runs.length - 1]!.length) runs.push([]);
      continue;
    }
    runs[runs.length - 1]!.push(w);
  }
  const words = runs.flat();
  const phrases: string[][] = [];
  let label = '';
  for (const r of runs) {
    for (let i = 0; i + 1 < r.length; i++) phrases.push([stem(r[i]!), stem(r[i + 1]!)]);
    // The head phrase is the run's last two words ("standard errors"), or the lone word.
    if (r.length) label = r.slice(-2).join(' ');
  }
  if (phrases.length === 0) label = words.join(' or ');
  // A one-word subject with a known family of words ("fast" → speed, milliseconds, throughput).
  const syn = phrases.length === 0 && words.length === 1 ? SUBJECT_SYNONYMS.find((x) => x.re.test(words[0]!)) : undefined;
  if (syn) {
    return { terms: [...new Set([...words, ...syn.words].map(stem))], phrases, label: syn.label, broad: false, variants: [...new Set([...words.flatMap(variantsOf), ...syn.words])] };
  }
  return { terms: [...new Set(words.map(stem))], phrases, label, broad: words.length === 0, variants: [...new Set(words.flatMap(variantsOf))] };
}

/** Does the text speak of the focus: a phrase of it in order, or (for a goal of loose words) one of its terms. */
export function mentionsFocus(text: string, f: GoalFocus): boolean {
  if (f.broad) return true;
  const t = terms(text);
  if (f.phrases.length) return f.phrases.some((p) => t.some((_, i) => p.every((w, j) => t[i + j] === w)));
  return f.terms.some((w) => t.includes(w));
}

/** Pages that hold the focus, most mentions first; at most `max`. */
function focusPages(found: SearchResult[], f: GoalFocus, max: number): { sourceId: string; page: number }[] {
  const count = new Map<string, number>();
  for (const r of found) for (const p of r.passages) if (mentionsFocus(p.text, f)) count.set(`${p.sourceId}\u0000${p.page}`, (count.get(`${p.sourceId}\u0000${p.page}`) ?? 0) + 1);
  return [...count.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([k]) => ({ sourceId: k.split('\u0000')[0]!, page: Number(k.split('\u0000')[1]) }));
}

/** Overview sections restate the body; the plan prefers the body sections they point to. */
const OVERVIEW = /^(introduction|related work|background|conclusions?|future work|discussion|summary)$/i;

const NOT_A_TOPIC = /^(abstract|references|bibliography|acknowledg(e)?ments?|appendix|contents|index)$/i;
/** Back matter by heading, numbered or not ("A Appendix: proofs", "Acknowledgments"). */
const BACK = /^([\dA-Z]+(\.\d+)*\.?\s+)?(acknowledg|references\b|bibliography|appendix|appendices)/i;
/** Visuals need at least this score (caption BM25 + mention credit) to be worth showing. */
const VISUAL_MIN_SCORE = 1;

/**
 * A goal that asks how to do something, or for code: "How do I fit a Cox model … in R?", "an example
 * of calling X". Such a goal is answered by the source's own listings as well as its sentences.
 */
export function asksForCode(goal: string): boolean {
  return /\bhow (?:do|can|should|would|could|does) (?:i|we|you|one)\b|\bhow to\b|\b(?:code|example|syntax|command|usage|snippet|script|call|function)s?\b|\bin (?:R|Python|Julia|MATLAB|SQL|Stata|SAS|JavaScript|TypeScript|Rust|Go|C\+\+|Java)\b/i.test(goal);
}

/** Code blocks of the pages read that show how: commands with a call in them, ranked by the goal's words they use. */
export function codeListings(goalText: string, passages: readonly Passage[], max: number): Passage[] {
  const want = [...new Set(terms(goalText).filter((t) => t.length >= 3))];
  const scored: { p: Passage; score: number }[] = [];
  for (const p of passages) {
    if (p.type !== 'code') continue;
    const lines = p.text.split('\n').filter((l) => l.trim());
    // A listing a reader can take in: a few commands, not a page of printed output.
    if (lines.length === 0 || lines.length > 14 || p.text.length > 900) continue;
    // Commands (a prompt, an assignment, a call) and their continuation lines; the rest is printed output.
    const input: string[] = [];
    let inCommand = false;
    for (const l of lines) {
      if (/^\s*(?:R>|>|\$|>>>)\s|^\s*[\w.]+\s*(?:<-|=)\s*[\w.]+\(|^\s*[\w.]+\(/.test(l)) inCommand = true;
      else if (!(inCommand && /^\s+\S|^\s*\+\s/.test(l))) inCommand = false;
      if (inCommand) input.push(l);
    }
    if (input.length === 0 || !/\w\(/.test(input.join('\n'))) continue;
    // The goal's words in the commands, not in the output they print ("… ME test" is no answer).
    const tokens = new Set(input.join(' ').toLowerCase().split(/[^a-z0-9]+/).filter((t) => t.length >= 2));
    const hits = want.filter((w) => [...tokens].some((t) => t === w || (w.length >= 3 && t.startsWith(w)))).length;
    if (hits === 0) continue;
    scored.push({ p, score: hits + input.length / lines.length });
  }
  return scored.sort((a, b) => b.score - a.score || a.p.page - b.p.page).slice(0, max).map((x) => x.p);
}

function textOf(m: ChatMessage): string {
  if (typeof m.content === 'string') return m.content;
  return m.content.map((p) => (p.type === 'text' ? p.text : '')).join('\n');
}

function history(messages: ChatMessage[]): Done[] {
  const results = new Map<string, { ok: boolean; result: unknown }>();
  for (const m of messages) {
    if (m.role !== 'tool') continue;
    const t = textOf(m);
    if (t.startsWith('error:')) {
      results.set(m.toolCallId, { ok: false, result: null });
      continue;
    }
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch {
      // A shortened old result: the call succeeded, its details are no longer needed.
      v = null;
    }
    results.set(m.toolCallId, { ok: true, result: v });
  }
  const out: Done[] = [];
  for (const m of messages) {
    if (m.role !== 'assistant') continue;
    for (const c of m.toolCalls ?? []) out.push({ name: c.name, args: c.args, ...(results.get(c.id) ?? { ok: false, result: null }) });
  }
  return out;
}

function shortTitle(s: ListedSource): string {
  // Some PDFs carry a repository stamp as their title ("arXiv:2004.04906v3 [cs.CL] …"); the file name says more then.
  if (/^arxiv:/i.test(s.title) || s.title.length < 3) return s.file.replace(/\.[a-z]+$/i, '');
  // A long title is named by its main part ("strucchange" of "strucchange: An R Package for …"),
  // never cut mid-title.
  const colon = s.title.indexOf(': ');
  return s.title.length > 60 && colon >= 3 ? s.title.slice(0, colon) : s.title;
}

export class OfflineProvider implements Provider {
  readonly kind = 'offline' as const;
  readonly model = 'offline';
  readonly limits: ProviderLimits = { maxImagesPerRequest: 1000, maxImageBytes: Number.MAX_SAFE_INTEGER, maxImageSide: Number.MAX_SAFE_INTEGER };

  async chat(req: ChatRequest): Promise<ChatResponse> {
    const calls = this.decide(req.messages);
    const turn = req.messages.filter((m) => m.role === 'assistant').length;
    const toolCalls: ToolCall[] = calls.map((c, i) => ({ id: `offline-${turn}-${i}`, name: c.name, args: c.args }));
    // Usage: what this step read and wrote, in the ~4 characters per token of English text.
    const last = req.messages.slice(req.messages.findLastIndex((m) => m.role === 'assistant') + 1);
    const inputChars = last.reduce((n, m) => n + textOf(m).length, 0);
    const outputChars = JSON.stringify(calls).length;
    return { text: '', toolCalls, usage: { inputTokens: Math.ceil(inputChars / 4), outputTokens: Math.ceil(outputChars / 4) }, finishReason: 'tool_calls' };
  }

  /** Extractive writing: the key sentences of the messages for the system prompt's topic. */
  async complete(req: { system?: string; messages: ChatMessage[] }): Promise<string> {
    const text = req.messages.filter((m) => m.role !== 'assistant').map(textOf).join('\n');
    const passages: Passage[] = text
      .split(/\n{2,}/)
      .filter((t) => t.trim())
      .map((t, i) => ({ sourceId: 'input', page: 1, blockId: `p${i}`, bbox: [0, 0, 0, 0], type: 'paragraph' as const, text: t }));
    const query = `${req.system ?? ''} ${textOf(req.messages.at(-1) ?? { role: 'user', content: '' })}`;
    return keySentences(query, passages, 5, { minWords: 5 })
      .map((k) => k.sentence)
      .join(' ');
  }

  decide(messages: ChatMessage[]): { name: string; args: Record<string, unknown> }[] {
    const first = messages.find((m) => m.role === 'user');
    const goal = (first ? textOf(first) : '').match(/^Goal: (.+)$/m)?.[1]?.trim() ?? '';
    let focus = goalFocus(goal);
    // What the searches look for: the goal's subject and its variants, with the facet words a
    // subject implies ("evaluate" → experiments, results); a broad goal searches as it is written.
    let focusQuery = focus.broad ? goal : expandQuery([...focus.variants].join(' '));
    const done = history(messages);
    const listed = done.find((d) => d.name === 'list_sources' && d.result);
    if (!listed) return [{ name: 'list_sources', args: {} }];
    const sources = (listed.result as { sources: ListedSource[] }).sources;

    const planCalls = done.filter((d) => d.name === 'update_plan' && d.ok);
    if (planCalls.length === 0) {
      const scouted = done.filter((d) => d.name === 'search_sources' && d.args.planItem === undefined && d.result);
      if (scouted.length === 0) return sources.map((s) => ({ name: 'search_sources', args: { query: focusQuery, sourceId: s.id, k: 30 } }));
      return [{ name: 'update_plan', args: { items: planFrom(goal, focus, sources, scouted.map((d) => d.result as SearchResult)) } }];
    }
    const plan = replayPlan(planCalls);
    const item = plan.find((p) => p.status === 'open');
    if (!item) return [finishCall(done, plan)];

    const isQuestion = item.kind === 'question';
    // A goal of several parts has one sub-question per part, each with its own focus.
    if (isQuestion && item.question && item.question !== goal) {
      focus = goalFocus(item.question);
      focusQuery = expandQuery(focus.variants.join(' '));
    }
    const query = isQuestion ? focusQuery : expandQuery(item.question ?? `${goal} ${item.title}`);
    const scope = item.sourceIds?.length ? item.sourceIds : sources.map((s) => s.id);
    const allSearches = done.filter((d) => d.name === 'search_sources' && d.args.planItem === item.id);
    // A how-to question also looks for the source's listings; those searches feed the code notes only.
    const wantsCode = isQuestion && asksForCode(goal);
    const searches = allSearches.filter((d) => d.args.type !== 'code');
    if (allSearches.length === 0) {
      const calls = scope.map((sourceId) => ({ name: 'search_sources', args: { query, sourceId, ...(item.section ? { section: item.section } : {}), k: isQuestion ? 30 : 10, planItem: item.id } as Record<string, unknown> }));
      if (wantsCode) for (const sourceId of scope) calls.push({ name: 'search_sources', args: { query: `${goal} ${item.question ?? ''}`, sourceId, type: 'code', k: 30, planItem: item.id } });
      return calls;
    }
    const found = searches.map((d) => d.result as SearchResult | null).filter((r): r is SearchResult => r !== null);
    const codeFound = allSearches
      .filter((d) => d.args.type === 'code')
      .flatMap((d) => ((d.result as SearchResult | null)?.passages ?? []).map((p) => ({ sourceId: p.sourceId, page: p.page, blockId: p.blockId, bbox: [0, 0, 0, 0] as [number, number, number, number], type: 'code' as const, text: p.text })));
    const holdsFocus = found.some((r) => r.passages.some((p) => mentionsFocus(p.text, focus)));
    const sourceName = (id: string): string => {
      const src = sources.find((x) => x.id === id);
      return src ? shortTitle(src) : id;
    };
    const asked = focus;
    const searched = `${focus.variants.map((v) => `"${v}"`).join(', ')}, then the goal as written with related words`;
    // Where the subject itself is not found, its nearest relative is looked for (variance for
    // standard errors), and what is found is said to be that, not passed off as the answer.
    let nearest: GoalFocus | undefined;
    if (isQuestion && !holdsFocus) {
      // Use the budget before giving up: once more, wider (the goal as written, its facets, any section).
      const tried = new Set(searches.map((d) => String(d.args.query)));
      const wider = expandQuery(`${focus.variants.join(' ')} ${goal}`);
      if (!tried.has(wider)) return scope.map((sourceId) => ({ name: 'search_sources', args: { query: wider, sourceId, k: 30, planItem: item.id } }));
      const related = relatedFocus(focus);
      if (related && !tried.has(related.variants.join(' '))) return scope.map((sourceId) => ({ name: 'search_sources', args: { query: related.variants.join(' '), sourceId, k: 30, planItem: item.id } }));
      const silent = `${scope.map(sourceName).join(' and ')} does not discuss ${focus.label}; searched: ${searched}`;
      if (!related || !found.some((r) => r.passages.some((p) => mentionsFocus(p.text, related)))) return [{ name: 'update_plan', args: { items: [{ ...item, status: 'dropped', why: silent }] } }];
      nearest = related;
      focus = related;
    }

    const reads = done.filter((d) => d.name === 'read_page' && d.args.planItem === item.id);
    if (reads.length === 0) {
      const pages: { sourceId: string; page: number }[] = [];
      const add = (sourceId: string, page: number): void => {
        if (!pages.some((p) => p.sourceId === sourceId && p.page === page)) pages.push({ sourceId, page });
      };
      if (isQuestion && !focus.broad) {
        // The pages that speak of the focus, most mentions first.
        for (const p of focusPages(found, focus, 4 * scope.length)) add(p.sourceId, p.page);
      } else {
        for (const sourceId of scope) {
          // A section item reads its section whole (up to 3 pages), not only its best passages.
          const src = sources.find((x) => x.id === sourceId);
          const span = item.section && src ? sectionPages(src, item.section, 3) : [];
          for (const page of span) add(sourceId, page);
        }
        const perSource = isQuestion ? 2 : 2;
        for (const r of found) {
          const seen = new Set<number>();
          for (const p of r.passages) {
            if (seen.size >= perSource) break;
            if (!seen.has(p.page)) {
              seen.add(p.page);
              add(p.sourceId, p.page);
            }
          }
        }
        if (pages.length === 0 && !item.section) for (const sourceId of scope) add(sourceId, 1);
      }
      if (pages.length === 0) return [{ name: 'update_plan', args: { items: [{ ...item, status: 'dropped', why: 'nothing in the sources matches it' }] } }];
      return pages.map((p) => ({ name: 'read_page', args: { ...p, planItem: item.id } }));
    }

    // Notes: key sentences of the pages read, per source, skipping sentences already noted; on a
    // question, sentences that speak of the focus first.
    const quoted = new Set(done.filter((d) => d.name === 'add_note' && d.ok).flatMap((d) => ((d.args.evidence as { quote: string }[] | undefined) ?? []).map((e) => e.quote)));
    const calls: { name: string; args: Record<string, unknown> }[] = [];
    const pagesRead = reads.map((d) => d.result as ReadResult | null).filter((r): r is ReadResult => r !== null);
    const perSourceNotes = 3;
    const notedPages: string[] = [];
    for (const sourceId of scope) {
      const passages: Passage[] = pagesRead
        .filter((r) => r.sourceId === sourceId)
        .flatMap((r) => r.blocks.map((b) => ({ sourceId, page: r.page, blockId: b.id, bbox: b.bbox, type: b.type, text: b.text })));
      // A broad read of a section: its own central sentences. Its best passages stand in for the
      // query (a title like "Introduction" matches no sentence), and only its own blocks count (a
      // page may hold the end of the section before it).
      const own = new Set(found.flatMap((r) => r.passages.filter((p) => p.sourceId === sourceId).map((p) => p.blockId)));
      const broadRead = focus.broad && item.section !== undefined && own.size >= 3;
      const pool = broadRead ? passages.filter((p) => own.has(p.blockId)) : passages;
      const q = focus.broad ? `${query} ${found.flatMap((r) => r.passages.slice(0, 6).map((p) => p.text)).join(' ').slice(0, 3000)}` : query;
      // (A sentence whose inline math the text layer flattened is no note a reader can use.)
      let picks = keySentences(q, pool, 3 * perSourceNotes + quoted.size).filter((k) => !quoted.has(k.sentence) && !flattenedMath(k.sentence));
      if (isQuestion && !focus.broad) picks = picks.filter((k) => mentionsFocus(k.sentence, focus));
      picks = picks.slice(0, perSourceNotes);
      for (const k of picks) {
        quoted.add(k.sentence);
        notedPages.push(`${sourceId} p. ${k.passage.page}`);
        calls.push({
          name: 'add_note',
          args: { text: k.sentence, planItem: item.id, evidence: [{ sourceId, page: k.passage.page, quote: k.sentence, blockId: k.passage.blockId }] },
        });
      }
      // A how-to goal: the source's own listing that does it, quoted whole (one per item and source).
      if (wantsCode) {
        const pool = [...codeFound.filter((p) => p.sourceId === sourceId), ...passages.filter((p) => p.type === 'code')];
        for (const c of codeListings(`${goal} ${item.question ?? ''}`, pool, 1)) {
          if (quoted.has(c.text)) continue;
          quoted.add(c.text);
          notedPages.push(`${sourceId} p. ${c.page}`);
          calls.push({ name: 'add_note', args: { text: c.text, planItem: item.id, evidence: [{ sourceId, page: c.page, quote: c.text, blockId: c.blockId }] } });
        }
      }
    }
    // Visuals: the best figure and the best table per source for this item, if they match well enough.
    const chosen = new Set(done.filter((d) => d.name === 'select_visual' && d.ok).map((d) => `${String(d.args.sourceId)}#${String(d.args.ref)}`));
    for (const r of found) {
      for (const kind of ['figure', 'table'] as const) {
        const v = r.visuals.find((x) => x.kind === kind && x.score >= VISUAL_MIN_SCORE && !chosen.has(`${x.sourceId}#${x.ref}`));
        if (!v) continue;
        chosen.add(`${v.sourceId}#${v.ref}`);
        const why = v.mentionedOnPages.length
          ? `${v.label} is cited in the passages on ${item.title} (p. ${v.mentionedOnPages.join(', ')}) and its caption matches the question`
          : `its caption matches "${item.title}"`;
        calls.push({ name: 'select_visual', args: { sourceId: v.sourceId, ref: v.ref, why, planItem: item.id } });
      }
    }
    const n = calls.filter((c) => c.name === 'add_note').length;
    const readPages = [...new Set(pagesRead.map((r) => r.page))].sort((a, b) => a - b);
    calls.push({
      name: 'update_plan',
      args: {
        items: [
          n > 0
            ? {
                ...item,
                status: 'done',
                why: `${nearest ? `${scope.map(sourceName).join(' and ')} does not discuss ${asked.label}; searched: ${searched}; the nearest it comes is ${nearest.label}: ` : ''}${n} note${n === 1 ? '' : 's'} from ${[...new Set(notedPages)].join('; ')}`,
              }
            : {
                ...item,
                status: 'dropped',
                why: nearest
                  ? `${scope.map(sourceName).join(' and ')} does not discuss ${asked.label}; searched: ${searched}; the nearest it comes is ${nearest.label}, named on p. ${readPages.join(', ')} with no whole sentence on it`
                  : isQuestion
                  ? `${scope.map(sourceName).join(' and ')} names ${focus.label} on p. ${readPages.join(', ')} but no whole sentence there says more about it`
                  : `the pages read (p. ${readPages.join(', ')}) hold no whole sentence on it`,
              },
        ],
      },
    });
    return calls;
  }
}

/** The pages of a section: from its first page to where the next section of its level or above starts. */
function sectionPages(src: ListedSource, section: string, max: number): number[] {
  const i = src.sections.findIndex((s) => s.title === section);
  if (i < 0) return [];
  const s = src.sections[i]!;
  const next = src.sections.slice(i + 1).find((x) => x.level <= s.level);
  const last = next ? Math.max(s.page, next.page) : s.page + max - 1;
  const out: number[] = [];
  for (let p = s.page; p <= last && out.length < max; p++) out.push(p);
  return out;
}

function replayPlan(calls: Done[]): OfflinePlanItem[] {
  const plan: OfflinePlanItem[] = [];
  for (const c of calls) {
    for (const it of (c.args.items as OfflinePlanItem[] | undefined) ?? []) {
      const i = plan.findIndex((p) => p.id === it.id);
      if (i >= 0) plan[i] = { ...plan[i]!, ...it };
      else plan.push({ ...it });
    }
  }
  return plan;
}

/** The broad reading of a source: its first top-level section and those of a paper's arc, up to 4. */
const ARC = /introduc|overview|method|approach|model|design|result|evaluat|experiment|discussion|conclu|summary/i;

/**
 * Plan items. A goal with a subject: per source, the sections whose title names it (read whole) or
 * whose text best matches it, and a sub-question on the subject for that source. A broad goal
 * ("summarise"): per source, its main sections in reading order.
 */
function planFrom(goal: string, focus: GoalFocus, sources: ListedSource[], scouted: SearchResult[]): OfflinePlanItem[] {
  const items: OfflinePlanItem[] = [];
  let n = 0;
  let q = 0;
  for (const s of sources) {
    const top = Math.min(...s.sections.map((x) => x.level), 99);
    const topical = (title: string): boolean => !NOT_A_TOPIC.test(title.replace(/^[\d.\s]+/, '').trim()) && !BACK.test(title);
    if (focus.broad) {
      const mains = s.sections.filter((x) => x.level === top && topical(x.title));
      const arc = mains.filter((x, i) => i === 0 || ARC.test(x.title));
      // A web page's sections follow no paper's arc: its first ones, in order.
      const picked = (arc.length >= 3 ? arc : mains.filter((x) => arc.includes(x) || mains.indexOf(x) < 4)).slice(0, 4);
      for (const x of picked) {
        items.push({ id: `s${++n}`, title: `${shortTitle(s)}: ${x.title}`, question: x.title, kind: 'section', status: 'open', why: 'a main section of the source, for a broad summary', sourceIds: [s.id], section: x.title });
      }
      if (picked.length === 0) {
        items.push({ id: `s${++n}`, title: `${shortTitle(s)}: overview`, question: s.title, kind: 'section', status: 'open', why: 'the source has no sections; read its opening pages', sourceIds: [s.id] });
      }
      continue;
    }
    // Sections whose title names the subject come first: they are read whole.
    const named = s.sections.filter((x) => topical(x.title) && mentionsFocus(x.title, focus)).slice(0, 2);
    // Then top-level sections by the retrieval scores of their passages (subsections roll up),
    // counting only passages that speak of the subject where any do.
    const passages = scouted.flatMap((r) => r.passages).filter((p) => p.sourceId === s.id);
    const onFocus = passages.filter((p) => mentionsFocus(p.text, focus));
    const score = new Map<string, number>();
    for (const p of onFocus.length ? onFocus : passages) {
      const t = p.topSection ?? p.section;
      if (!t) continue;
      const bare = t.replace(/^[\d.\s]+/, '');
      if (!topical(bare)) continue;
      score.set(t, (score.get(t) ?? 0) + p.score * (OVERVIEW.test(bare) ? 0.4 : 1));
    }
    const best = [...score.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
    const titles = [...new Set([...named.map((x) => x.title), ...best])].slice(0, 2);
    const order = (t: string): number => s.sections.find((x) => x.title === t)?.page ?? 0;
    // The sub-question first: it takes the sentences on the subject before the sections' notes do.
    const parts = goalParts(goal);
    for (const part of parts) {
      const f = parts.length > 1 ? goalFocus(part) : focus;
      items.push({ id: `q${++q}`, title: `${shortTitle(s)}: ${parts.length > 1 && !SUBJECT_SYNONYMS.some((x) => x.label === f.label) ? part.replace(/^(how|what|why|when|where|which|who|whether)\b/i, (w) => w.toLowerCase()) : f.label}`, question: parts.length > 1 ? part : goal, kind: 'question', status: 'open', why: `what ${shortTitle(s)} says about ${f.label}`, sourceIds: [s.id] });
    }
    for (const title of titles.sort((a, b) => order(a) - order(b))) {
      const byName = named.some((x) => x.title === title);
      items.push({
        id: `s${++n}`,
        title: `${shortTitle(s)}: ${title}`,
        question: `${focus.variants.join(' ')} ${title}`,
        kind: 'section',
        status: 'open',
        why: byName ? `its title names ${focus.label}; read whole` : `the section whose text best matches ${focus.label}`,
        sourceIds: [s.id],
        section: title,
      });
    }
  }
  return items;
}

function finishCall(done: Done[], plan: OfflinePlanItem[]): { name: string; args: Record<string, unknown> } {
  const notes = done.filter((d) => d.name === 'add_note' && d.ok).length;
  const visuals = done.filter((d) => d.name === 'select_visual' && d.ok).length;
  const pages = new Set(done.filter((d) => d.name === 'read_page' && d.ok).map((d) => `${String(d.args.sourceId)}:${String(d.args.page)}`)).size;
  const dropped = plan.filter((p) => p.status === 'dropped');
  // Per source, what it holds on the subject: the sub-question's outcome in words.
  const answers = plan.filter((p) => p.kind === 'question').map((p) => (p.status === 'done' ? `${p.title}: ${p.why ?? 'answered'}.` : `${p.why ?? `${p.title}: nothing found`}.`));
  return {
    name: 'finish',
    args: {
      summary: [...answers, `Read ${pages} page${pages === 1 ? '' : 's'}; ${notes} notes with quotes over ${plan.length - dropped.length} of ${plan.length} plan items; ${visuals} figures/tables selected.`].join(' '),
      openQuestions: dropped.map((p) => `${p.title} (${p.why ?? 'dropped'})`),
    },
  };
}
