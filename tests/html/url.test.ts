// URL sources against a local http server on 127.0.0.1: the private-address guard (refused by
// default, allowed with allowPrivate), redirects, size and time limits, remote images fetched
// only with network allowed, PDFs behind a URL, and the CLI's URL + --network path.
import { createCanvas } from '@napi-rs/canvas';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortedError, SourceError } from '../../engine/errors.js';
import { ingestUrl } from '../../engine/ingest/index.js';
import { fetchUrl } from '../../engine/net/fetch.js';
import { isPrivateAddress } from '../../engine/net/private-address.js';
import { corpus, repoRoot } from '../helpers/corpus.js';
import { buildPdf } from '../helpers/pdf-builder.js';
import { startServer, type LocalServer } from './local-server.js';

const run = promisify(execFile);
let server: LocalServer;
let png: Buffer;
const words = 'Measurements taken along the river show how nitrate levels rise after heavy rain and fall again within days. ';
const page = (img: string): string =>
  `<!DOCTYPE html><html lang="en"><head><title>River notes</title></head><body><article><h1>River notes</h1>
<p>${words.repeat(4)}</p><figure><img src="${img}" alt="chart"><figcaption>Nitrate after rain</figcaption></figure>
<h2>Details</h2><p>${words.repeat(5)}</p><p>${words.repeat(3)}</p></article></body></html>`;

async function caught(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => null,
    (e: unknown) => e,
  );
}

beforeAll(async () => {
  const c = createCanvas(64, 48);
  const g = c.getContext('2d');
  g.fillStyle = '#c33';
  g.fillRect(0, 0, 64, 48);
  png = await c.encode('png');
  const pdf = buildPdf([{ width: 612, height: 792, content: 'BT /F1 14 Tf 72 700 Td (Nitrate levels after heavy rain) Tj ET' }]);
  server = await startServer({
    '/page': (_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(page('/img/chart.png'));
    },
    '/page-hanging-image': (_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(page('/hang'));
    },
    '/gz': (_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.setHeader('content-encoding', 'gzip');
      res.end(gzipSync(page('chart.png')));
    },
    '/img/chart.png': (_req, res) => {
      res.setHeader('content-type', 'image/png');
      res.end(png);
    },
    '/hang': () => {
      // Never answers: the client's time limit must end it.
    },
    '/slow-body': (_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.write('<html><body><p>start');
      // ...and never finishes.
    },
    '/big': (_req, res) => {
      res.setHeader('content-type', 'text/html');
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const push = (): void => {
        while (sent < 30) {
          sent++;
          if (!res.write(chunk)) {
            res.once('drain', push);
            return;
          }
        }
        res.end();
      };
      push();
    },
    '/to-file': (_req, res) => {
      res.statusCode = 302;
      res.setHeader('location', 'file:///etc/passwd');
      res.end();
    },
    '/to-page': (_req, res) => {
      res.statusCode = 301;
      res.setHeader('location', '/page');
      res.end();
    },
    '/loop': (_req, res) => {
      res.statusCode = 302;
      res.setHeader('location', '/loop');
      res.end();
    },
    '/paper.pdf': (_req, res) => {
      res.setHeader('content-type', 'application/pdf');
      res.end(pdf);
    },
    '/data.json': (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    },
  });
});

afterAll(async () => {
  await server?.close();
});

describe('private address guard', () => {
  it('classifies addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '224.0.0.1'])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses 127.0.0.1 without allowPrivate, naming the URL', async () => {
    const url = server.url('/page');
    const err = await caught(ingestUrl(url));
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toMatch(new RegExp(`^${url.replace(/[.?]/g, '\\$&')}: refused: 127\\.0\\.0\\.1 is a private or local address`));
  });

  it('refuses a host name that resolves to loopback (checked on the resolved address)', async () => {
    const url = `http://localhost:${server.port}/page`;
    const err = await caught(fetchUrl(url));
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toMatch(/^http:\/\/localhost:\d+\/page: refused: localhost resolves to a private address/);
  });

  it('refuses schemes other than http(s)', async () => {
    const err = await caught(fetchUrl('file:///etc/passwd'));
    expect((err as SourceError).message).toBe('file:///etc/passwd: file: URLs are not fetched; only http and https');
  });
});

