// What kind of source a file is: one answer for the engine, the app and the skills (issue 25: three
// sniffers used to disagree: a PDF saved as "scan.png" was a PDF to the engine and an image to the
// app; a PDF without an extension was refused by the skills). Content decides first, the name second,
// so a mislabelled file is read as what it is, and a file named .pdf that is not one still reaches
// the PDF reader, whose error says what is wrong with it.
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { sniffImageFormat } from '../models/raster/magic.js';
import { SOURCE_KINDS, sourceKindOfExtension, type SourceKind } from '../vocabulary/sources.js';

export { SOURCE_KINDS, type SourceKind };
export { READS_IN_WORDS, SOURCE_KIND_FILES, sourceKindOfExtension } from '../vocabulary/sources.js';

/** How many leading bytes `sourceKindOf` looks at (a PDF header may follow some junk, as readers allow). */
export const HEAD_BYTES = 1024;


export function isSourceKind(v: unknown): v is SourceKind {
  return typeof v === 'string' && (SOURCE_KINDS as readonly string[]).includes(v);
}

/** The kind of a file from its first bytes (up to HEAD_BYTES) and then its name; 'unknown' when neither says. */
export function sourceKindOf(name: string, head: Uint8Array): SourceKind | 'unknown' {
  const bytes = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, HEAD_BYTES));
  // An image's signature sits at byte 0 and decides; "%PDF-" may follow junk (readers allow it), but
  // inside an image (a PNG text chunk) it is not a PDF.
  if (sniffImageFormat(bytes)) return 'image';
  if (bytes.includes('%PDF-')) return 'pdf';
  const text = bytes.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().slice(0, 300).toLowerCase();
  if (/^<!doctype html|^<html[\s>]|^<\?xml[^>]*>\s*(<!doctype html|<html[\s>])/.test(text)) return 'html';
  return sourceKindOfExtension(path.extname(name)) ?? 'unknown';
}

/** The first HEAD_BYTES of a file (fewer when it is shorter); reads no more than that. */
export async function readHead(file: string): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The kind of the file at `file`, from its first bytes and its name; by name alone when it cannot be
 * read (the reader it goes to then says why, naming the file). */
export async function sourceKindOfFile(file: string): Promise<SourceKind | 'unknown'> {
  const head = await readHead(file).catch(() => new Uint8Array(0));
  return sourceKindOf(file, head);
}

/** readHead for synchronous callers (argument checks before a run starts). */
export function readHeadSync(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
