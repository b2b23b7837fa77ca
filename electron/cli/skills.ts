// `folio skills`, `folio run <skill> …` and `folio export …`: the skills and exporters from a terminal,
// with the live trace and a progress bar on stderr and the written paths on stdout.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserInputError } from '../../engine/errors.js';
import { composeDocument } from '../../engine/compose/document.js';
import { composeResearch } from '../../engine/compose/research.js';
import { exportArtifacts, parseTargets } from '../../engine/export/index.js';
import { SourceDocument } from '../../engine/ingest/index.js';
import { ResearchState } from '../../engine/agent/state.js';
import type { ProviderConfig } from '../../engine/providers/index.js';
import { providerFromFlags } from './provider-flags.js';
import { listSkills, runSkill } from '../../skills/registry.js';
import type { SkillEvent } from '../../skills/types.js';
import { ModelStatus } from './model-status.js';
import { Progress } from './progress.js';
import { SLIDE_MAX, SLIDE_MIN } from '../../engine/compose/slide-budget.js';

export async function skillsCommand(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const dirArg = args.indexOf('--skills-dir');
  const userDir = dirArg >= 0 ? args[dirArg + 1] : undefined;
  const skills = await listSkills(userDir ? { userDir } : {});
  if (json) {
    process.stdout.write(JSON.stringify(skills, null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...skills.map((s) => s.id.length), 4);
  for (const s of skills) {
    const status = s.status === 'ready' ? 'ready' : s.status === 'prompt-only' ? 'prompt-only (needs a vision-language model)' : `BROKEN: ${s.error}`;
    process.stdout.write(`${s.id.padEnd(w)}  ${s.origin.padEnd(7)}  ${status}\n${' '.repeat(w + 2)}${s.description}\n${' '.repeat(w + 2)}${s.dir}\n`);
  }
  return skills.some((s) => s.status === 'broken') ? 1 : 0;
}

const KNOWN = new Set(['goal', 'out', 'provider', 'preset', 'base-url', 'model', 'api-key-env', 'network', 'quiet', 'skills-dir', 'thinking', 'no-thinking', 'timeout']);

const SHORT: Record<string, string> = { '-g': '--goal', '-o': '--out', '-q': '--quiet' };

interface RunArgs {
  positionals: string[];
  flags: Map<string, string | boolean>;
  options: Record<string, string | boolean>;
}

/** `--name value` / `--name=value` / `--flag`; flags Folio knows vs. options passed to the skill. */
export function splitRunArgs(args: string[]): RunArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | boolean>();
  const options: Record<string, string | boolean> = {};
  const boolFlags = new Set(['network', 'quiet', 'thinking', 'no-thinking']);
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    // The same short flags as `folio research`: -g goal, -o out, -q quiet.
    if (/^-[^-]/.test(a)) {
      const long = SHORT[a];
      if (!long) throw new UserInputError(`${a}: not a flag Folio knows (short flags: -g for --goal, -o for --out, -q for --quiet)`);
      a = long;
    }
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    let name = a.slice(2);
    let value: string | boolean | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    if (value === undefined) {
      const next = args[i + 1];
      if (!boolFlags.has(name) && next !== undefined && !next.startsWith('--')) {
        value = next;
        i++;
      } else value = true;
    }
    if (KNOWN.has(name)) flags.set(name, value);
    else options[name] = value;
  }
  return { positionals, flags, options };
}

/** `folio run`'s provider: the shared flag rules, offline when no provider flag is given. */
export function runProvider(flags: Map<string, string | boolean>, command = 'run'): ProviderConfig {
  const str = (k: string) => (typeof flags.get(k) === 'string' ? (flags.get(k) as string) : undefined);
  const bool = (k: string) => (flags.get(k) === true ? true : undefined);
  return providerFromFlags({ provider: str('provider'), preset: str('preset'), 'base-url': str('base-url'), model: str('model'), 'api-key-env': str('api-key-env'), thinking: bool('thinking'), 'no-thinking': bool('no-thinking'), timeout: str('timeout') }, command) ?? { kind: 'offline' };
}

/** Prints skill and agent events as a live trace; progress events drive the bar. */
export function traceWriter(quiet: boolean): (e: SkillEvent) => void {
  const bar = new Progress(process.stderr, quiet);
  const status = new ModelStatus(process.stderr, quiet);
  const t0 = Date.now();
  return (e) => {
    if (quiet) return;
    if (status.handle(e) && e.type !== 'step-start') return;
    const done = typeof e.done === 'number' ? e.done : undefined;
    const total = typeof e.total === 'number' ? e.total : undefined;
    if (e.type === 'ingest-progress' && done !== undefined && total !== undefined) {
      bar.update(String(e.message).replace(/ \d+\/\d+$/, ''), done, total);
      return;
    }
    if (e.type === 'tool-result' || e.type === 'state-update') return; // the tool-call and read lines say enough
    const secs = ((Date.now() - t0) / 1000).toFixed(1).padStart(5);
    const budget = e.type === 'step-start' && typeof e.maxSteps === 'number' ? ` [${String(e.step)}/${e.maxSteps}]` : '';
    process.stderr.write(`${secs}s  ${e.type.padEnd(12)} ${e.message}${budget}\n`);
  };
}

