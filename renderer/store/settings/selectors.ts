// Settings slice selectors.
import type { Settings } from '../../../electron/contract/contract.ts';
import type { SettingsState } from './initial-state.ts';

// A stable empty list: a selector returning a fresh [] would re-render forever.
const NO_PROVIDERS: Settings['providers'] = [];

export const settingsSelectors = {
  providers(s: SettingsState): Settings['providers'] {
    return s.settings?.providers ?? NO_PROVIDERS;
  },
  /** The provider a run uses: the task's choice, else the default from settings. */
  effectiveProviderId(s: SettingsState, chosen: string): string {
    const ids = settingsSelectors.providers(s).map((p) => p.id);
    if (chosen && ids.includes(chosen)) return chosen;
    return s.settings?.activeProviderId ?? 'offline';
  },
  /** The colour scheme to draw: the setting, or the system's when it says "system". */
  appearance(s: SettingsState, systemDark: boolean): 'light' | 'dark' {
    const a = s.settings?.appearance ?? 'system';
    return a === 'system' ? (systemDark ? 'dark' : 'light') : a;
  },
};
