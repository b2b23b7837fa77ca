// Outputs slice selectors.
import { ExportKind, type Preview, type RunInfo } from '../../../electron/contract/contract.ts';
import type { OutputsState } from './initial-state.ts';

export const outputsSelectors = {
  preview(s: OutputsState, runId: string | null): Preview | undefined {
    return runId ? s.previews[runId] : undefined;
  },
  /** Which export buttons apply to a finished run. */
  exportKinds(run: RunInfo | undefined): ExportKind[] {
    if (!run || run.status !== 'done') return [];
    // Each export is made from the run output of the same kind (one name for both, issue 25).
    const kinds = new Set<string>(run.outputs.map((o) => o.kind));
    return ExportKind.options.filter((k) => kinds.has(k));
  },
  hasPreview(p: Preview | undefined): boolean {
    return !!p && (!!p.report || !!p.site || (p.slideCount ?? 0) > 0);
  },
};
