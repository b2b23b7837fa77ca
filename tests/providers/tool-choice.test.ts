// A model offered tools that answers the first request with prose. A tool-capable model may just
// have chosen to talk, so the provider asks once more with tool_choice "required" before falling
// back to the text protocol; either way a notice says what it decided. Servers differ here (looked
// up): recent vLLM/SGLang/LM Studio honour "required"; older vLLM answer 400 "The tool_choice option
// required is not yet supported"; some models under vLLM ignore it and answer prose again.
import { afterEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../engine/providers/index.js';
import type { ChatMessage, ToolSpec } from '../../engine/providers/types.js';
import { answer, startScriptedServer, textAction, type ScriptedServer, type Turn } from './scripted-server.js';

const TOOLS: ToolSpec[] = [{ name: 'list_sources', description: 'List the sources', parameters: { type: 'object', properties: {} } }];
const ASK: ChatMessage[] = [{ role: 'user', content: 'Goal: what is it about?' }];
const prose = answer({ text: 'I will start by looking at the sources you gave me.' });

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(turns: Turn[]) {
  server = await startScriptedServer(turns);
  const p = createProvider({ kind: 'openai-compatible', baseUrl: server.url, model: 'scripted-vl', retryBaseMs: 10, timeoutMs: 5000 });
  const notices: string[] = [];
  const r = await p.chat({ messages: ASK, tools: TOOLS }, { onNotice: (m) => notices.push(m) });
  server.assertDone();
  return { r, notices, protocol: (p as { protocol?: string }).protocol };
}

describe('a first answer in prose', () => {
  it('a tool-capable model: asked again with tool_choice "required", it calls the tool and the run keeps tool calls', async () => {
    const { r, notices, protocol } = await run([
      { name: 'prose', expect: (q) => expect(q.body.tool_choice).toBeUndefined(), reply: { kind: 'sse', chunks: prose } },
      { name: 'required', expect: (q) => expect([q.body.tool_choice, q.body.tools?.length]).toEqual(['required', 1]), reply: { kind: 'sse', chunks: answer({ calls: [{ name: 'list_sources', args: {} }] }) } },
    ]);
    expect(r.toolCalls.map((c) => c.name)).toEqual(['list_sources']);
    expect(protocol).toBe('tools');
    expect(notices).toEqual([expect.stringMatching(/asked again with tool_choice "required", it called list_sources: staying with tool calls/)]);
  });

  it('a server that ignores tools answers prose again: the text protocol, saying why', async () => {
    const { r, notices, protocol } = await run([
      { name: 'prose', reply: { kind: 'sse', chunks: prose } },
      { name: 'prose again', expect: (q) => expect(q.body.tool_choice).toBe('required'), reply: { kind: 'sse', chunks: prose } },
      { name: 'text protocol', expect: (q) => expect([q.body.tools, q.body.tool_choice]).toEqual([undefined, undefined]), reply: { kind: 'sse', chunks: textAction('list_sources', {}) } },
    ]);
    expect(r.toolCalls.map((c) => c.name)).toEqual(['list_sources']);
    expect(protocol).toBe('text');
    expect(notices).toEqual([expect.stringMatching(/no tool calling \(the first answer called no tool although tools were offered, nor with tool_choice "required"\); using the text protocol/)]);
  });

  it('an older vLLM refuses tool_choice "required" with a 400: the text protocol, quoting the server', async () => {
    const refused = { kind: 'status' as const, status: 400, body: JSON.stringify({ object: 'error', message: 'The tool_choice option required is not yet supported but on the roadmap.', type: 'BadRequestError', param: null, code: 400 }) };
    const { r, notices, protocol } = await run([
      { name: 'prose', reply: { kind: 'sse', chunks: prose } },
      { name: 'refused', reply: refused },
      { name: 'text protocol', reply: { kind: 'sse', chunks: textAction('list_sources', {}) } },
    ]);
    expect(r.toolCalls.map((c) => c.name)).toEqual(['list_sources']);
    expect(protocol).toBe('text');
    expect(notices[0]).toMatch(/the server refused tool_choice "required" \(.*not yet supported/);
  });
});
