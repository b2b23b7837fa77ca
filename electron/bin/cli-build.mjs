// The CLI as prebuilt JavaScript. `npm ci` runs this file (the root package's `prepare` script) and
// esbuild bundles electron/cli/main.ts into dist/cli/<key>/, the key naming the sources it was built
// from (every .ts file's path, size and time under engine/, skills/, electron/). folio.mjs starts
// from that bundle when its key matches the sources, rebuilds it when they changed (development),
// and falls back to running the TypeScript through tsx when esbuild is missing or fails. tsx at
// every start cost 0.6 s of a 0.8 s `folio --version`.
//
// Plain JavaScript on purpose: it must run before anything is built.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE_DIRS = ['engine', 'skills', 'electron'];
const outBase = path.join(root, 'dist/cli');

/** A key that changes whenever any TypeScript source does. About 5 ms for the whole tree. */
export function sourcesKey() {
  const h = createHash('sha1');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(path.join(dir, e.name));
      } else if (e.name.endsWith('.ts')) {
        const p = path.join(dir, e.name);
        const st = statSync(p);
        h.update(`${path.relative(root, p)}:${st.size}:${st.mtimeMs}\n`);
      }
    }
  };
  for (const d of SOURCE_DIRS) if (existsSync(path.join(root, d))) walk(path.join(root, d));
  return h.digest('hex').slice(0, 16);
}

/** The bundle's entry for the current sources, or null when there is none yet. */
export function builtEntry(key = sourcesKey()) {
  const file = path.join(outBase, key, 'main.mjs');
  return existsSync(file) ? pathToFileURL(file) : null;
}

/**
 * Builds the bundle for the current sources (atomically: into a temporary folder, then renamed) and
 * removes bundles of older sources. Returns its entry URL.
 */
export async function buildCli(key = sourcesKey()) {
  const { build } = await import('esbuild');
  const dir = path.join(outBase, key);
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  await build({
    entryPoints: { main: path.join(root, 'electron/cli/main.ts') },
    bundle: true,
    // Each command stays its own chunk, loaded on demand, as the sources' dynamic imports intend.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
    plugins: [sourceUrls()],
  });
  try {
    renameSync(tmp, dir);
  } catch (err) {
    // Another process built the same sources at the same moment: theirs is as good.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(path.join(dir, 'main.mjs'))) throw err;
  }
  for (const old of readdirSync(outBase)) {
    const p = path.join(outBase, old);
    // Spare recent folders (another process may be running from one) and others' temporaries.
    if (old !== key && !old.endsWith('.tmp') && Date.now() - statSync(p).mtimeMs > 60_000) rmSync(p, { recursive: true, force: true });
  }
  return pathToFileURL(path.join(dir, 'main.mjs'));
}

/**
 * Keeps `import.meta.url` of every source file what it was (its own .ts file): code finds assets,
 * skills and package.json relative to itself, and a bundle would otherwise move it to dist/cli/.
 */
function sourceUrls() {
  return {
    name: 'source-urls',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
        return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
      });
    },
  };
}

// `node electron/bin/cli-build.mjs` (npm's prepare): build now. A failure is reported, not fatal:
// the CLI still runs through tsx.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  try {
    const url = await buildCli();
    process.stdout.write(`folio: built the CLI into ${path.relative(root, path.dirname(fileURLToPath(url)))}/ (${Math.round(performance.now() - t0)} ms)\n`);
  } catch (err) {
    process.stderr.write(`folio: could not prebuild the CLI (it will run through tsx): ${err instanceof Error ? err.message : String(err)}\n`);
  }
}
