// The app store: one zustand store of slices, wired to the contract client and its pushed events.
import { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TraceEvent } from '../../electron/contract/contract.ts';
import { createOutputsActions } from './outputs/actions.ts';
import { outputsInitialState } from './outputs/initial-state.ts';
import { createResearchActions } from './research/actions.ts';
import { researchInitialState } from './research/initial-state.ts';
import { createSettingsActions } from './settings/actions.ts';
import { settingsInitialState } from './settings/initial-state.ts';
import { createSourcesActions } from './sources/actions.ts';
import { sourcesInitialState } from './sources/initial-state.ts';
import { createTaskActions } from './task/actions.ts';
import { taskInitialState } from './task/initial-state.ts';
import type { AppState, StoreDeps } from './types.ts';
import { createUiActions } from './ui/actions.ts';
import { uiInitialState } from './ui/initial-state.ts';

export type { AppState, StoreDeps } from './types.ts';
export type AppStore = StoreApi<AppState>;

const TASK_KEY = 'folio.task';
const RememberedTask = z
  .object({
    skillId: z.string().max(200),
    goal: z.string().max(4000),
    optionValues: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
    // The sources left out of the task: unticked stays unticked after a reload (ids of sources since
    // removed are dropped when the project's sources load).
    unticked: z.record(z.string().max(200), z.literal(true)),
  })
  .partial();

/** The last task, as the page remembered it (nothing when there is none or it does not parse). */
function rememberedTask(storage: StoreDeps['storage']): z.infer<typeof RememberedTask> {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(TASK_KEY) ?? null;
  } catch (err) {
    // Storage can be off (private windows, a sandboxed frame): the app works, it just forgets.
    console.warn('folio: the last task cannot be read:', err);
  }
  if (!raw) return {};
  try {
    const r = RememberedTask.safeParse(JSON.parse(raw));
    return r.success ? r.data : {};
  } catch {
    return {};
  }
}

export function createAppStore(deps: StoreDeps): AppStore {
  const store = createStore<AppState>()((set, get) => ({
    ...sourcesInitialState,
    ...taskInitialState,
    ...rememberedTask(deps.storage),
    ...researchInitialState,
    ...outputsInitialState,
    ...settingsInitialState,
    ...uiInitialState,
    ...createSourcesActions(set, get, deps),
    ...createTaskActions(set, get, deps),
    ...createResearchActions(set, get, deps),
    ...createOutputsActions(set, get, deps),
    ...createSettingsActions(set, get, deps),
    ...createUiActions(set, get),
  }));
  if (deps.storage) {
    const storage = deps.storage;
    let last = '';
    store.subscribe((st) => {
      const now = JSON.stringify({ skillId: st.skillId, goal: st.goal, optionValues: st.optionValues, unticked: st.unticked });
      if (now === last) return;
      last = now;
      try {
        storage.setItem(TASK_KEY, now);
      } catch (err) {
        console.warn('folio: the last task cannot be remembered:', err);
      }
    });
  }
  return store;
}

/** Mirrors the main side's pushed events into the store; returns the unsubscribe. */
export function connectEvents(store: AppStore, deps: StoreDeps): () => void {
  const s = (): AppState => store.getState();
  // Trace events can come dozens a second; the store takes them ten times a second at most.
  let pending: TraceEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    timer = null;
    const batch = pending;
    pending = [];
    s().applyTraceEvents(batch);
  };
  const offs = [
    deps.client.on('sources.changed', (x) => s().applySourceChanged(x)),
    deps.client.on('sources.removed', ({ id }) => s().applySourceRemoved(id)),
    deps.client.on('research.changed', (r) => {
      // Events sent before the change belong before it in the trace.
      if (timer) {
        clearTimeout(timer);
        flush();
      }
      const before = s().runs[r.id];
      s().applyRunChanged(r);
      if (r.status === 'done' && before?.status !== 'done') void s().loadPreview(r.id);
      if (r.status === 'failed' && before?.status === 'running') s().notify('error', r.error?.message ?? 'the run failed');
    }),
    deps.client.on('research.event', (e) => {
      pending.push(e);
      timer ??= setTimeout(flush, 100);
    }),
    deps.client.on('settings.changed', (x) => s().applySettings(x)),
    deps.client.on('projects.changed', (p) => {
      s().applyProject(p);
      void Promise.all([s().loadSources(), s().loadRuns()]).catch((err: unknown) => s().notify('error', err instanceof Error ? err.message : String(err)));
    }),
    deps.client.on('app.notice', (n) => s().notify(n.level, n.message)),
  ];
  return () => {
    offs.forEach((off) => off());
    if (timer) clearTimeout(timer);
  };
}

/** Everything the first screen needs. */
export async function loadAll(store: AppStore): Promise<void> {
  const s = store.getState();
  await Promise.all([s.loadSettings(), s.loadSources(), s.loadSkills(), s.loadRuns()]);
  const run = store.getState().activeRunId;
  if (run && store.getState().runs[run]?.status === 'done') await store.getState().loadPreview(run);
}
