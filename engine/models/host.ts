// ModelHost: the caller's handle on the model engine. It owns one worker thread that holds the
// onnxruntime sessions (loaded lazily, cached per model) and runs inference and OCR there, so the
// UI and the agent never block on a model. Every request has a time limit; a worker that runs past
// it or crashes is replaced and its sessions are reloaded on demand.
import { Worker } from 'node:worker_threads';
import { ModelError, reviveError, SourceError } from '../errors.js';
import type { HostConfig, HostReply, HostRequest, LoadedModel, OcrImageRequest, OcrImageResult } from './host-protocol.js';
import { parseProvider, type ProviderName, type Tensor } from './ort.js';
import { loadRegistry, userModelsDir } from './registry.js';
import { workerEntry, workerExecArgv } from '../worker-entry.js';

export type { LoadedModel, OcrFrame, OcrImageRequest, OcrImageResult } from './host-protocol.js';

export interface ModelHostOptions {
  /** Force an execution provider ('cpu', 'cuda', 'dml', 'coreml'); default $FOLIO_EP, else automatic. */
  provider?: ProviderName | 'auto';
  /** The user's models folder; null: built-in models only. Default userModelsDir(). */
  userDir?: string | null;
  /** Threads per operator inside onnxruntime. */
  threads?: number;
  /** Time limit for one request (default 120 s). */
  taskTimeoutMs?: number;
  /** Where fallbacks (GPU provider unavailable → CPU) are reported; default stderr. */
  log?: (message: string) => void;
}

type Req = HostRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  what: string;
  file?: string;
}

export function resolveProvider(opt: ProviderName | 'auto' | undefined, env: NodeJS.ProcessEnv = process.env): ProviderName | null {
  if (opt && opt !== 'auto') return opt;
  const raw = env.FOLIO_EP?.trim();
  if (!raw || raw === 'auto') return null;
  const p = parseProvider(raw);
  if (!p) throw new ModelError(`FOLIO_EP=${raw} is not an execution provider Folio knows (cpu, cuda, dml, coreml or auto)`);
  return p;
}

export class ModelHost {
  private worker: Worker | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private readonly config: HostConfig;
  private readonly timeoutMs: number;
  private readonly logged = new Set<string>();

  constructor(private readonly opts: ModelHostOptions = {}) {
    this.config = {
      provider: resolveProvider(opts.provider),
      userDir: opts.userDir === undefined ? userModelsDir() : opts.userDir,
      ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
    };
    this.timeoutMs = opts.taskTimeoutMs ?? 120_000;
  }

  get forcedProvider(): ProviderName | null {
    return this.config.provider;
  }

  /** Loads a model (if not yet loaded) and says which provider it runs on. */
  async load(model: string): Promise<LoadedModel> {
    return (await this.submit({ op: 'load', model }, `loading ${model}`)) as LoadedModel;
  }

  async infer(model: string, feeds: Record<string, Tensor>): Promise<Record<string, Tensor>> {
    return (await this.submit({ op: 'infer', model, feeds }, `running ${model}`)) as Record<string, Tensor>;
  }

  /** OCR of an encoded image (PNG, JPEG, WebP, GIF, BMP, TIFF): every frame, boxes in original pixels. */
  async ocrImage(bytes: Uint8Array, file: string, options: OcrImageRequest = {}): Promise<OcrImageResult> {
    // Copy so the caller's buffer is not detached by the transfer.
    const copy = new Uint8Array(bytes);
    return (await this.submit({ op: 'ocr', file, bytes: copy, options }, 'OCR', file, [copy.buffer as ArrayBuffer])) as OcrImageResult;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new ModelError('the model host was closed'));
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  /** A provider fallback is said once per process, not once per model. */
  private log(message: string): void {
    if (this.logged.has(message)) return;
    this.logged.add(message);
    (this.opts.log ?? ((m: string) => process.stderr.write(`folio: ${m}\n`)))(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const entry = workerEntry('engine/models/host-worker');
    const w = new Worker(entry, { execArgv: workerExecArgv(), workerData: this.config, resourceLimits: { maxOldGenerationSizeMb: 3072 } });
    w.on('message', (msg: HostReply) => {
      if ('log' in msg) {
        this.log(msg.log);
        return;
      }
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      this.idle();
      if (msg.ok) p.resolve(msg.value);
      else p.reject(reviveError(msg.error));
    });
    w.on('error', (err) => this.crash(w, `the model worker crashed (${err.message})`));
    w.on('exit', (code) => this.crash(w, `the model worker exited (code ${code})`));
    w.unref();
    this.worker = w;
    return w;
  }

  /** Lets the process exit while nothing is pending (the CLI must not hang on an idle worker). */
  private idle(): void {
    if (this.pending.size === 0) this.worker?.unref();
  }

  private submit(req: Req, what: string, file?: string, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.closed) return Promise.reject(new ModelError('the model host was closed'));
    const w = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.timeout(id), this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer, what, ...(file !== undefined ? { file } : {}) });
      w.ref();
      w.postMessage({ ...req, id } as HostRequest, transfer);
    });
  }

  private timeout(id: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    const problem = `${p.what} took longer than ${(this.timeoutMs / 1000).toFixed(0)} s`;
    const err = p.file ? new SourceError(p.file, problem, { code: 'SOURCE_TIMEOUT' }) : new ModelError(problem);
    // The worker is stuck in native code: only replacing it frees the caller.
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.reject(err);
    const w = this.worker;
    this.worker = null;
    this.failAll(new ModelError('the model worker was restarted after a request ran past its time limit'));
    if (w) void w.terminate();
  }

  private crash(w: Worker, message: string): void {
    if (this.worker !== w) return;
    this.worker = null;
    if (!this.closed) this.failAll(new ModelError(message));
  }

  private failAll(err: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(p.file && !(err instanceof SourceError) ? new SourceError(p.file, err.message, { cause: err }) : err);
    }
  }
}

let shared: ModelHost | null = null;

/** One host per process, so every document read in it shares the loaded sessions. */
export function sharedModelHost(): ModelHost {
  shared ??= new ModelHost();
  return shared;
}

/** True when the built-in (or user) OCR models are installed and readable. */
export async function ocrModelsPresent(userDir?: string | null): Promise<boolean> {
  try {
    const reg = await loadRegistry(userDir === undefined ? {} : { userDir });
    return reg.has('ocr-detection') && reg.has('ocr-recognition');
  } catch {
    // A registry that cannot be read means no OCR; ingest goes on with the text layer alone.
    return false;
  }
}
