// Settings slice selectors.
import { endpointOf } from '../../../electron/contract/endpoints.ts';
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
  /**
   * What a run with this provider will contact, in words: nothing, the model's host (on this
   * computer or not), web pages when the network is on; and why it cannot run when a remote model
   * meets a network that is off.
   */
  contacts(s: SettingsState, providerId: string): { text: string; blocked: boolean } {
    const p = settingsSelectors.providers(s).find((x) => x.id === providerId);
    const network = s.settings?.network ?? false;
    const model = p?.kind === 'openai-compatible' && p.baseUrl ? endpointOf(p.baseUrl) : null;
    if (model && !model.local && !network) return { text: `${p?.label ?? 'This model'} is at ${model.host}, and the network is off (Settings → Network).`, blocked: true };
    const parts = model ? [`the model at ${model.host}${model.local ? ' (this computer)' : ''}`] : [];
    if (network) parts.push('web pages the run opens');
    return { text: parts.length ? `This run contacts ${parts.join(' and ')}.` : 'This run contacts nothing: it all stays on this computer.', blocked: false };
  },
  /** The colour scheme to draw: the setting, or the system's when it says "system". */
  appearance(s: SettingsState, systemDark: boolean): 'light' | 'dark' {
    const a = s.settings?.appearance ?? 'system';
    return a === 'system' ? (systemDark ? 'dark' : 'light') : a;
  },
};
