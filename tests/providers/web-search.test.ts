// Web search providers against a local scripted server (no internet): SearXNG's JSON API, Brave and
// Tavily, their errors, and a research run whose model calls web_search (off unless --network + a provider).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runResearch } from '../../engine/agent/index.js';
import { createWebSearch, webSearchFrom } from '../../engine/providers/index.js';
import { corpus } from '../helpers/corpus.js';
import { answer, startScriptedServer } from './scripted-server.js';

let server: Server;
let base = '';
const seen: { url: string; headers: Record<string, unknown>; body: string }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += String(c)));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body });
      const u = new URL(req.url ?? '/', 'http://x');
      const json = (status: number, v: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(v));
      if (u.pathname === '/closed/search') return json(403, { error: 'forbidden' });
      if (u.pathname === '/search' && req.method === 'GET') {
        return json(200, { query: u.searchParams.get('q'), results: [{ title: 'OTSL paper', url: 'https://arxiv.org/abs/2305.03393', content: 'Optimized <b>table</b> structure language' }, { title: 'no url', url: 'javascript:x', content: '' }] });
      }
      if (u.pathname === '/res/v1/web/search') {
        if (req.headers['x-subscription-token'] !== 'brave-key') return json(401, {});
        return json(200, { web: { results: [{ title: 'Brave hit', url: 'https://example.org/a', description: 'from brave' }] } });
      }
      if (u.pathname === '/search' && req.method === 'POST') {
        if (req.headers.authorization !== 'Bearer tv-key') return json(401, {});
        return json(200, { results: [{ title: 'Tavily hit', url: 'https://example.org/t', content: 'from tavily' }] });
      }
      json(404, {});
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
const signal = new AbortController().signal;

describe('web search providers', () => {
  it('SearXNG: GET /search?format=json, results cleaned and cut to k', async () => {
    const s = createWebSearch({ kind: 'searxng', baseUrl: base });
    expect(s.name).toBe(`searxng ${new URL(base).host}`);
    expect(await s.search('OTSL tables', { signal, k: 5 })).toEqual([{ title: 'OTSL paper', url: 'https://arxiv.org/abs/2305.03393', snippet: 'Optimized table structure language' }]);
    expect(seen.at(-1)!.url).toBe('/search?q=OTSL+tables&format=json');
  });
  it('SearXNG without the JSON format enabled: a 403 that says what to change', async () => {
    await expect(createWebSearch({ kind: 'searxng', baseUrl: `${base}/closed` }).search('x', { signal, k: 3 })).rejects.toThrow(/HTTP 403 \(enable the JSON format/);
  });
  it('Brave and Tavily: the key from the environment, in their own header', async () => {
    const brave = createWebSearch({ kind: 'brave', baseUrl: base }, { BRAVE_API_KEY: 'brave-key' });
    expect(await brave.search('q', { signal, k: 3 })).toEqual([{ title: 'Brave hit', url: 'https://example.org/a', snippet: 'from brave' }]);
    expect(seen.at(-1)!.url).toBe('/res/v1/web/search?q=q&count=3');
    const tavily = createWebSearch({ kind: 'tavily', baseUrl: base }, { TAVILY_API_KEY: 'tv-key' });
    expect(await tavily.search('q', { signal, k: 2 })).toEqual([{ title: 'Tavily hit', url: 'https://example.org/t', snippet: 'from tavily' }]);
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ query: 'q', max_results: 2 });
    expect(() => createWebSearch({ kind: 'brave' }, {})).toThrow(/set the environment variable BRAVE_API_KEY/);
    await expect(createWebSearch({ kind: 'brave', baseUrl: base }, { BRAVE_API_KEY: 'wrong' }).search('q', { signal, k: 1 })).rejects.toThrow(/HTTP 401 \(check the API key\)/);
  });
  it('settings: off unless asked; searxng needs its URL; unknown kinds named', () => {
    expect(webSearchFrom(undefined, undefined)).toBeUndefined();
    expect(() => webSearchFrom('searxng', undefined)).toThrow(/needs --search-url/);
    expect(() => webSearchFrom('google', undefined)).toThrow(/unknown web search provider "google"/);
  });
  it('a research run with --network and SearXNG: the model searches, the trace shows it', async () => {
    const model = await startScriptedServer([
      { name: 'search', expect: (r) => expect(r.body.tools?.map((t) => t.function.name)).toContain('web_search'), reply: { kind: 'sse', chunks: answer({ calls: [{ name: 'web_search', args: { query: 'OTSL tables', k: 3 } }] }) } },
      {
        name: 'finish',
        expect: (r) => expect(r.body.messages.filter((m) => m.role === 'tool').map((m) => String(m.content)).join('\n')).toContain('https://arxiv.org/abs/2305.03393'),
        reply: { kind: 'sse', chunks: answer({ calls: [{ name: 'finish', args: { summary: 'Found the paper online.' } }] }) },
      },
    ]);
    const events: { type: string; message: string }[] = [];
    try {
      const s = await runResearch({
        goal: 'Find OTSL online',
        sources: [corpus('annotated/docling/2305.03393v1-pg9.pdf')],
        runDir: path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-ws-')), 'run'),
        provider: { kind: 'openai-compatible', baseUrl: model.url, model: 'scripted-vl', retryBaseMs: 10 },
        network: true,
        webSearch: createWebSearch({ kind: 'searxng', baseUrl: base }),
        onEvent: (e) => events.push(e),
      });
      model.assertDone();
      expect(s.status).toBe('finished');
      expect(events.some((e) => e.type === 'notice' && e.message === `web search (searxng ${new URL(base).host}): OTSL tables`)).toBe(true);
      expect(events.some((e) => e.type === 'tool-result' && /1 web results \(searxng/.test(e.message))).toBe(true);
    } finally {
      await model.close();
    }
  });
});
