// How pdf.js's two halves talk inside one thread. In Node, pdf.js runs its "worker" (the parser) in
// the calling thread and connects it to the API through a loopback port that structured-clones
// every message, as a real worker's port would. For text content that is pure cost: each chunk is
// a fresh object the parser never touches again once sent (it starts new `items` and `styles`), and
// cloning 400 pages of items took ~100 ms of ~900 ms of IRS page reading. This port hands a text
// content chunk over by a shallow copy and clones everything else as pdf.js does (operator lists,
// for one, are reused by the parser after sending).
import type { TransferListItem } from 'node:worker_threads';

/** A listener as pdf.js's MessageHandler registers it. */
type Listener = (this: unknown, event: { data: unknown }) => void;

/** The shape of a text content chunk in a stream message: `{..., chunk: {items, styles, lang}}`. */
function isTextChunk(msg: unknown): msg is { chunk: { items: unknown[]; styles: object } } {
  if (typeof msg !== 'object' || msg === null || !('chunk' in msg)) return false;
  const chunk = (msg as { chunk: unknown }).chunk;
  return (
    typeof chunk === 'object' &&
    chunk !== null &&
    Array.isArray((chunk as { items?: unknown }).items) &&
    typeof (chunk as { styles?: unknown }).styles === 'object'
  );
}

/**
 * The message as the other side receives it: a text content chunk without copying its items, any
 * other message (or one that transfers buffers) cloned as by pdf.js's own LoopbackPort.
 */
export function passMessage(msg: unknown, transfer?: TransferListItem[] | null): unknown {
  // pdf.js passes null for "nothing to transfer" when it sends a large decoded image.
  if ((transfer === undefined || transfer === null || transfer.length === 0) && isTextChunk(msg)) {
    return { ...msg, chunk: { ...msg.chunk } };
  }
  return structuredClone(msg, transfer && transfer.length > 0 ? { transfer } : undefined);
}

/**
 * A port both halves of pdf.js listen on; each message reaches the listeners on a later microtask.
 * A listener added with an AbortSignal (pdf.js's MessageHandler does) goes when the signal aborts.
 */
export class SameThreadPort {
  private readonly listeners = new Map<Listener, (() => void) | null>();
  private readonly deferred = Promise.resolve();

  postMessage(obj: unknown, transfer?: TransferListItem[] | null): void {
    const event = { data: passMessage(obj, transfer) };
    void this.deferred.then(() => {
      for (const listener of this.listeners.keys()) listener.call(this, event);
    });
  }

  addEventListener(_name: string, listener: Listener, options?: { signal?: AbortSignal } | null): void {
    const signal = options?.signal;
    if (signal?.aborted) return;
    let unhook: (() => void) | null = null;
    if (signal) {
      const onAbort = (): void => this.removeEventListener(_name, listener);
      signal.addEventListener('abort', onAbort, { once: true });
      unhook = () => signal.removeEventListener('abort', onAbort);
    }
    this.listeners.set(listener, unhook);
  }

  removeEventListener(_name: string, listener: Listener): void {
    this.listeners.get(listener)?.();
    this.listeners.delete(listener);
  }

  /** Listeners still attached. */
  get size(): number {
    return this.listeners.size;
  }

  terminate(): void {
    for (const unhook of this.listeners.values()) unhook?.();
    this.listeners.clear();
  }
}
