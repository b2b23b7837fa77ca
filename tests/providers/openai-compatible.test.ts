// The OpenAI-compatible provider against a scripted server: streaming tool calls and reasoning,
// images as data URIs within the provider's limits, retries (429 + Retry-After, 500, slow answers,
// truncated streams), malformed tool JSON (repaired, re-asked once, then ModelBehaviorError), key
// handling and garbage answers.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelBehaviorError, ProviderError, UserInputError } from '../../engine/errors.js';
import { createProvider, resolveConfig, type ProviderConfig } from '../../engine/providers/index.js';
import type { ChatMessage, ToolSpec } from '../../engine/providers/types.js';
import { answer, startScriptedServer, type ScriptedServer, type Turn } from './scripted-server.js';

const TOOLS: ToolSpec[] = [
  {
    name: 'add_note',
    description: 'Record a finding',
    parameters: { type: 'object', properties: { text: { type: 'string' }, page: { type: 'integer' } }, required: ['text'] },
  },
];
const ASK: ChatMessage[] = [{ role: 'user', content: 'Note one finding.' }];
const KEY = 'sk-test-secret-123456';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function providerFor(turns: Turn[], extra: Partial<Extract<ProviderConfig, { kind: 'openai-compatible' }>> = {}) {
  server = await startScriptedServer(turns);
  return createProvider({ kind: 'openai-compatible', baseUrl: server.url, model: 'scripted-vl', apiKey: KEY, retryBaseMs: 20, timeoutMs: 5000, ...extra });
}

async function png(w: number, h: number): Promise<Uint8Array> {
  const c = createCanvas(w, h);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#c00';
  ctx.fillRect(w / 4, h / 4, w / 2, h / 2);
  return new Uint8Array(await c.encode('png'));
}

const noteCall = answer({ reasoning: 'The page says X.', calls: [{ name: 'add_note', args: { text: 'X holds', page: 3 } }], usage: [120, 30] });

