// The offline provider: no network, no model download, deterministic. A planner and extractive
// writer behind the same chat-with-tools interface as a model, so it drives the very same loop, tools,
// state and events. It decides each step from the conversation alone (goal + tool results so far),
// which is what makes a resumed run identical to an uninterrupted one.
//
// Its policy: list the sources → search each for the goal → plan (sections whose text best matches
// the goal, plus one cross-source question) → per item: search, read the best pages, note the key
// sentences (BM25 + TextRank + MMR) with exact quotes, select figures/tables by caption relevance and
// in-text mentions, mark the item done → finish.
import { keySentences, type Passage } from '../search/index.js';
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
];

export function expandQuery(goal: string): string {
  const extra = FACETS.filter(([re]) => re.test(goal)).map(([, words]) => words);
  return [goal, ...extra].join(' ');
}

/** Overview sections restate the body; the plan prefers the body sections they point to. */
const OVERVIEW = /^(introduction|related work|background|conclusions?|future work|discussion|summary)$/i;

const NOT_A_TOPIC = /^(abstract|references|bibliography|acknowledg(e)?ments?|appendix|contents|index)$/i;
/** Visuals need at least this score (caption BM25 + mention credit) to be worth showing. */
const VISUAL_MIN_SCORE = 1;

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
  return /^arxiv:/i.test(s.title) || s.title.length < 3 ? s.file.replace(/\.[a-z]+$/i, '') : s.title.length > 60 ? `${s.title.slice(0, 57)}…` : s.title;
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
    const done = history(messages);
    const listed = done.find((d) => d.name === 'list_sources' && d.result);
    if (!listed) return [{ name: 'list_sources', args: {} }];
    const sources = (listed.result as { sources: ListedSource[] }).sources;

    const planCalls = done.filter((d) => d.name === 'update_plan' && d.ok);
    if (planCalls.length === 0) {
      const scouted = done.filter((d) => d.name === 'search_sources' && d.args.planItem === undefined && d.result);
      if (scouted.length === 0) return sources.map((s) => ({ name: 'search_sources', args: { query: expandQuery(goal), sourceId: s.id, k: 30 } }));
      return [{ name: 'update_plan', args: { items: planFrom(goal, sources, scouted.map((d) => d.result as SearchResult)) } }];
    }
    const plan = replayPlan(planCalls);
    const item = plan.find((p) => p.status === 'open');
    if (!item) return [finishCall(done, plan)];

    const query = expandQuery(item.question ?? `${goal} ${item.title}`);
    const scope = item.sourceIds?.length ? item.sourceIds : sources.map((s) => s.id);
    const searches = done.filter((d) => d.name === 'search_sources' && d.args.planItem === item.id);
    if (searches.length === 0) {
      return scope.map((sourceId) => ({ name: 'search_sources', args: { query, sourceId, ...(item.section ? { section: item.section } : {}), k: 10, planItem: item.id } }));
    }
    const found = searches.map((d) => d.result as SearchResult | null).filter((r): r is SearchResult => r !== null);

    const reads = done.filter((d) => d.name === 'read_page' && d.args.planItem === item.id);
    if (reads.length === 0) {
      const perSource = item.kind === 'question' ? 1 : 2;
      const pages: { sourceId: string; page: number }[] = [];
      for (const r of found) {
        const seen = new Set<number>();
        for (const p of r.passages) {
          if (seen.size >= perSource) break;
          if (!seen.has(p.page)) {
            seen.add(p.page);
            pages.push({ sourceId: p.sourceId, page: p.page });
          }
        }
      }
      if (pages.length === 0) return [{ name: 'update_plan', args: { items: [{ ...item, status: 'dropped', why: 'nothing in the sources matches it' }] } }];
      return pages.map((p) => ({ name: 'read_page', args: { ...p, planItem: item.id } }));
    }

    // Notes: key sentences of the pages read, per source, skipping sentences already noted.
    const quoted = new Set(done.filter((d) => d.name === 'add_note' && d.ok).flatMap((d) => ((d.args.evidence as { quote: string }[] | undefined) ?? []).map((e) => e.quote)));
    const calls: { name: string; args: Record<string, unknown> }[] = [];
    const pagesRead = reads.map((d) => d.result as ReadResult | null).filter((r): r is ReadResult => r !== null);
    const perSourceNotes = item.kind === 'question' ? 2 : 3;
    const notedPages: string[] = [];
    for (const sourceId of scope) {
      const passages: Passage[] = pagesRead
        .filter((r) => r.sourceId === sourceId)
        .flatMap((r) => r.blocks.map((b) => ({ sourceId, page: r.page, blockId: b.id, bbox: b.bbox, type: b.type, text: b.text })));
      const picks = keySentences(query, passages, perSourceNotes + quoted.size).filter((k) => !quoted.has(k.sentence)).slice(0, perSourceNotes);
      for (const k of picks) {
        quoted.add(k.sentence);
        notedPages.push(`${sourceId} p. ${k.passage.page}`);
        calls.push({
          name: 'add_note',
          args: { text: k.sentence, planItem: item.id, evidence: [{ sourceId, page: k.passage.page, quote: k.sentence, blockId: k.passage.blockId }] },
        });
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
    calls.push({
      name: 'update_plan',
      args: {
        items: [
          n > 0
            ? { ...item, status: 'done', why: `${n} note${n === 1 ? '' : 's'} from ${[...new Set(notedPages)].join('; ')}` }
            : { ...item, status: 'dropped', why: 'the pages read hold no sentence that answers it' },
        ],
      },
    });
    return calls;
  }
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

/** Plan items: per source, the sections whose text best matches the goal; then one question across sources. */
function planFrom(goal: string, sources: ListedSource[], scouted: SearchResult[]): OfflinePlanItem[] {
  const items: OfflinePlanItem[] = [];
  let n = 0;
  for (const s of sources) {
    // Score top-level sections by the retrieval scores of their passages (subsections roll up).
    const score = new Map<string, number>();
    for (const r of scouted) {
      for (const p of r.passages) {
        const top = p.topSection ?? p.section;
        if (p.sourceId !== s.id || !top) continue;
        const bare = top.replace(/^[\d.\s]+/, '');
        if (NOT_A_TOPIC.test(bare)) continue;
        score.set(top, (score.get(top) ?? 0) + p.score * (OVERVIEW.test(bare) ? 0.4 : 1));
      }
    }
    const best = [...score.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 2);
    if (best.length === 0) {
      items.push({ id: `s${++n}`, title: `${shortTitle(s)}: overview`, question: goal, kind: 'section', status: 'open', why: 'no section matches the goal by name or content; read its best passages', sourceIds: [s.id] });
      continue;
    }
    // In reading order, as a report would present them.
    const order = (t: string): number => s.sections.find((x) => x.title === t)?.page ?? 0;
    for (const [title] of best.sort((a, b) => order(a[0]) - order(b[0]))) {
      items.push({ id: `s${++n}`, title: `${shortTitle(s)}: ${title}`, question: `${goal} ${title}`, kind: 'section', status: 'open', why: 'the section whose text best matches the goal', sourceIds: [s.id], section: title });
    }
  }
  if (sources.length > 1) items.push({ id: 'q1', title: goal, question: goal, kind: 'question', status: 'open', why: 'the goal itself, answered across all sources', sourceIds: sources.map((s) => s.id) });
  return items;
}

function finishCall(done: Done[], plan: OfflinePlanItem[]): { name: string; args: Record<string, unknown> } {
  const notes = done.filter((d) => d.name === 'add_note' && d.ok).length;
  const visuals = done.filter((d) => d.name === 'select_visual' && d.ok).length;
  const pages = new Set(done.filter((d) => d.name === 'read_page' && d.ok).map((d) => `${String(d.args.sourceId)}:${String(d.args.page)}`)).size;
  const dropped = plan.filter((p) => p.status === 'dropped');
  return {
    name: 'finish',
    args: {
      summary: `Read ${pages} page${pages === 1 ? '' : 's'}; ${notes} notes with quotes over ${plan.length - dropped.length} of ${plan.length} plan items; ${visuals} figures/tables selected.`,
      openQuestions: dropped.map((p) => `${p.title} (${p.why ?? 'dropped'})`),
    },
  };
}
