// Sources slice selectors.
import type { SourceInfo } from '../../../electron/contract/contract.ts';
import type { SourcesState } from './initial-state.ts';

export const sourcesSelectors = {
  list(s: SourcesState): SourceInfo[] {
    return s.sourceOrder.map((id) => s.sources[id]).filter((x): x is SourceInfo => x !== undefined);
  },
  readyIds(s: SourcesState): string[] {
    return sourcesSelectors.list(s).filter((x) => x.status === 'ready').map((x) => x.id);
  },
  /** The sources a run uses: ready and ticked. */
  chosenIds(s: SourcesState): string[] {
    return sourcesSelectors.readyIds(s).filter((id) => !s.unticked[id]);
  },
  /** How many sources are ready and how many of those are ticked (what the Run button weighs). */
  chosenCounts(s: SourcesState): { ready: number; ticked: number } {
    return { ready: sourcesSelectors.readyIds(s).length, ticked: sourcesSelectors.chosenIds(s).length };
  },
  isTicked(s: Pick<SourcesState, 'unticked'>, id: string): boolean {
    return !s.unticked[id];
  },
  anyIngesting(s: SourcesState): boolean {
    return sourcesSelectors.list(s).some((x) => x.status === 'ingesting');
  },
  /** 0–1 for an ingesting source (the phases weigh: open 5 %, pages 75 %, crops/thumbnails 20 %). */
  progress(src: SourceInfo): number {
    const p = src.progress;
    if (src.status !== 'ingesting' || !p || p.total <= 0) return src.status === 'ready' ? 1 : 0;
    const f = Math.min(1, p.done / p.total);
    if (p.phase === 'open') return 0.05 * f;
    if (p.phase === 'pages') return 0.05 + 0.75 * f;
    return 0.8 + 0.2 * f;
  },
  thumb(s: SourcesState, id: string, page: number): string | undefined {
    return s.thumbs[`${id}:${page}`];
  },
  name(s: Pick<SourcesState, 'sources'>, id: string): string {
    return s.sources[id]?.name ?? id;
  },
};
