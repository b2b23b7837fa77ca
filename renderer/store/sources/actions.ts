// Sources slice actions: add (upload, pick, URL), remove, mirror pushed changes, fetch details and thumbnails.
import type { SourceInfo } from '../../../electron/contract/contract.ts';
import { messageOf, type Get, type Set, type StoreDeps } from '../types.ts';
export type { SourcesState } from './initial-state.ts';

export interface UploadFile {
  name: string;
  data: Uint8Array<ArrayBuffer>;
}

export interface SourcesActions {
  loadSources(): Promise<void>;
  uploadFiles(files: UploadFile[]): Promise<void>;
  pickFiles(): Promise<void>;
  addUrl(url: string): Promise<void>;
  removeSource(id: string): Promise<void>;
  applySourceChanged(s: SourceInfo): void;
  applySourceRemoved(id: string): void;
  loadDetail(id: string): Promise<void>;
  loadThumb(id: string, page: number): Promise<void>;
  clearSourcesError(): void;
  /** Ticks or unticks a source for the next run. */
  tickSource(id: string, ticked: boolean): void;
  /** Ticks this source alone (for a skill that takes one). */
  tickOnly(id: string): void;
}

export function createSourcesActions(set: Set, get: Get, { client }: StoreDeps): SourcesActions {
  const upsert = (s: SourceInfo): void =>
    set((st) => ({
      sources: { ...st.sources, [s.id]: s },
      sourceOrder: st.sourceOrder.includes(s.id) ? st.sourceOrder : [...st.sourceOrder, s.id],
    }));
  return {
    async loadSources() {
      const list = await client.call('sources.list');
      // What was unticked stays so, for the sources still there (the task is remembered across reloads).
      const ids = new Set(list.map((s) => s.id));
      set((st) => ({
        sources: Object.fromEntries(list.map((s) => [s.id, s])),
        sourceOrder: list.map((s) => s.id),
        details: {},
        thumbs: {},
        unticked: Object.fromEntries(Object.keys(st.unticked).filter((id) => ids.has(id)).map((id) => [id, true as const])),
      }));
    },
    async uploadFiles(files) {
      set({ sourcesError: null });
      // One at a time: each upload is a whole file in memory; a failure names its file and the rest go on.
      const errors: string[] = [];
      for (const f of files) {
        try {
          upsert(await client.call('sources.upload', { name: f.name, data: f.data }));
        } catch (err) {
          errors.push(messageOf(err));
        }
      }
      if (errors.length) set({ sourcesError: errors.join('\n') });
    },
    async pickFiles() {
      set({ sourcesError: null });
      try {
        for (const s of await client.call('sources.pick')) upsert(s);
      } catch (err) {
        set({ sourcesError: messageOf(err) });
      }
    },
    async addUrl(url) {
      set({ sourcesError: null });
      try {
        upsert(await client.call('sources.addUrl', { url }));
      } catch (err) {
        set({ sourcesError: messageOf(err) });
      }
    },
    async removeSource(id) {
      await client.call('sources.remove', { id });
      get().applySourceRemoved(id);
    },
    applySourceChanged(s) {
      const before = get().sources[s.id];
      upsert(s);
      // A source that just became ready gets its detail (pages, figures) fetched once.
      if (s.status === 'ready' && before?.status !== 'ready') void get().loadDetail(s.id).catch(() => undefined);
    },
    applySourceRemoved(id) {
      set((st) => {
        const { [id]: _gone, ...sources } = st.sources;
        const { [id]: _d, ...details } = st.details;
        const { [id]: _u, ...unticked } = st.unticked;
        const thumbs = Object.fromEntries(Object.entries(st.thumbs).filter(([k]) => !k.startsWith(`${id}:`)));
        return { sources, details, thumbs, unticked, sourceOrder: st.sourceOrder.filter((x) => x !== id) };
      });
    },
    async loadDetail(id) {
      const d = await client.call('sources.get', { id });
      set((st) => ({ details: { ...st.details, [id]: d } }));
    },
    async loadThumb(id, page) {
      const key = `${id}:${page}`;
      if (get().thumbs[key]) return;
      const img = await client.call('sources.page', { id, page, size: 'thumb' });
      set((st) => ({ thumbs: { ...st.thumbs, [key]: `data:${img.mime};base64,${img.base64}` } }));
    },
    clearSourcesError() {
      set({ sourcesError: null });
    },
    tickSource(id, ticked) {
      set((st) => {
        const { [id]: _was, ...rest } = st.unticked;
        return { unticked: ticked ? rest : { ...rest, [id]: true } };
      });
    },
    tickOnly(id) {
      set((st) => ({ unticked: Object.fromEntries(st.sourceOrder.filter((x) => x !== id).map((x) => [x, true as const])) }));
    },
  };
}
