// Events a run pushes to its caller (CLI trace, desktop app, trace.jsonl). Every event is small,
// JSON-serialisable, carries the runId, the step and the time since the run started, and a short
// human message, so a UI can render any of them generically. They are defined once, as a zod union,
// in engine/vocabulary/run-events.ts, which the contract shares.
export { RUN_EVENT_TYPES, RunEvent, type RunEventType } from '../vocabulary/run-events.js';

/** Keeps tool arguments small in events: long strings are cut, nothing binary gets in. */
export function smallArgs(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    if (typeof v === 'string') out[k] = v.length > 200 ? `${v.slice(0, 200)}…` : v;
    else if (v === null || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else {
      const s = JSON.stringify(v) ?? '';
      out[k] = s.length > 300 ? `${s.slice(0, 300)}…` : v;
    }
  }
  return out;
}
