// Runs long jobs (ingest, page renders, skill runs) in worker threads, one thread per job, so the
// process hosting the window or the bridge never blocks and never dies with them. A worker that
// crashes, exits or overruns its time limit becomes a failed job with a reason; cancel aborts the
// job's signal first and terminates the thread if it does not stop in time.
import { Worker } from 'node:worker_threads';
import { workerEntry, workerExecArgv } from '../../engine/worker-entry.ts';
import { ContractError } from '../contract/wrapper.ts';
import type { FromWorker, Job, JobKind, JobResult, ToWorker } from './worker/protocol.ts';

export interface JobHandle<T> {
  result: Promise<T>;
  cancel(): void;
}

export interface JobCallbacks {
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
  onEvent?: (e: { type: string; message: string; runId: string; [k: string]: unknown }) => void;
  /** The worker's environment (default: this process's), e.g. FOLIO_EP for the models' execution provider. */
  env?: NodeJS.ProcessEnv;
}

export interface JobRunnerOptions {
  /** The worker entry; default job-worker.ts as a cached bundle (engine/worker-entry.ts). Tests pass their own. */
  entry?: URL;
  /** How long a cancelled job may take to stop before its thread is terminated. */
  cancelGraceMs?: number;
  /** Told when a worker crashed (beyond failing its job), so the host can tell the person. */
  onCrash?: (message: string) => void;
}

export function defaultWorkerEntry(): URL {
  return workerEntry('electron/services/worker/job-worker');
}

export class JobRunner {
  readonly #entry: URL;
  readonly #grace: number;
  readonly #live = new Set<Worker>();
  readonly #onCrash: ((message: string) => void) | undefined;

  constructor(opts: JobRunnerOptions = {}) {
    this.#entry = opts.entry ?? defaultWorkerEntry();
    this.#grace = opts.cancelGraceMs ?? 5_000;
    this.#onCrash = opts.onCrash;
  }

  get running(): number {
    return this.#live.size;
  }

  /** Starts a job; its handle's result is the one JobProtocol declares for its kind. */
  start<K extends JobKind>(job: Job & { kind: K }, cb?: JobCallbacks, timeoutMs?: number): JobHandle<JobResult<K>>;
  /** A test's own worker entry takes jobs of its own shape. */
  start(job: { kind: string } & Record<string, unknown>, cb?: JobCallbacks, timeoutMs?: number): JobHandle<unknown>;
  start(job: { kind: string }, cb: JobCallbacks = {}, timeoutMs = 30 * 60_000): JobHandle<unknown> {
    const worker = new Worker(this.#entry, {
      execArgv: workerExecArgv(),
      workerData: job,
      ...(cb.env ? { env: cb.env } : {}),
      // A runaway job must not take the host process's memory with it.
      resourceLimits: { maxOldGenerationSizeMb: 4096 },
    });
    this.#live.add(worker);
    let cancelled = false;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const result = new Promise<unknown>((resolve, reject) => {
      const finish = (fn: () => void, graceful = false): void => {
        if (settled) return;
        settled = true;
        clearTimeout(limit);
        clearTimeout(killTimer);
        fn();
        // A finished worker exits by itself; terminate it only if it lingers (or never finished).
        const stop = (): void => void worker.terminate().finally(() => this.#live.delete(worker));
        if (!graceful) return stop();
        const linger = setTimeout(stop, this.#grace);
        worker.once('exit', () => {
          clearTimeout(linger);
          this.#live.delete(worker);
        });
      };
      const limit = setTimeout(
        () => finish(() => reject(new ContractError('TIMEOUT', `${job.kind} job took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`))),
        timeoutMs,
      );
      worker.on('message', (m: FromWorker) => {
        switch (m.type) {
          case 'progress':
            cb.onProgress?.({ phase: m.phase, done: m.done, total: m.total });
            break;
          case 'event':
            cb.onEvent?.(m.event);
            break;
          case 'done':
            finish(() => resolve(m.result), true);
            break;
          case 'failed':
            finish(() => reject(new ContractError(cancelled && m.error.code !== 'USER_INPUT' ? 'ABORTED' : m.error.code, cancelled ? 'cancelled' : m.error.message)), true);
            break;
        }
      });
      const crashed = (message: string): void =>
        finish(() => {
          this.#onCrash?.(message);
          reject(new ContractError('WORKER_CRASHED', message));
        });
      worker.on('error', (err) => crashed(`the ${job.kind} worker crashed: ${err.message}`));
      worker.on('exit', (code) => {
        if (cancelled) finish(() => reject(new ContractError('ABORTED', 'cancelled')));
        else crashed(`the ${job.kind} worker stopped unexpectedly (exit code ${code})`);
      });
    });
    return {
      result,
      cancel: () => {
        if (settled || cancelled) return;
        cancelled = true;
        worker.postMessage({ type: 'cancel' } satisfies ToWorker);
        killTimer = setTimeout(() => void worker.terminate(), this.#grace);
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.#live].map((w) => w.terminate()));
    this.#live.clear();
  }
}
