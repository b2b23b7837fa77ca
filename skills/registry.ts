// The skill registry: finds the built-in skills (skills/<id>/) and the user's skills (a folder of
// skill folders), reads each SKILL.md, loads its index.ts, and runs skills with validated input.
// A folder with only a SKILL.md is a prompt-only skill; a broken skill is listed with its path and
// reason and never stops the others from loading.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AbortedError, FolioError, UserInputError } from '../engine/errors.js';
import { isDocumentFolder } from '../engine/ingest/folder.js';
import { READS_IN_WORDS, isSourceKind, readHeadSync, sourceKindOf } from '../engine/ingest/kind.js';
import { OutputKind } from '../engine/vocabulary/outputs.js';
import { INPUT_KINDS, type InputKind } from '../engine/vocabulary/sources.js';
import { optionMismatches } from './options-check.js';
import type { RunSkillRequest, SkillDefinition, SkillEvent, SkillInfo, SkillOption, SkillResult } from './types.js';

export const BUILTIN_DIR = path.dirname(fileURLToPath(import.meta.url));

export function defaultUserSkillsDir(): string {
  return process.env.FOLIO_SKILLS_DIR ?? path.join(os.homedir(), '.folio', 'skills');
}

const Front = z
  .object({
    name: z.string().min(1),
    description: z.string().min(1),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes').optional(),
    inputs: z.array(z.enum(INPUT_KINDS)).optional(),
    'min-inputs': z.number().int().min(0).optional(),
    'max-inputs': z.number().int().min(0).optional(),
    /** Output kinds; a user's SKILL.md written for an earlier version may say report/md/html/deck. */
    outputs: z.array(OutputKind).optional(),
    provider: z.enum(['none', 'optional', 'required']).optional(),
    goal: z.enum(['none', 'optional', 'required']).optional(),
    /** Whether the skill takes document folders (sources already read) in place of files. */
    documents: z.boolean().optional(),
    options: z
      .array(
        z.object({
          name: z.string(),
          /** set: several of `values`, given comma-separated. */
          type: z.enum(['string', 'number', 'boolean', 'enum', 'set']),
          values: z.array(z.string()).optional(),
          default: z.union([z.string(), z.number(), z.boolean()]).optional(),
          description: z.string(),
          /** How a form names it (default: the name, capitalised). */
          label: z.string().optional(),
          min: z.number().optional(),
          max: z.number().optional(),
          /** An app setting that gives the default (deck-theme: Settings → Default theme). */
          setting: z.enum(['deck-theme']).optional(),
        }),
      )
      .optional(),
    metadata: z.unknown().optional(),
  })
  .passthrough();

export interface LoadedSkill {
  info: SkillInfo;
  /** The SKILL.md body (instructions for people and for a model). */
  body: string;
  definition?: SkillDefinition;
}

