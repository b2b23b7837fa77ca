// `npm run app:build`: bundles what Electron loads as files: the renderer page (HTML + JS + CSS)
// and the preload (CommonJS, as a sandboxed preload must be) into dist/app/.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { bundleRenderer, repoRoot } from '../server/bundle.ts';
import { indexHtml } from '../services/csp.ts';

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
process.stdout.write(`built ${path.relative(repoRoot, out)}/ (renderer ${Math.round(r.ms)} ms)\n`);
