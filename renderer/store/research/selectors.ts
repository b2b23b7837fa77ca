// Research slice selectors: the active run, its trace, progress and elapsed time.
import type { RunInfo, TraceEvent } from '../../../electron/contract/contract.ts';
import type { ResearchState } from './initial-state.ts';

export interface ReadRef {
  sourceId: string;
  pages: number[];
  figures: string[];
}

// A stable empty list: a selector returning a fresh [] would re-render forever.
const NO_EVENTS: TraceEvent[] = [];

export const researchSelectors = {
  activeRun(s: ResearchState): RunInfo | undefined {
    return s.activeRunId ? s.runs[s.activeRunId] : undefined;
  },
  activeTrace(s: ResearchState): TraceEvent[] {
    return (s.activeRunId ? s.traces[s.activeRunId] : undefined) ?? NO_EVENTS;
  },
  isRunning(s: ResearchState): boolean {
    return Object.values(s.runs).some((r) => r.status === 'running');
  },
  /** How many plan, read and state-update events the trace holds. */
  phaseCounts(trace: TraceEvent[]): { plan: number; read: number; state: number } {
    let plan = 0;
    let read = 0;
    let state = 0;
    for (const e of trace) {
      if (e.type === 'plan') plan++;
      else if (e.type === 'read') read++;
      else if (e.type === 'state-update') state++;
    }
    return { plan, read, state };
  },
  /** 0–1 from the newest event that reports progress (step / of budget), or null when unknown. */
  progress(run: RunInfo | undefined, trace: TraceEvent[]): number | null {
    if (!run) return null;
    if (run.status === 'done') return 1;
    for (let i = trace.length - 1; i >= 0; i--) {
      const e = trace[i] as TraceEvent & { progress?: unknown; planDone?: unknown; planTotal?: unknown; budget?: unknown; done?: unknown; total?: unknown };
      if (typeof e.progress === 'number') return clamp01(e.progress);
      // The agent's state updates: plan items done of all, or steps used of the step budget.
      if (typeof e.planDone === 'number' && typeof e.planTotal === 'number' && e.planTotal > 0) return clamp01(e.planDone / e.planTotal);
      const steps = stepBudget(e.budget);
      if (steps) return clamp01(steps.used / steps.limit);
      if (e.type === 'ingest-progress' && typeof e.done === 'number' && typeof e.total === 'number' && e.total > 0) return clamp01((0.3 * e.done) / e.total);
    }
    return null;
  },
  elapsedMs(run: RunInfo | undefined, now: number): number {
    if (!run) return 0;
    const end = run.endedAt ? Date.parse(run.endedAt) : now;
    return Math.max(0, end - Date.parse(run.startedAt));
  },
  /** What a read event looked at (sourceId, pages, figures), when it says. */
  readRef(e: TraceEvent): ReadRef | null {
    if (e.type !== 'read') return null;
    const o = e as TraceEvent & { sourceId?: unknown; appSourceId?: unknown; pages?: unknown; figures?: unknown };
    // appSourceId: the project's source, added by the main side; sourceId: the skill's own document id.
    const sourceId = typeof o.appSourceId === 'string' ? o.appSourceId : o.sourceId;
    if (typeof sourceId !== 'string') return null;
    const pages = Array.isArray(o.pages) ? o.pages.filter((p): p is number => typeof p === 'number') : [];
    const figures = Array.isArray(o.figures) ? o.figures.filter((f): f is string => typeof f === 'string') : [];
    return { sourceId, pages, figures };
  },
};

function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}

function stepBudget(b: unknown): { used: number; limit: number } | null {
  if (typeof b !== 'object' || b === null) return null;
  const { used, limits } = b as { used?: { steps?: unknown }; limits?: { steps?: unknown } };
  const u = used?.steps;
  const l = limits?.steps;
  return typeof u === 'number' && typeof l === 'number' && l > 0 ? { used: u, limit: l } : null;
}
