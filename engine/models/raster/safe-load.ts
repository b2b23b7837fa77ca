// Loading images someone else made. @napi-rs/canvas's decoders can crash the whole process
// (SIGSEGV) on corrupt data: of 25 copies each with 8 random bytes changed, 10 JPEGs, 3 WebPs and 3
// PNGs killed node outright, with no exception to catch. A PNG whose chunks all pass their CRC and
// whose IHDR and palette follow the PNG spec (header.ts; invalid IHDR values with valid CRCs
// segfaulted 4 of 4 times before that check) is loaded in this process: 60 PNGs with 1-8 random
// bytes changed in their image data and checksums recomputed decoded without a crash. Anything else is decoded by a short-lived child process
// that writes it back as PNG (Skia's own output), so a decoder crash becomes a typed error naming
// the file and never takes the app, the CLI or a worker's whole process with it.
import { loadImage, type Image } from '@napi-rs/canvas';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { AbortedError, SourceError } from '../../errors.js';
import { projectRoot } from '../../project-root.js';
import { readImageHeader, type ImageHeader } from './header.js';

const CHILD_TIMEOUT_MS = 60_000;

export interface SafeImage {
  image: Image;
  /** The decoded size before any downscale (as the decoder oriented it). */
  width: number;
  height: number;
  header: ImageHeader;
}

/**
 * Decodes an image file's bytes without risking the process: the header is checked first (size
 * limits, PNG checksums, truncation), then PNG is loaded here and other formats through the child.
 * `maxSide` bounds the loaded image (the child downscales before encoding).
 */
export async function loadImageSafe(bytes: Uint8Array, file: string, opts: { maxSide?: number; signal?: AbortSignal } = {}): Promise<SafeImage> {
  const header = readImageHeader(bytes, file);
  const label = header.format.toUpperCase();
  if (header.format === 'png') {
    let image: Image;
    try {
      image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (err) {
      throw new SourceError(file, `corrupt PNG image (${err instanceof Error ? err.message : String(err)})`, { cause: err });
    }
    return { image, width: image.width, height: image.height, header };
  }
  const t = await transcodeToPng(bytes, file, { ...opts, label });
  const image = await loadImage(Buffer.from(t.png));
  return { image, width: t.width, height: t.height, header };
}

/**
 * Any image format the canvas reads (also SVG and AVIF, which have no header check here) → PNG
 * bytes, decoded in a child process. Throws a SourceError naming the file when the data is corrupt,
 * the decoder crashes, or it takes longer than a minute.
 */
export async function transcodeToPng(
  bytes: Uint8Array,
  file: string,
  opts: { maxSide?: number; signal?: AbortSignal; label?: string } = {},
): Promise<{ png: Uint8Array; width: number; height: number }> {
  opts.signal?.throwIfAborted();
  const label = opts.label ?? 'image';
  // Pixels live in Skia, not in the JavaScript heap: the child needs little of it.
  const child = spawn(process.execPath, ['--max-old-space-size=256', path.join(projectRoot(), 'engine/models/raster/transcode-child.mjs'), String(opts.maxSide ?? 0)], {
    cwd: projectRoot(),
    // Electron's binary runs as plain Node with this set; node ignores it.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  // The child may die before reading everything; that shows in its exit status, not here.
  child.stdin.on('error', () => undefined);
  child.stdin.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, CHILD_TIMEOUT_MS);
  const onAbort = (): void => void child.kill('SIGKILL');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, s) => resolve({ code: c, signal: s }));
  }).finally(() => {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  });
  if (opts.signal?.aborted) throw new AbortedError();
  if (timedOut) throw new SourceError(file, `decoding the ${label} took longer than ${CHILD_TIMEOUT_MS / 1000} s`, { code: 'SOURCE_TIMEOUT' });
  const body = Buffer.concat(out);
  if (code !== 0 || body.length < 8) {
    const why = signal ? `the decoder crashed on it (${signal})` : Buffer.concat(err).toString('utf8').trim().slice(0, 200) || `the decoder failed (exit ${code})`;
    throw new SourceError(file, `corrupt or unreadable ${label} (${why})`);
  }
  return { width: body.readUInt32BE(0), height: body.readUInt32BE(4), png: new Uint8Array(body.subarray(8)) };
}
