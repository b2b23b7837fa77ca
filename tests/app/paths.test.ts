// electron/main/paths.ts: how a packaged app's paths leave app.asar for the unpacked folder beside it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { appRootOf, inAsar, installAsarShims, mainBundle, sourceUrl, toUnpacked, workerBundle } from '../../electron/main/paths.ts';

const res = '/opt/Folio/resources';
const work = mkdtempSync(path.join(tmpdir(), 'folio-paths-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('packaged paths', () => {
  it('maps the app.asar folder only', () => {
    expect(toUnpacked(`${res}/app.asar/node_modules/x/a.node`)).toBe(`${res}/app.asar.unpacked/node_modules/x/a.node`);
    expect(toUnpacked(`${res}/app.asar`)).toBe(`${res}/app.asar.unpacked`);
    expect(toUnpacked('C:\\Folio\\resources\\app.asar\\engine\\x.mjs')).toBe('C:\\Folio\\resources\\app.asar.unpacked\\engine\\x.mjs');
    // A folder merely named like it, and a checkout, are left alone.
    expect(toUnpacked('/home/me/app.asar-notes/x')).toBe('/home/me/app.asar-notes/x');
    expect(toUnpacked('/home/me/folio/engine/x.ts')).toBe('/home/me/folio/engine/x.ts');
    expect(inAsar(`${res}/app.asar.unpacked/x`)).toBe(false);
  });

  it('finds the app from a bundle in either place, and gives each source its file in the app', () => {
    const main = pathToFileURL(mainBundle(`${res}/app.asar`)).href;
    expect(main).toBe(`file://${res}/app.asar.unpacked/dist/main/main.mjs`);
    const worker = pathToFileURL(workerBundle(`${res}/app.asar`, 'engine/ingest/pdf/worker')).href;
    expect(worker).toBe(`file://${res}/app.asar.unpacked/dist/main/workers/engine-ingest-pdf-worker.mjs`);
    expect(appRootOf(main)).toBe(`${res}/app.asar`);
    expect(appRootOf(worker)).toBe(`${res}/app.asar`);
    // Read through Electron's fs: in the archive. Resolving files for native loaders: unpacked.
    expect(sourceUrl(worker, 'engine/project-root.ts')).toBe(`file://${res}/app.asar/engine/project-root.ts`);
    expect(sourceUrl(worker, 'engine/models/registry.ts')).toBe(`file://${res}/app.asar.unpacked/engine/models/registry.ts`);
    // In a checkout everything stays where it is.
    expect(sourceUrl(pathToFileURL('/src/folio/dist/main/main.mjs').href, 'engine/models/registry.ts')).toBe('file:///src/folio/engine/models/registry.ts');
  });

  it("spawns a child whose cwd and script are in the archive from their unpacked copies (a process cannot chdir into a file)", async () => {
    const root = path.join(work, 'resources');
    mkdirSync(path.join(root, 'app.asar.unpacked/engine'), { recursive: true });
    writeFileSync(path.join(root, 'app.asar'), 'an archive is a file');
    writeFileSync(path.join(root, 'app.asar.unpacked/engine/child.mjs'), 'process.stdout.write(process.cwd())');
    const args = [path.join(root, 'app.asar/engine/child.mjs')];
    const before = spawnSync(process.execPath, args, { cwd: path.join(root, 'app.asar'), encoding: 'utf8' });
    expect(before.error?.message).toMatch(/ENOTDIR|ENOENT/);
    installAsarShims(path.join(root, 'app.asar'));
    const after = spawnSync(process.execPath, args, { cwd: path.join(root, 'app.asar'), encoding: 'utf8' });
    expect(after.stdout).toBe(path.join(root, 'app.asar.unpacked'));
    // The asynchronous spawn too, imported by name as the engine imports it.
    const child = spawn(process.execPath, args, { cwd: path.join(root, 'app.asar') });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    await new Promise((r) => child.on('close', r));
    expect(out).toBe(path.join(root, 'app.asar.unpacked'));
  });
});
