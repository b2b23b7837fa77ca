import type { GraphicBox, TextRun } from './pdfjs.js';

/** The text a bullet drawn as a picture becomes: the list-item patterns downstream know it. */
export const PICTURE_BULLET = '•';

/** The same picture size, to within this many points. */
const ALIGN_PT = 1.5;

/**
 * Bullets drawn as pictures. LibreOffice and PowerPoint exports often paint a list's bullet (an arrow,
 * a disc, a check mark) as a small image beside each item, so the text layer holds the items without
 * their marks and a slide of five bullets reads as one paragraph. A picture becomes a "•" run, put
 * just before its item's first run, when:
 * - it is small: no side over 1.2 em of the item's type, none under 0.15 em;
 * - it sits on the item's first line (its middle within the line's box) and ends at most 1.5 em
 *   before the line starts, with no text between them or over it;
 * - at least one other such picture of the same size marks another line on the page (a nested item's
 *   bullet stands in a column of its own), for a lone small picture at a line's start is as likely
 *   an inline formula or an icon.
 * Returns `runs` itself when the page has none.
 */
export function pictureBullets(runs: TextRun[], graphics: readonly GraphicBox[]): TextRun[] {
  const candidates: { img: GraphicBox['bbox']; run: TextRun }[] = [];
  for (const g of graphics) {
    if (g.kind !== 'image') continue;
    const [gx0, gy0, gx1, gy1] = g.bbox;
    const w = gx1 - gx0;
    const h = gy1 - gy0;
    const mid = (gy0 + gy1) / 2;
    let item: TextRun | null = null;
    let blocked = false;
    for (const r of runs) {
      if (r.vertical) continue;
      if (r.y1 <= gy0 || r.y0 >= gy1) continue;
      // Text over the picture, or between it and its item: not a bullet.
      if (r.x1 > gx0 && r.x0 < gx1) {
        blocked = true;
        break;
      }
      if (r.x0 < gx1) continue;
      if (item === null || r.x0 < item.x0) item = r;
    }
    if (blocked || item === null) continue;
    const em = item.size;
    if (w > 1.2 * em || h > 1.2 * em || w < 0.15 * em || h < 0.15 * em) continue;
    if (mid < item.y0 || mid > item.y1) continue;
    if (item.x0 - gx1 > 1.5 * em) continue;
    candidates.push({ img: g.bbox, run: item });
  }
  if (candidates.length < 2) return runs;
  const kept = candidates.filter((c) =>
    candidates.some(
      (o) =>
        o !== c &&
        o.run !== c.run &&
        Math.abs(o.img[2] - o.img[0] - (c.img[2] - c.img[0])) <= ALIGN_PT &&
        Math.abs(o.img[3] - o.img[1] - (c.img[3] - c.img[1])) <= ALIGN_PT,
    ),
  );
  if (kept.length === 0) return runs;
  const before = new Map<TextRun, TextRun>();
  for (const { img, run } of kept) {
    if (before.has(run)) continue;
    before.set(run, {
      x0: img[0],
      y0: run.y0,
      x1: img[2],
      y1: run.y1,
      base: run.base,
      text: PICTURE_BULLET,
      size: run.size,
      font: run.font,
      mono: false,
      vertical: false,
      eol: false,
    });
  }
  const out: TextRun[] = [];
  for (const r of runs) {
    const b = before.get(r);
    if (b) out.push(b);
    out.push(r);
  }
  return out;
}
