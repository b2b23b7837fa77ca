// Settings slice: app settings (providers without their keys), what the host can do, and the project.
import type { AppInfo, ProjectInfo, ProviderCheck, Settings } from '../../../electron/contract/contract.ts';

export interface SettingsState {
  settings: Settings | null;
  app: AppInfo | null;
  project: ProjectInfo | null;
  recentProjects: ProjectInfo[];
  settingsError: string | null;
  /** The last "Test connection": which provider (by name) and what came back; null while none or running. */
  providerCheck: { label: string; running: boolean; result: ProviderCheck | null } | null;
}

export const settingsInitialState: SettingsState = {
  settings: null,
  app: null,
  project: null,
  recentProjects: [],
  settingsError: null,
  providerCheck: null,
};
