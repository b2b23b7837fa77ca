// Research runs: a skill run over the project's sources, in a worker thread. Each run has a folder
// (runs/<id>/: run.json, events.jsonl, out/); its trace events are appended there and pushed as
// research.event. Cancel stops the worker; resume starts the same run again into the same folder,
// where the agent picks up its saved state.
import { appendFile, mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { Evidence, RunInfo, TraceEvent, type EvidenceRef } from '../../contract/contract.ts';
import { endpointOf } from '../../contract/endpoints.ts';
import { ContractError, errorInfo } from '../../contract/wrapper.ts';
import type { ProviderConfig } from '../../../engine/providers/index.ts';
import type { SkillResult } from '../../../skills/types.ts';
import { docId } from '../../../engine/ingest/index.ts';
import { newId, nowIso, readJson, writeJsonAtomic } from '../fs-util.ts';
import type { JobHandle } from '../jobs.ts';
import type { ServiceContext } from './context.ts';
import type { SettingsController } from './settings.ts';
import type { SkillsController } from './skills.ts';
import type { SourcesController } from './sources.ts';

export interface StartInput {
  skillId: string;
  goal: string;
  sourceIds: string[];
  options: Record<string, string | number | boolean>;
  providerId?: string | undefined;
}

export class ResearchController {
  readonly #ctx: ServiceContext;
  readonly #sources: SourcesController;
  readonly #settings: SettingsController;
  readonly #skills: SkillsController;
  #runs = new Map<string, RunInfo>();
  /** Running jobs, with a promise that settles once the outcome has been recorded. */
  readonly #jobs = new Map<string, { job: JobHandle<SkillResult>; recorded: Promise<void> }>();
  /** The start or resume being admitted (see #admit). */
  #admitting: Promise<void> = Promise.resolve();

  constructor(ctx: ServiceContext, deps: { sources: SourcesController; settings: SettingsController; skills: SkillsController }) {
    this.#ctx = ctx;
    this.#sources = deps.sources;
    this.#settings = deps.settings;
    this.#skills = deps.skills;
  }

  /** Loads the project's runs; a run that was going when the app closed shows as cancelled (resumable). */
  async load(): Promise<void> {
    for (const { job } of this.#jobs.values()) job.cancel();
    this.#jobs.clear();
    this.#runs.clear();
    const dirs = await readdir(path.join(this.#ctx.projectDir(), 'runs')).catch(() => [] as string[]);
    for (const d of dirs) {
      const run = await readJson(path.join(this.#ctx.projectDir(), 'runs', d, 'run.json'), RunInfo).catch(() => null);
      if (!run) continue;
      if (run.status === 'running') {
        run.status = 'cancelled';
        run.error = { code: 'ABORTED', message: 'interrupted when the app closed' };
        await this.#save(run);
      }
      this.#runs.set(run.id, run);
    }
  }

  list(): RunInfo[] {
    return [...this.#runs.values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }

  get(runId: string): RunInfo {
    const r = this.#runs.get(runId);
    if (!r) throw new ContractError('NOT_FOUND', `no run "${runId}" in this project`);
    return r;
  }

  outDir(runId: string): string {
    return path.join(this.#ctx.projectDir(), 'runs', runId, 'out');
  }

  /**
   * Starts and resumes one at a time: each checks the running runs, then awaits (the skill, the
   * provider, the disk) before its run is registered, so two tabs pressing Run at the same moment
   * would both pass the check. Queued here, the second sees the first's run.
   */
  #admit<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#admitting.then(fn);
    this.#admitting = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  start(input: StartInput): Promise<RunInfo> {
    return this.#admit(() => this.#start(input));
  }

  async #start(input: StartInput): Promise<RunInfo> {
    if (!(await this.#skills.exists(input.skillId))) throw new ContractError('USER_INPUT', `no runnable skill "${input.skillId}"`);
    for (const id of input.sourceIds) {
      const s = this.#sources.info(id);
      if (s.status !== 'ready') throw new ContractError('USER_INPUT', `${s.name}: ${s.status === 'failed' ? 'failed to read; remove it or add it again' : 'still being read; wait until it is ready'}`);
    }
    this.#refuseBusy(input.sourceIds);
    const provider = await this.#settings.providerConfig(input.providerId);
    const run: RunInfo = {
      id: newId('run'),
      skillId: input.skillId,
      goal: input.goal,
      sourceIds: input.sourceIds,
      options: input.options,
      providerId: provider.id,
      status: 'running',
      startedAt: nowIso(),
      attempts: 0,
      outputs: [],
    };
    await mkdir(this.outDir(run.id), { recursive: true });
    return this.#launch(run);
  }

  resume(runId: string): Promise<RunInfo> {
    return this.#admit(async () => {
      const run = this.get(runId);
      if (run.status === 'running') throw new ContractError('USER_INPUT', 'this run is still going');
      if (run.status === 'done') throw new ContractError('USER_INPUT', 'this run has finished; start a new one');
      this.#refuseBusy(run.sourceIds);
      return this.#launch(run);
    });
  }

  /** Two windows (or tabs) must not run two runs over the same sources at once. */
  #refuseBusy(sourceIds: string[]): void {
    const busy = this.list().find((r) => r.status === 'running' && r.sourceIds.some((id) => sourceIds.includes(id)));
    if (!busy) return;
    const shared = busy.sourceIds.filter((id) => sourceIds.includes(id)).map((id) => this.#sources.info(id).name);
    throw new ContractError('USER_INPUT', `${shared.join(', ')}: a run over ${shared.length === 1 ? 'this source' : 'these sources'} is already going (${busy.skillId}); wait for it or cancel it`);
  }

  async cancel(runId: string): Promise<RunInfo> {
    const run = this.get(runId);
    const running = this.#jobs.get(runId);
    if (!running) return run;
    running.job.cancel();
    // Answers once the worker stopped and the run was recorded as cancelled.
    await running.recorded;
    return { ...this.get(runId) };
  }

  async trace(runId: string): Promise<TraceEvent[]> {
    this.get(runId);
    const raw = await readFile(this.#eventsFile(runId), 'utf8').catch(() => '');
    const out: TraceEvent[] = [];
    for (const line of raw.split('\n')) {
      if (!line.trim()) continue;
      const parsed = TraceEvent.safeParse(JSON.parse(line));
      if (parsed.success) out.push(parsed.data);
    }
    return out;
  }

  /** Notes and chosen visuals from the run's saved research state (state.json in its output folder). */
  async evidence(runId: string): Promise<Evidence> {
    const run = this.get(runId);
    const declared = run.outputs.find((o) => o.kind === 'state');
    const file = declared ? path.resolve(this.#ctx.projectDir(), declared.path) : await findStateFile(this.outDir(runId));
    if (!file) return { notes: [], visuals: [] };
    const raw = await readFile(file, 'utf8').catch(() => null);
    if (raw === null) return { notes: [], visuals: [] };
    const state: unknown = JSON.parse(raw);
    // The state names sources by its own ids; map them to the project's sources through their files.
    const inputs = await Promise.all(run.sourceIds.map(async (id) => ({ id, file: path.basename(await this.#sources.inputFor(id).catch(() => '')) })));
    const byFile = new Map(inputs.map((x) => [x.file, x.id]));
    const byDocId = new Map(inputs.map((x) => [docId(x.file), x.id]));
    for (const id of run.sourceIds) byDocId.set(id, id);
    const stateSources = z.object({ sources: z.array(z.object({ id: z.string(), file: z.string() })) }).safeParse(state);
    for (const s of stateSources.success ? stateSources.data.sources : []) {
      const appId = byFile.get(s.file);
      if (appId && !byDocId.has(s.id)) byDocId.set(s.id, appId);
    }
    const ev = evidenceFromState(state);
    const map = (r: EvidenceRef): EvidenceRef => ({ ...r, sourceId: byDocId.get(r.sourceId) ?? r.sourceId });
    return Evidence.parse({
      notes: ev.notes.map((n) => ({ ...n, refs: n.refs.map(map) })),
      visuals: ev.visuals.map((v) => ({ ...v, ref: map(v.ref) })),
    });
  }

  async close(): Promise<void> {
    for (const { job } of this.#jobs.values()) job.cancel();
    await Promise.all([...this.#jobs.values()].map((j) => j.recorded));
  }

  async #launch(run: RunInfo): Promise<RunInfo> {
    // Skills that take documents get the project's document folders, named by the project's source
    // ids; the others (OCR, captions, grounding) read the original files.
    const documents = await this.#skills.readsDocuments(run.skillId);
    const inputs = await Promise.all(run.sourceIds.map((id) => (documents ? this.#sources.documentFor(id) : this.#sources.inputFor(id))));
    const byDocId = new Map(run.sourceIds.map((id, i) => [documents ? id : docId(inputs[i] ?? ''), id]));
    const provider = await this.#settings.providerConfig(run.providerId);
    const network = await this.#settings.network();
    run.status = 'running';
    run.attempts += 1;
    delete run.error;
    delete run.endedAt;
    await this.#save(run);
    this.#ctx.bus.emit('research.changed', { ...run });
    await this.#record(run.id, {
      type: run.attempts > 1 ? 'resume' : 'run-queued',
      runId: run.id,
      message: `${run.attempts > 1 ? `resuming (attempt ${run.attempts})` : `starting ${run.skillId} on ${inputs.length} source${inputs.length === 1 ? '' : 's'}`}; ${contactsText(provider.config, network)}`,
      t: Date.now(),
    });
    const job = this.#ctx.jobs.start(
      {
        kind: 'skill',
        skillId: run.skillId,
        inputs,
        ...(run.goal ? { goal: run.goal } : {}),
        options: run.options,
        outDir: this.outDir(run.id),
        provider: provider.config,
        network,
        runId: run.id,
      },
      {
        env: await this.#ctx.jobEnv(),
        onEvent: (e) => {
          // Skills name sources by their document id (from the file name); the UI knows project source ids.
          const appSourceId = typeof e.sourceId === 'string' ? byDocId.get(e.sourceId) : undefined;
          void this.#record(run.id, { ...e, runId: run.id, ...(appSourceId ? { appSourceId } : {}) }).catch((err: unknown) => console.error('folio: trace write failed:', err));
        },
      },
    );
    const recorded = job.result.then(
      async (result) => {
        this.#jobs.delete(run.id);
        const root = this.#ctx.projectDir();
        run.outputs = result.outputs.map((o) => ({ kind: o.kind, label: o.label, path: path.relative(root, o.path), name: path.basename(o.path) }));
        run.summary = result.summary;
        await this.#finish(run, 'done');
      },
      async (err: unknown) => {
        this.#jobs.delete(run.id);
        const info = errorInfo(err);
        run.error = info;
        await this.#finish(run, info.code === 'ABORTED' ? 'cancelled' : 'failed');
      },
    ).catch((err: unknown) => console.error(`folio: recording run ${run.id} failed:`, err));
    this.#jobs.set(run.id, { job, recorded });
    return { ...run };
  }

  async #finish(run: RunInfo, status: RunInfo['status']): Promise<void> {
    run.status = status;
    run.endedAt = nowIso();
    await this.#record(run.id, {
      type: status === 'done' ? 'run-done' : status === 'cancelled' ? 'run-cancelled' : 'run-failed',
      runId: run.id,
      message: status === 'done' ? (run.summary ?? 'done') : (run.error?.message ?? status),
      t: Date.now(),
    });
    await this.#save(run);
    this.#ctx.bus.emit('research.changed', { ...run });
  }

  async #record(runId: string, e: TraceEvent): Promise<void> {
    await appendFile(this.#eventsFile(runId), `${JSON.stringify(e)}\n`);
    this.#ctx.bus.emit('research.event', e);
  }

  async #save(run: RunInfo): Promise<void> {
    this.#runs.set(run.id, run);
    await writeJsonAtomic(path.join(this.#ctx.projectDir(), 'runs', run.id, 'run.json'), run);
  }

  #eventsFile(runId: string): string {
    return path.join(this.#ctx.projectDir(), 'runs', runId, 'events.jsonl');
  }
}

/** Which hosts a run may contact, said before it starts. */
function contactsText(config: ProviderConfig, network: boolean): string {
  const model = config.kind === 'openai-compatible' ? endpointOf(config.baseUrl) : null;
  const parts = model ? [`the model at ${model.host}${model.local ? ' (this computer)' : ''}`] : [];
  if (network) parts.push('web pages and search when the skill opens them');
  return parts.length ? `contacts ${parts.join(', ')}` : 'contacts nothing: it all runs on this computer';
}

async function findStateFile(outDir: string): Promise<string | null> {
  for (const rel of ['state.json', 'run/state.json']) {
    const f = path.join(outDir, rel);
    if (await readFile(f).then(() => true, () => false)) return f;
  }
  return null;
}

// The research state belongs to the agent (engine/agent); the app reads only notes and visuals from
// it, leniently, so a newer state version still shows what it can.
const Loose = z.record(z.string(), z.unknown());

function refOf(v: unknown): EvidenceRef | null {
  const r = Loose.safeParse(v);
  if (!r.success) return null;
  const o = r.data;
  const sourceId = o.sourceId ?? o.source ?? o.docId;
  const page = o.page;
  if (typeof sourceId !== 'string' || typeof page !== 'number') return null;
  const bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]).safeParse(o.bbox);
  return { sourceId, page, ...(bbox.success ? { bbox: bbox.data } : {}) };
}

export function evidenceFromState(state: unknown): Evidence {
  const s = Loose.safeParse(state);
  if (!s.success) return { notes: [], visuals: [] };
  const notes = (Array.isArray(s.data.notes) ? s.data.notes : []).flatMap((n: unknown, i: number) => {
    const o = Loose.safeParse(n);
    if (!o.success) return [];
    const text = o.data.text ?? o.data.claim ?? o.data.content;
    if (typeof text !== 'string') return [];
    const rawRefs = o.data.evidence ?? o.data.refs ?? o.data.sources;
    const refs = (Array.isArray(rawRefs) ? rawRefs : rawRefs ? [rawRefs] : []).map(refOf).filter((r): r is EvidenceRef => r !== null);
    return [{ id: typeof o.data.id === 'string' ? o.data.id : `note-${i + 1}`, text, refs }];
  });
  const rawVisuals = s.data.visuals ?? s.data.chosenVisuals ?? s.data.figures;
  const visuals = (Array.isArray(rawVisuals) ? rawVisuals : []).flatMap((v: unknown, i: number) => {
    const o = Loose.safeParse(v);
    if (!o.success) return [];
    // `ref` is a figure id in the agent's state, an object in other producers.
    const ref = refOf(typeof o.data.ref === 'object' && o.data.ref !== null ? o.data.ref : o.data);
    if (!ref) return [];
    const label = typeof o.data.label === 'string' ? o.data.label : '';
    const text = [o.data.caption, o.data.why].find((x): x is string => typeof x === 'string' && x.length > 0) ?? '';
    // Captions usually start with their label ("Figure 3. …"); say it once.
    const caption = !label || text.startsWith(label) ? text || label : `${label}: ${text}`;
    return [{ id: typeof o.data.id === 'string' ? o.data.id : `visual-${i + 1}`, caption, ref }];
  });
  return { notes, visuals };
}
