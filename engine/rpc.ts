// The one message module for Folio's worker boundaries (issue 25; as pdf.js's message_handler.js):
// the page-worker pool (ingest/pdf/pool.ts), the model host (models/host.ts) and the app's job
// threads (electron/services/jobs.ts). A protocol is a map from an operation to its request and its
// reply, so both sides are type-checked against one declaration; replies carry errors as
// SerializedError and are rebuilt by code on the caller's side (reviveError). What each pool does
// about a crash or a time limit (retire the host, replace the worker, fail the job) stays its own:
// this module gives them one pending-call table with per-call time limits to do it with.
import { reviveError, type FolioError, type SerializedError } from './errors.js';

/** Operation → what its request carries (besides `id` and `op`) and what its reply's value is. */
export type Protocol = Record<string, { request: object; reply: unknown }>;

/** A request of the protocol as sent: `id` pairs it with its reply. */
export type RequestOf<P extends Protocol> = { [K in keyof P & string]: { id: number; op: K } & P[K]['request'] }[keyof P & string];
/** A request before it is given its id. */
export type CallOf<P extends Protocol> = { [K in keyof P & string]: { op: K } & P[K]['request'] }[keyof P & string];
/** What a call of `op` resolves to. */
export type ReplyValue<P extends Protocol, K extends keyof P> = P[K]['reply'];

/** A reply as sent: the value, or the error as plain data. */
export type Reply<V = unknown> = { id: number; ok: true; value: V } | { id: number; ok: false; error: SerializedError };

/**
 * The worker side's reply builder for protocol P: `ok('page', id, layout)` will not compile when the
 * value is not what a 'page' call resolves to.
 */
export function okReply<P extends Protocol>(): <K extends keyof P & string>(op: K, id: number, value: ReplyValue<P, K>) => Reply<ReplyValue<P, K>> {
  return (_op, id, value) => ({ id, ok: true, value });
}

interface Pending<C> {
  call: C;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Calls sent and not yet answered, keyed by id. Each may have a time limit; when it runs out,
 * `onTimeout` is told which call it was (it decides what the error is and what happens to the
 * worker). `settle` hands a reply to its call with the error rebuilt by code, through `mapError`
 * (a pool names its file and page there).
 */
export class PendingCalls<P extends Protocol> {
  readonly #pending = new Map<number, Pending<CallOf<P>>>();
  #nextId = 1;

  constructor(
    private readonly opts: {
      onTimeout?: (call: CallOf<P>, id: number) => void;
      mapError?: (e: FolioError, call: CallOf<P>) => Error;
    } = {},
  ) {}

  get size(): number {
    return this.#pending.size;
  }

  /** Registers a call; `send` gets the request with its id. The promise is typed by the operation. */
  call<K extends keyof P & string>(call: { op: K } & P[K]['request'], send: (req: RequestOf<P>) => void, timeoutMs?: number): Promise<ReplyValue<P, K>> {
    const id = this.#nextId++;
    return new Promise<ReplyValue<P, K>>((resolve, reject) => {
      const c = call as unknown as CallOf<P>;
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => this.opts.onTimeout?.(c, id), timeoutMs);
      this.#pending.set(id, { call: c, resolve: resolve as (v: unknown) => void, reject, timer });
      send({ ...call, id } as unknown as RequestOf<P>);
    });
  }

  /** Hands a reply to its call; false when no call waits for it (answered already, or failed). */
  settle(reply: Reply): boolean {
    const p = this.#take(reply.id);
    if (!p) return false;
    if (reply.ok) p.resolve(reply.value);
    else {
      const e = reviveError(reply.error);
      p.reject(this.opts.mapError ? this.opts.mapError(e, p.call) : e);
    }
    return true;
  }

  /** Fails one call (its time ran out, its worker died); false when it was no longer waiting. */
  fail(id: number, err: Error): boolean {
    const p = this.#take(id);
    p?.reject(err);
    return p !== undefined;
  }

  /** Fails every waiting call, each with the error `errFor` makes for it. */
  failAll(errFor: (call: CallOf<P>) => Error): void {
    for (const id of [...this.#pending.keys()]) {
      const p = this.#take(id);
      p?.reject(errFor(p.call));
    }
  }

  #take(id: number): Pending<CallOf<P>> | undefined {
    const p = this.#pending.get(id);
    if (!p) return undefined;
    this.#pending.delete(id);
    clearTimeout(p.timer);
    return p;
  }
}
