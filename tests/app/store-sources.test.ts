// Sources slice: uploads, per-file failures, pushed status changes, removal.
import { describe, expect, it } from 'vitest';
import type { SourceInfo } from '../../electron/contract/contract.ts';
import { sourcesSelectors } from '../../renderer/store/sources/selectors.ts';
import { fail, fakeStore } from './fake-client.ts';

const src = (id: string, status: SourceInfo['status'], extra: Partial<SourceInfo> = {}): SourceInfo => ({ id, name: `${id}.pdf`, kind: 'pdf', status, addedAt: '2026-01-01T00:00:00Z', ...extra });

describe('sources slice', () => {
  it('uploads each file; one bad file reports its reason and the others are added', async () => {
    const { store } = fakeStore({
      'sources.upload': (i) => {
        const { name } = i as { name: string };
        return name === 'notes.txt' ? fail('USER_INPUT', 'notes.txt: unsupported file type') : src(name.replace('.pdf', ''), 'ingesting');
      },
    });
    await store.getState().uploadFiles([
      { name: 'a.pdf', data: new Uint8Array([1]) },
      { name: 'notes.txt', data: new Uint8Array([1]) },
      { name: 'b.pdf', data: new Uint8Array([1]) },
    ]);
    expect(sourcesSelectors.list(store.getState()).map((s) => s.id)).toEqual(['a', 'b']);
    expect(store.getState().sourcesError).toBe('notes.txt: unsupported file type');
  });

  it('mirrors pushed changes, weighs progress by phase, and fetches details once ready', async () => {
    const { store, calls } = fakeStore({ 'sources.get': () => ({ source: src('a', 'ready'), pages: [{ index: 1, width: 612, height: 792 }], figures: [], tables: [] }) });
    const s = store.getState();
    s.applySourceChanged(src('a', 'ingesting', { progress: { phase: 'pages', done: 7, total: 14 } }));
    expect(sourcesSelectors.progress(store.getState().sources.a!)).toBeCloseTo(0.425);
    expect(sourcesSelectors.anyIngesting(store.getState())).toBe(true);
    s.applySourceChanged(src('a', 'ready', { pageCount: 14 }));
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.map((c) => c.channel)).toEqual(['sources.get']);
    expect(store.getState().details.a?.pages).toHaveLength(1);
    expect(sourcesSelectors.readyIds(store.getState())).toEqual(['a']);
  });

  it('removes a source with its thumbnails', async () => {
    const { store } = fakeStore({ 'sources.remove': () => ({ removed: true }), 'sources.page': () => ({ page: 1, mime: 'image/png', base64: 'AA==', width: 10, height: 13, pointWidth: 612, pointHeight: 792 }) });
    store.getState().applySourceChanged(src('a', 'failed', { error: { code: 'SOURCE', message: 'a.pdf: not a PDF' } }));
    await store.getState().loadThumb('a', 1);
    expect(sourcesSelectors.thumb(store.getState(), 'a', 1)).toBe('data:image/png;base64,AA==');
    await store.getState().removeSource('a');
    expect(store.getState().sourceOrder).toEqual([]);
    expect(store.getState().thumbs).toEqual({});
  });
});
