// chat/completions over HTTP for any OpenAI-compatible server (Z.ai GLM-V, OpenAI, OpenRouter,
// Ollama, vLLM, SGLang, LM Studio): images as data URIs, tool calls, SSE streaming with
// reasoning_content passed through, retries with back-off on 429/5xx honouring Retry-After, a time
// limit per attempt, and one re-ask when tool-call arguments are not JSON even after repair.
import { AbortedError, ModelBehaviorError, ProviderError } from '../errors.js';
import { fitImage } from './images.js';
import { parseToolArgs } from './json-repair.js';
import type { Preset } from './presets.js';
import type { ChatMessage, ChatOptions, ChatRequest, ChatResponse, ContentPart, Provider, ProviderLimits, ToolCall, ToolSpec } from './types.js';

export interface OpenAICompatibleSettings {
  baseUrl: string;
  model: string;
  apiKey?: string;
  thinking?: boolean;
  timeoutMs?: number;
  maxRetries?: number;
  /** First back-off delay; doubles per attempt (Retry-After wins when the server sends it). */
  retryBaseMs?: number;
  /** The longest Retry-After honoured before giving up on waiting. */
  maxRetryAfterMs?: number;
  stream?: boolean;
  preset?: Preset;
  limits: ProviderLimits;
}

type WireContent = string | ({ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } })[];
type WireMessage =
  | { role: 'system' | 'user'; content: WireContent }
  | { role: 'assistant'; content: string | null; tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[] }
  | { role: 'tool'; tool_call_id: string; content: string };

interface RawToolCall {
  id: string;
  name: string;
  arguments: string;
}

interface RawResponse {
  text: string;
  reasoning: string;
  toolCalls: RawToolCall[];
  usage: { inputTokens: number; outputTokens: number };
  finishReason: string | null;
}

class Retryable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
  }
}

export class OpenAICompatibleProvider implements Provider {
  readonly kind = 'openai-compatible' as const;
  readonly model: string;
  readonly limits: ProviderLimits;

  /** True once the server showed it cannot call tools: the tool list goes in the prompt instead. */
  private textProtocol = false;
  private sawToolCall = false;
  private textCalls = 0;

  constructor(private readonly s: OpenAICompatibleSettings) {
    this.model = s.model;
    this.limits = s.limits;
  }

  async complete(req: { system?: string; messages: ChatMessage[] }, opts: ChatOptions = {}): Promise<string> {
    const r = await this.chat({ ...req }, opts);
    return r.text;
  }