/** Splits `---\nyaml\n---\nbody`. */
export function parseSkillMd(text: string, file: string): { front: z.infer<typeof Front>; body: string } {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) throw new UserInputError(`${file}: SKILL.md must start with YAML front matter between --- lines`);
  let data: unknown;
  try {
    data = parseYaml(m[1]!);
  } catch (err) {
    throw new UserInputError(`${file}: front matter is not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  const r = Front.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new UserInputError(`${file}: front matter field "${issue.path.join('.') || '(root)'}": ${issue.message}`);
  }
  return { front: r.data, body: m[2]!.trim() };
}

async function loadOne(dir: string, origin: 'builtin' | 'user'): Promise<LoadedSkill> {
  const mdFile = path.join(dir, 'SKILL.md');
  const folder = path.basename(dir);
  const broken = (error: string): LoadedSkill => ({
    info: {
      id: folder,
      name: folder,
      description: '',
      origin,
      dir,
      status: 'broken',
      error,
      inputs: [],
      minInputs: 0,
      maxInputs: 0,
      outputs: [],
      provider: 'none',
      goal: 'none',
      documents: false,
      options: [],
    },
    body: '',
  });
  let text: string;
  try {
    text = await readFile(mdFile, 'utf8');
  } catch {
    return broken(`${mdFile}: missing SKILL.md`);
  }
  let front: z.infer<typeof Front>;
  let body: string;
  try {
    ({ front, body } = parseSkillMd(text, mdFile));
  } catch (err) {
    return broken((err as Error).message);
  }
  const id = front.id ?? folder.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  const indexFile = ['index.ts', 'index.mjs', 'index.js'].map((f) => path.join(dir, f)).find((f) => existsSync(f));
  const info: SkillInfo = {
    id,
    name: front.name,
    description: front.description,
    origin,
    dir,
    status: indexFile ? 'ready' : 'prompt-only',
    inputs: front.inputs ?? [...INPUT_KINDS],
    minInputs: front['min-inputs'] ?? 1,
    maxInputs: front['max-inputs'] ?? 0,
    outputs: front.outputs ?? (indexFile ? [] : ['markdown']),
    provider: front.provider ?? (indexFile ? 'optional' : 'required'),
    goal: front.goal ?? (indexFile ? 'none' : 'optional'),
    // Prompt-only skills run the research agent, which takes document folders.
    documents: front.documents ?? !indexFile,
    options: (front.options ?? []) as SkillOption[],
  };
  if (!indexFile) return { info, body };
  try {
    const mod = (await import(pathToFileURL(indexFile).href)) as { default?: unknown; skill?: unknown };
    const def = (mod.default ?? mod.skill) as Partial<SkillDefinition> | undefined;
    if (!def || typeof def !== 'object') throw new Error('index must export default defineSkill({...})');
    if (typeof def.run !== 'function') throw new Error('the skill has no run(ctx) function');
    if (!def.inputSchema || typeof (def.inputSchema as { safeParse?: unknown }).safeParse !== 'function') throw new Error('the skill has no zod inputSchema');
    if (def.id !== id) throw new Error(`index exports id "${String(def.id)}" but SKILL.md says "${id}"`);
    const mismatches = optionMismatches(info.options, def.inputSchema as z.ZodType);
    if (mismatches.length > 0) throw new Error(`SKILL.md and index.ts disagree: ${mismatches.join('; ')}`);
    return { info, body, definition: def as SkillDefinition };
  } catch (err) {
    const b = broken(`${indexFile}: ${(err as Error).message.split('\n')[0]}`);
    return { ...b, info: { ...b.info, id, name: front.name, description: front.description } };
  }
}

async function skillDirs(root: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const n of names.sort()) {
    if (n.startsWith('.') || n === 'lib' || n === 'node_modules') continue;
    const d = path.join(root, n);
    try {
      if ((await stat(d)).isDirectory()) out.push(d);
    } catch {
      // vanished between readdir and stat: not a skill
      continue;
    }
  }
  return out;
}

export async function loadSkills(opts: { userDir?: string } = {}): Promise<LoadedSkill[]> {
  const builtin = await Promise.all((await skillDirs(BUILTIN_DIR)).filter((d) => existsSync(path.join(d, 'SKILL.md'))).map((d) => loadOne(d, 'builtin')));
  const userDir = opts.userDir ?? defaultUserSkillsDir();
  const user = path.resolve(userDir) === BUILTIN_DIR ? [] : await Promise.all((await skillDirs(userDir)).map((d) => loadOne(d, 'user')));
  const seen = new Set(builtin.map((s) => s.info.id));
  for (const u of user) {
    if (seen.has(u.info.id) && u.info.status !== 'broken') {
      u.info = { ...u.info, status: 'broken', error: `${u.info.dir}: id "${u.info.id}" is already taken by a built-in skill` };
      delete u.definition;
    }
    seen.add(u.info.id);
  }
  return [...builtin, ...user];
}

export async function listSkills(opts: { userDir?: string } = {}): Promise<SkillInfo[]> {
  return (await loadSkills(opts)).map((s) => s.info);
}

let runCounter = 0;

/** A skill input's kind: a URL, or a file's kind from its first bytes and name (engine/ingest/kind.ts). */
export function inputKind(input: string): InputKind | 'unknown' {
  if (/^https?:\/\//i.test(input)) return 'url';
  let head: Uint8Array = new Uint8Array(0);
  try {
    head = readHeadSync(input);
  } catch {
    // Not readable: judged by its name; the file check below names the problem.
  }
  return sourceKindOf(input, head);
}

function documentFolderKind(dir: string): InputKind {
  const file = path.join(dir, 'document.json');
  let kind: unknown;
  try {
    kind = (JSON.parse(readFileSync(file, 'utf8')) as { kind?: unknown }).kind;
  } catch (err) {
    throw new UserInputError(`${file}: not readable as JSON (${(err as Error).message})`);
  }
  if (!isSourceKind(kind)) throw new UserInputError(`${file}: not a Folio document (kind ${JSON.stringify(kind)})`);
  return kind;
}

/** Runs a skill: checks inputs and options against its declaration, then calls run(ctx). */
export async function runSkill(id: string, req: RunSkillRequest): Promise<SkillResult> {
  const skills = await loadSkills(req.userDir !== undefined ? { userDir: req.userDir } : {});
  const skill = skills.find((s) => s.info.id === id);
  if (!skill) throw new UserInputError(`unknown skill "${id}" (installed: ${skills.map((s) => s.info.id).join(', ')})`);
  const info = skill.info;
  if (info.status === 'broken') throw new UserInputError(`skill "${id}" cannot run: ${info.error}`);
  const n = req.inputs.length;
  if (n < info.minInputs) throw new UserInputError(`${id}: needs at least ${info.minInputs} input file${info.minInputs === 1 ? '' : 's'} (got ${n})`);
  if (info.maxInputs > 0 && n > info.maxInputs) throw new UserInputError(`${id}: takes at most ${info.maxInputs} input file${info.maxInputs === 1 ? '' : 's'} (got ${n})`);
  for (const input of req.inputs) {
    if (isDocumentFolder(input)) {
      // A source already read: its kind is its document's.
      if (!info.documents) throw new UserInputError(`${input}: ${id} reads original files, not document folders`);
      const kind = documentFolderKind(input);
      if (!info.inputs.includes(kind)) throw new UserInputError(`${input}: ${id} takes ${info.inputs.join(', ')} inputs, not ${kind}`);
      continue;
    }
    const kind = inputKind(input);
    if (kind === 'unknown') throw new UserInputError(`${path.basename(input)}: not a file type Folio reads (${READS_IN_WORDS}, or an http(s) URL)`);
    if (!info.inputs.includes(kind)) throw new UserInputError(`${path.basename(input)}: ${id} takes ${info.inputs.join(', ')} inputs, not ${kind}`);
    if (kind !== 'url' && !existsSync(input)) throw new UserInputError(`${input}: file not found`);
  }
  const goal = req.goal?.trim() || undefined;
  if (info.goal === 'required' && !goal) throw new UserInputError(`${id}: give a goal (--goal "…")`);
  const providerKind = (req.provider as { kind?: string } | undefined)?.kind ?? 'offline';
  if (info.provider === 'required' && providerKind === 'offline') {
    throw new UserInputError(
      info.status === 'prompt-only'
        ? `${id} is a prompt-only skill (${info.dir}): it needs a vision-language model (--provider openai-compatible --preset …)`
        : `${id}: needs a vision-language model (--provider openai-compatible --preset …)`,
    );
  }
  const runId = `${id}-${Date.now().toString(36)}-${(++runCounter).toString(36)}`;
  const signal = req.signal ?? new AbortController().signal;
  signal.throwIfAborted();
  await mkdir(req.outDir, { recursive: true });
  const emit = (e: Omit<SkillEvent, 'runId'>) => req.onEvent?.({ ...e, runId } as SkillEvent);
  if (!skill.definition) {
    // Prompt-only: the research agent follows the SKILL.md body with the configured model.
    const { runPromptSkill } = await import('./lib/prompt-skill.js');
    return runPromptSkill({ info, body: skill.body, req: { ...req, ...(goal ? { goal } : {}) }, runId, signal, emit });
  }
  const parsed = skill.definition.inputSchema.safeParse(req.options ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserInputError(`${id}: option "${issue.path.join('.') || '?'}": ${issue.message}`);
  }
  emit({ type: 'skill-start', message: `${info.name}: ${n} input${n === 1 ? '' : 's'}`, skill: id });
  try {
    const result = await skill.definition.run({
      runId,
      inputs: req.inputs,
      goal,
      options: parsed.data,
      outDir: path.resolve(req.outDir),
      provider: req.provider ?? { kind: 'offline' },
      network: req.network === true,
      signal,
      emit,
    });
    emit({ type: 'skill-finish', message: result.summary, outputs: result.outputs });
    return result;
  } catch (err) {
    if (signal.aborted && !(err instanceof FolioError)) throw new AbortedError(`${id}: cancelled`);
    throw err;
  }
}
