// Document folders as inputs: a folder written by writeDocumentFolder (document.json + assets/) is a
// source already read, so runs take it where it is instead of reading the original again. An
// optional origin.json beside document.json says where the document came from (the original file,
// relative to the folder or absolute, or its URL) and which id the caller knows it by, so outputs
// can still link the original and name the source by the caller's id.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SourceError } from '../errors.js';
import { writeJsonAtomic } from '../fs-atomic.js';
import { SourceDocument } from './types.js';

export const ORIGIN_FILE = 'origin.json';

export const DocumentOrigin = z.object({
  /** The id the document takes in a run (default: document.json's own id). */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/).optional(),
  /** The original file: absolute, or relative to the document folder. */
  path: z.string().optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
});
export type DocumentOrigin = z.infer<typeof DocumentOrigin>;

export interface ReadFolder {
  doc: SourceDocument;
  /** Absolute path of the document folder (assets are relative to it). */
  dir: string;
  /** The original file (absolute), when origin.json names one that exists. */
  original?: string;
  url?: string;
}

/** Whether `input` is a document folder (a directory holding document.json). */
export function isDocumentFolder(input: string): boolean {
  if (/^https?:\/\//i.test(input)) return false;
  try {
    return statSync(input).isDirectory() && existsSync(path.join(input, 'document.json'));
  } catch {
    // Not there or not readable: not a folder we can take; the caller reads it as a file and says why.
    return false;
  }
}

/** Reads a document folder: its document (checked against the schema) and, from origin.json, where it came from. */
export async function readDocumentFolder(folder: string): Promise<ReadFolder> {
  const dir = path.resolve(folder);
  const file = path.join(dir, 'document.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new SourceError(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'document.json not found (was the document folder moved?)' : 'not valid JSON', { cause: err });
  }
  const parsed = SourceDocument.safeParse(json);
  if (!parsed.success) throw new SourceError(file, `not a Folio document (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  const doc = parsed.data;
  const originFile = path.join(dir, ORIGIN_FILE);
  if (!existsSync(originFile)) return { doc, dir };
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(originFile, 'utf8'));
  } catch (err) {
    throw new SourceError(originFile, 'not valid JSON', { cause: err });
  }
  const origin = DocumentOrigin.safeParse(raw);
  if (!origin.success) throw new SourceError(originFile, `not a document origin (${origin.error.issues[0]?.message ?? 'invalid'})`);
  const o = origin.data;
  const original = o.path ? path.resolve(dir, o.path) : undefined;
  return {
    doc: o.id ? { ...doc, id: o.id } : doc,
    dir,
    ...(original && existsSync(original) ? { original } : {}),
    ...(o.url ? { url: o.url } : {}),
  };
}

/** Writes origin.json into a document folder. */
export async function writeDocumentOrigin(folder: string, origin: DocumentOrigin): Promise<void> {
  await writeJsonAtomic(path.join(folder, ORIGIN_FILE), DocumentOrigin.parse(origin));
}
