// Fetching a URL on the user's behalf, with the limits a desktop app needs: http(s) only, a size
// limit counted on the decoded body (so a gzip bomb stops too), one time limit over the whole
// exchange (connect, redirects, headers, body), and no connection to private addresses unless
// the caller allows it. The check runs on the address actually connected to (inside the socket's
// DNS lookup), for the first hop and after every redirect, so neither a redirect nor a DNS answer
// that changes between check and use can lead into the user's own network.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { AbortedError, SourceError } from '../errors.js';
import { isPrivateAddress } from './private-address.js';

export interface FetchOptions {
  /** Time limit for the whole fetch, redirects and body included (default 30 s). */
  timeoutMs?: number;
  /** Largest body accepted, after decompression (default 20 MB). */
  maxBytes?: number;
  /** Allow localhost, private, link-local and other non-public addresses (default false). */
  allowPrivate?: boolean;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** The Accept header. */
  accept?: string;
  signal?: AbortSignal;
}

export interface FetchResult {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  /** The media type from Content-Type, lower-cased, without parameters ('' when absent). */
  mediaType: string;
  /** The charset parameter of Content-Type, when given. */
  charset: string | undefined;
  body: Uint8Array;
}

export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const USER_AGENT = 'Folio/0.1 (desktop research app; +https://github.com/)';

/** Marks the lookup refusal so it can be told apart from ordinary network errors. */
class PrivateAddressRefused extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to a private address (${address})`);
  }
}

export async function fetchUrl(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? 5;
  const shown = displayUrl(url);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let current = parseHttpUrl(url, shown);
  for (let hop = 0; ; hop++) {
    if (signal.aborted) throw fetchError(signal.reason, shown, current, timeout, opts.signal, timeoutMs);
    checkLiteralHost(current, shown, opts.allowPrivate === true);
    let res: http.IncomingMessage;
    try {
      res = await request(current, opts, signal);
    } catch (err) {
      throw fetchError(err, shown, current, timeout, opts.signal, timeoutMs);
    }
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location !== undefined) {
      res.resume();
      if (hop >= maxRedirects) throw new SourceError(shown, `more than ${maxRedirects} redirects`);
      let next: URL;
      try {
        next = new URL(res.headers.location, current);
      } catch (err) {
        throw new SourceError(shown, `redirects to an invalid URL (${res.headers.location})`, { cause: err });
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new SourceError(shown, `redirects to ${next.protocol} (${displayUrl(next.href)}); only http and https are followed`);
      }
      current = next;
      continue;
    }
    if (status >= 400) {
      res.resume();
      throw new SourceError(shown, `the server answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`);
    }
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes && !res.headers['content-encoding']) {
      res.destroy();
      throw tooBig(shown, maxBytes);
    }
    let body: Uint8Array;
    try {
      body = await readBody(res, maxBytes, shown);
    } catch (err) {
      if (err instanceof SourceError) throw err;
      throw fetchError(err, shown, current, timeout, opts.signal, timeoutMs);
    }
    const [type = '', ...params] = (res.headers['content-type'] ?? '').split(';');
    const charset = params
      .map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1])
      .find((c): c is string => c !== undefined);
    return { url: current.href, status, mediaType: type.trim().toLowerCase(), charset, body };
  }
}

function parseHttpUrl(url: string, shown: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch (err) {
    throw new SourceError(shown, 'is not a valid URL', { cause: err });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new SourceError(shown, `${u.protocol} URLs are not fetched; only http and https`);
  return u;
}

/** A host written as an IP address is never looked up, so it is checked here instead. */
function checkLiteralHost(u: URL, shown: string, allowPrivate: boolean): void {
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) {
    throw new SourceError(shown, `refused: ${host} is a private or local address (allow private addresses to fetch it)`);
  }
}

function request(u: URL, opts: FetchOptions, signal: AbortSignal): Promise<http.IncomingMessage> {
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      {
        method: 'GET',
        signal,
        lookup: guardedLookup(opts.allowPrivate === true),
        headers: {
          'user-agent': USER_AGENT,
          accept: opts.accept ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
        },
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

/** dns.lookup, minus the private addresses; refuses when nothing public is left. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) {
        callback(err, '', 0);
        return;
      }
      const usable = allowPrivate ? addresses : addresses.filter((a) => !isPrivateAddress(a.address));
      const first = usable[0];
      if (first === undefined) {
        const refused = new PrivateAddressRefused(hostname, addresses[0]?.address ?? '?') as NodeJS.ErrnoException;
        callback(refused, '', 0);
        return;
      }
      if (options.all) callback(null, usable);
      else callback(null, first.address, first.family);
    });
  };
}

async function readBody(res: http.IncomingMessage, maxBytes: number, shown: string): Promise<Uint8Array> {
  const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
  let stream: Readable = res;
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : null;
  if (decoder) {
    // pipeline destroys every stage when one fails, so an aborted response ends the loop below.
    stream = pipeline(res, decoder, () => undefined);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      res.destroy();
      stream.destroy();
      throw tooBig(shown, maxBytes);
    }
    chunks.push(chunk);
  }
  if (!res.complete) throw new SourceError(shown, 'the connection closed before the whole page arrived');
  return new Uint8Array(Buffer.concat(chunks, total));
}

function tooBig(shown: string, maxBytes: number): SourceError {
  return new SourceError(shown, `is larger than the ${(maxBytes / 1024 / 1024).toFixed(0)} MB limit for fetched pages`, { code: 'SOURCE_TOO_COMPLEX' });
}

function fetchError(err: unknown, shown: string, u: URL, timeout: AbortSignal, caller: AbortSignal | undefined, timeoutMs: number): Error {
  if (err instanceof SourceError) return err;
  if (caller?.aborted) return new AbortedError();
  if (timeout.aborted) {
    return new SourceError(shown, `no complete answer within ${(timeoutMs / 1000).toFixed(timeoutMs < 10_000 ? 1 : 0)} s`, { code: 'SOURCE_TIMEOUT', cause: err });
  }
  if (err instanceof PrivateAddressRefused) {
    return new SourceError(shown, `refused: ${err.message} (allow private addresses to fetch it)`, { cause: err });
  }
  const code = (err as NodeJS.ErrnoException).code;
  const host = u.host;
  const problem =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? `cannot resolve ${host}`
      : code === 'ECONNREFUSED'
        ? `${host} refused the connection`
        : code === 'ECONNRESET'
          ? `${host} closed the connection`
          : `cannot be fetched (${code ?? (err instanceof Error ? err.message : String(err))})`;
  return new SourceError(shown, problem, { cause: err });
}

/** The URL as shown in messages: without user name and password. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return url.slice(0, 200);
  }
}
