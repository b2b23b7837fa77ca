// Reading a source file from disk, with the one message a person gets when it cannot be read.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SourceError } from '../errors.js';

/** The typed error for a file that cannot be read: not found, a directory, or another OS error. */
export function unreadable(name: string, err: unknown): SourceError {
  const code = (err as NodeJS.ErrnoException).code;
  const problem = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? String(err)})`;
  return new SourceError(name, problem, { cause: err });
}

/** The bytes of a source file; errors name the file (by its base name unless `name` is given). */
export async function readSourceFile(file: string, name = path.basename(file)): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (err) {
    throw unreadable(name, err);
  }
}
