// Deep research: an open goal over heterogeneous sources, run as autonomous cycles of planning,
// multimodal reading and state updating (see loop.ts). runResearch starts a run in a folder;
// resumeResearch continues one from its saved state. Both push RunEvents and append them to
// <runDir>/trace.jsonl; the state is <runDir>/state.json.
import { appendFileSync, existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { FolioError, SourceError, UserInputError, toSerializedError } from '../errors.js';
import { ingestFile, ingestUrl, readDocumentFolder, writeDocumentFolder } from '../ingest/index.js';
import type { SourceDocument } from '../ingest/types.js';
import { createProvider, savedConfig, type ProviderConfig } from '../providers/index.js';
import type { Provider } from '../providers/types.js';
import { SourceIndex } from '../search/index.js';
import { acquireRunLock } from '../run-lock.js';
import { JOURNAL_FILE, openIngestJournal, type IngestJournal } from '../ingest/journal.js';
import type { RunEvent } from './events.js';
import { budgetSpent, eventOf, hasToolCall, runStep, stepCount, type LoopContext, type StopCondition } from './loop.js';
import { DEFAULT_BUDGET, STATE_FILE, TRACE_FILE, loadState, newRunId, newState, saveState, type BudgetAmounts, type ResearchState, type StateSource } from './state.js';
import type { WebSearchProvider } from './tools/index.js';

export type { RunEvent, RunEventType } from './events.js';
export * from './state.js';
export { budgetSpent, hasToolCall, stepCount, type StepOutcome, type StopCondition } from './loop.js';
export { toolSpecs, type ToolName, type WebSearchProvider } from './tools/index.js';

export interface ResearchOptions {
  goal: string;
  /** PDF/image/HTML files, or folders already ingested (holding document.json). */
  sources: string[];
  runDir: string;
  provider: ProviderConfig;
  budget?: Partial<BudgetAmounts>;
  /** Allow read_webpage/open_url/web_search (default false). */
  network?: boolean;
  webSearch?: WebSearchProvider;
  signal?: AbortSignal;
  onEvent?: (e: RunEvent) => void;
  /** Extra stop conditions on top of finish and the budget. */
  stopWhen?: StopCondition[];
  /** Environment for API keys (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface ResumeOptions {
  provider?: ProviderConfig;
  budget?: Partial<BudgetAmounts>;
  webSearch?: WebSearchProvider;
  signal?: AbortSignal;
  onEvent?: (e: RunEvent) => void;
  env?: NodeJS.ProcessEnv;
}

/** Budget limits with the given ones applied; an undefined entry keeps the current limit. */
function withBudget(base: BudgetAmounts, over: Partial<BudgetAmounts> | undefined): BudgetAmounts {
  const out = { ...base };
  for (const k of ['steps', 'tokens', 'images', 'seconds'] as const) {
    const v = over?.[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function checkBudget(b: BudgetAmounts): void {
  for (const k of ['steps', 'tokens', 'images', 'seconds'] as const) {
    if (!Number.isFinite(b[k]) || b[k] <= 0) throw new UserInputError(`budget: ${k} must be more than 0 (got ${b[k]}); a run with nothing to spend cannot start`);
  }
}

export async function runResearch(opts: ResearchOptions): Promise<ResearchState> {
  const goal = opts.goal.trim();
  if (!goal) throw new UserInputError('research: the goal is empty (say what to find out, e.g. --goal "Compare how the two papers evaluate their systems")');
  if (opts.sources.length === 0) throw new UserInputError('research: no sources given (pass PDF files or ingested document folders)');
  const limits: BudgetAmounts = withBudget(DEFAULT_BUDGET, opts.budget);
  checkBudget(limits);
  const provider = createProvider(opts.provider, opts.env);
  const runDir = path.resolve(opts.runDir);
  await mkdir(runDir, { recursive: true });
  // Held until the run ends: a second run on the same folder is refused, never interleaved.
  const lock = await acquireRunLock(runDir, 'research');
  try {
    if (existsSync(path.join(runDir, STATE_FILE))) {
      // README: "a cancelled research run resumes: run the same command again". The same goal on
      // the same sources continues the run (after a cancel or a kill -9); anything else is refused.
      const prior = await loadState(runDir);
      // A run that ended (finished, or out of budget) is not started over; --resume can extend its budget.
      const ended = prior.status === 'finished' || prior.status === 'budget-exhausted';
      if (ended || !sameRequest(prior, goal, opts.sources)) {
        throw new UserInputError(`${runDir} already holds a research run${ended ? ` that has ended (${prior.status})` : ' with another goal or other sources'} (continue it with --resume, or choose another --out)`);
      }
      return await resumeLocked(runDir, opts);
    }
    return await startLocked(opts, goal, limits, provider, runDir);
  } finally {
    await lock.release();
  }
}

/** Whether `goal` and `inputs` are what the run in `state` was started with. */
function sameRequest(state: ResearchState, goal: string, inputs: string[]): boolean {
  if (state.goal !== goal) return false;
  // A source that could not be read is not in the state, so each saved source must be one asked for.
  const asked = new Set(inputs.map((i) => (/^https?:\/\//i.test(i) ? i : path.resolve(i))));
  return state.sources.length > 0 && state.sources.every((s) => asked.has(s.docDir) || (s.path !== undefined && asked.has(s.path)));
}

async function startLocked(opts: ResearchOptions, goal: string, limits: BudgetAmounts, provider: Provider, runDir: string): Promise<ResearchState> {
  await mkdir(path.join(runDir, 'sources'), { recursive: true });

  const runId = newRunId();
  const createdAt = new Date().toISOString();
  const emit = emitter(runDir, opts.onEvent);
  const t0 = Date.now();
  // Sources read before a kill -9 are reused when the same run is started again (engine/ingest/journal.ts).
  const journal = await openIngestJournal(path.join(runDir, 'sources'), { command: 'research', goal, sources: opts.sources.map((s) => (/^https?:\/\//i.test(s) ? s : path.resolve(s))) });
  const { sources, docs, warnings } = await ingestSources(opts.sources, runDir, opts.network === true, opts.signal, journal);
  for (const w of warnings) emit({ type: 'error', runId, step: 0, t: Date.now() - t0, message: w, error: { code: 'SOURCE', name: 'SourceError', message: w } });
  if (sources.length === 0) throw new SourceError(opts.sources.map((s) => path.basename(s)).join(', '), `no source could be read: ${warnings.join('; ')}`);

  const state = newState({
    runId,
    goal,
    createdAt,
    provider: savedConfig(opts.provider) as ResearchState['provider'],
    network: opts.network === true,
    sources,
    warnings,
    limits,
    secondsUsed: (Date.now() - t0) / 1000,
    transcript: [
      {
        role: 'user',
        step: 0,
        content: [
          {
            type: 'text',
            text: `Goal: ${goal}\n\nSources: ${sources.map((s) => `${s.id} (${s.file})`).join(', ')}. Start by listing the sources, then plan, read and record evidence; call finish when done.`,
          },
        ],
      },
    ],
  });
  await saveState(runDir, state);
  await journal.close();
  emit(eventOf(state, 0, 'run-start', { message: `research: ${goal}`, goal, sources: sources.map((s) => ({ id: s.id, title: s.title, kind: s.kind })), provider: provider.model, resumed: false }));
  return drive({ state, provider, docs, runDir, emit, ...pick(opts) });
}

export async function resumeResearch(runDir: string, opts: ResumeOptions = {}): Promise<ResearchState> {
  const dir = path.resolve(runDir);
  // loadState says what is wrong with a folder that holds no run; the lock needs the folder.
  if (!existsSync(dir)) await loadState(dir);
  if (!existsSync(path.join(dir, STATE_FILE)) && existsSync(path.join(dir, 'sources', JOURNAL_FILE))) {
    throw new UserInputError(`${dir}: the run was stopped while it read its sources, before its first step; run the same folio research command again: the sources (and OCR'd pages) it read are reused`);
  }
  const lock = await acquireRunLock(dir, 'research');
  try {
    return await resumeLocked(dir, opts);
  } finally {
    await lock.release();
  }
}

async function resumeLocked(dir: string, opts: ResumeOptions): Promise<ResearchState> {
  const state = await loadState(dir);
  if (opts.budget) {
    state.budget.limits = withBudget(state.budget.limits, opts.budget);
    checkBudget(state.budget.limits);
  }
  const emit = emitter(dir, opts.onEvent);
  if (state.status === 'finished') {
    emit(eventOf(state, state.step, 'finish', { message: `already finished: ${state.stopReason ?? ''}`, status: state.status, reason: state.stopReason ?? 'finished', notes: state.notes.length, visuals: state.visuals.length }));
    return state;
  }
  const config = opts.provider ?? (state.provider as ProviderConfig);
  const provider = createProvider(config, opts.env);
  if (opts.provider) state.provider = savedConfig(opts.provider) as ResearchState['provider'];
  const docs = new Map<string, SourceDocument>();
  for (const s of state.sources) docs.set(s.id, (await readDocumentFolder(s.docDir)).doc);
  state.status = 'running';
  delete state.error;
  delete state.stopReason;
  emit(eventOf(state, state.step, 'run-start', { message: `resumed at step ${state.step}: ${state.goal}`, goal: state.goal, sources: state.sources.map((s) => ({ id: s.id, title: s.title, kind: s.kind })), provider: provider.model, resumed: true }));
  return drive({ state, provider, docs, runDir: dir, emit, ...pick(opts) });
}

function pick(o: { signal?: AbortSignal; webSearch?: WebSearchProvider; stopWhen?: StopCondition[] }): { signal?: AbortSignal; webSearch?: WebSearchProvider; stopWhen?: StopCondition[] } {
  return { ...(o.signal ? { signal: o.signal } : {}), ...(o.webSearch ? { webSearch: o.webSearch } : {}), ...(o.stopWhen ? { stopWhen: o.stopWhen } : {}) };
}

async function drive(a: {
  state: ResearchState;
  provider: Provider;
  docs: Map<string, SourceDocument>;
  runDir: string;
  emit: (e: RunEvent) => void;
  signal?: AbortSignal;
  webSearch?: WebSearchProvider;
  stopWhen?: StopCondition[];
}): Promise<ResearchState> {
  const ctx: LoopContext = {
    state: a.state,
    provider: a.provider,
    docs: a.docs,
    index: new SourceIndex([...a.docs.values()]),
    runDir: a.runDir,
    signal: a.signal ?? new AbortController().signal,
    // finish first: a run that finishes on its last affordable step has finished, not run out.
    stopWhen: [hasToolCall('finish'), stepCount(a.state.budget.limits.steps), budgetSpent, ...(a.stopWhen ?? [])],
    ...(a.webSearch ? { webSearch: a.webSearch } : {}),
    emit: a.emit,
  };
  const end = async (status: ResearchState['status'], reason: string): Promise<ResearchState> => {
    ctx.state.status = status;
    ctx.state.stopReason = reason;
    await saveState(a.runDir, ctx.state);
    a.emit(eventOf(ctx.state, ctx.state.step, 'finish', { message: `${status}: ${reason}`, status, reason, notes: ctx.state.notes.length, visuals: ctx.state.visuals.length }));
    return ctx.state;
  };
  const spent = budgetSpent(ctx.state, { step: ctx.state.step, toolNames: [] });
  if (spent) return end(spent.status, spent.reason);
  try {
    for (;;) {
      const outcome = await runStep(ctx);
      if (outcome.type === 'run_again') continue;
      if (outcome.type === 'final') return await end(outcome.status, outcome.reason);
      return await end('interrupted', outcome.reason);
    }
  } catch (err) {
    const e = toSerializedError(err);
    ctx.state.status = 'failed';
    ctx.state.stopReason = e.message;
    ctx.state.error = { code: e.code, name: e.name, message: e.message };
    await saveState(a.runDir, ctx.state);
    a.emit(eventOf(ctx.state, ctx.state.step + 1, 'error', { message: e.message, error: e }));
    throw err;
  }
}

function emitter(runDir: string, onEvent?: (e: RunEvent) => void): (e: RunEvent) => void {
  const trace = path.join(runDir, TRACE_FILE);
  return (e) => {
    // Appended synchronously so the trace keeps event order and survives a kill right after.
    appendFileSync(trace, `${JSON.stringify(e)}\n`);
    onEvent?.(e);
  };
}

/** Ingests each source into <runDir>/sources/<id>/ (folders already ingested are used where they are). */
async function ingestSources(inputs: string[], runDir: string, network: boolean, signal: AbortSignal | undefined, journal: IngestJournal): Promise<{ sources: StateSource[]; docs: Map<string, SourceDocument>; warnings: string[] }> {
  const sources: StateSource[] = [];
  const docs = new Map<string, SourceDocument>();
  const warnings: string[] = [];
  for (const input of inputs) {
    signal?.throwIfAborted();
    const isUrl = /^https?:\/\//i.test(input);
    const abs = isUrl ? input : path.resolve(input);
    try {
      if (isUrl) {
        if (!network) throw new UserInputError(`${input}: is a web address; allow network access (--network) to read it`);
        const r = await ingestUrl(input, { network: true, ...(signal ? { signal } : {}) });
        let id = r.doc.id;
        for (let n = 2; docs.has(id); n++) id = `${r.doc.id}-${n}`;
        r.doc.id = id;
        const docDir = await writeDocumentFolder(path.join(runDir, 'sources'), r.doc, r.assets);
        docs.set(id, r.doc);
        sources.push({ id, title: r.doc.title, kind: r.doc.kind, file: r.doc.file, docDir, path: input, pageCount: r.doc.pageCount });
        continue;
      }
      const isDir = await stat(abs).then(
        (s) => s.isDirectory(),
        () => false,
      );
      let doc: SourceDocument;
      let docDir: string;
      let original: string | undefined;
      let url: string | undefined;
      if (isDir && existsSync(path.join(abs, 'document.json'))) {
        // Already read (a project's source): used where it is, named by its origin's id, linked to its original.
        const read = await readDocumentFolder(abs);
        doc = read.doc;
        docDir = read.dir;
        original = read.original;
        url = read.url;
      } else {
        const reused = await journal.finished(abs);
        if (reused) {
          doc = reused.doc;
          docDir = reused.dir;
        } else {
          const r = await ingestFile(abs, { ...(signal ? { signal } : {}), checkpoint: (sha) => journal.pages(sha) });
          doc = r.doc;
          let id = doc.id;
          for (let n = 2; docs.has(id); n++) id = `${doc.id}-${n}`;
          doc.id = id;
          docDir = await writeDocumentFolder(path.join(runDir, 'sources'), doc, r.assets);
          await journal.markDone(abs, doc.sha256, docDir);
        }
        original = abs;
      }
      if (docs.has(doc.id)) throw new SourceError(doc.file, `is given twice (id ${doc.id})`);
      docs.set(doc.id, doc);
      sources.push({ id: doc.id, title: doc.title, kind: doc.kind, file: doc.file, docDir, ...(original ? { path: original } : url ? { path: url } : {}), pageCount: doc.pageCount });
    } catch (err) {
      if (signal?.aborted) throw err;
      if (!(err instanceof FolioError)) throw err;
      warnings.push(err.message);
    }
  }
  return { sources, docs, warnings };
}

