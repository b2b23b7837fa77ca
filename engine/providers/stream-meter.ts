// A model answer as it streams, turned into a few status updates a person can follow: at most one
// every STREAM_MS while words come, a heartbeat while none do, and a last one with the totals. The
// agent's steps and the writers (report sections, site text, deck bullets) use the same meter, so the
// CLI's status line and the app's run panel show a model writing the report exactly as they show it
// choosing tools. Each request has a stable id ("step-3", "write:s2") that a UI folds its updates by.
import type { ChatDelta } from './types.js';

export type StreamPhase = 'waiting' | 'reasoning' | 'text' | 'done';

export interface ModelStreamUpdate {
  /** Which request this is, stable across its updates. */
  request: string;
  phase: StreamPhase;
  /** What streamed since the last update (reasoning or text, by phase). */
  delta: string;
  waitedMs: number;
  reasoningChars: number;
  textChars: number;
  /** One line for a log: "waiting for the model (12 s)…", "text: …", "model answered in …". */
  message: string;
}

export interface StreamMeter {
  onDelta(d: ChatDelta): void;
  /** The answer is complete: what is pending, then the totals. */
  finish(): void;
  /** Stops the heartbeat (call in finally, also after an error). */
  stop(): void;
}

export function streamMeter(request: string, emit: (u: ModelStreamUpdate) => void, opts: { streamMs?: number; heartbeatMs?: number; label?: string } = {}): StreamMeter {
  const streamMs = opts.streamMs ?? 500;
  const heartbeatMs = opts.heartbeatMs ?? 5000;
  const who = opts.label ?? 'the model';
  const t0 = Date.now();
  let reasoningChars = 0;
  let textChars = 0;
  let pending = '';
  let phase: 'reasoning' | 'text' | null = null;
  let lastEmit = t0;
  const send = (p: StreamPhase): void => {
    const waited = Date.now() - t0;
    const message =
      p === 'waiting'
        ? `waiting for ${who} (${Math.round(waited / 1000)} s)…`
        : p === 'done'
          ? `${who === 'the model' ? 'model' : who} answered in ${(waited / 1000).toFixed(1)} s (${reasoningChars} chars reasoning, ${textChars} chars text)`
          : `${p}: ${pending.replace(/\s+/g, ' ').slice(-160)}`;
    emit({ request, phase: p, delta: p === 'reasoning' || p === 'text' ? pending : '', waitedMs: waited, reasoningChars, textChars, message });
    pending = '';
    lastEmit = Date.now();
  };
  const flush = (): void => {
    if (phase && pending) send(phase);
  };
  const heartbeat = setInterval(() => {
    if (Date.now() - lastEmit >= heartbeatMs - 50) {
      flush();
      if (Date.now() - lastEmit >= heartbeatMs - 50) send('waiting');
    }
  }, heartbeatMs);
  heartbeat.unref();
  return {
    onDelta(d) {
      const kind = d.reasoning ? 'reasoning' : 'text';
      const piece = d.reasoning ?? d.text ?? '';
      if (!piece) return;
      if (phase && phase !== kind) flush();
      phase = kind;
      pending += piece;
      if (kind === 'reasoning') reasoningChars += piece.length;
      else textChars += piece.length;
      if (Date.now() - lastEmit >= streamMs) send(kind);
    },
    finish() {
      flush();
      send('done');
    },
    stop() {
      clearInterval(heartbeat);
    },
  };
}
