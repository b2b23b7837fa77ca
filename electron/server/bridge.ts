// The browser-mode HTTP bridge: the same services and contract as the Electron app, on 127.0.0.1.
// POST /api/<channel> carries a request (JSON, or the raw bytes of an upload), GET /events streams
// pushed events (server-sent events), GET /download sends an export. Every request needs the
// per-run token (query, header or the cookie set on first load) and a Host/Origin of this server.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { MAX_UPLOAD_BYTES } from '../contract/contract.ts';
import { errorInfo } from '../contract/wrapper.ts';
import type { AppServices } from '../services/app-services.ts';
import { pdfInPreviewPage } from '../services/controllers/export.ts';
import { CSP, indexHtml, siteCsp } from '../services/csp.ts';
import type { RendererBundle } from './bundle.ts';

const MAX_JSON_BYTES = 4 * 1024 * 1024;

export interface Bridge {
  server: Server;
  url: string;
  token: string;
  close(): Promise<void>;
}

export interface BridgeOptions {
  port?: number;
  /** The renderer bundle, built once (on the first page request when not given). */
  bundle: () => Promise<RendererBundle>;
  token?: string;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export async function startBridge(services: AppServices, opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? newToken();
  const tokenBuf = Buffer.from(token);
  let origin = '';
  let bundle: Promise<RendererBundle> | null = null;
  const getBundle = (): Promise<RendererBundle> => (bundle ??= opts.bundle());
  const clients = new Set<ServerResponse>();

  const tokenOf = (req: IncomingMessage, url: URL): string | null => {
    const header = req.headers['x-folio-token'];
    if (typeof header === 'string') return header;
    const q = url.searchParams.get('token');
    if (q) return q;
    const cookie = /(?:^|;\s*)folio_token=([^;]+)/.exec(req.headers.cookie ?? '');
    return cookie?.[1] ?? null;
  };
  const tokenOk = (t: string | null): boolean => {
    if (t === null) return false;
    const b = Buffer.from(t);
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf);
  };

  const off = services.bus.on((event, payload) => {
    const data = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const c of clients) c.write(data);
  });
  const heartbeat = setInterval(() => {
    for (const c of clients) c.write(': keep-alive\n\n');
  }, 15_000);

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('folio serve: request failed:', err);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 must not reach us.
    const host = req.headers.host ?? '';
    const port = new URL(origin).port;
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 421, 'text/plain', 'wrong host');
    // A previewed site's files: the key in the path is the capability (a sandboxed frame has an opaque
    // origin: it sends `Origin: null` with its image requests, and no cookie), and it opens one run's site folder, read-only, under its own CSP.
    const site = req.method === 'GET' ? /^\/site\/([0-9a-f]{32})\/(.*)$/.exec(url.pathname) : null;
    if (site) return sendSiteFile(req, res, site[1] ?? '', site[2] ?? '');
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && reqOrigin !== origin && reqOrigin !== `http://localhost:${port}`) return send(res, 403, 'text/plain', 'wrong origin');
    const t = tokenOf(req, url);
    if (!tokenOk(t)) return send(res, 401, 'text/plain; charset=utf-8', 'Folio: this address needs the token printed by `npm run serve`.');

    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
      res.setHeader('Set-Cookie', `folio_token=${token}; HttpOnly; SameSite=Strict; Path=/`);
      res.setHeader('Content-Security-Policy', CSP);
      await getBundle();
      return send(res, 200, 'text/html; charset=utf-8', indexHtml({ scriptSrc: '/app.js', styleHref: '/app.css' }));
    }
    if (req.method === 'GET' && url.pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (req.method === 'GET' && url.pathname === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', (await getBundle()).js);
    if (req.method === 'GET' && url.pathname === '/app.css') return send(res, 200, 'text/css; charset=utf-8', (await getBundle()).css);
    if (req.method === 'GET' && url.pathname === '/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/download') {
      let file: string;
      try {
        file = services.exports.downloadable(url.searchParams.get('path') ?? '');
      } catch (err) {
        return send(res, 403, 'text/plain; charset=utf-8', errorInfo(err).message);
      }
      const st = await stat(file).catch(() => null);
      if (!st?.isFile()) return send(res, 404, 'text/plain; charset=utf-8', 'not found');
      res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': st.size,
        'Content-Disposition': `attachment; filename="${path.basename(file).replace(/[^\w.-]/g, '_')}"`,
      });
      createReadStream(file).pipe(res);
      return;
    }
    if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
      const channel = url.pathname.slice('/api/'.length);
      const binary = req.headers['content-type'] === 'application/octet-stream';
      const what = binary ? url.searchParams.get('name') || 'the upload' : channel;
      const body = await readBody(req, binary ? MAX_UPLOAD_BYTES : MAX_JSON_BYTES, what).catch((err: Error) => err);
      if (body instanceof Error) {
        // The rest of an oversized body is not read: the connection closes once the answer is sent.
        res.setHeader('Connection', 'close');
        return json(res, 413, { ok: false, error: { code: 'BAD_INPUT', message: body.message } });
      }
      let input: unknown;
      if (binary) {
        input = { name: url.searchParams.get('name') ?? '', data: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
      } else {
        try {
          input = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          return json(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: `${channel}: the body is not JSON` } });
        }
      }
      const result = await services.dispatch(channel, input, { url: reqOrigin ?? origin, tokenOk: true });
      return json(res, 200, result);
    }
    return send(res, 404, 'text/plain; charset=utf-8', 'not found');
  }

  async function sendSiteFile(req: IncomingMessage, res: ServerResponse, key: string, rel: string): Promise<void> {
    let found: { file: string; type: string };
    try {
      found = await services.exports.siteFile(key, decodeURIComponent(rel));
    } catch (err) {
      return send(res, 404, 'text/plain; charset=utf-8', errorInfo(err).message);
    }
    if (found.type === 'application/pdf' && req.headers['sec-fetch-dest'] === 'iframe') {
      res.setHeader('Content-Security-Policy', siteCsp("'self'"));
      return send(res, 200, 'text/html; charset=utf-8', pdfInPreviewPage(decodeURIComponent(rel)));
    }
    const st = await stat(found.file);
    res.writeHead(200, { 'Content-Type': found.type, 'Content-Length': st.size, 'Content-Security-Policy': siteCsp("'self'") });
    createReadStream(found.file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    url: `${origin}/?token=${token}`,
    token,
    close: async () => {
      off();
      clearInterval(heartbeat);
      for (const c of clients) c.end();
      clients.clear();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/**
 * Reads a request body up to `limit` bytes. A body that says it is larger (Content-Length) is
 * refused before a byte is read; one that grows past the limit as it streams is refused there, and
 * nothing more of it is kept. Either way the caller answers 413 naming `what`, and the client sees it.
 */
function readBody(req: IncomingMessage, limit: number, what: string): Promise<Buffer> {
  const tooLarge = (): Error => new Error(`${what}: the request is larger than the ${Math.round(limit / 1024 / 1024)} MB limit`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (c: Buffer) => {
      if (refused) return;
      size += c.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
