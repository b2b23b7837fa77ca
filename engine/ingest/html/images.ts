// The images of a web page → document assets. Images beside a saved page (relative src, inside
// the page's folder) and data: URIs are read locally; remote images are fetched only when the
// caller allows network, otherwise the figure keeps the image's URL as a reference and no asset.
//
// Asset format: PNG, JPEG, GIF and WebP bytes are kept as they are, under the matching extension
// (re-encoding photos as PNG would triple their size and decode work for nothing a reader can
// use); any other format (SVG, BMP, AVIF...) is drawn once through @napi-rs/canvas into a PNG, in a
// child process (a corrupt file can crash the decoder).
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AbortedError } from '../../errors.js';
import { fetchUrl } from '../../net/fetch.js';
import { transcodeToPng } from '../../models/raster/safe-load.js';
import type { Figure } from '../types.js';
import type { ImageRef } from './blocks.js';

export interface ImageContext {
  /** Absolute path of the saved page; images are looked up beside it. */
  pageFile?: string;
  /** The page's own address, for relative image addresses that are not beside the page. */
  baseUrl?: string;
  /** Fetch remote images (default false: they stay references). */
  network: boolean;
  allowPrivate: boolean;
  signal?: AbortSignal;
  /** Time limit per remote image (default 20 s). */
  timeoutMs?: number;
  /** Time limit for all of the page's remote images together (default 60 s). */
  totalTimeoutMs?: number;
}

const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const MAX_TOTAL_BYTES = 200 * 1024 * 1024;
/** Largest image drawn through the canvas for conversion (pixels). */
const MAX_CONVERT_PIXELS = 40_000_000;
const FETCH_CONCURRENCY = 4;
const MAX_LISTED_WARNINGS = 20;

type Located = { kind: 'local'; file: string } | { kind: 'remote'; url: string } | { kind: 'data'; bytes: Uint8Array } | { kind: 'none'; why: string };

