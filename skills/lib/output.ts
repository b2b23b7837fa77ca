// Small output helpers for skills: atomic JSON and text files.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function writeTextAtomic(file: string, text: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

export async function writeJsonAtomic(file: string, data: unknown): Promise<void> {
  await writeTextAtomic(file, JSON.stringify(data, null, 1));
}
