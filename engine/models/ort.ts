// The one module that talks to onnxruntime-node. Everything else sees plain float tensors and the
// name of the execution provider a session ended up on, so the runtime can be swapped or upgraded
// in one place (as engine/ingest/pdf/pdfjs.ts does for pdf.js).
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type * as Ort from 'onnxruntime-node';

let runtime: typeof Ort | undefined;
/**
 * onnxruntime-node, loaded when first needed. Its native library cost every process that imported
 * this module 20-40 ms at start and the memory it maps, and most never open a session: reading a
 * PDF, the CLI's other commands, the app's main thread (sessions run in the model host's worker).
 */
function ort(): typeof Ort {
  return (runtime ??= createRequire(import.meta.url)('onnxruntime-node') as typeof Ort);
}

/** Execution providers Folio knows how to ask for, in onnxruntime's own names. */
export const PROVIDERS = ['cuda', 'dml', 'coreml', 'cpu'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export interface Tensor {
  data: Float32Array;
  dims: number[];
}

export interface ValueInfo {
  name: string;
  dims: (number | string)[];
  type: string;
}

export interface ProviderAttempt {
  provider: ProviderName;
  ok: boolean;
  /** Why the provider was not used (absent when it was). */
  reason?: string;
}

export interface OrtSession {
  readonly provider: ProviderName;
  readonly attempts: ProviderAttempt[];
  readonly inputs: ValueInfo[];
  readonly outputs: ValueInfo[];
  run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>>;
  dispose(): Promise<void>;
}

/** Threads per operator: half the cores (at least 1, at most 8), leaving room for the app and pdf.js. */
export function defaultThreads(): number {
  const n = os.availableParallelism?.() ?? os.cpus().length;
  const env = Number(process.env.FOLIO_OCR_THREADS);
  if (Number.isInteger(env) && env >= 1 && env <= 64) return env;
  return Math.max(1, Math.min(8, Math.ceil(n / 2)));
}

/** The providers this build of onnxruntime-node ships or can load (CUDA needs its separate download). */
export function providersInBuild(): { name: string; bundled: boolean }[] {
  return ort().listSupportedBackends().map((b) => ({ name: b.name, bundled: b.bundled }));
}

/** The GPU providers worth trying on this platform, best first, then CPU. */
export function platformProviders(platform: NodeJS.Platform = process.platform): ProviderName[] {
  if (platform === 'win32') return ['cuda', 'dml', 'cpu'];
  if (platform === 'darwin') return ['coreml', 'cpu'];
  if (platform === 'linux') return ['cuda', 'cpu'];
  return ['cpu'];
}

export function parseProvider(value: string): ProviderName | null {
  const v = value.trim().toLowerCase();
  if (v === 'directml') return 'dml';
  return (PROVIDERS as readonly string[]).includes(v) ? (v as ProviderName) : null;
}

export interface OpenOptions {
  /** Providers to try in order; the first that creates a session wins. */
  providers: ProviderName[];
  /** Threads for one operator (default: the machine's cores, at most 8). */
  threads?: number;
  /**
   * Keep onnxruntime's CPU memory arena and memory patterns (default false). Worth it for a model
   * whose activations are small and whose input shape changes on every call (the recogniser: one
   * line at a time, every line a different width): without the arena each run allocates and frees
   * its buffers again. Measured on 3 corpus pages, 1 thread: −10 % CPU (sys time 5.8 → 1.3 s).
   * Not for the detector, whose page-sized activations the arena would hold for the session's life.
   */
  arena?: boolean;
}

/**
 * Creates a session on the first provider that works. A provider that is absent from this build or
 * fails to initialise (no driver, no GPU) is recorded with its reason and the next one is tried.
 */
export async function openSession(file: string, opts: OpenOptions): Promise<OrtSession> {
  const attempts: ProviderAttempt[] = [];
  const inBuild = new Set(providersInBuild().map((b) => b.name));
  const threads = opts.threads ?? defaultThreads();
  let lastError: unknown = null;
  for (const provider of opts.providers) {
    // onnxruntime-node lists CUDA even when its libraries were not downloaded; creating the
    // session is the only reliable test, so only skip what the build says it cannot do at all.
    if (provider !== 'cpu' && provider !== 'cuda' && !inBuild.has(provider)) {
      attempts.push({ provider, ok: false, reason: 'not included in this onnxruntime-node build' });
      continue;
    }
    // Without its libraries onnxruntime prints a native error before failing; say it plainly instead.
    if (provider === 'cuda' && !cudaLibrariesPresent()) {
      attempts.push({ provider, ok: false, reason: 'the CUDA provider libraries are not installed (onnxruntime-node was installed without its CUDA download)' });
      continue;
    }
    try {
      const session = await ort().InferenceSession.create(file, {
        executionProviders: [provider],
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
        // The CPU arena keeps a page's peak activations for the life of the session: on a 150-DPI page
        // that held ~170 MB more (987 → 819 MB peak RSS for `folio ocr`) for the detector; see `arena`.
        enableCpuMemArena: opts.arena === true,
        enableMemPattern: opts.arena === true,
        logSeverityLevel: 3,
        // Spinning threads burn a shared machine's cores while waiting; the UI and pdf.js need them.
        extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
      });
      attempts.push({ provider, ok: true });
      return wrap(session, provider, attempts);
    } catch (err) {
      lastError = err;
      attempts.push({ provider, ok: false, reason: firstLine(err) });
    }
  }
  const detail = attempts.map((a) => `${a.provider}: ${a.reason ?? 'failed'}`).join('; ');
  throw new Error(`no execution provider could load the model (${detail})`, { cause: lastError });
}

function wrap(session: Ort.InferenceSession, provider: ProviderName, attempts: ProviderAttempt[]): OrtSession {
  const info = (names: readonly string[], meta: readonly Ort.InferenceSession.ValueMetadata[]): ValueInfo[] =>
    names.map((name, i) => {
      const m = meta[i];
      return m && m.isTensor ? { name, dims: [...m.shape], type: String(m.type) } : { name, dims: [], type: 'unknown' };
    });
  return {
    provider,
    attempts,
    inputs: info(session.inputNames, session.inputMetadata),
    outputs: info(session.outputNames, session.outputMetadata),
    async run(feeds) {
      const { Tensor: OrtTensor } = ort();
      const input: Record<string, Ort.Tensor> = {};
      for (const [name, t] of Object.entries(feeds)) input[name] = new OrtTensor('float32', t.data, t.dims);
      const out = await session.run(input);
      const result: Record<string, Tensor> = {};
      for (const [name, v] of Object.entries(out)) {
        if (v.type !== 'float32') throw new Error(`output ${name} has type ${v.type}; Folio reads float32 outputs`);
        result[name] = { data: v.data as Float32Array, dims: [...v.dims] };
      }
      return result;
    },
    async dispose() {
      await session.release();
    },
  };
}

/** Whether onnxruntime-node's CUDA provider library sits next to its binding. */
export function cudaLibrariesPresent(): boolean {
  try {
    const dist = path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node'));
    const binDir = path.join(dist, '..', 'bin');
    if (!existsSync(binDir)) return false;
    for (const napi of readdirSync(binDir)) {
      const dir = path.join(binDir, napi, process.platform, process.arch);
      if (!existsSync(dir)) continue;
      if (readdirSync(dir).some((f) => /onnxruntime_providers_cuda\.(so|dll)/.test(f))) return true;
    }
    return false;
  } catch {
    // An unusual install layout: let session creation be the test.
    return true;
  }
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return (msg.split('\n')[0] ?? msg).slice(0, 300);
}
