// Small file helpers the services share: atomic writes (temp + rename) and tolerant JSON reads.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';

export { writeFileAtomic, writeJsonAtomic } from '../../engine/fs-atomic.ts';

/** Reads and validates a JSON file; null when it does not exist. A corrupt file is an error naming it. */
export async function readJson<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S> | null> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const parsed = schema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error(`${file}: unreadable (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data;
}

/** True when `child` is `parent` or inside it (after resolving . and ..). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function mimeOf(file: string): 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jpg' || ext === '.jpeg') return 'image/jpeg';
  if (ext === '.webp') return 'image/webp';
  if (ext === '.gif') return 'image/gif';
  return 'image/png';
}

export function nowIso(): string {
  return new Date().toISOString();
}

export function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
