// Headings set in a narrow column beside the text they head (side-heads) are read each before its
// own text, not all of them before all the text; a column of key points beside a text, level with
// lines inside its paragraphs, is still read as a column.
import { describe, expect, it } from 'vitest';
import { boxLine, readOrder, type NamedBox } from '../helpers/reading-boxes.js';

/** A paragraph of `n` lines 12 pt apart on the right, from y. */
const para = (name: string, y: number, n: number): NamedBox[] => Array.from({ length: n }, (_, i) => boxLine(`${name}.${i + 1}`, 184, y + i * 12, 560));

describe('side-heads', () => {
  it('each heading in the margin is read before the text it heads', () => {
    // IRS: "2.3.59.2 / (01-20-2003) / Command Code BMFOL / Overview", level with the first line of its section.
    const items = [
      boxLine('H1a', 36, 100, 80),
      boxLine('H1b', 36, 112, 94),
      boxLine('H1c', 36, 124, 150),
      ...para('P1', 100, 4),
      ...para('P2', 160, 3),
      boxLine('H2a', 36, 220, 72),
      boxLine('H2b', 36, 232, 94),
      ...para('P3', 220, 5),
      boxLine('H3a', 36, 300, 72),
      ...para('P4', 300, 4),
    ];
    expect(readOrder(items)).toEqual([
      'H1a', 'H1b', 'H1c', 'P1.1', 'P1.2', 'P1.3', 'P1.4', 'P2.1', 'P2.2', 'P2.3',
      'H2a', 'H2b', 'P3.1', 'P3.2', 'P3.3', 'P3.4', 'P3.5',
      'H3a', 'P4.1', 'P4.2', 'P4.3', 'P4.4',
    ]);
  });

  it('a column of key points level with lines inside the paragraphs beside it is read as a column', () => {
    // A redbook's back cover: three bold points on the left, the text on the right.
    const items = [boxLine('K1', 36, 100, 150), boxLine('K2', 36, 124, 150), boxLine('K3', 36, 160, 150), ...para('T1', 100, 6), ...para('T2', 184, 4)];
    expect(readOrder(items)).toEqual(['K1', 'K2', 'K3', 'T1.1', 'T1.2', 'T1.3', 'T1.4', 'T1.5', 'T1.6', 'T2.1', 'T2.2', 'T2.3', 'T2.4']);
  });
});