  async chat(req: ChatRequest, opts: ChatOptions = {}): Promise<ChatResponse> {
    const wantsTools = (req.tools?.length ?? 0) > 0;
    let messages = await this.wireMessages(req);
    let sentBytes = 0;
    const send = async (body: Record<string, unknown>): Promise<RawResponse> => {
      sentBytes += Buffer.byteLength(JSON.stringify(body));
      return this.send(body, opts);
    };
    let raw: RawResponse;
    try {
      raw = await send(this.body(req, messages));
    } catch (err) {
      // Ollama answers HTTP 400 "<model> does not support tools" (llava and many vision models).
      if (!(wantsTools && !this.textProtocol && err instanceof ProviderError && err.status === 400 && NO_TOOLS.test(err.message))) throw err;
      this.switchToText(opts, `the server said: ${err.message.slice(0, 160)}`);
      messages = await this.wireMessages(req);
      raw = await send(this.body(req, messages));
    }
    if (wantsTools && !this.textProtocol && !this.sawToolCall && raw.toolCalls.length === 0 && raw.text.trim() !== '' && textActions(raw.text).length === 0 && raw.finishReason !== 'length') {
      // The first answer is prose although tools were offered. A tool-capable model may just have
      // chosen to talk: ask once more with tool_choice "required" (OpenAI, vLLM, SGLang, LM Studio
      // honour it). A server that ignores tools answers prose again, or refuses the field: then the
      // tool list goes in the prompt (the text protocol). A model that calls tools never gets here again.
      let retried: RawResponse | undefined;
      let why = 'the first answer called no tool although tools were offered';
      try {
        retried = await send({ ...this.body(req, messages), tool_choice: 'required' });
      } catch (err) {
        if (!(err instanceof ProviderError && err.status === 400)) throw err;
        why = `${why}, and the server refused tool_choice "required" (${err.message.slice(0, 120)})`;
      }
      if (retried && retried.toolCalls.length > 0) {
        opts.onNotice?.(`model ${this.model}: its first answer called no tool; asked again with tool_choice "required", it called ${retried.toolCalls.map((c) => c.name).join(', ')}: staying with tool calls`);
        raw = retried;
      } else {
        if (retried) why = `${why}, nor with tool_choice "required"`;
        this.switchToText(opts, why);
        messages = await this.wireMessages(req);
        raw = await send(this.body(req, messages));
      }
    }
    if (wantsTools && !this.textProtocol && raw.toolCalls.length === 0 && textActions(raw.text).length > 0) this.switchToText(opts, 'the model wrote its action as text');
    if (this.textProtocol && wantsTools) {
      const actions = textActions(raw.text);
      const first = actions[0];
      const calls: ToolCall[] = first ? [{ id: `text_${++this.textCalls}`, name: first.name, args: first.args }] : [];
      if (!raw.text.trim() && !raw.reasoning.trim()) throw new ModelBehaviorError(`model ${this.model} answered nothing (finish_reason ${raw.finishReason ?? 'missing'})`);
      return {
        text: first ? raw.text.replace(first.span, '').trim() : raw.text,
        ...(raw.reasoning ? { reasoning: raw.reasoning } : {}),
        toolCalls: calls,
        usage: raw.usage,
        finishReason: raw.finishReason === 'length' ? 'length' : calls.length ? 'tool_calls' : 'stop',
        sentBytes,
        protocol: 'text',
      };
    }
    if (raw.toolCalls.length) this.sawToolCall = true;
    let parsed = parseCalls(raw.toolCalls);
    let usage = raw.usage;
    if (parsed.bad.length > 0) {
      // Ask again once, telling the model what was wrong; the exchange is not kept in the history.
      const retryMessages: WireMessage[] = [
        ...messages,
        {
          role: 'assistant',
          content: raw.text || null,
          tool_calls: raw.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })),
        },
        ...raw.toolCalls.map((c) => ({ role: 'tool' as const, tool_call_id: c.id, content: 'error: arguments were not valid JSON; nothing was done' })),
        {
          role: 'user',
          content: `Your call${parsed.bad.length > 1 ? 's' : ''} to ${parsed.bad.map((b) => b.name).join(', ')} had arguments that are not valid JSON. Make the same calls again with valid JSON arguments.`,
        },
      ];
      raw = await send(this.body(req, retryMessages));
      usage = { inputTokens: usage.inputTokens + raw.usage.inputTokens, outputTokens: usage.outputTokens + raw.usage.outputTokens };
      parsed = parseCalls(raw.toolCalls);
      if (parsed.bad.length > 0) {
        const b = parsed.bad[0]!;
        throw new ModelBehaviorError(`model ${this.model} sent invalid JSON arguments for ${b.name} twice (${JSON.stringify(b.arguments.slice(0, 120))})`);
      }
    }
    if (!raw.text.trim() && parsed.calls.length === 0 && !raw.reasoning.trim()) {
      throw new ModelBehaviorError(`model ${this.model} answered nothing (no text, no tool calls; finish_reason ${raw.finishReason ?? 'missing'})`);
    }
    return {
      text: raw.text,
      ...(raw.reasoning ? { reasoning: raw.reasoning } : {}),
      toolCalls: parsed.calls,
      usage,
      finishReason: raw.finishReason === 'stop' || raw.finishReason === 'tool_calls' || raw.finishReason === 'length' ? raw.finishReason : 'other',
      sentBytes,
      protocol: wantsTools ? 'tools' : 'none',
    };
  }

  /** Whether this provider has fallen back to the text protocol (for the trace and tests). */
  get protocol(): 'tools' | 'text' {
    return this.textProtocol ? 'text' : 'tools';
  }

  private switchToText(opts: ChatOptions, why: string): void {
    this.textProtocol = true;
    opts.onNotice?.(`model ${this.model}: no tool calling (${why}); using the text protocol: the tool list is in the prompt, one JSON action per answer`);
  }

  private body(req: ChatRequest, messages: WireMessage[]): Record<string, unknown> {
    const stream = this.s.stream !== false;
    const body: Record<string, unknown> = { model: this.s.model, messages, stream };
    if (req.tools?.length && !this.textProtocol) body.tools = req.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));
    if (req.temperature !== undefined) body.temperature = req.temperature;
    if (req.maxTokens !== undefined) body.max_tokens = req.maxTokens;
    if (stream && this.s.preset?.streamUsage) body.stream_options = { include_usage: true };
    if (this.s.thinking !== undefined) {
      const style = this.s.preset?.thinking ?? 'glm';
      if (style === 'glm') body.thinking = { type: this.s.thinking ? 'enabled' : 'disabled' };
      else if (style === 'chat-template-kwargs') body.chat_template_kwargs = { enable_thinking: this.s.thinking };
    }
    return body;
  }

  /**
   * Our messages → wire messages. Tool messages carry text only on this wire format, so the images a
   * tool call returned follow in one user message that names the call, each image right after a text
   * part with its label (source, page, figure or crop id): with three images the model can tell them apart.
   */
  private async wireMessages(req: ChatRequest): Promise<WireMessage[]> {
    // Newest images win when a request would carry more than the provider accepts; the rest are
    // replaced by a line saying so, never dropped silently.
    const allImages: { mi: number; pi: number }[] = [];
    req.messages.forEach((m, mi) => {
      if (typeof m.content !== 'string') m.content.forEach((p, pi) => p.type === 'image' && allImages.push({ mi, pi }));
    });
    const over = new Set(allImages.slice(0, Math.max(0, allImages.length - this.limits.maxImagesPerRequest)).map((x) => `${x.mi}:${x.pi}`));
    type Part = Exclude<WireContent, string>[number];
    const imageParts = async (p: Extract<ContentPart, { type: 'image' }>, left: boolean): Promise<Part[]> => {
      if (left) return [{ type: 'text', text: `[image ${p.label ?? ''} left out: over this model's ${this.limits.maxImagesPerRequest}-image limit per request; open it again to see it]` }];
      const fit = await fitImage(p, this.limits);
      return [
        { type: 'text', text: `Image: ${p.label ?? 'unlabelled'}` },
        { type: 'image_url', image_url: { url: `data:${fit.mime};base64,${Buffer.from(fit.data).toString('base64')}` } },
      ];
    };
    /** A user message's parts in order; each image is preceded by a text part with its label. */
    const content = async (parts: ContentPart[], mi: number): Promise<Part[]> => {
      const out: Part[] = [];
      for (const [pi, p] of parts.entries()) out.push(...(p.type === 'text' ? [{ type: 'text' as const, text: p.text }] : await imageParts(p, over.has(`${mi}:${pi}`))));
      return out;
    };
    /** A tool message: its text, and its labelled images apart (they go in the user message after it). */
    const split = async (parts: ContentPart[], mi: number): Promise<{ texts: string[]; images: Part[] }> => {
      const texts: string[] = [];
      const images: Part[] = [];
      for (const [pi, p] of parts.entries()) {
        if (p.type === 'text') texts.push(p.text);
        else if (over.has(`${mi}:${pi}`)) texts.push(...(await imageParts(p, true)).map((x) => (x.type === 'text' ? x.text : '')));
        else images.push(...(await imageParts(p, false)));
      }
      return { texts, images };
    };
    const text = this.textProtocol;
    const out: WireMessage[] = [];
    const system = text && req.tools?.length ? `${req.system ?? ''}\n\n${textProtocolPrompt(req.tools)}`.trim() : req.system;
    if (system) out.push({ role: 'system', content: system });
    let pending: Part[] = [];
    const flush = (): void => {
      if (pending.length) out.push({ role: 'user', content: pending });
      pending = [];
    };
    for (const [mi, m] of req.messages.entries()) {
      if (m.role !== 'tool') flush();
      if (m.role === 'user') out.push({ role: 'user', content: typeof m.content === 'string' ? m.content : await content(m.content, mi) });
      else if (m.role === 'assistant') {
        if (text) {
          // The text protocol: earlier actions are shown as the fenced blocks the model wrote.
          const actions = (m.toolCalls ?? []).map((c) => `\`\`\`json\n${JSON.stringify({ tool: c.name, arguments: c.args })}\n\`\`\``);
          out.push({ role: 'assistant', content: [m.content, ...actions].filter(Boolean).join('\n\n') || '(no answer)' });
        } else {
          out.push({
            role: 'assistant',
            content: m.content || null,
            ...(m.toolCalls?.length ? { tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: JSON.stringify(c.args) } })) } : {}),
          });
        }
      } else {
        const { texts, images } = typeof m.content === 'string' ? { texts: [m.content], images: [] } : await split(m.content, mi);
        const body = texts.join('\n');
        if (text) {
          // No tool role without tool calling: the result is a user message naming the action.
          pending.push({ type: 'text', text: `Result of ${m.name} (call ${m.toolCallId}):\n${body}` }, ...images);
          continue;
        }
        out.push({ role: 'tool', tool_call_id: m.toolCallId, content: body });
        if (images.length) pending.push({ type: 'text', text: `Images returned by call ${m.toolCallId} (${m.name}):` }, ...images);
      }
    }
    flush();
    // Strict chat templates want user and assistant turns to alternate: adjacent user messages become one.
    const merged: WireMessage[] = [];
    for (const m of out) {
      const prev = merged.at(-1);
      if (prev?.role === 'user' && m.role === 'user') {
        const parts = (c: WireContent): Exclude<WireContent, string> => (typeof c === 'string' ? [{ type: 'text', text: c }] : c);
        prev.content = [...parts(prev.content), ...parts(m.content)];
      } else merged.push(m);
    }
    return merged;
  }

  private async send(body: Record<string, unknown>, opts: ChatOptions): Promise<RawResponse> {
    const maxRetries = this.s.maxRetries ?? 3;
    const timeoutMs = this.s.timeoutMs ?? 120_000;
    const url = `${this.s.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: body.stream ? 'text/event-stream' : 'application/json' };
    if (this.s.apiKey) headers.authorization = `Bearer ${this.s.apiKey}`;
    const payload = JSON.stringify(body);
    for (let attempt = 0; ; attempt++) {
      opts.signal?.throwIfAborted();
      // The limit is on silence, not on the whole answer: every streamed chunk restarts it, so a
      // long reasoning answer that keeps coming is not cut, and a server that stalls is.
      const idle = new AbortController();
      let timer = setTimeout(() => idle.abort(), timeoutMs);
      const touch = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => idle.abort(), timeoutMs);
      };
      const timeout = idle.signal;
      const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
      let problem: Retryable;
      try {
        const res = await fetch(url, { method: 'POST', headers, body: payload, signal });
        if (res.status === 429 || res.status >= 500) {
          const detail = this.redact(await res.text().catch(() => ''));
          throw new Retryable(`HTTP ${res.status}${detail ? `: ${errorMessage(detail)}` : ''}`, retryAfter(res.headers.get('retry-after')), res.status);
        }
        if (!res.ok) {
          const detail = errorMessage(this.redact(await res.text().catch(() => '')));
          const hint = res.status === 401 || res.status === 403 ? ' (the API key was rejected: check it)' : res.status === 404 ? ` (check the base URL and the model id "${this.model}")` : '';
          throw new ProviderError(`${this.host()}: HTTP ${res.status}${hint}${detail ? `: ${detail}` : ''}`, { status: res.status });
        }
        const type = res.headers.get('content-type') ?? '';
        return type.includes('text/event-stream') ? await readStream(res, opts, touch) : parseJson(await res.text());
      } catch (err) {
        if (opts.signal?.aborted) throw new AbortedError();
        if (err instanceof ProviderError || err instanceof ModelBehaviorError) throw err;
        if (err instanceof Retryable) problem = err;
        else if (timeout.aborted) problem = new Retryable(`nothing from the server for ${timeoutMs >= 10_000 ? Math.round(timeoutMs / 1000) : (timeoutMs / 1000).toFixed(1)} s (--timeout sets the wait)`);
        else problem = new Retryable(`request failed: ${err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err)}`);
      } finally {
        clearTimeout(timer);
      }
      if (attempt >= maxRetries) throw new ProviderError(`${this.host()}: ${problem.message} (gave up after ${attempt + 1} attempts)`, problem.status !== undefined ? { status: problem.status } : {});
      const backoff = (this.s.retryBaseMs ?? 1000) * 2 ** attempt;
      const wait = problem.retryAfterMs !== undefined ? problem.retryAfterMs : backoff;
      if (wait > (this.s.maxRetryAfterMs ?? 120_000)) throw new ProviderError(`${this.host()}: ${problem.message}; the server asks to wait ${Math.round(wait / 1000)} s, longer than Folio waits`);
      await sleep(wait, opts.signal);
    }
  }

  private host(): string {
    try {
      return new URL(this.s.baseUrl).host;
    } catch {
      return this.s.baseUrl;
    }
  }

  private redact(s: string): string {
    return this.s.apiKey ? s.split(this.s.apiKey).join('***') : s;
  }
}

const NO_TOOLS = /does not support tools|tool choice requires --enable-auto-tool-choice|tools? (?:are |is )?not supported|tool(?:_choice| calling| use)? (?:is )?not (?:supported|enabled)|unsupported (?:parameter|field).{0,20}tools|unrecognized request argument.{0,20}tools/i;

/** The tool list and the answer format, for models without tool calling. Fixed for a run. */
export function textProtocolPrompt(tools: readonly ToolSpec[]): string {
  return [
    'Tools: this model is used without native tool calling. To act, end your answer with exactly one action in a fenced JSON block:',
    '```json\n{"tool": "<tool name>", "arguments": { ... }}\n```',
    'One action per answer; the result comes back in the next message. The tools:',
    ...tools.map((t) => `- ${t.name}: ${t.description}\n  arguments (JSON Schema): ${JSON.stringify(t.parameters)}`),
  ].join('\n');
}

/** Actions written as text: fenced JSON blocks (or a bare object) with a tool name and arguments, repaired tolerantly. */
export function textActions(text: string): { name: string; args: Record<string, unknown>; span: string }[] {
  const out: { name: string; args: Record<string, unknown>; span: string }[] = [];
  const spans = [...text.matchAll(/```[a-zA-Z]*\s*\n?([\s\S]*?)(?:```|$)/g)].map((m) => ({ span: m[0], body: m[1] ?? '' }));
  if (spans.length === 0) {
    const first = text.indexOf('{');
    if (first >= 0) spans.push({ span: text.slice(first), body: text.slice(first) });
  }
  for (const { span, body } of spans) {
    const o = parseToolArgs(body);
    if (!o) continue;
    const name = typeof o.tool === 'string' ? o.tool : typeof o.name === 'string' ? o.name : typeof o.action === 'string' ? o.action : undefined;
    const a = o.arguments ?? o.args ?? o.parameters ?? o.input ?? {};
    const args = typeof a === 'string' ? parseToolArgs(a) : a && typeof a === 'object' && !Array.isArray(a) ? (a as Record<string, unknown>) : null;
    if (name && /^[a-z_]+$/.test(name) && args) out.push({ name, args, span });
  }
  return out;
}

function parseCalls(raw: RawToolCall[]): { calls: ToolCall[]; bad: RawToolCall[] } {
  const calls: ToolCall[] = [];
  const bad: RawToolCall[] = [];
  for (const c of raw) {
    const args = parseToolArgs(c.arguments);
    if (args && c.name) calls.push({ id: c.id, name: c.name, args });
    else bad.push(c);
  }
  return { calls, bad };
}

function errorMessage(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: { message?: string } | string; message?: string };
    const m = typeof j.error === 'string' ? j.error : (j.error?.message ?? j.message);
    if (m) return m.slice(0, 300);
  } catch {
    // Not JSON: use the text itself.
  }
  return body.slice(0, 300);
}

function retryAfter(h: string | null): number | undefined {
  if (!h) return undefined;
  const secs = Number(h);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(h);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new AbortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface WireChoice {
  message?: { content?: string | null; reasoning_content?: string | null; tool_calls?: { id?: string; function?: { name?: string; arguments?: string } }[] };
  delta?: { content?: string | null; reasoning_content?: string | null; reasoning?: string | null; tool_calls?: { index?: number; id?: string; function?: { name?: string; arguments?: string } }[] };
  finish_reason?: string | null;
}
interface WireChunk {
  choices?: WireChoice[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string };
}

function parseJson(text: string): RawResponse {
  let j: WireChunk;
  try {
    j = JSON.parse(text) as WireChunk;
  } catch {
    throw new ModelBehaviorError(`the server answered something that is not a chat completion: ${JSON.stringify(text.slice(0, 120))}`);
  }
  if (j.error) throw new ProviderError(`the server answered with an error: ${j.error.message ?? 'unknown'}`);
  const c = j.choices?.[0];
  if (!c?.message) throw new ModelBehaviorError(`the server answered without a message: ${JSON.stringify(text.slice(0, 120))}`);
  return {
    text: c.message.content ?? '',
    reasoning: c.message.reasoning_content ?? '',
    toolCalls: (c.message.tool_calls ?? []).map((t, i) => ({ id: t.id ?? `call_${i}`, name: t.function?.name ?? '', arguments: t.function?.arguments ?? '' })),
    usage: { inputTokens: j.usage?.prompt_tokens ?? 0, outputTokens: j.usage?.completion_tokens ?? 0 },
    finishReason: c.finish_reason ?? null,
  };
}

async function readStream(res: Response, opts: ChatOptions, touch: () => void = () => {}): Promise<RawResponse> {
  if (!res.body) throw new Retryable('empty stream');
  const out: RawResponse = { text: '', reasoning: '', toolCalls: [], usage: { inputTokens: 0, outputTokens: 0 }, finishReason: null };
  const calls = new Map<number, RawToolCall>();
  let done = false;
  let buf = '';
  const decoder = new TextDecoder();
  const handle = (data: string): void => {
    if (data === '[DONE]') {
      done = true;
      return;
    }
    let chunk: WireChunk;
    try {
      chunk = JSON.parse(data) as WireChunk;
    } catch {
      throw new Retryable('the event stream carried a broken chunk');
    }
    if (chunk.error) throw new ProviderError(`the server reported an error mid-stream: ${chunk.error.message ?? 'unknown'}`);
    if (chunk.usage) out.usage = { inputTokens: chunk.usage.prompt_tokens ?? 0, outputTokens: chunk.usage.completion_tokens ?? 0 };
    for (const c of chunk.choices ?? []) {
      const d = c.delta ?? {};
      if (d.content) {
        out.text += d.content;
        opts.onDelta?.({ text: d.content });
      }
      const r = d.reasoning_content ?? d.reasoning;
      if (r) {
        out.reasoning += r;
        opts.onDelta?.({ reasoning: r });
      }
      for (const t of d.tool_calls ?? []) {
        const i = t.index ?? calls.size;
        const cur = calls.get(i) ?? { id: t.id ?? `call_${i}`, name: '', arguments: '' };
        if (t.id) cur.id = t.id;
        if (t.function?.name) cur.name += t.function.name;
        if (t.function?.arguments) cur.arguments += t.function.arguments;
        calls.set(i, cur);
      }
      if (c.finish_reason) out.finishReason = c.finish_reason;
    }
  };
  for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
    touch();
    buf += decoder.decode(bytes, { stream: true });
    let cut: number;
    while ((cut = buf.search(/\r?\n\r?\n/)) >= 0) {
      const event = buf.slice(0, cut);
      buf = buf.slice(cut).replace(/^\r?\n\r?\n/, '');
      const data = event
        .split(/\r?\n/)
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      if (data) handle(data);
    }
  }
  if (buf.trim().startsWith('data:')) handle(buf.trim().slice(5).trimStart());
  // A stream that stops before [DONE] and before any finish_reason was cut off: ask again.
  if (!done && out.finishReason === null) throw new Retryable('the event stream ended early (truncated answer)');
  out.toolCalls = [...calls.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
  return out;
}
