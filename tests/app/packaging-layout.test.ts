// The packaged app, built for real as far as this machine allows: `npm run app:build`, then
// electron-builder's unpacked Linux app (`--dir`) against a stub Electron distribution (Electron's
// zip cannot be downloaded here; electron-builder copies the stub where the binary would go). Then:
// - every file the runtime resolves (electron/main/paths.ts runtimeFiles: models, native addons,
//   the decoder child and its cwd, worker bundles, pdf.js and its worker) is in app.asar.unpacked
//   and marked unpacked in the archive, or is in the archive's listing, as the code expects;
// - each worker bundle's run-time imports resolve from app.asar.unpacked alone, with their
//   dependencies (a thread there cannot see into the archive);
// - the bundled main process loads its modules under plain Node with a stub `electron` module;
// - a job worker started from its unpacked bundle reads a JPEG (decoder child, OCR in the model
//   host with onnxruntime and the models) and a PDF (page workers, pdf.js), the archive simulated by a
//   folder named app.asar that lacks the unpacked files.
// What needs a real Electron (its asar fs, its process.dlopen, its ESM loader in workers) is listed
// in the README.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createCanvas } from '@napi-rs/canvas';
import { minimatch } from 'minimatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildApp, buildMain, type MainBuild } from '../../electron/main/build.ts';
import { ASAR_UNPACK, runtimeFiles, toUnpacked, workerBundle, WORKER_ENTRIES } from '../../electron/main/paths.ts';
import { corpus, repoRoot } from '../helpers/corpus.ts';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  listPackage(archive: string, opts?: object): string[];
  statFile(archive: string, file: string, follow?: boolean): { unpacked?: boolean; files?: unknown };
  extractAll(archive: string, dest: string): void;
};
const config = parse(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as { asarUnpack: string[] };
const electronVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { optionalDependencies: { electron: string } }).optionalDependencies.electron;

let work = '';
let resources = '';
let archive = '';
let listing: string[] = [];
let built: MainBuild;
const rel = (p: string): string => path.relative(resources, p).split(path.sep).join('/');

