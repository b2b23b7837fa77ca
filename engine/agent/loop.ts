// The agent loop, in small parts: prepareStep (what the model sees), callModel, runTools,
// updateState, and stop conditions as plain predicates. Each step works on a draft of the state
// and commits it only when the step is complete; the state is then saved atomically, so a run
// killed mid-step resumes from the last whole step.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AbortedError, ModelBehaviorError } from '../errors.js';
import type { SourceDocument } from '../ingest/types.js';
import type { ChatMessage, ChatResponse, ContentPart, Provider } from '../providers/types.js';
import { streamMeter } from '../providers/stream-meter.js';
import type { SourceIndex } from '../search/index.js';
import { smallArgs, type RunEvent } from './events.js';
import { saveState, type BudgetAmounts, type ResearchState, type SavedMessage, type SavedPart } from './state.js';
import { runTool, toolSpecs, type ToolContext, type ToolName, type WebSearchProvider } from './tools/index.js';

export type StepOutcome =
  | { type: 'run_again' }
  | { type: 'final'; status: 'finished' | 'budget-exhausted'; reason: string }
  | { type: 'interrupted'; reason: string };

export interface StepRecord {
  step: number;
  toolNames: string[];
}

/** A stop condition: null to go on, or why the run is over. */
export type StopCondition = (state: ResearchState, last: StepRecord) => { status: 'finished' | 'budget-exhausted'; reason: string } | null;

/** Stops once the model called tool `name` (a registered tool's name: a misspelt one does not compile). */
export const hasToolCall =
  (name: ToolName): StopCondition =>
  (_s, last) =>
    last.toolNames.includes(name) ? { status: 'finished', reason: `${name} called` } : null;

export const stepCount =
  (n: number): StopCondition =>
  (s) =>
    s.step >= n ? { status: 'budget-exhausted', reason: `step limit reached (${s.step}/${n})` } : null;

export const budgetSpent: StopCondition = (s) => {
  for (const k of ['steps', 'tokens', 'images', 'seconds'] as const) {
    if (s.budget.used[k] >= s.budget.limits[k]) return { status: 'budget-exhausted', reason: `${k} budget spent (${Math.round(s.budget.used[k])}/${s.budget.limits[k]})` };
  }
  return null;
};

export interface LoopContext {
  state: ResearchState;
  provider: Provider;
  docs: Map<string, SourceDocument>;
  index: SourceIndex;
  runDir: string;
  signal: AbortSignal;
  stopWhen: StopCondition[];
  webSearch?: WebSearchProvider;
  emit: (e: RunEvent) => void;
}

/** Old tool results are cut to this many characters (the model can call the tool again). */
const OLD_RESULT_CHARS = 500;
/** No tool result goes back to the model longer than this; the state keeps it whole. */
export const RESULT_CHARS = 12_000;
/**
 * Tool results are sent whole for at least this many steps, and shortened in batches: at steps
 * 12, 18, 24, … every result from before the last six to twelve steps is shortened at once. Between
 * batches each request is the one before it plus the new messages (only the previous step's images,
 * replaced by references, and the last state message change), so a server's prefix cache reuses
 * nearly all of it; shortening one result per step would change an early message at every step.
 */
const RECENT_STEPS = 6;

export function elapsed(state: ResearchState): number {
  return Math.max(0, Date.now() - Date.parse(state.createdAt));
}

type EventBody<T extends RunEvent['type']> = Omit<Extract<RunEvent, { type: T }>, 'runId' | 'step' | 't' | 'type'>;
export function eventOf<T extends RunEvent['type']>(state: ResearchState, step: number, type: T, body: EventBody<T>): RunEvent {
  return { type, runId: state.runId, step, t: elapsed(state), ...body } as unknown as RunEvent;
}

function budgetView(s: ResearchState): { limits: BudgetAmounts; used: BudgetAmounts } {
  return { limits: { ...s.budget.limits }, used: { ...s.budget.used, seconds: Math.round(s.budget.used.seconds * 10) / 10 } };
}

