// Events a run pushes to its caller (CLI trace, desktop app, trace.jsonl). Every event is small,
// JSON-serialisable, carries the runId, the step and the time since the run started, and a short
// human message, so a UI can render any of them generically.
import type { SerializedError } from '../errors.js';
import type { BudgetAmounts, PlanItem } from './state.js';

interface Base {
  runId: string;
  step: number;
  /** ms since the run started. */
  t: number;
  message: string;
}

export type RunEvent =
  | (Base & { type: 'run-start'; goal: string; sources: { id: string; title: string; kind: string }[]; provider: string; resumed: boolean })
  | (Base & { type: 'plan'; items: PlanItem[] })
  | (Base & { type: 'step-start'; budget: { limits: BudgetAmounts; used: BudgetAmounts } })
  | (Base & { type: 'tool-call'; callId: string; tool: string; args: Record<string, unknown> })
  | (Base & { type: 'tool-result'; callId: string; tool: string; ok: boolean; summary: string })
  | (Base & { type: 'read'; sourceId: string; pages: number[]; figures: string[] })
  | (Base & { type: 'state-update'; notes: number; visuals: number; planDone: number; planTotal: number; budget: { limits: BudgetAmounts; used: BudgetAmounts } })
  | (Base & { type: 'finish'; status: string; reason: string; notes: number; visuals: number })
  /**
   * The model's answer as it streams (throttled: at most about two a second per step). `phase`:
   * 'waiting' (nothing yet; a heartbeat every few seconds), 'reasoning' or 'text' (`delta` holds what
   * came since the last event), 'done' (totals for the step). `waitedMs` counts from the request.
   * `request` names the request ("step-3"; a writer's "write:<section>"): its updates fold into one line.
   * The CLI shows it as a live status line; the app's run panel renders it the same way.
   */
  | (Base & { type: 'model-stream'; request: string; phase: 'waiting' | 'reasoning' | 'text' | 'done'; delta: string; waitedMs: number; reasoningChars: number; textChars: number })
  /** How the provider talks to the server changed (e.g. a model without tool calling: text protocol). */
  | (Base & { type: 'notice' })
  | (Base & { type: 'error'; error: SerializedError });

export type RunEventType = RunEvent['type'];

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
