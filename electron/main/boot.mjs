// Electron's entry (package.json "main"). With the main process built (`npm run app:build`, always
// so in a package) it loads dist/main/main.mjs: plain JavaScript, no compiler at start-up. Without
// it (or FOLIO_MAIN_TSX=1) it registers tsx and runs the TypeScript sources, as the CLI does.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// In a package the bundle is in app.asar.unpacked, beside the native packages it imports (this is
// paths.ts mainBundle(), which cannot be imported before the bundle is).
const bundle = fileURLToPath(new URL('../../dist/main/main.mjs', import.meta.url))
  .split(path.sep)
  .map((s) => (s === 'app.asar' ? 'app.asar.unpacked' : s))
  .join(path.sep);
if (process.env.FOLIO_MAIN_TSX !== '1' && existsSync(bundle)) {
  await import(pathToFileURL(bundle).href);
} else {
  // tsx transpiles through esbuild, whose JS API spawns its binary by path; inside app.asar point it
  // at the unpacked copy (the bundle does this in electron/main/paths.ts).
  if (!process.env.ESBUILD_BINARY_PATH && import.meta.url.includes('app.asar')) {
    const unpacked = esbuildBinary()?.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
    if (unpacked && existsSync(unpacked)) process.env.ESBUILD_BINARY_PATH = unpacked;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('./index.ts');
}

function esbuildBinary() {
  const pkg = `@esbuild/${process.platform}-${process.arch}`;
  try {
    const require = createRequire(createRequire(import.meta.url).resolve('esbuild'));
    return require.resolve(process.platform === 'win32' ? `${pkg}/esbuild.exe` : `${pkg}/bin/esbuild`);
  } catch {
    return null;
  }
}
