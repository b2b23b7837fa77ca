// UI slice: the page viewer target and box placement, notices.
import { describe, expect, it } from 'vitest';
import { uiSelectors } from '../../renderer/store/ui/selectors.ts';
import { fakeStore } from './fake-client.ts';

describe('ui slice', () => {
  it('opens the viewer on a box and drops the box on another page', () => {
    const { store } = fakeStore({});
    store.getState().openViewer({ sourceId: 'a', page: 3, box: [61.2, 79.2, 306, 396] });
    expect(uiSelectors.viewerOpen(store.getState())).toBe(true);
    expect(uiSelectors.boxPercent(store.getState().viewer!.box!, 612, 792)).toEqual({ left: 10, top: 10, width: 40, height: 40 });
    store.getState().viewerPage(4);
    expect(store.getState().viewer).toEqual({ sourceId: 'a', page: 4 });
    store.getState().closeViewer();
    expect(store.getState().viewer).toBeNull();
  });

  it('keeps the last four notices', () => {
    const { store } = fakeStore({});
    for (let i = 0; i < 6; i++) store.getState().notify(i === 5 ? 'error' : 'info', `n${i}`);
    expect(store.getState().notices.map((n) => n.message)).toEqual(['n2', 'n3', 'n4', 'n5']);
    expect(uiSelectors.errorNotices(store.getState())).toBe(1);
    store.getState().dismissNotice(store.getState().notices[0]!.id);
    expect(store.getState().notices).toHaveLength(3);
  });
});
