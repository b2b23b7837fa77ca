// Settings slice: app settings (providers without their keys), what the host can do, and the project.
import type { AppInfo, ProjectInfo, Settings } from '../../../electron/contract/contract.ts';

export interface SettingsState {
  settings: Settings | null;
  app: AppInfo | null;
  project: ProjectInfo | null;
  recentProjects: ProjectInfo[];
  settingsError: string | null;
}

export const settingsInitialState: SettingsState = {
  settings: null,
  app: null,
  project: null,
  recentProjects: [],
  settingsError: null,
};
