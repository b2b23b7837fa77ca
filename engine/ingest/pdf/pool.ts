// A small pool of page workers, each with its own copy of the document open. Pages are handed out
// to whichever worker has room; each worker holds its running task and the next one, so it never
// sits idle waiting for the next request to arrive. Every task has a time limit, counted from when
// the worker starts on it: a worker that runs past it (a pathological page) is terminated and
// replaced, the task fails with a typed error, and the task queued behind it goes to another worker.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { AbortedError, reviveError, SourceError, type FolioError } from '../../errors.js';
import { tuneTiering } from '../../v8-tiering.js';
import { workerEntry, workerExecArgv } from '../../worker-entry.js';
import type { BBox, Rotation } from '../types.js';
import type { PageLayout } from './page-layout.js';
import type { PdfInfo, RenderedRegion } from './pdfjs.js';
import type { CallOf, ReplyValue } from '../../rpc.js';
import type { PageWorkerProtocol, WorkerReply, WorkerRequest } from './worker-protocol.js';
import { describePdfProblem } from './pdf-errors.js';


type Req = CallOf<PageWorkerProtocol>;
type Op = keyof PageWorkerProtocol & string;

interface Task {
  req: Req;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

type SentTask = Task & { id: number; timer: NodeJS.Timeout | undefined };

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  isReady: boolean;
  /** Sent and not yet answered, in the order the worker serves them: the first is running. */
  tasks: SentTask[];
  dead: boolean;
}

/** Crops a worker holds at once: the one it runs and the one it starts next (workers that join later still find work). */
const RENDER_DEPTH = 2;

export interface PoolOptions {
  file: string;
  path?: string;
  data?: Uint8Array;
  threads?: number;
  /** Time limit for one page or one crop. */
  taskTimeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Page reads a worker holds at once (default 2). A read takes a few ms: with none waiting behind
   * it, a worker stands idle whenever this thread is busy for longer than that (reading ahead:
   * see DocumentAnalysis). Deeper helps long documents and slows short ones (bench/NOTES.md).
   */
  pageDepth?: number;
}

export function cores(): number {
  return os.availableParallelism?.() ?? os.cpus().length;
}

/**
 * Page workers for reading pages: one core is left to V8's own threads (concurrent GC and
 * compilation), which page reading keeps busy: on 2 cores one worker read faster, and smaller, than
 * two (bench/NOTES.md).
 */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, cores() - 1));
}

/**
 * Page workers for rendering crops and thumbnails, which is mostly native drawing and uses every
 * core (bench/NOTES.md).
 */
export function renderThreads(): number {
  return Math.max(1, Math.min(4, cores()));
}

export class PagePool {
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  private readonly timeoutMs: number;
  readonly info: PdfInfo;

  private constructor(
    private readonly opts: PoolOptions,
    info: PdfInfo,
    slots: Slot[],
  ) {
    this.info = info;
    this.slots = slots;
    this.timeoutMs = opts.taskTimeoutMs ?? 30_000;
    for (const s of slots) this.watch(s);
    opts.signal?.addEventListener('abort', () => this.failAll(new AbortedError()), { once: true });
  }

  static async open(opts: PoolOptions): Promise<PagePool> {
    opts.signal?.throwIfAborted();
    // Before the first worker starts: its pdf.js and this thread's analysis are what it pays off for.
    tuneTiering();
    const openTimeout = openLimit(opts);
    // One worker first: it says how many pages there are. More workers only pay for their start-up
    // (pdf.js and the document, each) on longer documents; on a short paper one worker is faster and
    // smaller than two (bench/NOTES.md).
    const firstSpawn = spawnSlot(opts, true, openTimeout);
    let info: PdfInfo;
    try {
      // Asked for with withInfo: true, so the worker answers the document's info.
      info = (await firstSpawn.opened)!;
    } catch (err) {
      await firstSpawn.slot.worker.terminate();
      throw err instanceof Error ? err : new Error(String(err));
    }
    const want = opts.threads ?? (info.numPages > PAGES_PER_EXTRA_WORKER ? defaultThreads() : 1);
    // The first worker starts on the pages at once; the others join as soon as they have opened the
    // document (a slot is dispatched to only when ready; one that fails to open is dropped).
    const extra = Array.from({ length: Math.max(0, want - 1) }, () => spawnSlot(opts, false, openTimeout).slot);
    return new PagePool(opts, info, [firstSpawn.slot, ...extra]);
  }

  page(index: number, graphics: 'auto' | 'always' | 'never' = 'auto'): Promise<PageLayout> {
    return this.submit({ op: 'page', index, graphics });
  }

