// The JobRunner keeps long work off the host's thread: a worker that crashes, exits or hangs
// becomes a failed job with a reason, and the runner goes on running the next job.
import { describe, expect, it } from 'vitest';
import { JobRunner } from '../../electron/services/jobs.ts';

const entry = new URL('./fixtures/crashing-worker.mjs', import.meta.url);

describe('JobRunner', () => {
  it('reports a worker that exits as WORKER_CRASHED and runs the next job', async () => {
    const crashes: string[] = [];
    const runner = new JobRunner({ entry, onCrash: (m) => crashes.push(m) });
    const progress: number[] = [];
    const bad = runner.start({ kind: 'ingest', how: 'exit' }, { onProgress: (p) => progress.push(p.done) });
    await expect(bad.result).rejects.toMatchObject({ code: 'WORKER_CRASHED', message: expect.stringMatching(/ingest worker stopped unexpectedly \(exit code 3\)/) });
    expect(progress).toEqual([1]);
    expect(crashes).toEqual(['the ingest worker stopped unexpectedly (exit code 3)']);
    await expect(runner.start({ kind: 'ingest', how: 'ok' }).result).resolves.toEqual({ pages: 2 });
    await runner.close();
  });

  it('reports an uncaught error in the worker with its message', async () => {
    const runner = new JobRunner({ entry });
    await expect(runner.start({ kind: 'skill', how: 'throw' }).result).rejects.toMatchObject({ code: 'WORKER_CRASHED', message: expect.stringContaining('native code blew up') });
    await runner.close();
  });

  it('cancels: a cooperative job ends as ABORTED, a stuck one is terminated after the grace time', async () => {
    const runner = new JobRunner({ entry, cancelGraceMs: 200 });
    const coop = runner.start({ kind: 'skill', how: 'hang' });
    coop.cancel();
    await expect(coop.result).rejects.toMatchObject({ code: 'ABORTED' });
    const stuck = runner.start({ kind: 'skill', how: 'ignore-cancel' });
    const t0 = Date.now();
    stuck.cancel();
    await expect(stuck.result).rejects.toMatchObject({ code: 'ABORTED' });
    expect(Date.now() - t0).toBeLessThan(5_000);
    await runner.close();
    expect(runner.running).toBe(0);
  });

  it('stops a job that overruns its time limit', async () => {
    const runner = new JobRunner({ entry });
    await expect(runner.start({ kind: 'render', how: 'ignore-cancel' }, {}, 300).result).rejects.toMatchObject({ code: 'TIMEOUT' });
    await runner.close();
  });
});
