// What every research tool is given and gives back, and how one is declared. A tool's zod schema is
// what the model sees (as JSON Schema) and what its arguments are checked against before it runs.
import { z } from 'zod';
import type { SourceDocument } from '../../ingest/types.js';
import type { WebSearchProvider } from '../../providers/web-search.js';
import type { SourceIndex } from '../../search/index.js';
import type { RunEvent } from '../events.js';
import type { ResearchState } from '../state.js';

/** A failure the model can act on: it goes back to the model as the tool's answer. */
export class ToolError extends Error {}

type EventBody<T extends RunEvent['type']> = Omit<Extract<RunEvent, { type: T }>, 'runId' | 'step' | 't'>;

export interface ToolContext {
  state: ResearchState;
  docs: Map<string, SourceDocument>;
  index: SourceIndex;
  runDir: string;
  signal: AbortSignal;
  step: number;
  webSearch?: WebSearchProvider;
  emit: <T extends RunEvent['type']>(type: T, body: Omit<EventBody<T>, 'type'>) => void;
}

export interface ToolImage {
  /** PNG path, relative to the run folder or absolute. */
  path: string;
  label: string;
}

export interface ToolOutput {
  result: unknown;
  images?: ToolImage[];
  /** One line for the trace. */
  summary: string;
}

export interface ToolDef<N extends string, S extends z.ZodType> {
  /** The name the model calls it by; the registry's key (tools/index.ts checks they agree). */
  name: N;
  description: string;
  schema: S;
  /** Offered only to runs with network access. */
  network?: boolean;
  run(args: z.infer<S>, ctx: ToolContext): Promise<ToolOutput>;
}

export function tool<const N extends string, S extends z.ZodType>(def: ToolDef<N, S>): ToolDef<N, S> {
  return def;
}

export const Box4 = z.array(z.number()).length(4);
export const SourceId = z.string().describe('Source id from list_sources');
export const Page = z.number().int().min(1).describe('1-based page number');
export const PlanRef = z.string().optional().describe('Id of the plan item this call serves');