  /** Workers running or starting. */
  get size(): number {
    return this.slots.length;
  }

  /**
   * Starts workers for rendering until there are `total`; each joins as soon as it has opened the
   * document (with images: it is meant for crops).
   */
  grow(total: number): void {
    if (this.closed) return;
    for (let n = this.slots.length; n < total; n++) this.addSlot('render');
  }

  /** Renders a page region; `rotation` turns the image that many degrees clockwise. */
  render(index: number, bbox: BBox, dpi: number, rotation?: Rotation): Promise<RenderedRegion> {
    return this.submit({ op: 'render', index, bbox, dpi, ...(rotation ? { rotation } : {}) });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll(new AbortedError('closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private submit<K extends Op>(req: { op: K } & PageWorkerProtocol[K]['request']): Promise<ReplyValue<PageWorkerProtocol, K>> {
    if (this.closed) return Promise.reject(new AbortedError('closed'));
    if (this.opts.signal?.aborted) return Promise.reject(new AbortedError());
    return new Promise<ReplyValue<PageWorkerProtocol, K>>((resolve, reject) => {
      // The queue holds calls of every operation; the reply is the one `req.op` declares.
      this.queue.push({ req: req as unknown as Req, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    // Breadth first: every free worker gets a task before any worker gets a second one.
    const pageDepth = this.opts.pageDepth ?? 2;
    for (let depth = 1; depth <= Math.max(pageDepth, RENDER_DEPTH); depth++) {
      for (const slot of this.slots) {
        const next = this.queue[0];
        if (next === undefined) return;
        if (slot.dead || !slot.isReady || slot.tasks.length >= Math.min(depth, next.req.op === 'page' ? pageDepth : RENDER_DEPTH)) continue;
        const task = this.queue.shift()!;
        const sent: SentTask = { ...task, id: this.nextId++, timer: undefined };
        slot.tasks.push(sent);
        if (slot.tasks.length === 1) this.startClock(slot);
        slot.worker.postMessage({ ...task.req, id: sent.id } as WorkerRequest);
      }
    }
  }

  /** The running task's time limit starts when the worker starts on it. */
  private startClock(slot: Slot): void {
    const head = slot.tasks[0];
    if (head) head.timer = setTimeout(() => this.timeout(slot), this.timeoutMs);
  }

  private watch(slot: Slot): void {
    slot.worker.on('message', (msg: WorkerReply) => {
      const t = slot.tasks[0];
      if (!t || t.id !== msg.id) return;
      clearTimeout(t.timer);
      slot.tasks.shift();
      this.startClock(slot);
      if (msg.ok) t.resolve(msg.value);
      else t.reject(this.workerError(reviveError(msg.error), t.req));
      this.dispatch();
    });
    slot.worker.on('error', (err) => this.replace(slot, describePdfProblem(err.message)));
    slot.worker.on('exit', () => {
      if (!slot.dead && !this.closed) this.replace(slot, 'page worker exited unexpectedly');
    });
    slot.ready.then(
      () => {
        slot.isReady = true;
        this.dispatch();
      },
      (err: unknown) => {
        // A replacement that cannot open the document again: nothing more can be read.
        slot.dead = true;
        this.slots = this.slots.filter((s) => s !== slot);
        void slot.worker.terminate();
        if (this.slots.length === 0) this.failAll(err instanceof Error ? err : new Error(String(err)));
      },
    );
  }

  /** A worker's failure, typed: pdf.js's own messages (revived as INTERNAL) in words, naming the file and page. */
  private workerError(e: FolioError, req: Req): FolioError {
    if (e.code !== 'INTERNAL') return e;
    const page = 'index' in req ? req.index : undefined;
    return new SourceError(this.opts.file, describePdfProblem(e.message), { ...(page !== undefined ? { page } : {}), cause: e });
  }

  /** Starts one more worker; it is dispatched to once it has opened the document. */
  private addSlot(purpose: 'read' | 'render'): void {
    const fresh = spawnSlot(this.opts, false, openLimit(this.opts), purpose);
    this.slots.push(fresh.slot);
    this.watch(fresh.slot);
  }

  private timeout(slot: Slot): void {
    const t = slot.tasks[0];
    const what = t?.req.op === 'render' ? 'rendering a crop' : 'reading the page';
    const page = t && 'index' in t.req ? t.req.index : undefined;
    this.replace(
      slot,
      `${what} took longer than ${seconds(this.timeoutMs)} (page too complex)`,
      'SOURCE_TIMEOUT',
      page,
    );
  }

  private replace(slot: Slot, problem: string, code: 'SOURCE' | 'SOURCE_TIMEOUT' = 'SOURCE', page?: number): void {
    if (slot.dead) return;
    slot.dead = true;
    const [t, ...waiting] = slot.tasks;
    slot.tasks = [];
    // Tasks the worker had not started go back to the front of the queue for the other workers.
    this.queue.unshift(...waiting.map(({ req, resolve, reject }) => ({ req, resolve, reject })));
    if (t) {
      clearTimeout(t.timer);
      const p = page ?? ('index' in t.req ? t.req.index : undefined);
      t.reject(new SourceError(this.opts.file, problem, { code, ...(p !== undefined ? { page: p } : {}) }));
    }
    void slot.worker.terminate();
    this.slots = this.slots.filter((s) => s !== slot);
    if (this.closed) return;
    if (this.slots.length < 1 || this.queue.length > 0) this.addSlot('read');
    this.dispatch();
  }

  private failAll(err: Error): void {
    const q = this.queue;
    this.queue = [];
    for (const t of q) t.reject(err);
    for (const s of this.slots) {
      for (const t of s.tasks) {
        clearTimeout(t.timer);
        t.reject(err);
      }
      s.tasks = [];
    }
  }
}

function seconds(ms: number): string {
  return `${ms < 10_000 ? Number((ms / 1000).toFixed(1)) : Math.round(ms / 1000)} s`;
}

/**
 * How long a worker may take to start and open the document: never less than 30 s, even when pages
 * have a shorter limit (a replacement worker must not fail to open where the first one could).
 */
function openLimit(opts: PoolOptions): number {
  return Math.max(opts.taskTimeoutMs ?? 30_000, 30_000);
}

/** A document needs more pages than this before a second page worker is started. */
const PAGES_PER_EXTRA_WORKER = 32;

/** A worker that opens the document; 'render' workers are started for crops and decode images at once. */
function spawnSlot(
  opts: PoolOptions,
  withInfo: boolean,
  timeoutMs: number,
  purpose: 'read' | 'render' = 'read',
): { slot: Slot; opened: Promise<ReplyValue<PageWorkerProtocol, 'open'>> } {
  const worker = new Worker(workerEntry('engine/ingest/pdf/worker'), {
    execArgv: workerExecArgv(),
    // A runaway page must not take the whole process with it; 768 MB of heap is 3-4 times what a
    // worker holds for the 400-page IRS manual, and keeps a hostile page under the 1 GB goal.
    resourceLimits: { maxOldGenerationSizeMb: 768 },
    // pdf.js loads @napi-rs/canvas at import, which scans every system font (time per thread:
    // bench/NOTES.md). pdf.js never draws with them (disableFontFace, useSystemFonts off), except as the
    // family of last resort for a non-embedded font it has no substitute for, where the machine's
    // fonts made crops differ from machine to machine (a sans-serif NewCenturySchlbk here).
    env: { ...process.env, DISABLE_SYSTEM_FONTS_LOAD: '1' },
    stdout: false,
    stderr: false,
  });
  let settle!: { resolve: (v: PdfInfo | null) => void; reject: (e: Error) => void };
  const opened = new Promise<PdfInfo | null>((resolve, reject) => (settle = { resolve, reject }));
  const timer = setTimeout(
    () => settle.reject(new SourceError(opts.file, `opening took longer than ${seconds(timeoutMs)}`, { code: 'SOURCE_TIMEOUT' })),
    timeoutMs,
  );
  const onMessage = (msg: WorkerReply): void => {
    if (msg.id !== 0) return;
    clearTimeout(timer);
    worker.off('message', onMessage);
    if (msg.ok) settle.resolve(msg.value as PdfInfo | null);
    else settle.reject(reviveError(msg.error));
  };
  // A worker terminated before it opened (a replacement started just before the pool closed) must
  // not leave this timer behind: it kept the CLI alive for 30 s after its result was printed.
  timer.unref();
  worker.once('exit', () => clearTimeout(timer));
  worker.on('message', onMessage);
  worker.once('error', (e) => {
    clearTimeout(timer);
    settle.reject(new SourceError(opts.file, describePdfProblem(e.message)));
  });
  const open: WorkerRequest = {
    id: 0,
    op: 'open',
    file: opts.file,
    withInfo,
    purpose,
    ...(opts.path !== undefined ? { path: opts.path } : {}),
    ...(opts.path === undefined && opts.data !== undefined ? { data: opts.data } : {}),
  };
  worker.postMessage(open);
  const slot: Slot = { worker, ready: opened.then(() => undefined), isReady: false, tasks: [], dead: false };
  // Avoid an unhandled rejection when nobody awaits `ready` (the pool watches it).
  slot.ready.catch(() => undefined);
  return { slot, opened };
}
