// Bundles the renderer (renderer/main.tsx → JS + CSS) with esbuild, in memory for the bridge or to
// dist/app/ for the Electron app.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RendererBundle {
  js: Uint8Array;
  css: Uint8Array;
  ms: number;
}

export async function bundleRenderer(opts: { minify?: boolean } = {}): Promise<RendererBundle> {
  const t0 = performance.now();
  const res = await build({
    entryPoints: [path.join(repoRoot, 'renderer/main.tsx')],
    bundle: true,
    write: false,
    outdir: path.join(repoRoot, 'dist/app/renderer'),
    entryNames: 'app',
    // A classic script, not a module: Chromium refuses module scripts from file://, where the
    // Electron app loads the page.
    format: 'iife',
    platform: 'browser',
    target: ['chrome120'],
    jsx: 'automatic',
    minify: opts.minify ?? true,
    sourcemap: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const js = res.outputFiles.find((f) => f.path.endsWith('.js'));
  const css = res.outputFiles.find((f) => f.path.endsWith('.css'));
  if (!js) throw new Error('renderer bundle: esbuild produced no JavaScript');
  return { js: js.contents, css: css?.contents ?? new Uint8Array(), ms: performance.now() - t0 };
}
