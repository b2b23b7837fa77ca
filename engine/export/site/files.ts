// File-level helpers for the site exporter: what kind of image a file really is (and its pixel
// size, read from the header), whether a source file is what it claims, and the atomic swap of a
// finished site folder into place.
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserInputError } from '../../errors.js';
import { imageFileHeader } from '../../models/raster/header.js';

export interface ImageInfo {
  type: 'png' | 'jpeg' | 'gif' | 'webp';
  width: number;
  height: number;
}

async function readHead(file: string, bytes: number): Promise<Buffer | null> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads an image's type and size from its header; null when the file is missing or not an image every browser shows (PNG, JPEG, GIF, WebP). */
export async function probeImage(file: string): Promise<ImageInfo | null> {
  const h = imageFileHeader(file);
  return h && (h.format === 'png' || h.format === 'jpeg' || h.format === 'gif' || h.format === 'webp') && h.width > 0 && h.height > 0 ? { type: h.format, width: h.width, height: h.height } : null;
}

/** What a source file really is, from its first bytes. */
export async function sniffSource(file: string): Promise<'pdf' | 'png' | 'jpeg' | 'other' | null> {
  const head = await readHead(file, 16);
  if (!head) return null;
  if (head.toString('latin1', 0, 5) === '%PDF-') return 'pdf';
  if (head.length >= 8 && head.subarray(0, 8).equals(PNG_SIG)) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8) return 'jpeg';
  return 'other';
}

export const SITE_MARKER = '.folio-site';

/**
 * Refuses to replace a folder that is not ours: an existing output folder is replaced only when it
 * is empty or was written by this exporter (it holds the marker file).
 */
export async function assertReplaceable(outDir: string): Promise<void> {
  let s;
  try {
    s = await stat(outDir);
  } catch {
    return;
  }
  if (!s.isDirectory()) throw new UserInputError(`${outDir}: exists and is not a folder; choose another output folder`);
  const entries = await readdir(outDir);
  if (entries.length === 0 || entries.includes(SITE_MARKER)) return;
  throw new UserInputError(`${outDir}: the folder exists and was not written by Folio's site exporter; choose an empty or new folder`);
}

/** Moves a finished temp folder into place; the old site (if any) is removed only after the swap. */
export async function swapIntoPlace(tmpDir: string, outDir: string): Promise<void> {
  const old = `${tmpDir}.old`;
  let hadOld = false;
  try {
    await rename(outDir, old);
    hadOld = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  try {
    await rename(tmpDir, outDir);
  } catch (err) {
    if (hadOld) await rename(old, outDir);
    throw err;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}

export function tempSibling(outDir: string): string {
  const rand = Math.random().toString(36).slice(2, 10);
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}.tmp-${process.pid}-${rand}`);
}
