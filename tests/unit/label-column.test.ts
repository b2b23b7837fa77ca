// A narrow column of labels, each on the row of one line beside it (a contents page's numbers and
// titles, a table's first column), is read row by row; a side-head beside a paragraph and a second
// column of text are still columns. Numbered entries one under the other are blocks of their own.
import { describe, expect, it } from 'vitest';
import { buildBlocks } from '../../engine/ingest/pdf/blocks.js';
import { buildSegments } from '../../engine/ingest/pdf/lines.js';
import { textRun } from '../helpers/text-runs.js';
import { boxLine, readOrder } from '../helpers/reading-boxes.js';

describe('a column of labels', () => {
  it('is read with the line on its row: a contents page of exhibit numbers and titles', () => {
    // IRS p4: "2.3.59-19" at 36-78, "Command Code BMFOL Tax Module Display" at 97-298, rows 17 pt apart.
    const titles = ['Tax Module Display', 'Adjustment Display', 'Audit History Display', 'FTD Entity Display', 'Return Display (Except CAWR)', 'BMF Return Form 720 Display page 2'];
    // Titles as long as their text: from about half to all of the column's width.
    const items = titles.flatMap((t, i) => [boxLine(`2.3.59-${19 + i}`, 36, 83 + i * 17, 78), boxLine(`Command Code BMFOL ${t}`, 97, 83 + i * 17, 97 + 5 * (19 + t.length))]);
    expect(readOrder(items)).toEqual(titles.flatMap((t, i) => [`2.3.59-${19 + i}`, `Command Code BMFOL ${t}`]));
  });

  it('does not take a side-head beside a paragraph, nor a second column of text', () => {
    // "2.3.59.2 / (01-20-2003) / Command Code BMFOL / Overview" level with the first four lines of a
    // paragraph that fills its column: the head, then the paragraph.
    const head = [boxLine('2.3.59.2', 36, 100, 72), boxLine('(01-20-2003)', 36, 112, 94), boxLine('Command Code BMFOL', 36, 124, 130), boxLine('Overview', 36, 136, 80)];
    const para = [0, 1, 2, 3, 4].map((i) => boxLine(`P${i + 1}`, 184, 100 + i * 12, i === 4 ? 400 : 560));
    expect(readOrder([...head, ...para])).toEqual(['2.3.59.2', '(01-20-2003)', 'Command Code BMFOL', 'Overview', 'P1', 'P2', 'P3', 'P4', 'P5']);
    // Two columns of equal width on the same baselines: column by column.
    const cols = [0, 1, 2, 3].flatMap((i) => [boxLine(`L${i + 1}`, 50, 100 + i * 12, 290), boxLine(`R${i + 1}`, 304, 100 + i * 12, 544)]);
    expect(readOrder(cols)).toEqual(['L1', 'L2', 'L3', 'L4', 'R1', 'R2', 'R3', 'R4']);
  });
});

describe('numbered entries', () => {
  it('one under the other are blocks of their own, however close they are set', () => {
    // 7.5 pt between rows of 10 pt type: under the paragraph gap, yet each row is an entry.
    const runs = [
      textRun('Exhibits', 72, 100, { width: 40 }),
      ...[1, 2, 3, 4].flatMap((n) => [textRun(`2.3.59-${n}`, 72, 117.5 * 1 + (n - 1) * 17.5, { width: 42 }), textRun(`Command Code BMFOL Input Display ${n}`, 130, 117.5 + (n - 1) * 17.5, { width: 180 })]),
    ];
    const segs = buildSegments(runs);
    const stats = { bodySize: 10, bodyFont: 'serif|0.8|-0.2', vocabulary: { compounds: new Map(), words: new Map() } };
    let id = 0;
    const blocks = buildBlocks(1, segs, segs.map(() => 0), stats, () => `b${++id}`);
    expect(blocks.map((b) => b.text)).toEqual([
      'Exhibits 2.3.59-1 Command Code BMFOL Input Display 1',
      '2.3.59-2 Command Code BMFOL Input Display 2',
      '2.3.59-3 Command Code BMFOL Input Display 3',
      '2.3.59-4 Command Code BMFOL Input Display 4',
    ]);
  });

  it('numbered in turn with a colon ("0: …", "1: …") are blocks of their own; a colon after another number is not', () => {
    // prefosdem2020 slide 11: one line per entry, set as close as a paragraph's lines.
    const lines = ['0: An explicit COLLATE clause (not coercible at all)', '1: The concatenation of two strings', '2: The collation of a column', '7: and then a line that goes on'];
    const segs = buildSegments(lines.map((t, n) => textRun(t, 72, 100 + n * 12, { width: 250 })));
    const stats = { bodySize: 10, bodyFont: 'serif|0.8|-0.2', vocabulary: { compounds: new Map(), words: new Map() } };
    let id = 0;
    const blocks = buildBlocks(1, segs, segs.map(() => 0), stats, () => `b${++id}`);
    expect(blocks.map((b) => b.text)).toEqual([lines[0], lines[1], `${lines[2]} ${lines[3]}`]);
  });
});
