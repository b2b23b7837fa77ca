// UI slice: which dialogs are open and what the page viewer shows.
import type { BBox } from '../../../electron/contract/contract.ts';

export interface ViewerTarget {
  sourceId: string;
  page: number;
  box?: BBox;
  label?: string;
}

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  message: string;
}

export interface UiState {
  viewer: ViewerTarget | null;
  settingsOpen: boolean;
  notices: Notice[];
  connected: boolean;
}

export const uiInitialState: UiState = {
  viewer: null,
  settingsOpen: false,
  notices: [],
  connected: true,
};
