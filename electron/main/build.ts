// `npm run app:build`: bundles what Electron loads as files into dist/:
// - dist/app: the renderer page (HTML + JS + CSS) and the preload (CommonJS, as a sandboxed preload must be);
// - dist/main/main.mjs: the main process as plain JavaScript (no tsx at start-up);
// - dist/main/workers/*.mjs: each worker the app starts.
// Both are unpacked in a package and self-contained but for the native packages unpacked beside
// them (BUNDLE_EXTERNALS; electron-builder's asarUnpack, see paths.ts): no native addon, worker or
// child is loaded from inside the archive, and nothing is written into it.
// Every bundled source keeps its own `import.meta.url` in the installed app (paths.ts sourceUrl),
// and engine/worker-entry.ts is replaced by packaged-worker-entry.ts.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { bundleRenderer, repoRoot } from '../server/bundle.ts';
import { indexHtml } from '../services/csp.ts';
import { WORKER_ENTRIES, mainBundle, workerBundle } from './paths.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const pathsModule = path.join(here, 'paths.ts');

/** Packages a bundle imports at run time from app.asar.unpacked/node_modules instead of carrying them. */
export const BUNDLE_EXTERNALS = ['onnxruntime-node', '@napi-rs/canvas', 'esbuild', 'tsx', 'tsx/*', 'pdfjs-dist', 'pdfjs-dist/*'];

/**
 * Files whose `import.meta.url` stays the bundle's own: the packaging layer itself (it finds the
 * app from the bundle), and skills-api.ts, which asks whether it runs from a bundle (then it must
 * register tsx to load the skills' TypeScript).
 */
const OWN_URL = new Set(['electron/main/paths.ts', 'electron/main/packaged-worker-entry.ts', 'electron/services/skills-api.ts']);

function packagedSources(): Plugin {
  return {
    name: 'folio-packaged-sources',
    setup(b) {
      // The packaged worker entry in place of the engine's (which bundles into a writable cache).
      b.onResolve({ filter: /worker-entry\.(js|ts)$/ }, (args) => {
        const file = path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
        if (file !== path.join(repoRoot, 'engine/worker-entry.ts') || args.importer.endsWith('packaged-worker-entry.ts')) return undefined;
        return { path: path.join(here, 'packaged-worker-entry.ts') };
      });
      b.onResolve({ filter: /^folio-entry:/ }, (args) => ({ path: args.path.slice('folio-entry:'.length), namespace: 'folio-entry' }));
      b.onLoad({ filter: /.*/, namespace: 'folio-entry' }, (args) => ({
        // The shims run before any of the entry's own modules (ES modules evaluate in import order).
        contents: `import ${JSON.stringify(`folio-shims:${args.path}`)};\nimport ${JSON.stringify(path.join(repoRoot, args.path))};\n`,
        resolveDir: repoRoot,
        loader: 'js',
      }));
      b.onResolve({ filter: /^folio-shims:/ }, (args) => ({ path: args.path, namespace: 'folio-shims' }));
      b.onLoad({ filter: /.*/, namespace: 'folio-shims' }, () => ({
        contents: `import { appRootOf, installAsarShims } from ${JSON.stringify(pathsModule)};\ninstallAsarShims(appRootOf(import.meta.url));\n`,
        resolveDir: repoRoot,
        loader: 'js',
      }));
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        const rel = path.relative(repoRoot, args.path).split(path.sep).join('/');
        if (!text.includes('import.meta.url') || OWN_URL.has(rel) || rel.startsWith('..') || rel.startsWith('node_modules/')) return { contents: text, loader: 'ts' };
        const header = `import { sourceUrl as __folioSourceUrl } from ${JSON.stringify(pathsModule)};\n`;
        return { contents: header + text.replaceAll('import.meta.url', `__folioSourceUrl(import.meta.url, ${JSON.stringify(rel)})`), loader: 'ts' };
      });
    },
  };
}

export interface MainBuild {
  /** Bundle file → the bare packages it imports at run time. */
  externals: Record<string, string[]>;
}

/** Builds dist/main (the main process and the worker bundles) into `root`'s dist/. */
export async function buildMain(root = repoRoot): Promise<MainBuild> {
  const outMain = path.join(root, 'dist/main');
  await rm(outMain, { recursive: true, force: true });
  const common = {
    bundle: true,
    platform: 'node' as const,
    format: 'esm' as const,
    target: 'node20',
    logLevel: 'warning' as const,
    metafile: true,
    plugins: [packagedSources()],
    // CommonJS packages inside an ES module bundle still call require() for Node's built-ins.
    banner: { js: "import { createRequire as __folioCreateRequire } from 'node:module'; const require = __folioCreateRequire(import.meta.url);" },
  };
  const externals: Record<string, string[]> = {};
  const record = (file: string, meta: Metafile): void => {
    const bare = new Set<string>();
    for (const out of Object.values(meta.outputs)) for (const i of out.imports) if (i.external && !i.path.startsWith('node:') && !i.path.startsWith('.')) bare.add(i.path);
    externals[path.relative(root, file).split(path.sep).join('/')] = [...bare].sort();
  };
  const mainFile = mainBundle(root);
  record(mainFile, (await build({ ...common, entryPoints: ['folio-entry:electron/main/index.ts'], outfile: mainFile, external: ['electron', ...BUNDLE_EXTERNALS] })).metafile!);
  for (const entry of WORKER_ENTRIES) {
    const file = workerBundle(root, entry);
    record(file, (await build({ ...common, entryPoints: [`folio-entry:${entry}.ts`], outfile: file, external: BUNDLE_EXTERNALS })).metafile!);
  }
  return { externals };
}

/** Everything `npm run app:build` makes: dist/app and dist/main. */
export async function buildApp(): Promise<void> {
  const t0 = performance.now();
  const out = path.join(repoRoot, 'dist/app');
  await mkdir(path.join(out, 'renderer'), { recursive: true });
  const r = await bundleRenderer();
  await writeFile(path.join(out, 'renderer/app.js'), r.js);
  await writeFile(path.join(out, 'renderer/app.css'), r.css);
  await writeFile(path.join(out, 'renderer/index.html'), indexHtml({ scriptSrc: './app.js', styleHref: './app.css' }));
  await build({
    entryPoints: [path.join(repoRoot, 'electron/preload/index.ts')],
    bundle: true,
    outfile: path.join(out, 'preload.cjs'),
    format: 'cjs',
    platform: 'node',
    external: ['electron'],
    logLevel: 'warning',
  });
  const m = await buildMain();
  process.stdout.write(`built dist/app/ and dist/main/ (${Object.keys(m.externals).length} bundles) in ${Math.round(performance.now() - t0)} ms\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildApp();
