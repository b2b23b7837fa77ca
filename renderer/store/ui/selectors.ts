// UI slice selectors.
import type { BBox } from '../../../electron/contract/contract.ts';
import type { UiState } from './initial-state.ts';

export const uiSelectors = {
  viewerOpen(s: UiState): boolean {
    return s.viewer !== null;
  },
  /** A box in page units as percentages of the page, for an absolutely placed highlight. */
  boxPercent(box: BBox, pointWidth: number, pointHeight: number): { left: number; top: number; width: number; height: number } {
    const [x0, y0, x1, y1] = box;
    const pct = (v: number, of: number): number => Math.max(0, Math.min(100, (v / of) * 100));
    return { left: pct(x0, pointWidth), top: pct(y0, pointHeight), width: pct(x1 - x0, pointWidth), height: pct(y1 - y0, pointHeight) };
  },
  errorNotices(s: UiState): number {
    return s.notices.filter((n) => n.level === 'error').length;
  },
};