describe('the packaged app layout (electron-builder --dir, stub Electron)', () => {
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'folio-package-'));
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('builds the app and its unpacked layout', async () => {
    await buildApp();
    built = await buildMain();
    // The stub: an executable where Electron's binary goes, and the files electron-builder renames.
    const dist = path.join(work, 'electron-dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\necho "stub Electron: the real binary is not available here" >&2\nexit 1\n', { mode: 0o755 });
    writeFileSync(path.join(dist, 'version'), electronVersion);
    writeFileSync(path.join(dist, 'LICENSE'), '');
    const r = spawnSync(
      path.join(repoRoot, 'node_modules/.bin/electron-builder'),
      ['--linux', 'dir', '--config', 'electron-builder.yml', `-c.electronDist=${dist}`, `-c.electronVersion=${electronVersion}`, `-c.directories.output=${path.join(work, 'out')}`, '-c.npmRebuild=false'],
      { cwd: repoRoot, encoding: 'utf8', timeout: 300_000 },
    );
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    resources = path.join(work, 'out/linux-unpacked/resources');
    archive = path.join(resources, 'app.asar');
    expect(statSync(archive).isFile()).toBe(true);
    listing = asar.listPackage(archive).map((p) => p.replace(/^[\\/]/, '').split(path.sep).join('/'));
    expect(listing.length).toBeGreaterThan(100);
  }, 360_000);

  it('unpacks exactly what electron/main/paths.ts maps, and every pattern matches something', () => {
    expect(config.asarUnpack).toEqual([...ASAR_UNPACK]);
    const unpacked = walk(path.join(resources, 'app.asar.unpacked')).map((f) => path.relative(path.join(resources, 'app.asar.unpacked'), f).split(path.sep).join('/'));
    const dead = ASAR_UNPACK.filter((g) => !unpacked.some((f) => minimatch(f, g, { dot: true })));
    expect(dead).toEqual([]);
  });

  it('has every file the runtime resolves where the runtime looks for it', () => {
    const files = runtimeFiles(archive);
    expect(files.filter((f) => f.what.startsWith('model')).length, 'the OCR models').toBeGreaterThanOrEqual(3);
    expect(files.filter((f) => f.what.startsWith('native addon')).length, 'onnxruntime and canvas addons').toBeGreaterThanOrEqual(2);
    const problems: string[] = [];
    for (const f of files) {
      const inner = path.relative(f.where === 'unpacked' ? toUnpacked(archive) : archive, f.path).split(path.sep).join('/');
      if (inner.startsWith('..')) {
        problems.push(`${f.what}: ${rel(f.path)} is not inside ${f.where === 'unpacked' ? 'app.asar.unpacked' : 'app.asar'}`);
      } else if (f.where === 'unpacked') {
        if (!existsSync(f.path)) problems.push(`${f.what}: ${rel(f.path)} is missing`);
        else if (inner && !asar.statFile(archive, inner).unpacked) problems.push(`${f.what}: ${inner} is not marked unpacked in app.asar`);
      } else if (!listing.includes(inner)) problems.push(`${f.what}: ${inner} is not in app.asar`);
      else if (asar.statFile(archive, inner).unpacked) problems.push(`${f.what}: ${inner} is unpacked, but read from the archive`);
    }
    expect(problems).toEqual([]);
  });

  it("resolves each worker bundle's run-time imports from app.asar.unpacked alone", () => {
    const problems: string[] = [];
    for (const e of WORKER_ENTRIES) {
      const bundle = workerBundle(archive, e);
      const imports = built.externals[path.relative(repoRoot, workerBundle(repoRoot, e)).split(path.sep).join('/')];
      expect(imports, e).toBeDefined();
      const seen = new Set<string>();
      // A package and what it requires, resolved as Node resolves them from the bundle's folder.
      const visit = (spec: string, from: string): void => {
        let pkgJson: string;
        try {
          pkgJson = packageJsonOf(createRequire(from).resolve(spec));
        } catch (err) {
          // An optional require inside a try (linkedom's canvas) is no problem when its package is not shipped at all.
          if (!OPTIONAL.has(spec)) problems.push(`${path.basename(bundle)}: ${spec} (from ${rel(from)}): ${(err as Error).message.split('\n')[0]}`);
          return;
        }
        if (seen.has(pkgJson)) return;
        seen.add(pkgJson);
        if (!pkgJson.startsWith(toUnpacked(archive) + path.sep)) problems.push(`${spec} resolves outside app.asar.unpacked: ${rel(pkgJson)}`);
        const p = JSON.parse(readFileSync(pkgJson, 'utf8')) as { dependencies?: Record<string, string> };
        for (const d of Object.keys(p.dependencies ?? {})) visit(d, pkgJson);
      };
      for (const spec of imports ?? []) if (!isBuiltin(spec)) visit(spec, bundle);
    }
    expect(problems).toEqual([]);
  });

  describe('run under plain Node, the archive simulated by a folder without the unpacked files', () => {
    beforeAll(() => {
      // Electron's fs serves an unpacked file at its app.asar path as well; plain Node cannot, so the
      // simulated archive keeps the copies the engine reads through fs by that path (the model
      // manifests: projectRoot()/assets/models), and drops every other unpacked file.
      const folder = path.join(work, 'extracted');
      asar.extractAll(archive, folder);
      for (const f of listing) {
        if (f.startsWith('assets/models/')) continue;
        const s = asar.statFile(archive, f);
        if (s.unpacked && !s.files) rmSync(path.join(folder, f), { force: true });
      }
      renameSync(archive, `${archive}.file`);
      renameSync(folder, archive);
    }, 120_000);

    it('loads the bundled main process with a stub electron module', () => {
      const hooks = path.join(work, 'electron-stub-hooks.mjs');
      const stub = path.join(work, 'electron-stub.mjs');
      writeFileSync(stub, STUB_ELECTRON);
      writeFileSync(
        hooks,
        `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(resolveHook(pathToFileURL(stub).href))}`)});\n`,
      );
      const r = spawnSync(process.execPath, ['--import', pathToFileURL(hooks).href, path.join(archive, 'electron/main/boot.mjs')], {
        cwd: work,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NODE_OPTIONS: '' },
      });
      expect(`${r.stdout}${r.stderr}`).toContain('stub electron: the main process asked for its single-instance lock');
      expect(r.status, r.stderr).toBe(0);
    }, 90_000);

    const out = (): string => path.join(work, 'jobs');
    const job = (input: string, docId: string) => ({ kind: 'ingest', input, outDir: out(), docId, thumbsDir: path.join(out(), `${docId}-thumbs`), thumbDpi: 30, thumbPages: 1 });
    /** One job in a job worker started from its unpacked bundle, as the packaged services start it. */
    const run = (data: object): Promise<{ type: string; result?: { kind: string; pageCount: number; thumbs: number }; error?: { message: string } }> =>
      new Promise((resolve, reject) => {
        const w = new Worker(workerBundle(archive, 'electron/services/worker/job-worker'), { workerData: data, execArgv: [] });
        w.on('message', (m: { type: string }) => {
          if (m.type === 'done' || m.type === 'failed') resolve(m as never);
        });
        w.on('error', reject);
        w.on('exit', (code) => (code !== 0 ? reject(new Error(`job worker exited ${code}`)) : undefined));
      });

    it('reads a JPEG of text in a job worker: decoder child, then OCR with onnxruntime and the unpacked models', async () => {
      // A small photo of two printed lines: OCR of a full scanned page takes a minute on a small machine.
      const c = createCanvas(900, 220);
      const g = c.getContext('2d');
      g.fillStyle = '#fff';
      g.fillRect(0, 0, 900, 220);
      g.fillStyle = '#111';
      g.font = '48px sans-serif';
      g.fillText('Packaged reading works', 40, 90);
      g.fillText('from the unpacked models', 40, 170);
      const file = path.join(work, 'lines.jpg');
      writeFileSync(file, await c.encode('jpeg', 90));
      const photo = await run(job(file, 'photo'));
      expect(photo.error?.message ?? '').toBe('');
      expect(photo.result).toMatchObject({ kind: 'image', pageCount: 1 });
      const text = readFileSync(path.join(out(), 'photo', 'document.json'), 'utf8');
      expect(text, 'OCR read the words').toMatch(/Packaged/i);
      expect(text).toMatch(/unpacked/i);
    }, 240_000);

    it('reads a PDF in a job worker: page workers from their unpacked bundle, pdf.js from app.asar.unpacked', async () => {
      const pdf = await run(job(corpus('papers/pdfjs_tracemonkey.pdf'), 'paper'));
      expect(pdf.error?.message ?? '').toBe('');
      expect(pdf.result).toMatchObject({ kind: 'pdf', pageCount: 14, thumbs: 1 });
    }, 240_000);
  });
});

/** Packages a bundle may require inside a try, which the app does not ship. */
const OPTIONAL = new Set(['canvas']);

function isBuiltin(spec: string): boolean {
  return (require('node:module') as { isBuiltin(s: string): boolean }).isBuiltin(spec);
}

function packageJsonOf(file: string): string {
  let dir = path.dirname(file);
  for (;;) {
    const p = path.join(dir, 'package.json');
    if (existsSync(p) && (JSON.parse(readFileSync(p, 'utf8')) as { name?: string }).name) return p;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${file}`);
    dir = up;
  }
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Module hooks that answer `import 'electron'` with the stub (what ELECTRON_RUN_AS_NODE leaves out). */
function resolveHook(stubUrl: string): string {
  return `export async function resolve(spec, ctx, next) { return spec === 'electron' ? { url: ${JSON.stringify(stubUrl)}, shortCircuit: true } : next(spec, ctx); }`;
}

/** The names the main process imports from electron; the single-instance lock is refused, so it quits. */
const STUB_ELECTRON = `
const noop = () => undefined;
export const app = {
  requestSingleInstanceLock() { process.stdout.write('stub electron: the main process asked for its single-instance lock\\n'); return false; },
  quit() { process.exit(0); },
  on: noop, whenReady: () => new Promise(noop), getPath: () => '/nonexistent',
};
export const protocol = { registerSchemesAsPrivileged: noop, handle: noop };
export class BrowserWindow {}
export const Menu = { setApplicationMenu: noop, buildFromTemplate: noop };
export const dialog = {}, ipcMain = { handle: noop }, session = {}, shell = {}, safeStorage = {};
export default { app, protocol, BrowserWindow, Menu, dialog, ipcMain, session, shell, safeStorage };
`;