/**
 * The system prompt is the same for every request of a run (no state in it), so a server can
 * reuse its prefix cache; what changes (plan, visuals, budget, sources) goes in the last message.
 */
export function systemPrompt(): string {
  return [
    'You are a careful research assistant working over the user\'s sources (PDFs, images, web pages).',
    'Work in cycles: plan (update_plan), read (search_sources, read_page, view_figure, crop_image), and record what you find (add_note with exact quotes from the cited page; select_visual for figures, tables or regions worth showing).',
    'Boxes: every box you read or write is [x0,y0,x1,y1] in 0–1000 of the page (0,0 top left; 1000,1000 bottom right), in tool results, in crop_image and in select_visual.',
    'Images: each image comes after a line naming it (source, page, figure or crop id). Older images are replaced by a one-line reference; open one again with view_figure (figure ref or visual id), crop_image or read_page.',
    'Rules: quote source text exactly as it appears on the page you cite; prefer figures and tables that carry the evidence; mark plan items done or dropped with a reason; call finish with a summary and the open questions when the plan is done or the budget runs low.',
    'The last message of each request states the run: sources, plan, chosen visuals and the budget left.',
  ].join('\n\n');
}

/** The run's changing state, sent as the last message of each request (never saved in the transcript). */
export function stateMessage(s: ResearchState): string {
  const plan = s.plan.items.length
    ? s.plan.items.map((p) => `- [${p.status}] ${p.id} (${p.kind}): ${p.title}${p.why ? ` — ${p.why}` : ''} · ${s.notes.filter((n) => n.planItem === p.id).length} notes`).join('\n')
    : '(no plan yet: make one with update_plan)';
  const left = (k: keyof BudgetAmounts): string => `${Math.max(0, Math.floor(s.budget.limits[k] - s.budget.used[k]))}`;
  return [
    `Run state before step ${s.step + 1}:`,
    `Sources: ${s.sources.map((x) => `${x.id} (${x.kind}, ${x.pageCount} pages): ${x.title}`).join('; ')}`,
    `Plan:\n${plan}`,
    `Chosen visuals: ${s.visuals.map((v) => `${v.id}=${v.label ?? v.kind} of ${v.sourceId} p. ${v.page}`).join(', ') || 'none'}`,
    `Budget left: ${left('steps')} steps, ${left('tokens')} tokens, ${left('images')} images, ${left('seconds')} s.`,
  ].join('\n');
}

function partsText(parts: SavedPart[]): string {
  return parts.map((p) => (p.type === 'text' ? p.text : '')).join('\n');
}

/**
 * What the model sees this step: the transcript, with images attached only from the latest step
 * (within the provider's per-request limit and the image budget) and older images named instead,
 * and old tool results shortened. Nothing is dropped without a line saying so.
 */
