// @napi-rs/canvas 0.1.x frees a canvas's pixels under its own asynchronous encoder when the canvas
// is garbage-collected mid-encode, and the process dies with SIGSEGV. encodeCanvas keeps the canvas
// alive until the encode is done. Both are run in child processes that force GC during encodes:
// the bare call must crash (or this test no longer shows anything), encodeCanvas must not.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outputDir, repoRoot as root } from '../helpers/corpus.js';

// Inside the repository, so that the child resolves @napi-rs/canvas and tsx from node_modules.
mkdirSync(outputDir, { recursive: true });
const dir = mkdtempSync(path.join(outputDir, 'encode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A child that starts 16 encodes of canvases nothing else holds, forces GC, and waits for them. */
function run(safe: boolean): ReturnType<typeof spawnSync> {
  const file = path.join(dir, `child-${safe ? 'safe' : 'bare'}.mts`);
  writeFileSync(
    file,
    `import { createCanvas } from '@napi-rs/canvas';
import { encodeCanvas } from ${JSON.stringify(path.join(root, 'engine/models/raster/encode.ts'))};
function one(): Promise<unknown> {
  const c = createCanvas(1024, 1024);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#345';
  ctx.fillRect(0, 0, 1024, 1024);
  return ${safe ? "encodeCanvas(c, 'png')" : "c.encode('png')"};
}
for (let round = 0; round < 20; round++) {
  const all = Array.from({ length: 16 }, one);
  for (let i = 0; i < 5; i++) { (globalThis as { gc?: () => void }).gc!(); await new Promise((r) => setImmediate(r)); }
  await Promise.all(all);
}
console.log('done');
`,
  );
  return spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', file], { cwd: root, encoding: 'utf8', timeout: 120_000 });
}

describe('encoding a canvas', () => {
  it('crashes the process when the bare async encode outlives its canvas (the hazard is real)', () => {
    const r = run(false);
    expect(r.signal, `exit ${r.status}, stderr: ${String(r.stderr).slice(0, 300)}`).toBe('SIGSEGV');
  }, 150_000);

  it('does not crash through encodeCanvas, which keeps the canvas alive', () => {
    const r = run(true);
    expect(r.signal).toBeNull();
    expect(r.status, String(r.stderr).slice(0, 500)).toBe(0);
    expect(String(r.stdout)).toContain('done');
  }, 150_000);
});
