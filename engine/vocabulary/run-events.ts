// Run events: what a research run pushes to its caller (the CLI's trace, trace.jsonl, the app's run
// panel), defined once as a zod union (issue 25). The engine's RunEvent type is inferred from it,
// and the contract's trace events are these plus the events skills and the app add of their own.
// Zod only: the contract and the renderer import it too.
import { z } from 'zod';

export const PlanItem = z.object({
  id: z.string(),
  title: z.string(),
  question: z.string().optional(),
  kind: z.enum(['section', 'question']),
  status: z.enum(['open', 'done', 'dropped']),
  why: z.string().optional(),
  /** Sources the item is about (all when absent). */
  sourceIds: z.array(z.string()).optional(),
  /** For section items: the source section it covers. */
  section: z.string().optional(),
});
export type PlanItem = z.infer<typeof PlanItem>;

export const BudgetAmounts = z.object({ steps: z.number(), tokens: z.number(), images: z.number(), seconds: z.number() });
export type BudgetAmounts = z.infer<typeof BudgetAmounts>;

const Budget = z.object({ limits: BudgetAmounts, used: BudgetAmounts });

/** An error as it crosses a boundary (engine/errors.ts's SerializedError). */
const ErrorData = z.object({ code: z.string(), name: z.string(), message: z.string(), file: z.string().optional(), page: z.number().optional() });

const base = {
  runId: z.string(),
  step: z.number(),
  /** ms since the run started. */
  t: z.number(),
  message: z.string(),
};
const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ ...base, type: z.literal(type), ...shape });

export const ModelStreamPhase = z.enum(['waiting', 'reasoning', 'text', 'done']);

const MEMBERS = [
  event('run-start', { goal: z.string(), sources: z.array(z.object({ id: z.string(), title: z.string(), kind: z.string() })), provider: z.string(), resumed: z.boolean() }),
  event('plan', { items: z.array(PlanItem) }),
  event('step-start', { budget: Budget }),
  event('tool-call', { callId: z.string(), tool: z.string(), args: z.record(z.string(), z.unknown()) }),
  event('tool-result', { callId: z.string(), tool: z.string(), ok: z.boolean(), summary: z.string() }),
  event('read', { sourceId: z.string(), pages: z.array(z.number()), figures: z.array(z.string()) }),
  event('state-update', { notes: z.number(), visuals: z.number(), planDone: z.number(), planTotal: z.number(), budget: Budget }),
  event('finish', { status: z.string(), reason: z.string(), notes: z.number(), visuals: z.number() }),
  /**
   * The model's answer as it streams (throttled: at most about two a second per step). `phase`:
   * 'waiting' (nothing yet; a heartbeat every few seconds), 'reasoning' or 'text' (`delta` holds what
   * came since the last event), 'done' (totals for the step). `waitedMs` counts from the request.
   * `request` names the request ("step-3"; a writer's "write:<section>"): its updates fold into one line.
   * The writers of a skill send these too, outside any step: there `step` and `t` are absent.
   */
  event('model-stream', { step: z.number().optional(), t: z.number().optional(), request: z.string(), phase: ModelStreamPhase, delta: z.string(), waitedMs: z.number(), reasoningChars: z.number(), textChars: z.number() }),
  /** How the provider talks to the server changed (e.g. a model without tool calling: text protocol). */
  event('notice', {}),
  event('error', { error: ErrorData }),
] as const;

export const RunEvent = z.discriminatedUnion('type', [...MEMBERS]);
export type RunEvent = z.infer<typeof RunEvent>;
export type RunEventType = RunEvent['type'];
export const RUN_EVENT_TYPES: readonly RunEventType[] = RunEvent.options.map((o) => o.shape.type.value);

/** An event a skill or the app adds of its own (compose, model-usage, run-queued, …): any type but a run event's. */
export const OtherTraceEvent = z.looseObject({
  type: z.string().refine((t) => !(RUN_EVENT_TYPES as readonly string[]).includes(t), 'a run event of this type has other fields'),
  message: z.string(),
  runId: z.string(),
  step: z.number().optional(),
  t: z.number().optional(),
});

export type OtherTraceEvent = z.infer<typeof OtherTraceEvent>;

/**
 * One trace event of a run: a run event, checked by its type, or a skill's or the app's own. Read
 * loosely: the app adds fields of its own on the way (appSourceId), which a reader must keep.
 */
export type TraceEvent = (RunEvent & { [k: string]: unknown }) | OtherTraceEvent;
export const TraceEvent: z.ZodType<TraceEvent> = z.union([z.discriminatedUnion('type', MEMBERS.map((m) => m.loose()) as unknown as typeof MEMBERS), OtherTraceEvent]);
