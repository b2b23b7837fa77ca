// How big a painted image must be to count as a picture of its own (pictures.ts), in one place for
// the page reader (which keeps a page's graphics when it holds one) and the picture finder.
import type { BBox } from '../types.js';

/** At least this many points on the short side: smaller images are bullets, icons, rules. */
export const PICTURE_MIN_SIDE = 40;
/** And at least this share of the page. */
export const PICTURE_MIN_AREA = 0.02;

export function isPictureSized(b: BBox, pageWidth: number, pageHeight: number): boolean {
  const w = b[2] - b[0];
  const h = b[3] - b[1];
  return Math.min(w, h) >= PICTURE_MIN_SIDE && w * h >= PICTURE_MIN_AREA * pageWidth * pageHeight;
}
