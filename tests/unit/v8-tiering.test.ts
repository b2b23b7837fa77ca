// The engine's V8 tiering (engine/v8-tiering.ts): with it, a function runs several times longer
// before V8 optimizes it; FOLIO_V8_TIERING=default and an interrupt budget given on the command
// line are left alone.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'tiering-probe.mjs');

function optimizedAfter(opts: { tune: boolean; env?: Record<string, string>; flags?: string[] }): number {
  // Optimizing on this thread, and never in the middle of the probe's loop, makes the count exact
  // (1,500 calls by default, 6,300 tuned, every run); with V8's background compiler it wandered.
  const v8Flags = ['--allow-natives-syntax', '--no-concurrent-recompilation', '--no-use-osr'];
  const r = spawnSync(process.execPath, [...v8Flags, ...(opts.flags ?? []), '--import', 'tsx', PROBE], {
    encoding: 'utf8',
    env: { ...process.env, PROBE_TUNE: opts.tune ? '1' : '0', FOLIO_V8_TIERING: '', ...opts.env },
    timeout: 30_000,
  });
  expect(r.status, r.stderr).toBe(0);
  const { optimizedAfterCalls } = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { optimizedAfterCalls: number };
  expect(optimizedAfterCalls, 'the probe function was never optimized').toBeGreaterThan(0);
  return optimizedAfterCalls;
}

describe('V8 tiering for short jobs', () => {
  it('optimizes later once tuned, and leaves a chosen setting alone', () => {
    const plain = optimizedAfter({ tune: false });
    const tuned = optimizedAfter({ tune: true });
    // 300,000 against V8's 67,584 bytes of bytecode: about 4.4 times as many calls.
    expect(tuned).toBeGreaterThan(3 * plain);
    const optedOut = optimizedAfter({ tune: true, env: { FOLIO_V8_TIERING: 'default' } });
    expect(optedOut).toBeLessThan(2 * plain);
    const ownFlag = optimizedAfter({ tune: true, flags: ['--interrupt-budget=67584'] });
    expect(ownFlag).toBeLessThan(2 * plain);
  });
});
