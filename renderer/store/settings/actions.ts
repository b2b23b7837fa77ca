// Settings slice actions: load and change settings and providers; open and create projects.
import type { ProjectInfo, ProviderSettings, Settings } from '../../../electron/contract/contract.ts';
import { ContractError } from '../../../electron/contract/errors.ts';
import { messageOf, type Get, type Set, type StoreDeps } from '../types.ts';
export type { SettingsState } from './initial-state.ts';

export interface SettingsActions {
  loadSettings(): Promise<void>;
  updateSettings(patch: Partial<Omit<Settings, 'providers'>>): Promise<void>;
  /** 'conflict': a provider of that name exists and `onConflict` was 'refuse' (ask, then save again with 'replace'). */
  saveProvider(p: ProviderSettings, apiKey: string | null | undefined, onConflict?: 'replace' | 'refuse'): Promise<'saved' | 'conflict' | 'failed'>;
  testProvider(p: ProviderSettings, apiKey: string | null | undefined): Promise<void>;
  removeProvider(id: string): Promise<void>;
  applySettings(s: Settings): void;
  applyProject(p: ProjectInfo): void;
  openProject(dir?: string): Promise<void>;
  createProject(name: string, dir?: string): Promise<void>;
}

export function createSettingsActions(set: Set, get: Get, { client }: StoreDeps): SettingsActions {
  const guard = async (fn: () => Promise<void>): Promise<boolean> => {
    set({ settingsError: null });
    try {
      await fn();
      return true;
    } catch (err) {
      set({ settingsError: messageOf(err) });
      return false;
    }
  };
  return {
    async loadSettings() {
      const [settings, app, project, recentProjects] = await Promise.all([
        client.call('settings.get'),
        client.call('app.info'),
        client.call('projects.current'),
        client.call('projects.recent'),
      ]);
      set({ settings, app, project, recentProjects, deckTheme: settings.deckTheme });
    },
    async updateSettings(patch) {
      // Optimistic: a toggle reacts at once; the main side's answer (or the old value, on error) wins.
      const before = get().settings;
      if (before) set({ settings: { ...before, ...patch } });
      const ok = await guard(async () => set({ settings: await client.call('settings.set', patch) }));
      if (!ok && before) set({ settings: before });
    },
    async saveProvider(p, apiKey, onConflict) {
      set({ settingsError: null });
      try {
        const settings = await client.call('settings.saveProvider', { provider: p, ...(apiKey !== undefined ? { apiKey } : {}), ...(onConflict ? { onConflict } : {}) });
        // A test result was about the form as it was; once saved it would describe something else.
        set({ settings, providerCheck: null });
        return 'saved';
      } catch (err) {
        if (err instanceof ContractError && err.code === 'CONFLICT') return 'conflict';
        set({ settingsError: messageOf(err) });
        return 'failed';
      }
    },
    async testProvider(p, apiKey) {
      set({ providerCheck: { label: p.label, running: true, result: null } });
      try {
        const result = await client.call('settings.testProvider', { provider: p, ...(apiKey !== undefined ? { apiKey } : {}) });
        set({ providerCheck: { label: p.label, running: false, result } });
      } catch (err) {
        set({ providerCheck: { label: p.label, running: false, result: { ok: false, message: messageOf(err), ms: 0 } } });
      }
    },
    async removeProvider(id) {
      await guard(async () => set({ settings: await client.call('settings.removeProvider', { id }) }));
    },
    applySettings: (settings) => set({ settings, deckTheme: settings.deckTheme }),
    applyProject: (project) => set({ project }),
    async openProject(dir) {
      await guard(async () => {
        const p = await client.call('projects.open', dir !== undefined ? { dir } : {});
        if (p) set({ project: p, recentProjects: await client.call('projects.recent') });
      });
    },
    async createProject(name, dir) {
      await guard(async () => {
        const p = await client.call('projects.create', { name, ...(dir !== undefined ? { dir } : {}) });
        if (p) set({ project: p, recentProjects: await client.call('projects.recent') });
      });
    },
  };
}
