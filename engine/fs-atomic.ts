// Writing so that nothing half-written ever looks complete: a file goes to a temporary name beside
// its target and is renamed over it; a folder is built under a temporary name and swapped into
// place, the old one removed only once the new one is there. Every writer in Folio uses these.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 1)}\n`);
}

/** Moves a finished temporary folder to `outDir`, replacing what was there; on failure the old folder is put back. */
export async function replaceDir(tmpDir: string, outDir: string): Promise<void> {
  const old = `${outDir}.old-${randomBytes(4).toString('hex')}`;
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
