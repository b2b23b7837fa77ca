// The bridge refuses an oversized body with a 413 the client actually receives, naming what was too
// large (issue 28). Before, it destroyed the socket mid-upload: the browser saw a network error, not
// the reason, and a body that declared its size was still read up to the limit first.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../electron/contract/contract.ts';
import { startBridge, type Bridge } from '../../electron/server/bridge.ts';
import type { AppServices } from '../../electron/services/app-services.ts';

let bridge: Bridge;
let dispatched = 0;

beforeAll(async () => {
  // Only what the bridge touches before a body is read: the event bus, and dispatch (counted).
  const services = {
    bus: { on: () => () => undefined },
    dispatch: () => {
      dispatched++;
      return Promise.resolve({ ok: true, data: null });
    },
  } as unknown as AppServices;
  bridge = await startBridge(services, { bundle: () => Promise.resolve({ js: '', css: '' }) as never, port: 0 });
});
afterAll(() => bridge.close());

function post(path: string, headers: Record<string, string | number>, body: (req: ReturnType<typeof request>) => void): Promise<{ status: number; json: { ok: boolean; error?: { code: string; message: string } } }> {
  const u = new URL(bridge.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: u.port, path, method: 'POST', headers: { Host: `127.0.0.1:${u.port}`, 'X-Folio-Token': bridge.token, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as never }));
    });
    // The server may close the connection while the client still writes: the answer counts.
    req.on('error', reject);
    body(req);
  });
}

describe('bridge body limits', () => {
  it('refuses an upload whose Content-Length is over the limit before reading it, naming the file', async () => {
    const r = await post('/api/sources.upload?name=huge.pdf', { 'Content-Type': 'application/octet-stream', 'Content-Length': MAX_UPLOAD_BYTES + 1 }, (req) => req.write(Buffer.alloc(1024)));
    expect(r.status).toBe(413);
    expect(r.json.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/^huge\.pdf: the request is larger than the \d+ MB limit$/) });
    expect(dispatched).toBe(0);
  });

  it('refuses a chunked JSON body that grows past the limit while streaming, and answers with 413', async () => {
    const r = await post('/api/settings.set', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, (req) => {
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end();
    });
    expect(r.status).toBe(413);
    expect(r.json.error?.message).toMatch(/^settings\.set: the request is larger than the 4 MB limit$/);
    expect(dispatched).toBe(0);
  });

  it('still takes a body under the limit', async () => {
    const r = await post('/api/settings.get', { 'Content-Type': 'application/json' }, (req) => req.end('{}'));
    expect(r.status).toBe(200);
    expect(dispatched).toBe(1);
  });
});
