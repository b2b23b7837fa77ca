// UI slice actions.
import type { Get, Set } from '../types.ts';
import type { Notice, ViewerTarget } from './initial-state.ts';
export type { UiState } from './initial-state.ts';

export interface UiActions {
  openViewer(t: ViewerTarget): void;
  closeViewer(): void;
  viewerPage(page: number): void;
  setSettingsOpen(open: boolean): void;
  notify(level: Notice['level'], message: string): void;
  dismissNotice(id: number): void;
}

const MAX_NOTICES = 4;

export function createUiActions(set: Set, get: Get): UiActions {
  let next = 1;
  return {
    openViewer: (viewer) => set({ viewer }),
    closeViewer: () => set({ viewer: null }),
    viewerPage(page) {
      const v = get().viewer;
      // Another page has no highlighted box: the box belongs to the page it was found on.
      if (v) set({ viewer: { sourceId: v.sourceId, page } });
    },
    setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
    notify(level, message) {
      set((st) => ({ notices: [...st.notices, { id: next++, level, message }].slice(-MAX_NOTICES) }));
    },
    dismissNotice: (id) => set((st) => ({ notices: st.notices.filter((n) => n.id !== id) })),
  };
}
