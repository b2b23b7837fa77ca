// Sources slice: the project's sources as the main side reports them, plus page images fetched so far.
import type { SourceDetail, SourceInfo } from '../../../electron/contract/contract.ts';

export interface SourcesState {
  sources: Record<string, SourceInfo>;
  /** Ids in the order they were added. */
  sourceOrder: string[];
  details: Record<string, SourceDetail>;
  /** `${id}:${page}` → data: URL of the page thumbnail. */
  thumbs: Record<string, string>;
  /** The last thing that went wrong adding a source (the per-source failures live on the source). */
  sourcesError: string | null;
  /** Sources the person unticked: a run uses every other ready source (new sources start ticked). */
  unticked: Record<string, true>;
}

export const sourcesInitialState: SourcesState = {
  sources: {},
  sourceOrder: [],
  details: {},
  thumbs: {},
  sourcesError: null,
  unticked: {},
};
