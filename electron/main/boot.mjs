// Electron's entry (package.json "main"): registers tsx so the main process runs the TypeScript
// sources, as the CLI does, then loads the app. `npm run app` builds the page and preload first.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// Packaged, this file is inside app.asar. tsx transpiles through esbuild, whose JS API spawns its
// binary by path; spawn is not redirected into app.asar.unpacked (execFile and fork are), so point
// esbuild at the unpacked copy (electron-builder.yml unpacks it). Set before tsx loads esbuild, and
// inherited by every worker and child.
if (!process.env.ESBUILD_BINARY_PATH && import.meta.url.includes('app.asar')) {
  const unpacked = esbuildBinary()?.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
  if (unpacked && existsSync(unpacked)) process.env.ESBUILD_BINARY_PATH = unpacked;
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

const { register } = await import('tsx/esm/api');
register();
await import('./index.ts');
