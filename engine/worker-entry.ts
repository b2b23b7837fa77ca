// Where a worker thread's code comes from. Folio runs from its TypeScript sources; a worker started by
// registering tsx would transpile the engine again (seconds of CPU per worker on a small machine), so
// the worker's entry is bundled once into plain JavaScript with esbuild (~50 ms), cached under
// node_modules/.cache/folio keyed by the sources' sizes and times, and every worker loads that. Any
// failure falls back to the tsx boot file beside the entry (`<entry>-boot.mjs`).
//
// Entries are named from the project root, not from the caller's import.meta.url: code that starts
// a worker may itself be running inside a bundle (an ingest job's thread starts page workers), where
// import.meta.url is the bundle's own file.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { cacheDir as folioCacheDir, pruneStale } from './cache.js';
import { projectRoot } from './project-root.js';

/** The source folders a worker bundle can be built from; any change in them makes a new bundle. */
const SOURCE_DIRS = ['engine', 'skills', 'electron'];
const cache = new Map<string, URL | null>();
let sourcesKey: string | undefined;

/**
 * The URL to start a worker from. `entry` is the worker's TypeScript file from the project root,
 * without its extension ("engine/ingest/pdf/worker" for engine/ingest/pdf/worker.ts).
 */
export function workerEntry(entry: string): URL {
  const file = path.join(projectRoot(), `${entry}.ts`);
  return bundled(file) ?? pathToFileURL(path.join(projectRoot(), `${entry}-boot.mjs`));
}

/**
 * The Node options a worker starts with: none. A worker inherits this process's by default, and
 * tsx's `--import` (bench, server, tests) then ran every bundled worker's imports through tsx's
 * loader: pdf.js's 2 MB worker module cost each page worker ~0.4 s more to open. V8 flags may not be
 * given to a worker at all. A worker that needs tsx (the fallback boot files, skill jobs) registers
 * it itself.
 */
export function workerExecArgv(): string[] {
  return [];
}

function bundled(entryFile: string): URL | null {
  const known = cache.get(entryFile);
  // Another process may have pruned the file since: check it is still there.
  if (known !== undefined && (known === null || existsSync(fileURLToPath(known)))) return known;
  cache.set(entryFile, null);
  if (process.env.FOLIO_WORKER_TSX === '1') return null;
  try {
    const repo = projectRoot();
    const cacheDir = folioCacheDir();
    const stem = path.relative(repo, entryFile).replace(/\.ts$/, '').replace(/[^A-Za-z0-9]+/g, '-');
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
        // In the Electron app process.execPath is Electron itself: this makes it run as plain Node
        // (without it, the child would start a second app); node ignores it.
        { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
      );
      if (r.status !== 0 || !existsSync(tmp)) return null;
      renameSync(tmp, out);
      // Bundles of older sources are dead weight; spare recent ones another process may be using.
      pruneStale(cacheDir, out, (f) => f.startsWith(`${stem}-`));
    }
    const url = pathToFileURL(out);
    cache.set(entryFile, url);
    return url;
  } catch {
    // No esbuild or an unwritable cache: the tsx boot file still works, only slower.
    return null;
  }
}

/** A key that changes whenever any source file does (computed once per process). */
function keyOfSources(): string {
  if (sourcesKey) return sourcesKey;
  const repo = projectRoot();
  const h = createHash('sha1');
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (e.name.endsWith('.ts')) {
        const st = statSync(p);
        h.update(`${p}:${st.size}:${st.mtimeMs}\n`);
      }
    }
  };
  for (const d of SOURCE_DIRS) if (existsSync(path.join(repo, d))) walk(path.join(repo, d));
  sourcesKey = h.digest('hex').slice(0, 16);
  return sourcesKey;
}
