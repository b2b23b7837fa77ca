// Headings set in a narrow column beside the text they head (side-heads) are read each before its
// own text, not all of them before all the text; a column of key points beside a text, level with
// lines inside its paragraphs, is still read as a column.
import { describe, expect, it } from 'vitest';
import { readingOrder, type Box } from '../../engine/ingest/pdf/reading-order.js';

interface Item extends Box {
  text: string;
}

const line = (text: string, x0: number, y0: number, x1: number): Item => ({ text, x0, y0, x1, y1: y0 + 10, size: 10 });

/** A paragraph of `n` lines 12 pt apart on the right, from y. */
const para = (name: string, y: number, n: number): Item[] => Array.from({ length: n }, (_, i) => line(`${name}.${i + 1}`, 184, y + i * 12, 560));

const order = (items: Item[]): string[] => readingOrder(items, { em: 10 }).flatMap((leaf) => leaf.map((i) => items[i]!.text));

describe('side-heads', () => {
  it('each heading in the margin is read before the text it heads', () => {
    // IRS: "2.3.59.2 / (01-20-2003) / Command Code BMFOL / Overview", level with the first line of its section.
    const items = [
      line('H1a', 36, 100, 80),
      line('H1b', 36, 112, 94),
      line('H1c', 36, 124, 150),
      ...para('P1', 100, 4),
      ...para('P2', 160, 3),
      line('H2a', 36, 220, 72),
      line('H2b', 36, 232, 94),
      ...para('P3', 220, 5),
      line('H3a', 36, 300, 72),
      ...para('P4', 300, 4),
    ];
    expect(order(items)).toEqual([
      'H1a', 'H1b', 'H1c', 'P1.1', 'P1.2', 'P1.3', 'P1.4', 'P2.1', 'P2.2', 'P2.3',
      'H2a', 'H2b', 'P3.1', 'P3.2', 'P3.3', 'P3.4', 'P3.5',
      'H3a', 'P4.1', 'P4.2', 'P4.3', 'P4.4',
    ]);
  });

  it('a column of key points level with lines inside the paragraphs beside it is read as a column', () => {
    // A redbook's back cover: three bold points on the left, the text on the right.
    const items = [line('K1', 36, 100, 150), line('K2', 36, 124, 150), line('K3', 36, 160, 150), ...para('T1', 100, 6), ...para('T2', 184, 4)];
    expect(order(items)).toEqual(['K1', 'K2', 'K3', 'T1.1', 'T1.2', 'T1.3', 'T1.4', 'T1.5', 'T1.6', 'T2.1', 'T2.2', 'T2.3', 'T2.4']);
  });
});
