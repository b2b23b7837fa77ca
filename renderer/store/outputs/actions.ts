// Outputs slice actions: load a run's previews, export a file, show it in its folder.
import type { ExportKind } from '../../../electron/contract/contract.ts';
import { messageOf, type Get, type Set, type StoreDeps } from '../types.ts';
import type { ExportDone, OutputTab } from './initial-state.ts';
export type { OutputsState } from './initial-state.ts';

export interface OutputsActions {
  loadPreview(runId: string): Promise<void>;
  setOutputTab(tab: OutputTab): void;
  exportFile(runId: string, kind: ExportKind): Promise<ExportDone | null>;
  reveal(path: string): Promise<string | null>;
}

export function createOutputsActions(set: Set, get: Get, { client }: StoreDeps): OutputsActions {
  return {
    async loadPreview(runId) {
      set({ previewLoading: runId, outputsError: null });
      try {
        const p = await client.call('export.preview', { runId });
        const tab = get().outputTab;
        // Open on a tab that has something to show.
        const outputTab = (tab === 'deck' && p.slideCount) || (tab === 'report' && p.report) || (tab === 'site' && p.site) ? tab : p.slideCount ? 'deck' : p.report ? 'report' : p.site ? 'site' : tab;
        set((st) => ({ previews: { ...st.previews, [runId]: p }, outputTab }));
      } catch (err) {
        set({ outputsError: messageOf(err) });
      } finally {
        set({ previewLoading: null });
      }
    },
    setOutputTab: (outputTab) => set({ outputTab }),
    async exportFile(runId, kind) {
      set({ exporting: kind, outputsError: null });
      try {
        const r = await client.call('export.file', { runId, kind });
        const done: ExportDone = { runId, kind, ...r };
        set({ lastExport: done });
        return done;
      } catch (err) {
        set({ outputsError: messageOf(err) });
        return null;
      } finally {
        set({ exporting: null });
      }
    },
    async reveal(path) {
      try {
        const r = await client.call('export.reveal', { path });
        return r.shown ? null : r.path;
      } catch (err) {
        set({ outputsError: messageOf(err) });
        return null;
      }
    },
  };
}
