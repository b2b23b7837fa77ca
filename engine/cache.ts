// Folio's cache of generated files (worker bundles, the patched pdf.js worker module): a folder under
// node_modules/.cache, and the pruning of files a newer one has replaced.
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './project-root.js';

/** node_modules/.cache/folio of the Folio package (not created here). */
export function cacheDir(): string {
  return path.join(projectRoot(), 'node_modules', '.cache', 'folio');
}

/**
 * Removes the files of `dir` that `sibling` matches, other than `keep`, once they are an hour old:
 * a recent one may still be in use by another process.
 */
export function pruneStale(dir: string, keep: string, sibling: (name: string) => boolean): void {
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    if (sibling(f) && p !== keep && Date.now() - statSync(p).mtimeMs > 3_600_000) rmSync(p, { force: true });
  }
}
