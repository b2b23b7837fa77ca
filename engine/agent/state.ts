// The research state: everything a run knows, as one JSON document with a schemaVersion. It is saved
// atomically after every step (temp file + rename), so a run killed at any moment resumes from the
// last saved step with nothing lost. Images are kept as file references, never as bytes.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UserInputError } from '../errors.js';
import { SOURCE_KINDS } from '../ingest/kind.js';
import { writeFileAtomic } from '../fs-atomic.js';
import { BudgetAmounts, PlanItem } from '../vocabulary/run-events.js';

export const STATE_SCHEMA_VERSION = 1;
export const STATE_FILE = 'state.json';
export const TRACE_FILE = 'trace.jsonl';

const Box = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const SavedProviderConfig = z.union([
  z.object({ kind: z.literal('offline') }),
  z.object({
    kind: z.literal('openai-compatible'),
    preset: z.string().optional(),
    baseUrl: z.string(),
    model: z.string(),
    apiKeyEnv: z.string().optional(),
    thinking: z.boolean().optional(),
    timeoutMs: z.number().optional(),
  }),
]);
export type SavedProviderConfig = z.infer<typeof SavedProviderConfig>;

export const StateSource = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(SOURCE_KINDS),
  /** File name the source came from. */
  file: z.string(),
  /** Absolute path of the ingested document folder (document.json + assets/). */
  docDir: z.string(),
  /** Absolute path of the original file, where there is one (page images are rendered from it). */
  path: z.string().optional(),
  pageCount: z.number().int(),
});
export type StateSource = z.infer<typeof StateSource>;

export { PlanItem };

export const Evidence = z.object({
  sourceId: z.string(),
  page: z.number().int().min(1),
  bbox: Box.optional(),
  blockId: z.string().optional(),
  quote: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

export const Note = z.object({
  id: z.string(),
  text: z.string(),
  planItem: z.string().optional(),
  evidence: z.array(Evidence),
  step: z.number().int().optional(),
});
export type Note = z.infer<typeof Note>;

export const VisualChoice = z.object({
  id: z.string(),
  sourceId: z.string(),
  kind: z.enum(['figure', 'table', 'crop']),
  ref: z.string().optional(),
  label: z.string().optional(),
  caption: z.string().optional(),
  bbox: Box.optional(),
  page: z.number().int().min(1),
  why: z.string(),
  planItem: z.string().optional(),
  /** PNG relative to the run folder, for crops made by crop_image. */
  image: z.string().optional(),
});
export type VisualChoice = z.infer<typeof VisualChoice>;

export const Crop = z.object({
  id: z.string(),
  sourceId: z.string(),
  page: z.number().int().min(1),
  bbox: Box,
  /** PNG relative to the run folder. */
  image: z.string(),
});
export type Crop = z.infer<typeof Crop>;

const Amounts = BudgetAmounts;
export type { BudgetAmounts };

export const LogEntry = z.object({
  step: z.number().int(),
  /** ms since the run started (wall clock, across resumes). */
  t: z.number(),
  ms: z.number(),
  tools: z.array(z.string()),
  message: z.string(),
  tokens: z.number(),
  images: z.number(),
  /** Request bytes sent to the model for this step (absent offline and in older runs). */
  bytes: z.number().optional(),
});
export type LogEntry = z.infer<typeof LogEntry>;

/** Saved conversation: images are references to PNG files (relative to the run folder or absolute). */
const SavedPart = z.union([
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('image'), path: z.string(), label: z.string() }),
]);
export type SavedPart = z.infer<typeof SavedPart>;
const SavedToolCall = z.object({ id: z.string(), name: z.string(), args: z.record(z.string(), z.unknown()) });
export const SavedMessage = z.union([
  z.object({ role: z.literal('user'), content: z.array(SavedPart), step: z.number().int() }),
  z.object({ role: z.literal('assistant'), content: z.string(), toolCalls: z.array(SavedToolCall).optional(), reasoning: z.string().optional(), step: z.number().int() }),
  z.object({ role: z.literal('tool'), toolCallId: z.string(), name: z.string(), content: z.array(SavedPart), step: z.number().int() }),
]);
export type SavedMessage = z.infer<typeof SavedMessage>;

