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
    const kinds = new Set(run.outputs.map((o) => o.kind));
    // Which run outputs each export is made from (output kinds as skills name them).
    const from: Record<ExportKind, string[]> = { pptx: ['pptx'], markdown: ['report', 'markdown'], site: ['site'], slides: ['slides'] };
    return ExportKind.options.filter((k) => from[k].some((o) => kinds.has(o)));
  },
  hasPreview(p: Preview | undefined): boolean {
    return !!p && (!!p.report || !!p.site || (p.slideCount ?? 0) > 0);
  },
};
