// File-level helpers for the site exporter: whether a source file is what it claims, and where a
// site may be written (image sizes come from models/raster/header.ts, the swap into place from
// engine/fs-atomic.ts).
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserInputError } from '../../errors.js';

async function readHead(file: string, bytes: number): Promise<Buffer | null> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch {
    return null;
  }
  try {
    // (A document folder given as the source is no file to read: the site does not link it.)
    if (!(await fh.stat()).isFile()) return Buffer.alloc(0);
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

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

export function tempSibling(outDir: string): string {
  const rand = Math.random().toString(36).slice(2, 10);
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}.tmp-${process.pid}-${rand}`);
}
