// Where a worker thread's code comes from. A built app ships plain `.js` workers beside their modules.
// A source checkout would otherwise start every worker by registering tsx and transpiling the engine
// again (seconds per worker on a small machine), so the worker's TypeScript entry is bundled once
// into plain JavaScript with esbuild (~50 ms), cached under node_modules/.cache/folio keyed by the
// engine sources' sizes and times, and every worker loads that. Any failure falls back to the tsx
// boot file beside the entry.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';

const ENGINE_DIR = path.dirname(fileURLToPath(import.meta.url));
const cache = new Map<string, URL | null>();
let sourcesKey: string | undefined;

/**
 * The URL to start a worker from. `caller` is the import.meta.url of the module starting it; `entry`
 * the worker's base name beside it ("worker" for worker.ts / worker.js / worker-boot.mjs).
 */
export function workerEntry(caller: string, entry: string): URL {
  const here = new URL(caller);
  if (!here.pathname.endsWith('.ts')) return new URL(`./${entry}.js`, here);
  return bundled(path.join(path.dirname(fileURLToPath(here)), `${entry}.ts`)) ?? new URL(`./${entry}-boot.mjs`, here);
}

function bundled(entryFile: string): URL | null {
  const known = cache.get(entryFile);
  // Another process may have pruned the file since: check it is still there.
  if (known !== undefined && (known === null || existsSync(fileURLToPath(known)))) return known;
  cache.set(entryFile, null);
  if (process.env.FOLIO_WORKER_TSX === '1') return null;
  try {
    const repo = path.dirname(ENGINE_DIR);
    const cacheDir = path.join(repo, 'node_modules', '.cache', 'folio');
    const stem = path.relative(ENGINE_DIR, entryFile).replace(/\.ts$/, '').replace(/[^A-Za-z0-9]+/g, '-');
    const out = path.join(cacheDir, `${stem}-${keyOfSources()}.mjs`);
    if (!existsSync(out)) {
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${out}.${process.pid}.${threadId}.tmp`;
      const r = spawnSync(
        process.execPath,
        [
          '-e',
          `require('esbuild').buildSync({ entryPoints: [process.argv[1]], bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', outfile: process.argv[2], logLevel: 'error' })`,
          entryFile,
          tmp,
        ],
        { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 },
      );
      if (r.status !== 0 || !existsSync(tmp)) return null;
      renameSync(tmp, out);
      // Bundles of older sources are dead weight; spare recent ones another process may be using.
      for (const f of readdirSync(cacheDir)) {
        const p = path.join(cacheDir, f);
        if (f.startsWith(`${stem}-`) && p !== out && Date.now() - statSync(p).mtimeMs > 3_600_000) rmSync(p, { force: true });
      }
    }
    const url = pathToFileURL(out);
    cache.set(entryFile, url);
    return url;
  } catch {
    // No esbuild or an unwritable cache: the tsx boot file still works, only slower.
    return null;
  }
}

/** A key that changes whenever any engine source file does (computed once per process). */
function keyOfSources(): string {
  if (sourcesKey) return sourcesKey;
  const h = createHash('sha1');
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        const st = statSync(p);
        h.update(`${p}:${st.size}:${st.mtimeMs}\n`);
      }
    }
  };
  walk(ENGINE_DIR);
  sourcesKey = h.digest('hex').slice(0, 16);
  return sourcesKey;
}
