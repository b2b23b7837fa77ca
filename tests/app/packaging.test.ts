// What the packaged app loads at run time, checked against electron-builder.yml (no installer is
// built here: Electron's binary cannot be downloaded). Inside app.asar a file can be read by
// Electron's patched fs, but not by anything else: onnxruntime's C++ loader (models), the OS loader
// (native .node addons, esbuild's executable), or a child process's cwd. So:
// - every native addon and executable of a production dependency, and every model file, must be
//   matched by asarUnpack;
// - every file the code forks, spawns or starts as a worker (found in the sources) must exist and be
//   shipped (matched by `files`); a script spawned by path must be unpacked too. (Worker threads and
//   fork() with ELECTRON_RUN_AS_NODE read the archive through Electron's fs, and a boot file's
//   relative import of its .ts would break if it alone were unpacked.)
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const config = parse(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as { files: string[]; asarUnpack: string[] };
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

const unpacked = (rel: string): boolean => config.asarUnpack.some((g) => minimatch(rel, g, { dot: true }));
/** electron-builder's `files`: included by a positive pattern and not dropped by a later "!" one (node_modules are added by it). */
function shipped(rel: string): boolean {
  if (rel.startsWith('node_modules/')) return true;
  let inc = false;
  for (const g of config.files) {
    if (g.startsWith('!')) {
      if (minimatch(rel, g.slice(1), { dot: true })) inc = false;
    } else if (minimatch(rel, g, { dot: true })) inc = true;
  }
  return inc;
}

function walk(dir: string, keep: (rel: string) => boolean, out: string[] = [], base = repoRoot): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    const rel = path.relative(base, abs).split(path.sep).join('/');
    if (e.isDirectory()) {
      if (e.name === '.cache' || e.name === '.bin') continue;
      walk(abs, keep, out, base);
    } else if (keep(rel)) out.push(rel);
  }
  return out;
}

/** The production dependency closure: package folder paths under node_modules. */
function productionPackages(): string[] {
  const seen = new Set<string>();
  const visit = (name: string, from: string): void => {
    // Node's resolution: nested node_modules first, then upwards.
    let dir = from;
    for (;;) {
      const cand = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(cand, 'package.json'))) {
        if (seen.has(cand)) return;
        seen.add(cand);
        const p = JSON.parse(readFileSync(path.join(cand, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
        for (const d of Object.keys({ ...p.dependencies, ...p.optionalDependencies })) visit(d, cand);
        return;
      }
      if (dir === repoRoot || dir === path.dirname(dir)) return;
      dir = path.dirname(dir);
    }
  };
  for (const d of Object.keys(pkg.dependencies)) visit(d, repoRoot);
  return [...seen].map((p) => path.relative(repoRoot, p).split(path.sep).join('/'));
}

describe('packaging: what the app loads at run time is where it can be loaded', () => {
  it('unpacks every native addon, executable and model of the production dependencies', () => {
    const needs: string[] = [];
    for (const p of productionPackages()) {
      const files = walk(path.join(repoRoot, p), (rel) => {
        if (/\.(node|onnx|so(\.\d+)*|dylib|dll)$/.test(rel)) return true;
        // Executables (esbuild's binary): the OS loads them, not Node's fs.
        return /\/bin\/[^/.]+$/.test(rel) && (statSync(path.join(repoRoot, rel)).mode & 0o111) !== 0;
      });
      needs.push(...files);
    }
    expect(needs.length, 'found native files to check').toBeGreaterThan(3);
    expect(needs.filter((f) => f.includes('onnxruntime_binding.node')).length).toBeGreaterThan(0);
    expect(needs.filter((f) => !unpacked(f))).toEqual([]);
  });

  it('unpacks the models Folio ships (onnxruntime reads them by path)', () => {
    const models = walk(path.join(repoRoot, 'assets/models'), (rel) => !rel.endsWith('README.md'));
    expect(models.filter((f) => f.endsWith('.onnx') || f.endsWith('manifest.json')).length).toBeGreaterThan(0);
    expect(models.filter((f) => !shipped(f))).toEqual([]);
    expect(models.filter((f) => !unpacked(f))).toEqual([]);
  });

  it('ships and unpacks every file the code forks, spawns or starts as a worker', () => {
    const sources = ['engine', 'electron', 'skills'].flatMap((d) => walk(path.join(repoRoot, d), (rel) => rel.endsWith('.ts') && !rel.endsWith('.d.ts')));
    const targets = new Map<string, string>();
    const spawned = new Set<string>();
    for (const file of sources) {
      const text = readFileSync(path.join(repoRoot, file), 'utf8');
      // workerEntry('engine/x/worker'): the TypeScript entry and its tsx boot fallback, from the project root.
      for (const m of text.matchAll(/workerEntry\(\s*'([^']+)'\s*\)/g)) {
        targets.set(`${m[1]}.ts`, file);
        targets.set(`${m[1]}-boot.mjs`, file);
      }
      // spawn/fork of a file named from the project root: path.join(projectRoot(), '…').
      for (const m of text.matchAll(/(?:spawn|fork|execFile)\([^;]*?path\.join\(projectRoot\(\),\s*'([^']+)'\)/gs)) {
        targets.set(m[1]!, file);
        spawned.add(m[1]!);
      }
    }
    expect(targets.size, 'found the worker and child entries').toBeGreaterThan(3);
    expect(spawned.size, 'found the decoder child').toBeGreaterThan(0);
    const problems: string[] = [];
    for (const [rel, from] of targets) {
      if (!existsSync(path.join(repoRoot, rel))) problems.push(`${rel} (started by ${from}) does not exist`);
      else if (!shipped(rel)) problems.push(`${rel} (started by ${from}) is not in electron-builder's files`);
      else if (spawned.has(rel) && !unpacked(rel)) problems.push(`${rel} (started by ${from}) is loaded by another process but stays in app.asar`);
    }
    expect(problems).toEqual([]);
  });
});