export async function prepareStep(ctx: LoopContext): Promise<{ system: string; messages: ChatMessage[]; images: number }> {
  const s = ctx.state;
  const latest = s.step;
  const imageRoom = Math.max(0, Math.min(ctx.provider.limits.maxImagesPerRequest, s.budget.limits.images - s.budget.used.images));
  // By part, not by path: a page read at every step has the same file, and only the latest read's copy goes out.
  const attach = new Set<SavedPart>();
  for (const m of [...s.transcript].reverse()) {
    if (m.step !== latest || m.role === 'assistant') continue;
    // Newest first: when the room runs out it is the earliest images of the step that are named instead.
    for (const p of [...m.content].reverse()) if (p.type === 'image' && attach.size < imageRoom) attach.add(p);
  }
  const convert = async (parts: SavedPart[], old: boolean): Promise<ContentPart[]> => {
    const out: ContentPart[] = [];
    for (const p of parts) {
      if (p.type === 'text') {
        // The cap protects a model's context; the offline planner reads its own results whole.
        const cap = old ? OLD_RESULT_CHARS : ctx.provider.kind === 'offline' ? Number.POSITIVE_INFINITY : RESULT_CHARS;
        out.push({ type: 'text', text: p.text.length > cap ? `${p.text.slice(0, cap)}… [shortened: ${p.text.length - cap} more characters; call the tool again for all of it]` : p.text });
      } else if (attach.has(p)) {
        const data = new Uint8Array(await readFile(path.isAbsolute(p.path) ? p.path : path.join(ctx.runDir, p.path)));
        out.push({ type: 'image', mime: 'image/png', data, label: p.label });
      } else {
        out.push({ type: 'text', text: `[image: ${p.label} — not attached this step; open it again to look]` });
      }
    }
    return out;
  };
  // The step up to which old results are shortened: moves only every RECENT_STEPS steps.
  const cut = RECENT_STEPS * (Math.floor(latest / RECENT_STEPS) - 1);
  const messages: ChatMessage[] = [];
  for (const m of s.transcript) {
    if (m.role === 'assistant') messages.push({ role: 'assistant', content: m.content, ...(m.toolCalls?.length ? { toolCalls: m.toolCalls } : {}) });
    else if (m.role === 'user') messages.push({ role: 'user', content: await convert(m.content, false) });
    else {
      const keepWhole = m.name === 'list_sources' || m.name === 'update_plan' || m.step > cut;
      messages.push({ role: 'tool', toolCallId: m.toolCallId, name: m.name, content: await convert(m.content, !keepWhole) });
    }
  }
  messages.push({ role: 'user', content: [{ type: 'text', text: stateMessage(s) }] });
  return { system: systemPrompt(), messages, images: attach.size };
}

/** Streams the model's answer into 'model-stream' events (engine/providers/stream-meter.ts), request id "step-N". */
export async function callModel(ctx: LoopContext, prepared: { system: string; messages: ChatMessage[] }): Promise<ChatResponse> {
  const s = ctx.state;
  const step = s.step + 1;
  const meter = streamMeter(`step-${step}`, (u) => ctx.emit(eventOf(s, step, 'model-stream', u)));
  try {
    const r = await ctx.provider.chat(
      { system: prepared.system, messages: prepared.messages, tools: toolSpecs({ network: ctx.state.network }) },
      { signal: ctx.signal, onDelta: (d) => meter.onDelta(d), onNotice: (message) => ctx.emit(eventOf(s, step, 'notice', { message })) },
    );
    if (ctx.provider.kind !== 'offline') meter.finish();
    return r;
  } finally {
    meter.stop();
  }
}

/** Runs the step's tool calls in order against the draft state; returns the tool messages. */
export async function runTools(ctx: LoopContext, draft: ResearchState, step: number, response: ChatResponse): Promise<SavedMessage[]> {
  const out: SavedMessage[] = [];
  const toolCtx: ToolContext = {
    state: draft,
    docs: ctx.docs,
    index: ctx.index,
    runDir: ctx.runDir,
    signal: ctx.signal,
    step,
    ...(ctx.webSearch ? { webSearch: ctx.webSearch } : {}),
    emit: (type, body) => ctx.emit(eventOf(draft, step, type, body as never)),
  };
  for (const call of response.toolCalls) {
    ctx.signal.throwIfAborted();
    ctx.emit(eventOf(draft, step, 'tool-call', { message: `${call.name}`, callId: call.id, tool: call.name, args: smallArgs(call.args) }));
    const r = await runTool(call.name, call.args, toolCtx);
    if (r.ok) {
      const content: SavedPart[] = [{ type: 'text', text: JSON.stringify(r.output.result) }, ...(r.output.images ?? []).map((i) => ({ type: 'image' as const, path: i.path, label: i.label }))];
      out.push({ role: 'tool', toolCallId: call.id, name: call.name, content, step });
      ctx.emit(eventOf(draft, step, 'tool-result', { message: `${call.name}: ${r.output.summary}`, callId: call.id, tool: call.name, ok: true, summary: r.output.summary }));
    } else {
      out.push({ role: 'tool', toolCallId: call.id, name: call.name, content: [{ type: 'text', text: `error: ${r.error}` }], step });
      ctx.emit(eventOf(draft, step, 'tool-result', { message: `${call.name} failed: ${r.error}`, callId: call.id, tool: call.name, ok: false, summary: r.error }));
    }
  }
  return out;
}

