// A scripted OpenAI-compatible chat/completions server on 127.0.0.1 for tests. It replays a
// recorded conversation turn by turn, checks what it receives (images as data URIs, valid tool
// schemas, the caller's own expectations) and can inject faults: 429 with Retry-After, 500, slow
// answers, truncated event streams, malformed tool-call JSON, garbage. It records every unexpected
// call and every failed check, and `assertDone()` fails on those and on scripted turns never used.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  body: {
    model?: string;
    stream?: boolean;
    messages: { role: string; content: unknown; tool_calls?: unknown[]; tool_call_id?: string }[];
    tools?: { type: string; function: { name: string; description?: string; parameters: Record<string, unknown> } }[];
    thinking?: unknown;
    [k: string]: unknown;
  };
  headers: IncomingMessage['headers'];
}

export type Reply =
  /** `chunkDelayMs`: a slow stream, one chunk at a time; `truncate`: the connection drops mid-answer. */
  | { kind: 'sse'; chunks: unknown[]; delayMs?: number; chunkDelayMs?: number; truncate?: boolean }
  | { kind: 'json'; body: unknown; delayMs?: number }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'raw'; contentType: string; body: string }
  | { kind: 'hang'; ms: number };

export interface Turn {
  /** Shown in failure messages. */
  name: string;
  /** Assertions on the request; a throw is recorded as a failure. */
  expect?: (req: ReceivedRequest) => void;
  /** A function answers from what it was sent (a plan that uses the ids the prompt lists). */
  reply: Reply | ((req: ReceivedRequest) => Reply);
}

export interface ScriptedServer {
  url: string;
  requests: ReceivedRequest[];
  failures: string[];
  /** Throws if any check failed, any call was unexpected, or any turn was not used. */
  assertDone(): void;
  close(): Promise<void>;
}

/** Streams a model answer: optional reasoning, text, and tool calls (arguments split over chunks). */
export function answer(opts: { text?: string; reasoning?: string; calls?: { name: string; args?: unknown; rawArgs?: string; id?: string }[]; usage?: [number, number] }): unknown[] {
  const chunks: unknown[] = [];
  const base = { id: 'chatcmpl-test', object: 'chat.completion.chunk', model: 'scripted' };
  if (opts.reasoning) chunks.push({ ...base, choices: [{ index: 0, delta: { role: 'assistant', reasoning_content: opts.reasoning } }] });
  if (opts.text) for (const piece of opts.text.match(/.{1,12}/gs) ?? []) chunks.push({ ...base, choices: [{ index: 0, delta: { content: piece } }] });
  (opts.calls ?? []).forEach((c, i) => {
    // As OpenAI streams them: id, type and name in the first delta (arguments ''), then the
    // arguments in small pieces that split JSON tokens anywhere.
    const args = c.rawArgs ?? JSON.stringify(c.args ?? {});
    chunks.push({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: i, id: c.id ?? `call_${i}`, type: 'function', function: { name: c.name, arguments: '' } }] } }] });
    for (const piece of args.match(/[\s\S]{1,7}/g) ?? []) chunks.push({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: i, function: { arguments: piece } }] } }] });
  });
  chunks.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: opts.calls?.length ? 'tool_calls' : 'stop' }] });
  if (opts.usage) chunks.push({ ...base, choices: [], usage: { prompt_tokens: opts.usage[0], completion_tokens: opts.usage[1] } });
  return chunks;
}

/**
 * A GLM-4.5V / GLM-5V stream: `reasoning_content` deltas first (several chunks), then the answer in
 * `content`, boxes as `<|begin_of_box|>[[x1,y1,x2,y2]]<|end_of_box|>` in 0–1000, as Z.ai streams them.
 */
export function glmAnswer(opts: { reasoning: string; text: string; usage?: [number, number] }): unknown[] {
  const base = { id: 'chatcmpl-glm', object: 'chat.completion.chunk', model: 'glm-5v-turbo' };
  const chunks: unknown[] = (opts.reasoning.match(/.{1,16}/gs) ?? []).map((r, i) => ({ ...base, choices: [{ index: 0, delta: { ...(i === 0 ? { role: 'assistant' } : {}), reasoning_content: r } }] }));
  for (const piece of opts.text.match(/.{1,10}/gs) ?? []) chunks.push({ ...base, choices: [{ index: 0, delta: { content: piece } }] });
  chunks.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], ...(opts.usage ? { usage: { prompt_tokens: opts.usage[0], completion_tokens: opts.usage[1], total_tokens: opts.usage[0] + opts.usage[1] } } : {}) });
  return chunks;
}

/**
 * Ollama's answer to a request with `tools` for a model whose template has none (HTTP 400), as its
 * OpenAI-compatible /v1 endpoint sends it (ollama/ollama#6027); /api/chat sends `{"error": "…"}`.
 */
export function ollamaNoTools(model = 'llava:latest'): Reply {
  return { kind: 'status', status: 400, body: JSON.stringify({ error: { message: `registry.ollama.ai/library/${model} does not support tools`, type: 'api_error', param: null, code: null } }) };
}

