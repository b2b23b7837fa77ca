// Outputs slice: previews of a finished run's report, site and slides, and the state of exports.
import type { ExportKind, Preview } from '../../../electron/contract/contract.ts';

export type OutputTab = 'deck' | 'report' | 'site';

export interface ExportDone {
  runId: string;
  kind: ExportKind;
  /** Project-relative path of the written file. */
  path: string;
  name: string;
  savedTo: string | null;
}

export interface OutputsState {
  previews: Record<string, Preview>;
  previewLoading: string | null;
  outputTab: OutputTab;
  exporting: ExportKind | null;
  lastExport: ExportDone | null;
  outputsError: string | null;
}

export const outputsInitialState: OutputsState = {
  previews: {},
  previewLoading: null,
  outputTab: 'deck',
  exporting: null,
  lastExport: null,
  outputsError: null,
};