export async function resolveImages(figures: Figure[], refs: ImageRef[], ctx: ImageContext): Promise<{ assets: Map<string, Uint8Array>; warnings: string[] }> {
  const byId = new Map(figures.map((f) => [f.id, f]));
  const assets = new Map<string, Uint8Array>();
  const problems: string[] = [];
  let notFetched = 0;
  let total = 0;
  const jobs: (() => Promise<void>)[] = [];
  // One budget for all remote images: a page of 100 images that never answer must not take
  // 100 × the per-image limit. Images still pending when it runs out are reported, not fatal.
  const budget = AbortSignal.timeout(ctx.totalTimeoutMs ?? 60_000);
  const fetchSignal = ctx.signal ? AbortSignal.any([ctx.signal, budget]) : budget;
  for (const ref of refs) {
    const fig = byId.get(ref.figureId);
    if (!fig) continue;
    const where = locate(ref.src, ctx);
    if (where.kind === 'data') delete fig.src; // the bytes are the asset; a long data: URI helps no one
    if (where.kind === 'remote') fig.src = where.url;
    if (where.kind === 'none') {
      problems.push(`${fig.label}: ${where.why}`);
      continue;
    }
    if (where.kind === 'remote' && !ctx.network) {
      notFetched++;
      continue;
    }
    jobs.push(async () => {
      try {
        const bytes = where.kind === 'data' ? where.bytes : where.kind === 'local' ? await readLocal(where.file) : await fetchImage(where.url, ctx, fetchSignal);
        const asset = await toAsset(bytes);
        if (total + asset.bytes.length > MAX_TOTAL_BYTES) {
          problems.push(`${fig.label}: left out (the page's images exceed ${MAX_TOTAL_BYTES / 1024 / 1024} MB)`);
          return;
        }
        total += asset.bytes.length;
        const rel = `assets/${fig.id}.${asset.ext}`;
        assets.set(rel, asset.bytes);
        fig.asset = rel;
      } catch (err) {
        if (ctx.signal?.aborted) throw err instanceof AbortedError ? err : new AbortedError();
        if (budget.aborted) {
          problems.push(`${fig.label}: not fetched: the page's images took longer than ${((ctx.totalTimeoutMs ?? 60_000) / 1000).toFixed(0)} s`);
          return;
        }
        problems.push(`${fig.label}: ${describe(ref.src)}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  }
  await runLimited(jobs, FETCH_CONCURRENCY);
  const warnings = problems.slice(0, MAX_LISTED_WARNINGS).map((p) => `image not kept: ${p}`);
  if (problems.length > MAX_LISTED_WARNINGS) warnings.push(`${problems.length - MAX_LISTED_WARNINGS} more images not kept`);
  if (notFetched > 0) warnings.push(`${notFetched} remote image${notFetched === 1 ? '' : 's'} kept as link${notFetched === 1 ? '' : 's'} only (network not allowed)`);
  return { assets, warnings };
}

function locate(src: string, ctx: ImageContext): Located {
  if (/^data:/i.test(src)) {
    const bytes = decodeDataUri(src);
    return bytes ? { kind: 'data', bytes } : { kind: 'none', why: 'unreadable data: URI' };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(src)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return { kind: 'remote', url: src };
  if (scheme !== undefined && scheme !== 'file') return { kind: 'none', why: `${scheme}: addresses are not read` };
  if (src.startsWith('//') && !ctx.baseUrl) return { kind: 'remote', url: `https:${src}` };
  if (ctx.pageFile && !src.startsWith('//')) {
    const dir = path.dirname(ctx.pageFile);
    let file: string;
    try {
      file = scheme === 'file' ? fileURLToPath(src) : path.resolve(dir, decodeURIComponent(src.replace(/[?#].*$/, '')));
    } catch {
      return { kind: 'none', why: `${describe(src)}: not a usable file address` };
    }
    const rel = path.relative(dir, file);
    const inside = !(rel.startsWith('..') || path.isAbsolute(rel));
    // A page saved with its images has them beside it; a page saved alone may still know its origin.
    if (inside && (scheme === 'file' || !ctx.baseUrl || existsSync(file))) return { kind: 'local', file };
    // A saved page may only bring along what was saved with it, not any file on the machine.
    if (!inside && (scheme === 'file' || !ctx.baseUrl)) return { kind: 'none', why: `${describe(src)}: outside the page's folder, not read` };
  }
  if (scheme === 'file') return { kind: 'none', why: `${describe(src)}: file addresses are not read from web pages` };
  if (ctx.baseUrl) {
    try {
      const u = new URL(src, ctx.baseUrl);
      if (u.protocol === 'http:' || u.protocol === 'https:') return { kind: 'remote', url: u.href };
    } catch {
      return { kind: 'none', why: `${describe(src)}: not a valid address` };
    }
  }
  return { kind: 'none', why: `${describe(src)}: relative address and no page address to resolve it against` };
}

async function readLocal(file: string): Promise<Uint8Array> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? 'not found beside the page' : `cannot be read (${code ?? String(err)})`, { cause: err });
  }
  if (size > MAX_IMAGE_BYTES) throw new Error(`larger than the ${MAX_IMAGE_BYTES / 1024 / 1024} MB image limit`);
  return new Uint8Array(await readFile(file));
}

async function fetchImage(url: string, ctx: ImageContext, signal: AbortSignal): Promise<Uint8Array> {
  const r = await fetchUrl(url, {
    accept: 'image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8',
    maxBytes: MAX_IMAGE_BYTES,
    timeoutMs: ctx.timeoutMs ?? 20_000,
    allowPrivate: ctx.allowPrivate,
    signal,
  });
  return r.body;
}

/** Keeps web-native raster bytes; converts anything else the canvas can decode to PNG (out of process: see safe-load.ts). */
async function toAsset(bytes: Uint8Array): Promise<{ ext: string; bytes: Uint8Array }> {
  const kept = sniffRaster(bytes);
  if (kept) return { ext: kept, bytes };
  let t: Awaited<ReturnType<typeof transcodeToPng>>;
  try {
    t = await transcodeToPng(bytes, 'image');
  } catch (err) {
    throw new Error('not an image format Folio can read', { cause: err });
  }
  if (t.width * t.height > MAX_CONVERT_PIXELS) throw new Error(`${t.width}×${t.height} px is too large to convert`);
  return { ext: 'png', bytes: t.png };
}

export function sniffRaster(b: Uint8Array): 'png' | 'jpg' | 'gif' | 'webp' | null {
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg';
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'gif';
  if (b.length >= 12 && Buffer.from(b.subarray(0, 4)).toString('latin1') === 'RIFF' && Buffer.from(b.subarray(8, 12)).toString('latin1') === 'WEBP') return 'webp';
  return null;
}

function decodeDataUri(uri: string): Uint8Array | null {
  const m = /^data:([^,]*?)(;base64)?,(.*)$/is.exec(uri);
  if (!m) return null;
  try {
    const payload = m[3] ?? '';
    return new Uint8Array(m[2] ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8'));
  } catch {
    return null;
  }
}

function describe(src: string): string {
  return src.startsWith('data:') ? 'data: URI' : src.length > 120 ? `${src.slice(0, 117)}...` : src;
}

async function runLimited(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      await job();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}