export const ResearchState = z.object({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  runId: z.string(),
  status: z.enum(['running', 'finished', 'budget-exhausted', 'interrupted', 'failed']),
  /** Why the run stopped, in words ("finish called", "steps 40/40"). */
  stopReason: z.string().optional(),
  error: z.object({ code: z.string(), name: z.string(), message: z.string() }).optional(),
  goal: z.string(),
  createdAt: z.string(),
  provider: SavedProviderConfig,
  network: z.boolean(),
  sources: z.array(StateSource),
  /** Sources that could not be read, and other things a person should know. */
  warnings: z.array(z.string()),
  plan: z.object({ items: z.array(PlanItem) }),
  notes: z.array(Note),
  visuals: z.array(VisualChoice),
  crops: z.array(Crop),
  openQuestions: z.array(z.string()),
  summary: z.string().optional(),
  budget: z.object({ limits: Amounts, used: Amounts }),
  log: z.array(LogEntry),
  /** The conversation with the model so far (what a resumed run sends again). */
  transcript: z.array(SavedMessage),
  /** Steps completed. */
  step: z.number().int(),
});
export type ResearchState = z.infer<typeof ResearchState>;

export const DEFAULT_BUDGET: BudgetAmounts = { steps: 60, tokens: 2_000_000, images: 300, seconds: 1800 };

/** A run's state before its first step: who and what it is about; plan, notes, visuals and log empty. */
export function newState(init: Pick<ResearchState, 'runId' | 'goal' | 'createdAt' | 'provider' | 'network' | 'sources' | 'warnings'> & {
  limits: BudgetAmounts;
  secondsUsed?: number;
  transcript?: ResearchState['transcript'];
}): ResearchState {
  const { limits, secondsUsed, transcript, ...who } = init;
  return {
    schemaVersion: 1,
    ...who,
    status: 'running',
    plan: { items: [] },
    notes: [],
    visuals: [],
    crops: [],
    openQuestions: [],
    budget: { limits, used: { steps: 0, tokens: 0, images: 0, seconds: secondsUsed ?? 0 } },
    log: [],
    transcript: transcript ?? [],
    step: 0,
  };
}

export function newRunId(): string {
  return `run-${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
}

/** Writes state.json atomically: a reader sees the previous step or this one, never half of one. */
export async function saveState(runDir: string, state: ResearchState): Promise<void> {
  await writeFileAtomic(path.join(runDir, STATE_FILE), JSON.stringify(state, null, 1));
}

/**
 * Steps that bring a saved state of an older schema up to the current one, keyed by the version they
 * start from (as openai-agents-js keeps its RunState's supported versions). Version 1 is the first
 * schema, so there is nothing to migrate yet; a change to the schema adds a step here and raises
 * STATE_SCHEMA_VERSION, and runs saved before it keep resuming.
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

/** The saved JSON at the current schema version, or a clear error for one this Folio cannot read. */
export function migrateState(json: unknown, file: string): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  let state = json as Record<string, unknown>;
  let version = state.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version)) return json; // the schema check names it
  if (version > STATE_SCHEMA_VERSION) {
    throw new UserInputError(`${file}: saved by a newer Folio (research state schema ${version}; this Folio reads up to ${STATE_SCHEMA_VERSION}): update Folio to open or resume this run`);
  }
  while (version < STATE_SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw new UserInputError(`${file}: research state schema ${version} is older than this Folio can read (${STATE_SCHEMA_VERSION})`);
    state = { ...step(state), schemaVersion: version + 1 };
    version += 1;
  }
  return state;
}

export async function loadState(runDir: string): Promise<ResearchState> {
  const file = path.join(runDir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UserInputError(`${file}: no research run here (${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'state.json not found' : 'cannot be read'})`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserInputError(`${file}: not valid JSON`, { cause: err });
  }
  const r = ResearchState.safeParse(migrateState(json, file));
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new UserInputError(`${file}: not a research state of schema version ${STATE_SCHEMA_VERSION} (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`);
  }
  return r.data;
}
