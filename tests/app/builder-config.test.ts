// electron-builder.yml: installers for Linux (AppImage, deb), Windows (NSIS) and macOS (dmg), checked
// against electron-builder's own JSON schema (no installer is built here).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const config = parse(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };

describe('electron-builder config', () => {
  it('is valid against electron-builder\'s schema', async () => {
    const Ajv = (await import('ajv')).default as unknown as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown[] } };
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('targets AppImage and deb, NSIS and dmg', () => {
    const targets = (k: string) => ((config[k] as { target: string[] }).target ?? []).map(String);
    expect(targets('linux')).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targets('win')).toContain('nsis');
    expect(targets('mac')).toContain('dmg');
  });

  it('ships the entry point and the built page and preload', () => {
    const files = config.files as string[];
    expect(files).toEqual(expect.arrayContaining(['package.json', 'electron/**/*', 'dist/app/**/*']));
    expect(pkg.main).toBe('electron/main/boot.mjs');
    expect(pkg.scripts['app:build']).toContain('electron/main/build.ts');
  });
});