export async function runCommand(args: string[]): Promise<number> {
  const { positionals, flags, options } = splitRunArgs(args);
  const [skill, ...inputs] = positionals;
  if (!skill) throw new UserInputError('run: name a skill (folio run <skill> <inputs…> --out <dir>; see folio skills)');
  const out = typeof flags.get('out') === 'string' ? (flags.get('out') as string) : path.join('out', skill);
  const goal = typeof flags.get('goal') === 'string' ? (flags.get('goal') as string) : undefined;
  const userDir = typeof flags.get('skills-dir') === 'string' ? (flags.get('skills-dir') as string) : undefined;
  const ac = new AbortController();
  const onSigint = () => {
    process.stderr.write('\nfolio: cancelling…\n');
    ac.abort();
  };
  process.once('SIGINT', onSigint);
  try {
    const result = await runSkill(skill, {
      inputs,
      ...(goal !== undefined ? { goal } : {}),
      options,
      outDir: out,
      provider: runProvider(flags),
      network: flags.get('network') === true,
      signal: ac.signal,
      onEvent: traceWriter(flags.get('quiet') === true),
      ...(userDir ? { userDir } : {}),
    });
    process.stderr.write(`${result.summary}\n`);
    for (const o of result.outputs) process.stdout.write(`${o.path}  (${o.label})\n`);
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** `folio export <run-dir|document.json|document-folder> --to markdown,site,pptx,slides --out <dir>` */
export async function exportCommand(args: string[]): Promise<number> {
  const { positionals, flags, options } = splitRunArgs(args);
  const to = parseTargets(typeof options.to === 'string' ? options.to : 'markdown,site,pptx,slides');
  const theme = typeof options.theme === 'string' ? options.theme : undefined;
  const slides = options.slides !== undefined ? Number(options.slides) : undefined;
  if (slides !== undefined && !(Number.isInteger(slides) && slides >= SLIDE_MIN && slides <= SLIDE_MAX)) throw new UserInputError(`--slides must be a whole number from ${SLIDE_MIN} to ${SLIDE_MAX} (got ${String(options.slides)})`);
  const [input] = positionals;
  if (!input || positionals.length > 1) throw new UserInputError('export: give one run folder, document folder or document.json (folio export <dir> --to markdown,site,pptx,slides --out <dir>)');
  const out = typeof flags.get('out') === 'string' ? (flags.get('out') as string) : undefined;
  if (!out) throw new UserInputError('export: --out <dir> is required');
  let file = path.resolve(input);
  let st;
  try {
    st = await stat(file);
  } catch {
    throw new UserInputError(`${input}: not found`);
  }
  if (st.isDirectory()) {
    const candidates = ['state.json', 'document.json'].map((f) => path.join(file, f));
    const found = [];
    for (const c of candidates) if (await stat(c).then(() => true, () => false)) found.push(c);
    if (found.length === 0) throw new UserInputError(`${input}: holds neither a research state (state.json) nor a document (document.json)`);
    file = found[0]!;
  }
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UserInputError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const common = { ...(theme ? { theme } : {}), ...(slides ? { slides } : {}) };
  let models;
  if (path.basename(file) === 'state.json') {
    const state = ResearchState.safeParse(data);
    if (!state.success) throw new UserInputError(`${file}: not a Folio research state (${state.error.issues[0]?.message})`);
    const composed = await composeResearch(state.data, path.dirname(file), common);
    for (const p of composed.problems) process.stderr.write(`folio: ${p}\n`);
    models = composed;
  } else {
    const doc = SourceDocument.safeParse(data);
    if (!doc.success) throw new UserInputError(`${file}: not a Folio document (${doc.error.issues[0]?.path.join('.')}: ${doc.error.issues[0]?.message})`);
    models = composeDocument(doc.data, path.dirname(file), common);
  }
  const files = await exportArtifacts({ ...models, to, outDir: out, ...(theme ? { theme } : {}), ...(slides ? { maxSlides: slides } : {}) });
  for (const f of files) {
    for (const fix of f.fixes) process.stderr.write(`folio: fixed: ${fix}\n`);
    process.stdout.write(`${f.path}  (${f.label})\n`);
  }
  return 0;
}
