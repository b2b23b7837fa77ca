// Outputs slice selectors.
import type { Preview, RunInfo } from '../../../electron/contract/contract.ts';
import type { OutputsState } from './initial-state.ts';

export const outputsSelectors = {
  preview(s: OutputsState, runId: string | null): Preview | undefined {
    return runId ? s.previews[runId] : undefined;
  },
  /** Which export buttons apply to a finished run. */
  exportKinds(run: RunInfo | undefined): ('pptx' | 'markdown' | 'site')[] {
    if (!run || run.status !== 'done') return [];
    const kinds = new Set(run.outputs.map((o) => o.kind));
    const out: ('pptx' | 'markdown' | 'site')[] = [];
    if (kinds.has('pptx')) out.push('pptx');
    if (kinds.has('report') || kinds.has('markdown')) out.push('markdown');
    if (kinds.has('site')) out.push('site');
    return out;
  },
  hasPreview(p: Preview | undefined): boolean {
    return !!p && (!!p.report || !!p.site || (p.slideCount ?? 0) > 0);
  },
};