/** An answer in the text protocol (no tool calling): prose, then one fenced JSON action. */
export function textAction(name: string, args: unknown, prose = 'Next step.'): unknown[] {
  return answer({ text: `${prose}\n\n\`\`\`json\n${JSON.stringify({ tool: name, arguments: args })}\n\`\`\`` });
}

/** Checks every request makes sense as a chat/completions call: tool schemas and image parts. */
function checkRequest(req: ReceivedRequest): string[] {
  const problems: string[] = [];
  if (!Array.isArray(req.body.messages) || req.body.messages.length === 0) problems.push('no messages');
  for (const t of req.body.tools ?? []) {
    const p = t.function?.parameters;
    if (t.type !== 'function' || !/^[a-z_]+$/.test(t.function?.name ?? '')) problems.push(`bad tool entry ${JSON.stringify(t).slice(0, 80)}`);
    if (!p || p.type !== 'object' || typeof p.properties !== 'object') problems.push(`tool ${t.function?.name}: parameters is not an object schema`);
    if (!t.function?.description) problems.push(`tool ${t.function?.name}: no description`);
  }
  for (const m of req.body.messages ?? []) {
    if (!Array.isArray(m.content)) continue;
    for (const part of m.content as { type: string; image_url?: { url: string } }[]) {
      if (part.type === 'image_url' && !/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/.test(part.image_url?.url ?? '')) problems.push('an image part is not a base64 PNG/JPEG data URI');
    }
  }
  return problems;
}

/**
 * `mode: 'sequence'` answers turn after turn; `rest` (sequence mode) answers every call after the
 * script (a writer's per-section requests, whose number the test counts itself). `mode: 'by-turn'` answers by how many assistant
 * messages the request carries, so a resumed run that repeats an interrupted step gets the same
 * answer again (the way a deterministic model would).
 */
export async function startScriptedServer(turns: Turn[], opts: { mode?: 'sequence' | 'by-turn'; rest?: Turn } = {}): Promise<ScriptedServer> {
  const mode = opts.mode ?? 'sequence';
  const requests: ReceivedRequest[] = [];
  const failures: string[] = [];
  const used = new Set<number>();
  let next = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      failures.push(`server error: ${String(err)}`);
      res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const c of req) raw += String(c);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      failures.push(`unexpected ${req.method} ${req.url}`);
      res.writeHead(404).end();
      return;
    }
    const received: ReceivedRequest = { body: JSON.parse(raw) as ReceivedRequest['body'], headers: req.headers };
    requests.push(received);
    for (const p of checkRequest(received)) failures.push(`request ${requests.length}: ${p}`);
    const index = mode === 'sequence' ? next++ : received.body.messages.filter((m) => m.role === 'assistant').length;
    const turn = turns[index] ?? (mode === 'sequence' ? opts.rest : undefined);
    if (!turn) {
      failures.push(`unexpected call #${requests.length} (turn ${index}; the script has ${turns.length} turns)`);
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'unexpected call' } }));
      return;
    }
    if (turns[index]) used.add(index);
    try {
      turn.expect?.(received);
    } catch (err) {
      failures.push(`turn "${turn.name}": ${err instanceof Error ? err.message : String(err)}`);
    }
    let reply: Reply;
    try {
      reply = typeof turn.reply === 'function' ? turn.reply(received) : turn.reply;
    } catch (err) {
      failures.push(`turn "${turn.name}": its reply failed: ${err instanceof Error ? err.message : String(err)}`);
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'scripted reply failed' } }));
      return;
    }
    await send(res, reply);
  }

  async function send(res: ServerResponse, r: Reply): Promise<void> {
    const wait = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));
    switch (r.kind) {
      case 'status':
        res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers }).end(r.body ?? JSON.stringify({ error: { message: `scripted ${r.status}` } }));
        return;
      case 'raw':
        res.writeHead(200, { 'content-type': r.contentType }).end(r.body);
        return;
      case 'hang':
        await wait(r.ms);
        if (!res.destroyed) res.destroy();
        return;
      case 'json':
        if (r.delayMs) await wait(r.delayMs);
        if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(r.body));
        return;
      case 'sse': {
        if (r.delayMs) await wait(r.delayMs);
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const chunks = r.truncate ? r.chunks.slice(0, Math.max(1, Math.floor(r.chunks.length / 2))) : r.chunks;
        for (const c of chunks) {
          if (r.chunkDelayMs) await wait(r.chunkDelayMs);
          if (res.destroyed) return;
          res.write(`data: ${JSON.stringify(c)}\n\n`);
        }
        if (r.truncate) {
          // Cut the connection mid-answer: no finish_reason, no [DONE].
          res.destroy();
          return;
        }
        res.end('data: [DONE]\n\n');
        return;
      }
    }
  }

  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    failures,
    assertDone() {
      const unused = turns.map((t, i) => (used.has(i) ? null : t.name)).filter((x): x is string => x !== null);
      const all = [...failures, ...(unused.length ? [`unused turns: ${unused.join(', ')}`] : [])];
      if (all.length) throw new Error(`scripted model:\n  ${all.join('\n  ')}`);
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
