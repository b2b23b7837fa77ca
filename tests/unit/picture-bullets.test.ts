// Bullets painted as small pictures (LibreOffice, PowerPoint exports) become "•" before their items,
// so a slide of bullets reads as list items; a lone picture, a big one or one under text does not.
import { describe, expect, it } from 'vitest';
import { buildSegments } from '../../engine/ingest/pdf/lines.js';
import type { GraphicBox } from '../../engine/ingest/pdf/pdfjs.js';
import { PICTURE_BULLET, pictureBullets } from '../../engine/ingest/pdf/picture-bullets.js';
import { textRun } from '../helpers/text-runs.js';

const image = (x0: number, y0: number, w: number, h: number): GraphicBox => ({ kind: 'image', bbox: [x0, y0, x0 + w, y0 + h] });
const texts = (runs: Parameters<typeof buildSegments>[0]): string[] => buildSegments(runs).map((s) => s.text);

describe('bullets drawn as pictures', () => {
  // prefosdem2020 p5, scaled: 28 pt items at x 57, 21×24 pt arrow pictures at x 29, 7 pt before them.
  const items = [
    textRun("We've been using MySQL for 10+ years", 57, 108, { size: 28 }),
    textRun('We start each migration process around 6 months after GA', 57, 140, { size: 28 }),
    textRun('This presentation describes our experience in migrating', 57, 172, { size: 28 }),
    textRun('8.0; it covers the most important concepts', 57, 204, { size: 28 }),
  ];
  const arrows = [image(29, 111, 21, 24), image(29, 143, 21, 24), image(29, 175, 21, 24)];

  it('mark their items, and a wrapped line stays without one', () => {
    expect(texts(pictureBullets(items, arrows))).toEqual([
      "• We've been using MySQL for 10+ years",
      '• We start each migration process around 6 months after GA',
      '• This presentation describes our experience in migrating',
      '8.0; it covers the most important concepts',
    ]);
  });

  it('mark a nested item whose picture stands in a column of its own', () => {
    const nested = textRun('Moving a schema is not trivial', 85, 236, { size: 28 });
    const out = pictureBullets([...items, nested], [...arrows, image(57, 239, 21, 24)]);
    expect(out.filter((r) => r.text === PICTURE_BULLET)).toHaveLength(4);
    expect(texts(out).at(-1)).toBe('• Moving a schema is not trivial');
  });

  it('leave a lone small picture at a line start alone (an inline formula, an icon)', () => {
    expect(pictureBullets(items, [arrows[0]!])).toBe(items);
  });

  it('leave pictures of different sizes, big ones, far ones and ones under text alone', () => {
    expect(pictureBullets(items, [image(29, 111, 21, 24), image(29, 143, 12, 12)])).toBe(items);
    expect(pictureBullets(items, [image(10, 108, 40, 40), image(10, 140, 40, 40)])).toBe(items);
    expect(pictureBullets(items, [image(0, 111, 10, 24), image(0, 143, 10, 24)])).toBe(items);
    const under = [textRun('A label over the picture', 20, 108, { size: 28 }), textRun('and another', 20, 140, { size: 28 })];
    expect(pictureBullets(under, arrows)).toBe(under);
  });
});
