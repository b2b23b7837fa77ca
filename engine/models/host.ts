// ModelHost: the caller's handle on the model engine. It owns one child process (host-process.ts,
// forked with serialization 'advanced') that holds the onnxruntime sessions (loaded lazily, cached
// per model) and runs inference and OCR there, so the UI and the agent never block on a model, and
// a native crash or an out-of-memory abort in onnxruntime or Skia ends that process, never the app or
// the CLI: the request in flight fails with a typed error that names its file, and the next request
// starts a fresh host. Every request has a time limit; a host that runs past it is killed. A host
// with nothing to do exits after a while, and all its memory goes back to the OS.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ModelError, SourceError } from '../errors.js';
import { PendingCalls, type CallOf } from '../rpc.js';
import { HOST_CONFIG_ENV, type HostConfig, type HostProtocol, type HostReply, type LoadedModel, type OcrImageRequest, type OcrImageResult } from './host-protocol.js';
import { parseProvider, type ProviderName, type Tensor } from './ort.js';
import { loadRegistry, userModelsDir } from './registry.js';
import { workerEntry } from '../worker-entry.js';

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
  /** How long a host with nothing to do stays up before it exits (default 30 s). */
  idleExitMs?: number;
  /** The host process's JavaScript heap limit (default 1024 MB); native memory is not bounded by it. */
  heapLimitMb?: number;
  /** Where fallbacks (GPU provider unavailable → CPU) are reported; default stderr. */
  log?: (message: string) => void;
}

type Call = CallOf<HostProtocol>;

/** What a request is doing, for the messages of its errors. */
function whatOf(c: Call): string {
  switch (c.op) {
    case 'load':
      return `loading ${c.model}`;
    case 'infer':
      return `running ${c.model}`;
    case 'ocr':
      return 'OCR';
  }
}
/** The file a request reads, when it reads one: its errors are then SourceErrors naming it. */
const fileOf = (c: Call): string | undefined => (c.op === 'ocr' ? c.file : undefined);

/** The last of the host's stderr kept for a crash message (V8's and onnxruntime's last words). */
const STDERR_TAIL = 4096;

export function resolveProvider(opt: ProviderName | 'auto' | undefined, env: NodeJS.ProcessEnv = process.env): ProviderName | null {
  if (opt && opt !== 'auto') return opt;
  const raw = env.FOLIO_EP?.trim();
  if (!raw || raw === 'auto') return null;
  const p = parseProvider(raw);
  if (!p) throw new ModelError(`FOLIO_EP=${raw} is not an execution provider Folio knows (cpu, cuda, dml, coreml or auto)`);
  return p;
}

/** Why a host process ended, in words, from its exit code or signal and the end of its stderr. */
export function describeHostExit(code: number | null, signal: NodeJS.Signals | null, stderrTail = ''): string {
  if (/heap out of memory|Reached heap limit|Allocation failed/i.test(stderrTail)) return 'ran out of memory (its JavaScript heap limit)';
  if (/bad_alloc|out of memory|Cannot allocate memory|Failed to allocate/i.test(stderrTail)) return 'ran out of memory in native code';
  switch (signal) {
    case 'SIGKILL':
      return 'was killed (SIGKILL: the system ran out of memory, or it was killed from outside)';
    case 'SIGSEGV':
    case 'SIGBUS':
    case 'SIGILL':
    case 'SIGFPE':
      return `crashed in native code (${signal})`;
    case 'SIGABRT':
      return 'aborted (SIGABRT: a native library gave up, often for want of memory)';
    case null:
      break;
    default:
      return `was stopped by ${signal}`;
  }
  // 134 is how a shell reports SIGABRT; Windows reports a native crash as a large exit code.
  if (code === 134) return 'aborted (SIGABRT: a native library gave up, often for want of memory)';
  return `exited unexpectedly (code ${code ?? 'unknown'})`;
}

export class ModelHost {
  private child: ChildProcess | null = null;
  private stderrTail = '';
  private readonly pending = new PendingCalls<HostProtocol>({ onTimeout: (call, id) => this.timeout(call, id) });
  private closed = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly config: HostConfig;
  private readonly timeoutMs: number;
  private readonly idleExitMs: number;
  private readonly logged = new Set<string>();

  constructor(private readonly opts: ModelHostOptions = {}) {
    this.config = {
      provider: resolveProvider(opts.provider),
      userDir: opts.userDir === undefined ? userModelsDir() : opts.userDir,
      ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
    };
    this.timeoutMs = opts.taskTimeoutMs ?? 120_000;
    this.idleExitMs = opts.idleExitMs ?? 30_000;
  }

  get forcedProvider(): ProviderName | null {
    return this.config.provider;
  }

  /** The host process's id while one runs (diagnostics and tests); undefined when none is up. */
  get processId(): number | undefined {
    return this.child?.pid;
  }

