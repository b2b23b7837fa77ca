// One research run per output folder (issue 28): two `folio research` on the same --out both exited
// 0, with trace.jsonl interleaving both runs and state.json from the last writer. The second is now
// refused with a message naming the holder; a lock left by a process that died (kill -9) is taken over.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserInputError } from '../../engine/errors.js';
import { ingestFile, writeDocumentFolder } from '../../engine/ingest/index.js';
import { acquireRunLock, LOCK_FILE } from '../../engine/run-lock.js';
import { corpus, outputDir, repoRoot } from '../helpers/corpus.js';

const run = promisify(execFile);
const dir = path.join(outputDir, 'run-lock');
let docDir = '';

async function research(out: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = [path.join(repoRoot, 'electron/bin/folio.mjs'), 'research', docDir, '--goal', 'What does the paper propose?', '--out', out, '--quiet'];
  return run(process.execPath, args, { cwd: repoRoot, timeout: 170_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** A process that holds the lock on `out` until killed; resolves with its pid once it holds it. */
function holder(out: string): Promise<{ pid: number; kill: () => Promise<void> }> {
  const code = `const { acquireRunLock } = await import(${JSON.stringify(path.join(repoRoot, 'engine/run-lock.ts'))}); await acquireRunLock(process.argv[1], 'research'); process.stdout.write('held\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code, out], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      if (b.toString().includes('held')) {
        resolve({
          pid: child.pid!,
          kill: () => new Promise<void>((done) => {
            child.once('close', () => done());
            child.kill('SIGKILL');
          }),
        });
      }
    });
    child.once('close', (c) => reject(new Error(`lock holder exited early (${c})`)));
  });
}

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'docs'), { recursive: true });
  const r = await ingestFile(corpus('annotated/docling/2305.03393v1-pg9.pdf'), { crops: false });
  docDir = await writeDocumentFolder(path.join(dir, 'docs'), r.doc, r.assets);
}, 120_000);

describe('run lock', () => {
  it('refuses a second holder in the same folder and frees the folder on release', async () => {
    const out = path.join(dir, 'unit');
    mkdirSync(out, { recursive: true });
    const a = await acquireRunLock(out, 'research');
    const second = await acquireRunLock(out, 'research').catch((e: unknown) => e);
    expect(second).toBeInstanceOf(UserInputError);
    expect((second as Error).message).toBe(
      `${out} is in use by another research run (process ${process.pid}, started ${JSON.parse(readFileSync(path.join(out, LOCK_FILE), 'utf8')).startedAt}); wait for it to end, or choose another --out`,
    );
    await a.release();
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
    await (await acquireRunLock(out, 'research')).release();
  });

  it('lets exactly one of many simultaneous takers have it', async () => {
    const out = path.join(dir, 'many');
    mkdirSync(out, { recursive: true });
    const tries = await Promise.allSettled(Array.from({ length: 12 }, () => acquireRunLock(out, 'research')));
    expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
    for (const t of tries) if (t.status === 'fulfilled') await t.value.release();
  });

  it('takes over a lock whose process is gone, and an unreadable one', async () => {
    const out = path.join(dir, 'stale');
    mkdirSync(out, { recursive: true });
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.once('close', r));
    writeFileSync(path.join(out, LOCK_FILE), JSON.stringify({ pid: dead.pid, host: (await import('node:os')).hostname(), startedAt: 'then', what: 'research' }));
    const lock = await acquireRunLock(out, 'research');
    expect(JSON.parse(readFileSync(path.join(out, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
    writeFileSync(path.join(out, LOCK_FILE), '{"pi');
    await (await acquireRunLock(out, 'research')).release();
  });

  it('folio research on a folder another run holds is refused; after that run is killed -9 it runs', async () => {
    const out = path.join(dir, 'cli');
    mkdirSync(out, { recursive: true });
    const h = await holder(out);
    const refused = await research(out);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n').filter((l) => l.startsWith('folio: '))).toEqual([expect.stringMatching(new RegExp(`^folio: .*cli is in use by another research run \\(process ${h.pid}, started .*\\); wait for it to end, or choose another --out$`))]);
    expect(existsSync(path.join(out, 'state.json'))).toBe(false);
    await h.kill();
    const ok = await research(out);
    expect(ok.stderr).not.toMatch(/in use/);
    expect(ok.code).toBe(0);
    expect(existsSync(path.join(out, 'state.json'))).toBe(true);
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
  }, 180_000);

  it('two folio research started together on one --out: one runs, the other is refused, one run in the trace', async () => {
    const out = path.join(dir, 'two');
    const [a, b] = await Promise.all([research(out), research(out)]);
    expect([a.code, b.code].sort()).toEqual([0, 2]);
    const loser = a.code === 2 ? a : b;
    expect(loser.stderr).toMatch(/is in use by another research run|already holds a research run/);
    const starts = readFileSync(path.join(out, 'trace.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"run-start"'));
    expect(starts).toHaveLength(1);
  }, 180_000);
});