describe('fetching with allowPrivate (the local test server)', () => {
  it('reads the page; its image stays a remote reference without network', async () => {
    const { doc, assets } = await ingestUrl(server.url('/page'), { allowPrivate: true });
    expect(doc.kind).toBe('html');
    expect(doc.title).toBe('River notes');
    expect(doc.file).toBe(server.url('/page'));
    expect(doc.url).toBe(server.url('/page'));
    expect(doc.id).toBe('127-0-0-1-page');
    expect(doc.sections.map((s) => s.title)).toEqual(['Details']);
    expect(assets.size).toBe(0);
    expect(doc.figures[0]?.src).toBe(server.url('/img/chart.png'));
    expect(doc.figures[0]?.caption).toBe('Nitrate after rain');
  });

  it('fetches the image as an asset with network: true', async () => {
    const { doc, assets } = await ingestUrl(server.url('/page'), { allowPrivate: true, network: true });
    const fig = doc.figures[0]!;
    expect(fig.asset).toBe(`assets/${fig.id}.png`);
    expect(Buffer.from(assets.get(fig.asset!)!).equals(png)).toBe(true);
    expect(doc.warnings).toEqual([]);
  });

  it('an image that never answers is reported, and the page is still read', async () => {
    const t0 = performance.now();
    const { doc } = await ingestUrl(server.url('/page-hanging-image'), { allowPrivate: true, network: true, timeoutMs: 800 });
    expect(doc.figures[0]?.asset).toBeUndefined();
    expect(doc.warnings).toEqual([`image not kept: Figure 1: /hang: ${server.url('/hang')}: no complete answer within 0.8 s`]);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('decodes a gzip body and resolves relative images against the page URL', async () => {
    const { doc } = await ingestUrl(server.url('/gz'), { allowPrivate: true });
    expect(doc.title).toBe('River notes');
    expect(doc.figures[0]?.src).toBe(server.url('/chart.png'));
  });

  it('follows an http redirect and records the final address', async () => {
    const { doc } = await ingestUrl(server.url('/to-page'), { allowPrivate: true });
    expect(doc.url).toBe(server.url('/page'));
  });

  it('refuses a redirect into file:', async () => {
    const err = await caught(ingestUrl(server.url('/to-file'), { allowPrivate: true }));
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toMatch(/\/to-file: redirects to file: \(file:\/\/\/etc\/passwd\); only http and https are followed$/);
  });

  it('stops a redirect loop', async () => {
    const err = await caught(fetchUrl(server.url('/loop'), { allowPrivate: true }));
    expect((err as SourceError).message).toMatch(/\/loop: more than 5 redirects$/);
  });

  it('a URL that never answers ends in a typed timeout within the limit', async () => {
    const t0 = performance.now();
    const err = await caught(ingestUrl(server.url('/hang'), { allowPrivate: true, timeoutMs: 800 }));
    const ms = performance.now() - t0;
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).code).toBe('SOURCE_TIMEOUT');
    expect((err as SourceError).message).toBe(`${server.url('/hang')}: no complete answer within 0.8 s`);
    expect(ms).toBeLessThan(5000);
  });

  it('a body that stops half-way also times out', async () => {
    const err = await caught(fetchUrl(server.url('/slow-body'), { allowPrivate: true, timeoutMs: 800 }));
    expect((err as SourceError).code).toBe('SOURCE_TIMEOUT');
  });

  it('the caller can cancel', async () => {
    const ac = new AbortController();
    const p = caught(fetchUrl(server.url('/hang'), { allowPrivate: true, signal: ac.signal }));
    setTimeout(() => ac.abort(), 100);
    expect(await p).toBeInstanceOf(AbortedError);
    // Cancelled before it starts: the same typed error, and no request is made.
    expect(await caught(ingestUrl(server.url('/page'), { allowPrivate: true, signal: AbortSignal.abort() }))).toBeInstanceOf(AbortedError);
  });

  it('stops reading past the size limit', async () => {
    const err = await caught(ingestUrl(server.url('/big'), { allowPrivate: true, maxBytes: 2 * 1024 * 1024 }));
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).code).toBe('SOURCE_TOO_COMPLEX');
    expect((err as SourceError).message).toMatch(/\/big: is larger than the 2 MB limit for fetched pages$/);
  });

  it('names the HTTP status of a missing page and refuses content that is not a page', async () => {
    const e404 = await caught(ingestUrl(server.url('/nope'), { allowPrivate: true }));
    expect((e404 as SourceError).message).toMatch(/\/nope: the server answered HTTP 404 Not Found$/);
    const json = await caught(ingestUrl(server.url('/data.json'), { allowPrivate: true }));
    expect((json as SourceError).message).toMatch(/\/data\.json: is application\/json, not a web page or PDF$/);
  });

  it('reads a PDF behind a URL with the PDF reader', async () => {
    const { doc } = await ingestUrl(server.url('/paper.pdf'), { allowPrivate: true });
    expect(doc.kind).toBe('pdf');
    expect(doc.file).toBe('paper.pdf');
    expect(doc.pageCount).toBe(1);
    expect(doc.pages[0]!.blocks.map((b) => b.text).join(' ')).toContain('Nitrate levels after heavy rain');
  });
});

describe('CLI', () => {
  const folio = path.join(repoRoot, 'electron/bin/folio.mjs');

  it('folio ingest <url> --network --allow-private writes the document folder with the fetched image', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'folio-url-cli-'));
    const res = await run('node', [folio, 'ingest', server.url('/page'), '--out', out, '--network', '--allow-private']);
    expect(res.stdout).toMatch(/127-0-0-1-page\/document\.json {2}\(1 pages, 1 figure, 0 tables/);
    const doc = JSON.parse(readFileSync(path.join(out, '127-0-0-1-page', 'document.json'), 'utf8')) as { figures: { asset?: string }[] };
    expect(readFileSync(path.join(out, '127-0-0-1-page', doc.figures[0]!.asset!)).equals(png)).toBe(true);
  });

  it('folio ingest <url> without --allow-private refuses a local address and exits 1', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'folio-url-cli-'));
    const res = await run('node', [folio, 'ingest', server.url('/page'), '--out', out, '--network']).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`folio: ${server.url('/page')}: refused: 127.0.0.1 is a private or local address`);
  });

  it('folio ingest <url> without --network fetches nothing and exits 1, naming the URL', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'folio-url-cli-'));
    const before = server.requests.length;
    const res = await run('node', [folio, 'ingest', server.url('/page'), '--out', out, '--allow-private']).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe(`folio: ${server.url('/page')}: fetching a URL needs --network (Folio reaches the network only when told to)`);
    expect(server.requests.length).toBe(before);
  });

  it('folio ingest page.html reads a saved page', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'folio-html-cli-'));
    const res = await run('node', [folio, 'ingest', corpus('html/readability_wikipedia/source.html'), '--out', out]);
    expect(res.stdout).toMatch(/source\/document\.json {2}\(1 pages, 8 figures, 1 table/);
    expect(res.stderr).toMatch(/8 remote images kept as links only \(network not allowed\)/);
    expect(readFileSync(path.join(out, 'source', 'document.md'), 'utf8')).toMatch(/^# Mozilla - Wikipedia/);
  });
});