export function updateState(draft: ResearchState, step: number, response: ChatResponse, toolMessages: SavedMessage[], images: number, ms: number): void {
  draft.transcript.push({
    role: 'assistant',
    content: response.text,
    ...(response.toolCalls.length ? { toolCalls: response.toolCalls } : {}),
    ...(response.reasoning ? { reasoning: response.reasoning } : {}),
    step,
  });
  draft.transcript.push(...toolMessages);
  if (response.toolCalls.length === 0) {
    draft.transcript.push({ role: 'user', content: [{ type: 'text', text: 'Continue with the tools: read, note, select visuals, update the plan — or call finish when the plan is done.' }], step });
  }
  const tokens = response.usage.inputTokens + response.usage.outputTokens;
  draft.budget.used.steps += 1;
  draft.budget.used.tokens += tokens;
  draft.budget.used.images += images;
  draft.budget.used.seconds += ms / 1000;
  const tools = response.toolCalls.map((c) => c.name);
  const failed = toolMessages.filter((m) => m.role === 'tool' && partsText(m.content).startsWith('error:')).length;
  draft.log.push({
    step,
    t: elapsed(draft),
    ms: Math.round(ms),
    tools,
    message: tools.length ? `${tools.join(', ')}${failed ? ` (${failed} failed)` : ''}` : `no tool calls: ${response.text.slice(0, 120)}`,
    tokens,
    images,
    ...(response.sentBytes !== undefined ? { bytes: response.sentBytes } : {}),
  });
  draft.step = step;
}

function abortReason(signal: AbortSignal): string {
  return signal.reason instanceof Error && signal.reason.name !== 'AbortError' ? signal.reason.message : 'cancelled';
}

/** One whole step: prepare, call the model, run tools, update and save the state, check the stop conditions. */
export async function runStep(ctx: LoopContext): Promise<StepOutcome> {
  if (ctx.signal.aborted) return { type: 'interrupted', reason: abortReason(ctx.signal) };
  const step = ctx.state.step + 1;
  const t0 = performance.now();
  ctx.emit(eventOf(ctx.state, step, 'step-start', { message: `step ${step}`, budget: budgetView(ctx.state) }));
  try {
    const prepared = await prepareStep(ctx);
    ctx.signal.throwIfAborted();
    const response = await callModel(ctx, prepared);
    ctx.signal.throwIfAborted();
    const prev = ctx.state.log.at(-1);
    if (response.toolCalls.length === 0 && prev && prev.tools.length === 0) {
      throw new ModelBehaviorError(`model ${ctx.provider.model} stopped calling tools without calling finish (twice in a row): ${JSON.stringify(response.text.slice(0, 160))}`);
    }
    const draft = structuredClone(ctx.state);
    const toolMessages = await runTools(ctx, draft, step, response);
    updateState(draft, step, response, toolMessages, prepared.images, performance.now() - t0);
    ctx.signal.throwIfAborted();
    await saveState(ctx.runDir, draft);
    ctx.state = draft;
    ctx.emit(
      eventOf(draft, step, 'state-update', {
        message: `${draft.notes.length} notes, ${draft.visuals.length} visuals, plan ${draft.plan.items.filter((p) => p.status !== 'open').length}/${draft.plan.items.length}`,
        notes: draft.notes.length,
        visuals: draft.visuals.length,
        planDone: draft.plan.items.filter((p) => p.status !== 'open').length,
        planTotal: draft.plan.items.length,
        budget: budgetView(draft),
      }),
    );
    const last: StepRecord = { step, toolNames: response.toolCalls.map((c) => c.name) };
    for (const stop of ctx.stopWhen) {
      const r = stop(draft, last);
      if (r) return { type: 'final', ...r };
    }
    return { type: 'run_again' };
  } catch (err) {
    if (err instanceof AbortedError || ctx.signal.aborted) return { type: 'interrupted', reason: abortReason(ctx.signal) };
    throw err;
  }
}