describe('openai-compatible provider', () => {
  it('streams tool calls and reasoning, sends images as data URIs, tool schemas and the key', async () => {
    const image = await png(300, 200);
    const p = await providerFor([
      {
        name: 'first',
        expect: (r) => {
          expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
          expect(r.body.stream).toBe(true);
          expect(r.body.tools?.map((t) => t.function.name)).toEqual(['add_note']);
          const user = r.body.messages.find((m) => m.role === 'user');
          const parts = user?.content as { type: string; image_url?: { url: string } }[];
          // Each image comes right after a text part with its label.
          expect(parts.map((x) => x.type)).toEqual(['text', 'text', 'image_url']);
          expect(parts[1]).toEqual({ type: 'text', text: 'Image: p. 1' });
          expect(Buffer.from(parts[2]!.image_url!.url.split(',')[1]!, 'base64').equals(Buffer.from(image))).toBe(true);
        },
        reply: { kind: 'sse', chunks: noteCall },
      },
    ]);
    const deltas: string[] = [];
    const r = await p.chat(
      { system: 'sys', messages: [{ role: 'user', content: [{ type: 'text', text: 'Look.' }, { type: 'image', mime: 'image/png', data: image, label: 'p. 1' }] }], tools: TOOLS },
      { onDelta: (d) => d.reasoning && deltas.push(d.reasoning) },
    );
    expect(r.toolCalls).toEqual([{ id: 'call_0', name: 'add_note', args: { text: 'X holds', page: 3 } }]);
    expect(r.reasoning).toBe('The page says X.');
    expect(deltas.join('')).toBe('The page says X.');
    expect(r.usage).toEqual({ inputTokens: 120, outputTokens: 30 });
    server!.assertDone();
  });

  it('puts images returned by tools in a user message right after the tool replies', async () => {
    const image = await png(64, 64);
    const p = await providerFor([
      {
        name: 'after tool',
        expect: (r) => {
          const roles = r.body.messages.map((m) => m.role);
          expect(roles).toEqual(['user', 'assistant', 'tool', 'user']);
          expect(typeof r.body.messages[2]!.content).toBe('string');
          expect(JSON.stringify(r.body.messages[3]!.content)).toContain('data:image/png;base64,');
        },
        reply: { kind: 'sse', chunks: answer({ text: 'done' }) },
      },
    ]);
    await p.chat({
      messages: [
        ...ASK,
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'read_page', args: { page: 1 } }] },
        { role: 'tool', toolCallId: 'c1', name: 'read_page', content: [{ type: 'text', text: '{"blocks":[]}' }, { type: 'image', mime: 'image/png', data: image, label: 'page 1' }] },
      ],
    });
    server!.assertDone();
  });

  it('downscales an image over the provider limit and leaves out images beyond the per-request count, saying so', async () => {
    const big = await png(2400, 1200);
    server = await startScriptedServer([
      {
        name: 'limits',
        expect: (r) => {
          const parts = r.body.messages[0]!.content as { type: string; text?: string; image_url?: { url: string } }[];
          const images = parts.filter((x) => x.type === 'image_url');
          expect(images).toHaveLength(2);
          expect(parts.some((x) => x.type === 'text' && /left out: over this model's 2-image limit/.test(x.text ?? ''))).toBe(true);
        },
        reply: { kind: 'sse', chunks: answer({ text: 'ok' }) },
      },
    ]);
    const p = createProvider({ kind: 'openai-compatible', baseUrl: server.url, model: 'm', apiKey: KEY });
    // Shrink this provider's limits the way a GLM preset sets them (6000 px, 5 MB, 50 images), scaled down.
    Object.assign(p.limits, { maxImageSide: 800, maxImageBytes: 200_000, maxImagesPerRequest: 2 });
    await p.chat({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', mime: 'image/png', data: big, label: 'old' },
            { type: 'image', mime: 'image/png', data: big, label: 'a' },
            { type: 'image', mime: 'image/png', data: big, label: 'b' },
          ],
        },
      ],
    });
    const sent = (server.requests[0]!.body.messages[0]!.content as { type: string; image_url?: { url: string } }[]).filter((x) => x.type === 'image_url');
    for (const s of sent) {
      const bytes = Buffer.from(s.image_url!.url.split(',')[1]!, 'base64');
      expect(bytes.length).toBeLessThanOrEqual(200_000);
      const img = await loadImage(bytes);
      expect(Math.max(img.width, img.height)).toBeLessThanOrEqual(800);
      expect(img.width / img.height).toBeCloseTo(2, 1);
    }
    server.assertDone();
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    const p = await providerFor([
      { name: '429', reply: { kind: 'status', status: 429, headers: { 'retry-after': '1' } } },
      { name: 'ok', reply: { kind: 'sse', chunks: noteCall } },
    ]);
    const t0 = performance.now();
    const r = await p.chat({ messages: ASK, tools: TOOLS });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950);
    expect(r.toolCalls[0]?.name).toBe('add_note');
    server!.assertDone();
  });

  it('retries 500s with back-off and gives up with a ProviderError after maxRetries', async () => {
    const p1 = await providerFor([
      { name: '500 a', reply: { kind: 'status', status: 500 } },
      { name: '502', reply: { kind: 'status', status: 502 } },
      { name: 'ok', reply: { kind: 'sse', chunks: noteCall } },
    ]);
    expect((await p1.chat({ messages: ASK, tools: TOOLS })).toolCalls).toHaveLength(1);
    server!.assertDone();
    await server!.close();
    const p2 = await providerFor(
      [
        { name: '503 a', reply: { kind: 'status', status: 503, body: JSON.stringify({ error: { message: 'overloaded' } }) } },
        { name: '503 b', reply: { kind: 'status', status: 503, body: JSON.stringify({ error: { message: 'overloaded' } }) } },
      ],
      { maxRetries: 1 },
    );
    const err = await p2.chat({ messages: ASK }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toMatch(/HTTP 503: overloaded \(gave up after 2 attempts\)/);
    server!.assertDone();
  });

  it('times out a slow answer and asks again', async () => {
    const p = await providerFor(
      [
        { name: 'slow', reply: { kind: 'hang', ms: 1500 } },
        { name: 'ok', reply: { kind: 'sse', chunks: noteCall } },
      ],
      { timeoutMs: 300 },
    );
    const r = await p.chat({ messages: ASK, tools: TOOLS });
    expect(r.toolCalls[0]?.args).toEqual({ text: 'X holds', page: 3 });
    server!.assertDone();
  });

  it('a slow stream that keeps coming is not cut by the timeout (it limits silence); a stalled one is', async () => {
    // noteCall arrives over well beyond 300 ms, but never 300 ms without a chunk.
    const p = await providerFor(
      [
        { name: 'slow but steady', reply: { kind: 'sse', chunks: noteCall, chunkDelayMs: 80 } },
        { name: 'stalls', reply: { kind: 'sse', chunks: noteCall, delayMs: 800 } },
        { name: 'stalls again', reply: { kind: 'sse', chunks: noteCall, delayMs: 800 } },
      ],
      { timeoutMs: 300, maxRetries: 1 },
    );
    const t0 = Date.now();
    const r = await p.chat({ messages: ASK, tools: TOOLS });
    expect(Date.now() - t0).toBeGreaterThan(300);
    expect(r.toolCalls[0]?.args).toEqual({ text: 'X holds', page: 3 });
    await expect(p.chat({ messages: ASK, tools: TOOLS })).rejects.toThrow(/nothing from the server for 0\.3 s \(--timeout sets the wait\) \(gave up after 2 attempts\)/);
    server!.assertDone();
  });

  it('asks again when the event stream is cut off before the answer ends', async () => {
    const p = await providerFor([
      { name: 'truncated', reply: { kind: 'sse', chunks: noteCall, truncate: true } },
      { name: 'whole', reply: { kind: 'sse', chunks: noteCall } },
    ]);
    const r = await p.chat({ messages: ASK, tools: TOOLS });
    expect(r.toolCalls[0]?.args).toEqual({ text: 'X holds', page: 3 });
    server!.assertDone();
  });

  it('repairs slightly broken tool JSON without asking again', async () => {
    const p = await providerFor([{ name: 'trailing comma', reply: { kind: 'sse', chunks: answer({ calls: [{ name: 'add_note', rawArgs: "```json\n{text: 'Y holds', page: 4,}\n```" }] }) } }]);
    const r = await p.chat({ messages: ASK, tools: TOOLS });
    expect(r.toolCalls[0]?.args).toEqual({ text: 'Y holds', page: 4 });
    server!.assertDone();
  });

  it('asks once more on tool JSON beyond repair, then fails with ModelBehaviorError', async () => {
    const garbage = answer({ calls: [{ name: 'add_note', rawArgs: 'text = "Y" and page four' }] });
    const p = await providerFor([
      { name: 'bad', reply: { kind: 'sse', chunks: garbage } },
      {
        name: 're-ask',
        expect: (r) => expect(String(r.body.messages.at(-1)?.content)).toMatch(/add_note had arguments that are not valid JSON/),
        reply: { kind: 'sse', chunks: noteCall },
      },
      { name: 'bad again 1', reply: { kind: 'sse', chunks: garbage } },
      { name: 'bad again 2', reply: { kind: 'sse', chunks: garbage } },
    ]);
    expect((await p.chat({ messages: ASK, tools: TOOLS })).toolCalls[0]?.args).toEqual({ text: 'X holds', page: 3 });
    const err = await p.chat({ messages: ASK, tools: TOOLS }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelBehaviorError);
    expect((err as Error).message).toMatch(/invalid JSON arguments for add_note twice/);
    server!.assertDone();
  });

  it('reports garbage and empty answers as ModelBehaviorError', async () => {
    const p = await providerFor(
      [
        { name: 'html', reply: { kind: 'raw', contentType: 'text/html', body: '<html>gateway</html>' } },
        { name: 'empty', reply: { kind: 'sse', chunks: [{ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }] } },
      ],
      { stream: false },
    );
    await expect(p.chat({ messages: ASK })).rejects.toThrow(ModelBehaviorError);
    await expect(p.chat({ messages: ASK })).rejects.toThrow(/answered nothing/);
    server!.assertDone();
  });

  it('a rejected key gives a ProviderError that never contains the key', async () => {
    const p = await providerFor([{ name: '401', reply: { kind: 'status', status: 401, body: JSON.stringify({ error: { message: `invalid key ${KEY}` } }) } }]);
    const err = (await p.chat({ messages: ASK }).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.message).toMatch(/HTTP 401 \(the API key was rejected/);
    expect(err.message).not.toContain(KEY);
    server!.assertDone();
  });

  it('switches GLM thinking in the request body', async () => {
    server = await startScriptedServer([{ name: 'thinking off', expect: (r) => expect(r.body.thinking).toEqual({ type: 'disabled' }), reply: { kind: 'sse', chunks: answer({ text: 'ok' }) } }]);
    const p = createProvider({ kind: 'openai-compatible', preset: 'glm-5v-turbo', baseUrl: server.url, model: 'glm-5v-turbo', apiKey: KEY, thinking: false });
    expect(await p.complete({ messages: ASK })).toBe('ok');
    server.assertDone();
  });

  it('the scripted server itself fails on unexpected and unused calls', async () => {
    const p = await providerFor([{ name: 'only', reply: { kind: 'sse', chunks: answer({ text: 'a' }) } }, { name: 'never used', reply: { kind: 'sse', chunks: answer({ text: 'b' }) } }], { maxRetries: 0 });
    await p.chat({ messages: ASK });
    expect(() => server!.assertDone()).toThrow(/unused turns: never used/);
    await p.chat({ messages: ASK });
    await expect(p.chat({ messages: ASK })).rejects.toThrow(ProviderError);
    expect(() => server!.assertDone()).toThrow(/unexpected call #3/);
  });
});

describe('provider configuration', () => {
  it('a hosted preset without its key names the variable to set', () => {
    expect(() => createProvider(resolveConfig({ preset: 'glm-5v-turbo' }), {})).toThrow(/no API key: set the environment variable ZAI_API_KEY/);
    expect(() => createProvider(resolveConfig({ preset: 'openai', apiKeyEnv: 'MY_KEY' }), {})).toThrow(/MY_KEY/);
  });
  it('reads the key from the environment; presets fill URL and model', () => {
    const c = resolveConfig({ preset: 'glm-5v-turbo' });
    expect(c).toMatchObject({ baseUrl: 'https://api.z.ai/api/paas/v4', model: 'glm-5v-turbo', apiKeyEnv: 'ZAI_API_KEY' });
    expect(createProvider(c, { ZAI_API_KEY: 'k' }).model).toBe('glm-5v-turbo');
  });
  it('rejects an unknown preset, a bad URL and a local preset without a model', () => {
    expect(() => resolveConfig({ preset: 'nope' })).toThrow(UserInputError);
    expect(() => createProvider({ kind: 'openai-compatible', baseUrl: 'not a url', model: 'm' })).toThrow(/not a valid base URL/);
    expect(() => resolveConfig({ preset: 'ollama' })).toThrow(/give --model/);
  });
});
