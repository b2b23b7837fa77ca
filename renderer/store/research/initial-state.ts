// Research slice: runs of the project, the live trace of each, and the evidence a run gathered.
import type { Evidence, RunInfo, TraceEvent } from '../../../electron/contract/contract.ts';

export interface ResearchState {
  runs: Record<string, RunInfo>;
  activeRunId: string | null;
  traces: Record<string, TraceEvent[]>;
  evidence: Record<string, Evidence>;
  runError: string | null;
}

export const researchInitialState: ResearchState = {
  runs: {},
  activeRunId: null,
  traces: {},
  evidence: {},
  runError: null,
};
