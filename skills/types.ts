// The skill format: what a skill declares (SKILL.md front matter) and what running one gives back.
// The app, the CLI and the agent all see skills through these types.
import type { z } from 'zod';
import type { OutputKind } from '../engine/vocabulary/outputs.js';
import type { InputKind } from '../engine/vocabulary/sources.js';

export type { InputKind, OutputKind };

export type SkillOrigin = 'builtin' | 'user';
/** ready: has a runnable index.ts; prompt-only: a SKILL.md a vision-language model can follow; broken: failed to load. */
export type SkillStatus = 'ready' | 'prompt-only' | 'broken';

export interface SkillOption {
  name: string;
  /** set: several of `values`, given comma-separated. */
  type: 'string' | 'number' | 'boolean' | 'enum' | 'set';
  values?: string[];
  default?: string | number | boolean;
  description: string;
  /** How a form names it (default: the name, capitalised). */
  label?: string;
  min?: number;
  max?: number;
  /** An app setting that gives the default (deck-theme: Settings → Default theme). */
  setting?: 'deck-theme';
}

export interface SkillInfo {
  id: string;
  name: string;
  description: string;
  origin: SkillOrigin;
  /** Absolute path of the skill folder. */
  dir: string;
  status: SkillStatus;
  /** Why a broken skill failed to load. */
  error?: string;
  inputs: InputKind[];
  /** Least and most input files (max 0 = unlimited). */
  minInputs: number;
  maxInputs: number;
  outputs: OutputKind[];
  /** Whether the skill needs a vision-language model: none, optional (better with one), required. */
  provider: 'none' | 'optional' | 'required';
  /** Takes a goal / request text. */
  goal: 'none' | 'optional' | 'required';
  /** Takes document folders (sources already read: document.json + assets/) as inputs, not only files. */
  documents: boolean;
  options: SkillOption[];
}

export interface SkillOutput {
  kind: OutputKind;
  /** Absolute path. */
  path: string;
  label: string;
}

export interface SkillResult {
  outputs: SkillOutput[];
  /** One or two sentences for people: what was made. */
  summary: string;
}

/** Progress and trace events a running skill pushes (agent RunEvents pass through unchanged). */
export interface SkillEvent {
  type: string;
  runId: string;
  message: string;
  [key: string]: unknown;
}

export interface RunSkillRequest {
  /** File paths or http(s) URLs. */
  inputs: string[];
  goal?: string;
  options?: Record<string, string | number | boolean>;
  /** Output folder (created if missing). */
  outDir: string;
  /** Provider configuration (engine/providers ProviderConfig); default offline. */
  provider?: unknown;
  network?: boolean;
  signal?: AbortSignal;
  onEvent?: (e: SkillEvent) => void;
  /** Extra folder with user skills. */
  userDir?: string;
}

export interface SkillDefinition<S extends z.ZodType = z.ZodType> {
  id: string;
  /** Validates `options` (and anything else the skill reads from the request). */
  inputSchema: S;
  run(ctx: SkillContext<z.infer<S>>): Promise<SkillResult>;
}

export interface SkillContext<O> {
  runId: string;
  inputs: string[];
  goal: string | undefined;
  options: O;
  outDir: string;
  provider: unknown;
  network: boolean;
  signal: AbortSignal;
  emit(e: Omit<SkillEvent, 'runId'>): void;
}

export function defineSkill<S extends z.ZodType>(def: SkillDefinition<S>): SkillDefinition<S> {
  return def;
}
