// Settings → model providers: "Test connection" against real HTTP servers on 127.0.0.1 (the
// providers' scripted OpenAI-compatible server, and a small one with a model list), with typed
// failures; a provider of the same name is replaced only when asked, and an edit keeps its place.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProviderSettings, Settings } from '../../electron/contract/contract.ts';
import { startScriptedServer } from '../providers/scripted-server.ts';
import { caller, startServices } from './harness.ts';

const work = mkdtempSync(path.join(tmpdir(), 'folio-settings-provider-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A server with GET /v1/models that wants `Bearer right-key`; records what it was sent. */
async function modelList(): Promise<{ server: Server; url: string; seen: { url: string; auth: string }[] }> {
  const seen: { url: string; auth: string }[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization ?? '' });
    if (req.headers.authorization !== 'Bearer right-key') return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"Incorrect API key provided"}}');
    if (req.url === '/v1/models') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'qwen2.5-vl' }, { id: 'llama3' }] }));
    res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, seen };
}

describe('settings: model providers', () => {
  it('tests a connection: model list, key refused, one-token fallback, nothing listening, network off', async () => {
    const services = await startServices(path.join(work, 'a'));
    const call = caller(services);
    const list = await modelList();
    const scripted = await startScriptedServer([{ name: 'one token', expect: (r) => expect(r.body.max_tokens).toBe(1), reply: { kind: 'json', body: { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'OK' }, finish_reason: 'length' }] } } }]);
    const draft = (baseUrl: string, model = 'qwen2.5-vl'): ProviderSettings => ({ id: 'local', label: 'Local', kind: 'openai-compatible', baseUrl, model });
    try {
      // A typed key for a draft, and the stored one for a saved provider.
      expect(await call('settings.testProvider', { provider: draft(list.url), apiKey: 'right-key' })).toMatchObject({ ok: true, data: { ok: true, modelListed: true, models: ['qwen2.5-vl', 'llama3'], message: expect.stringMatching(/^Connected: qwen2\.5-vl is among the 2 models/) } });
      await call('settings.saveProvider', { provider: draft(list.url, 'gpt-9'), apiKey: 'right-key' });
      expect(await call('settings.testProvider', { provider: draft(list.url, 'gpt-9') })).toMatchObject({ ok: true, data: { ok: true, modelListed: false, message: expect.stringContaining('does not list gpt-9; it lists qwen2.5-vl, llama3') } });
      expect(list.seen.at(-1)).toEqual({ url: '/v1/models', auth: 'Bearer right-key' });
      expect(await call('settings.testProvider', { provider: draft(list.url), apiKey: 'wrong' })).toMatchObject({ ok: true, data: { ok: false, code: 'AUTH', status: 401, message: expect.stringContaining('Incorrect API key provided') } });

      // The scripted server has no /models: one token of chat shows URL and model work.
      expect(await call('settings.testProvider', { provider: draft(scripted.url, 'scripted-vl'), apiKey: null })).toMatchObject({ ok: true, data: { ok: true, message: expect.stringMatching(/scripted-vl answered a one-token request/) } });
      expect(scripted.requests).toHaveLength(1);
      expect(scripted.failures).toEqual([expect.stringMatching(/^unexpected GET \/v1\/models/)]);

      // Nothing on the port: a clear reason, not "fetch failed".
      const closed = createServer();
      await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((ok) => closed.close(() => ok()));
      expect(await call('settings.testProvider', { provider: draft(`http://127.0.0.1:${port}/v1`), apiKey: null })).toMatchObject({ ok: true, data: { ok: false, code: 'UNREACHABLE', message: `Could not reach 127.0.0.1:${port}: connection refused: is the server running on that port?` } });

      // A remote endpoint with the network off: refused before anything is sent.
      await call('settings.set', { network: false });
      expect(await call('settings.testProvider', { provider: draft('https://api.example.com/v1'), apiKey: 'k' })).toMatchObject({ ok: true, data: { ok: false, code: 'NETWORK_OFF', message: expect.stringMatching(/^api\.example\.com is on the network, which is off/) } });
    } finally {
      await services.close();
      await scripted.close();
      list.server.close();
    }
  });

  it('asks before replacing a provider of the same name; an edit keeps its place, its key and the choice', async () => {
    const services = await startServices(path.join(work, 'b'));
    const call = caller(services);
    try {
      const first: ProviderSettings = { id: 'my-server', label: 'My server', kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:1/v1', model: 'a' };
      await call('settings.saveProvider', { provider: first, apiKey: 'key-1', onConflict: 'refuse' });
      await call('settings.saveProvider', { provider: { id: 'other', label: 'Other', kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:2/v1', model: 'b' }, onConflict: 'refuse' });
      await call('settings.set', { activeProviderId: 'my-server' });
      // Same name, another id (as "Add" makes it from a differently spelt name): refused, nothing changed.
      const again = { ...first, id: 'my-server-2', label: 'my server', model: 'c' };
      expect(await call('settings.saveProvider', { provider: again, onConflict: 'refuse' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'a provider named "My server" exists already' } });
      let s = ((await call('settings.get')) as { data: Settings }).data;
      expect(s.providers.map((p) => p.id)).toEqual(['offline', 'my-server', 'other']);
      // Edit in place: same id, the key kept (apiKey left out), the place and the active choice kept.
      s = ((await call('settings.saveProvider', { provider: { ...first, model: 'a2' } })) as { data: Settings }).data;
      expect(s.providers.map((p) => [p.id, p.model, p.hasKey])).toEqual([['offline', undefined, false], ['my-server', 'a2', true], ['other', 'b', false]]);
      expect(s.activeProviderId).toBe('my-server');
      // Replace when asked: the new one takes the old one's place and the active choice; the old key goes.
      s = ((await call('settings.saveProvider', { provider: again, onConflict: 'replace' })) as { data: Settings }).data;
      expect(s.providers.map((p) => [p.id, p.model, p.hasKey])).toEqual([['offline', undefined, false], ['my-server-2', 'c', false], ['other', 'b', false]]);
      expect(s.activeProviderId).toBe('my-server-2');
      expect(await services.host.secrets.get('provider:my-server')).toBeNull();
      expect(await call('settings.saveProvider', { provider: { ...first, id: 'x', label: 'Offline (no model)' } })).toMatchObject({ ok: false, error: { code: 'USER_INPUT' } });
    } finally {
      await services.close();
    }
  });
});
