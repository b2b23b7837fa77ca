// Research slice actions: start, cancel, resume; mirror pushed run changes and trace events.
import type { RunInfo, TraceEvent } from '../../../electron/contract/contract.ts';
import { sourcesSelectors } from '../sources/selectors.ts';
import { taskSelectors } from '../task/selectors.ts';
import { messageOf, type Get, type Set, type StoreDeps } from '../types.ts';
export type { ResearchState } from './initial-state.ts';

export interface ResearchActions {
  loadRuns(): Promise<void>;
  startRun(): Promise<void>;
  cancelRun(): Promise<void>;
  resumeRun(): Promise<void>;
  selectRun(id: string): Promise<void>;
  applyRunChanged(run: RunInfo): void;
  applyTraceEvent(e: TraceEvent): void;
  /** Several events at once (the store mirrors pushed events in batches, one render per batch). */
  applyTraceEvents(events: TraceEvent[]): void;
  loadEvidence(runId: string): Promise<void>;
}

const MAX_TRACE = 2000;

/**
 * Appends events to a trace. A progress event (type ending in "-progress") replaces the one before it
 * when that is of the same type, so a stream of "page 3/14, 4/14…" shows as one line that moves.
 */
/** How much of a streamed answer one trace line keeps (its tail): enough to read, bounded in memory. */
const STREAM_KEEP = 4000;

/**
 * One model request is one live trace line: each model-stream event of a step replaces the line
 * before it, which keeps what came so far (`reasoning`, `text`) so the panel can show the answer
 * growing, and its last phase and waiting time.
 */
function foldStream(prev: TraceEvent | undefined, e: TraceEvent): TraceEvent {
  const delta = typeof e.delta === 'string' ? e.delta : '';
  const was = (k: 'reasoning' | 'text'): string => (prev && typeof prev[k] === 'string' ? (prev[k] as string) : '');
  const reasoning = (was('reasoning') + (e.phase === 'reasoning' ? delta : '')).slice(-STREAM_KEEP);
  const text = (was('text') + (e.phase === 'text' ? delta : '')).slice(-STREAM_KEEP);
  return { ...e, delta: '', reasoning, text };
}

/** Updates of one model request: by its id ("step-3", "write:s2"), or by step for older runs' events without one. */
function sameRequest(a: TraceEvent, b: TraceEvent): boolean {
  if (typeof a.request === 'string' || typeof b.request === 'string') return a.request === b.request;
  return a.step === b.step;
}

export function appendTrace(cur: readonly TraceEvent[], events: readonly TraceEvent[]): TraceEvent[] {
  const out = [...cur];
  for (const e of events) {
    const last = out.at(-1);
    if (last && e.type.endsWith('-progress') && last.type === e.type) out[out.length - 1] = e;
    else if (last && e.type === 'model-stream' && last.type === 'model-stream' && sameRequest(last, e)) out[out.length - 1] = foldStream(last, e);
    else if (e.type === 'model-stream') out.push(foldStream(undefined, e));
    else out.push(e);
  }
  return out.length > MAX_TRACE ? out.slice(out.length - MAX_TRACE) : out;
}

export function createResearchActions(set: Set, get: Get, { client }: StoreDeps): ResearchActions {
  const upsert = (run: RunInfo): void => set((st) => ({ runs: { ...st.runs, [run.id]: run } }));
  return {
    async loadRuns() {
      const runs = await client.call('research.list');
      const last = runs.at(-1);
      set({ runs: Object.fromEntries(runs.map((r) => [r.id, r])), traces: {}, evidence: {}, activeRunId: last?.id ?? null });
      if (last) await get().selectRun(last.id);
    },
    async startRun() {
      const st = get();
      set({ runError: null });
      try {
        const run = await client.call('research.start', {
          skillId: st.skillId,
          goal: st.goal,
          sourceIds: sourcesSelectors.chosenIds(st),
          options: taskSelectors.options(st),
          ...(st.providerId ? { providerId: st.providerId } : {}),
        });
        set((s) => ({ runs: { ...s.runs, [run.id]: run }, activeRunId: run.id, traces: { ...s.traces, [run.id]: s.traces[run.id] ?? [] } }));
      } catch (err) {
        set({ runError: messageOf(err) });
      }
    },
    async cancelRun() {
      const id = get().activeRunId;
      if (!id || get().runs[id]?.status !== 'running') return;
      try {
        upsert(await client.call('research.cancel', { runId: id }));
      } catch (err) {
        set({ runError: messageOf(err) });
      }
    },
    async resumeRun() {
      const id = get().activeRunId;
      if (!id) return;
      set({ runError: null });
      try {
        upsert(await client.call('research.resume', { runId: id }));
      } catch (err) {
        set({ runError: messageOf(err) });
      }
    },
    async selectRun(id) {
      set({ activeRunId: id });
      const trace = await client.call('research.trace', { runId: id });
      set((st) => ({ traces: { ...st.traces, [id]: appendTrace([], trace) } }));
      if (get().runs[id]?.status === 'done') await get().loadEvidence(id).catch(() => undefined);
    },
    applyRunChanged(run) {
      const before = get().runs[run.id];
      upsert(run);
      if (run.status !== 'running' && before?.status === 'running') void get().loadEvidence(run.id).catch(() => undefined);
    },
    applyTraceEvent(e) {
      get().applyTraceEvents([e]);
    },
    applyTraceEvents(events) {
      if (events.length === 0) return;
      set((st) => {
        const traces = { ...st.traces };
        for (const runId of new Set(events.map((e) => e.runId))) {
          traces[runId] = appendTrace(traces[runId] ?? [], events.filter((e) => e.runId === runId));
        }
        return { traces };
      });
    },
    async loadEvidence(runId) {
      const ev = await client.call('research.evidence', { runId });
      set((st) => ({ evidence: { ...st.evidence, [runId]: ev } }));
    },
  };
}
