// The folder Folio is installed in (its package.json), found by walking up from this module. Code that
// reads bundled assets uses it instead of a path relative to its own file, because worker threads run
// from a bundle in node_modules/.cache (see worker-entry.ts) where relative paths no longer hold.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function projectRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'folio') return (root = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the folio package.json above the engine');
    dir = up;
  }
}