  /** Loads a model (if not yet loaded) and says which provider it runs on. */
  async load(model: string): Promise<LoadedModel> {
    return this.submit({ op: 'load', model });
  }

  async infer(model: string, feeds: Record<string, Tensor>): Promise<Record<string, Tensor>> {
    return this.submit({ op: 'infer', model, feeds });
  }

  /** OCR of an encoded image (PNG, JPEG, WebP, GIF, BMP, TIFF): every frame, boxes in original pixels. */
  async ocrImage(bytes: Uint8Array, file: string, options: OcrImageRequest = {}): Promise<OcrImageResult> {
    // The IPC channel copies the bytes; the caller's buffer stays its own.
    return this.submit({ op: 'ocr', file, bytes, options });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new ModelError('the model host was closed'));
    await this.retire();
  }

  /** A provider fallback is said once per process, not once per model. */
  private log(message: string): void {
    if (this.logged.has(message)) return;
    this.logged.add(message);
    (this.opts.log ?? ((m: string) => process.stderr.write(`folio: ${m}\n`)))(message);
  }

  private ensureHost(): ChildProcess {
    if (this.child) return this.child;
    const entry = fileURLToPath(workerEntry('engine/models/host-process'));
    const child = fork(entry, [], {
      serialization: 'advanced',
      // Not this process's options: tsx's --import (tests, bench) would run the bundle through tsx.
      // Images reach it as typed arrays (outside the heap) and are bounded by the pixel limits in
      // raster/header.ts; 1 GB of heap is for the rest (issue 28: every process ≤ 1 GB).
      execArgv: [`--max-old-space-size=${this.opts.heapLimitMb ?? 1024}`],
      // In the Electron app process.execPath is Electron itself: this makes it run as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', [HOST_CONFIG_ENV]: JSON.stringify(this.config) },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.stderrTail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (this.child === child) this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL);
    });
    // The stderr pipe must not keep the caller alive either.
    (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    child.on('message', (msg: HostReply) => {
      if ('log' in msg) {
        this.log(msg.log);
        return;
      }
      if (this.pending.settle(msg)) this.idle();
    });
    child.on('error', (err) => this.crash(child, `could not be used (${err.message})`));
    // 'close', not 'exit': by then stderr has been read to its end, V8's or onnxruntime's last words included.
    child.on('close', (code, signal) => this.crash(child, describeHostExit(code, signal, this.stderrTail)));
    this.child = child;
    this.idle();
    return child;
  }

  /**
   * While nothing is pending the host neither keeps the caller alive (the CLI must not hang on an
   * idle host) nor stays up for long.
   */
  private idle(): void {
    const child = this.child;
    if (this.pending.size > 0 || !child) return;
    child.unref();
    child.channel?.unref();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.pending.size === 0 && this.child === child) void this.retire();
    }, this.idleExitMs);
    this.idleTimer.unref();
  }

  /** Ends the current host (if any) on purpose: its exit is not a crash. */
  private async retire(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // An idle host is unref'd: without this a caller awaiting close() could see its event loop run dry first.
    child.ref();
    // The host exits when its channel closes; one stuck in native code is killed.
    if (child.connected) child.disconnect();
    const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
    kill.unref();
    await exited;
    clearTimeout(kill);
  }

  private submit<K extends keyof HostProtocol & string>(call: { op: K } & HostProtocol[K]['request']): Promise<HostProtocol[K]['reply']> {
    if (this.closed) return Promise.reject(new ModelError('the model host was closed'));
    const child = this.ensureHost();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    return this.pending.call(
      call,
      (req) => {
        child.ref();
        child.channel?.ref();
        child.send(req, (err) => {
          if (err) this.crash(child, `could not be sent a request (${err.message})`);
        });
      },
      this.timeoutMs,
    );
  }

  private timeout(call: Call, id: number): void {
    const file = fileOf(call);
    const problem = `${whatOf(call)} took longer than ${(this.timeoutMs / 1000).toFixed(0)} s`;
    // The host is stuck in native code: only killing it frees the caller.
    if (!this.pending.fail(id, file ? new SourceError(file, problem, { code: 'SOURCE_TIMEOUT' }) : new ModelError(problem))) return;
    const child = this.child;
    this.child = null;
    this.failAll(new ModelError('the model host was restarted after a request ran past its time limit'));
    child?.kill('SIGKILL');
  }

  private crash(child: ChildProcess, how: string): void {
    if (this.child !== child) return;
    this.child = null;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (this.closed) return;
    this.pending.failAll((call) => {
      const file = fileOf(call);
      const problem = `the model host process ${how} during ${whatOf(call)}; the next request starts a new one`;
      return file ? new SourceError(file, problem) : new ModelError(problem);
    });
  }

  private failAll(err: Error): void {
    this.pending.failAll((call) => {
      const file = fileOf(call);
      return file && !(err instanceof SourceError) ? new SourceError(file, err.message, { cause: err }) : err;
    });
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
