// The store's shape: one zustand store made of slices (each slice a folder: initial-state, actions,
// selectors). Actions reach the main side only through the typed contract client.
import type { StoreApi } from 'zustand/vanilla';
import type { Client } from '../../electron/contract/client.ts';
import type { SourcesState, SourcesActions } from './sources/actions.ts';
import type { TaskState, TaskActions } from './task/actions.ts';
import type { ResearchState, ResearchActions } from './research/actions.ts';
import type { OutputsState, OutputsActions } from './outputs/actions.ts';
import type { SettingsState, SettingsActions } from './settings/actions.ts';
import type { UiState, UiActions } from './ui/actions.ts';

export type AppState = SourcesState &
  SourcesActions &
  TaskState &
  TaskActions &
  ResearchState &
  ResearchActions &
  OutputsState &
  OutputsActions &
  SettingsState &
  SettingsActions &
  UiState &
  UiActions;

export interface StoreDeps {
  client: Client;
  /** Clock for elapsed times (tests pass their own). */
  now?: () => number;
  /** Where the last task (skill, goal, option values) is remembered across reloads: localStorage in the page. */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

export type Set = StoreApi<AppState>['setState'];
export type Get = StoreApi<AppState>['getState'];

/** A message for people from a failed call: the contract error's message. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
