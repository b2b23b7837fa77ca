// A table's header set on several lines between its rules is one row of column names, a word broken
// across its lines mended; a group name over several columns, or a first row of data under a header
// in larger type, is a row of its own. Without rules, a cell's text going on to the next line stays
// in its cell.
import { describe, expect, it } from 'vitest';
import { vocabularyOf } from '../../engine/ingest/pdf/blocks.js';
import type { Segment } from '../../engine/ingest/pdf/lines.js';
import { tableGrid } from '../../engine/ingest/pdf/regions.js';
import { textRun } from '../helpers/text-runs.js';

/** One line of a table: cells at the given x, `y` its top. */
function row(y: number, cells: [string, number][], size = 8): Segment {
  const runs = cells.map(([text, x]) => textRun(text, x, y, { size }));
  return { x0: runs[0]!.x0, y0: y, x1: runs[runs.length - 1]!.x1, y1: y + size, base: y + 0.8 * size, text: cells.map((c) => c[0]).join(' '), size, font: 'serif|0.8|-0.2', mono: 0, vertical: false, runs };
}

describe('a header set on several lines', () => {
  // Rules: over the header, under it, under the table.
  const data = [row(140, [['Redhill', 10], ['195', 100], ['78', 200]]), row(150, [['Glendhu', 10], ['310', 100], ['67', 200]])];

  it('is one row of column names', () => {
    const head = [row(100, [['Name', 10], ['Area', 100], ['% Area', 200]]), row(110, [['(ha)', 100], ['planted', 200]])];
    expect(tableGrid([...head, ...data], [95, 125, 165])).toEqual([
      ['Name', 'Area (ha)', '% Area planted'],
      ['Redhill', '195', '78'],
      ['Glendhu', '310', '67'],
    ]);
  });

  it('mends a word broken at the end of a line of names, as the document writes it', () => {
    const head = [row(100, [['Name', 10], ['Pre-treat-', 100], ['Dual-', 200]]), row(110, [['ment', 100], ['encoder', 200]])];
    const vocab = vocabularyOf([{ text: 'the pre-treatment data of a dual-encoder' } as Segment]);
    expect(tableGrid([...head, ...data], [95, 125, 165], vocab)[0]).toEqual(['Name', 'Pre-treatment', 'Dual-encoder']);
  });

  it('keeps a group name over several columns a row of its own', () => {
    const head = [row(100, [['Top-20', 100]]), row(110, [['Name', 10], ['NQ', 100], ['WQ', 200]])];
    expect(tableGrid([...head, ...data], [95, 125, 165])[0]).toEqual(['', 'Top-20', '']);
  });

  it('keeps a first row of data under a header in larger type a row of its own', () => {
    // normal_4pages Table 1: "구분 개정전 개정후" white on a band of colour, then "분류 1군 감염병 1급 감염병".
    const head = [row(100, [['구분', 10], ['개정전', 100], ['개정후', 200]], 10), row(112, [['분류', 10], ['1군', 100], ['1급', 200]], 9.5)];
    expect(tableGrid([...head, ...data], [95, 125, 165]).slice(0, 2)).toEqual([
      ['구분', '개정전', '개정후'],
      ['분류', '1군', '1급'],
    ]);
  });
});

describe('a cell going on to the next line, with no rules to go by', () => {
  it('takes a lone line in small letters close under it, or any where it stops short, not a new value', () => {
    // IRS Exhibit 2.3.59-17: "CAF Indicator-A … the Centralized Authori-" / "zation File indicator …".
    const lines = [
      row(100, [['4', 10], ['05', 60], ['CAF Indicator: the Centralized Authori-', 120]]),
      row(110, [['zation File indicator', 120]]),
      row(122, [['0 = no authorization on file', 120]]),
      row(132, [['IRS correspondence', 120]]),
      row(144, [['2 = two appointees receive notices or', 120]]),
      row(154, [['IRS correspondence', 120]]),
      row(168, [['5', 10], ['15-16', 60], ['AIMS Service Center', 120]]),
    ];
    const vocab = vocabularyOf([{ text: 'the authorization file' } as Segment]);
    expect(tableGrid(lines, [], vocab)).toEqual([
      ['4', '05', 'CAF Indicator: the Centralized Authorization File indicator'],
      ['', '', '0 = no authorization on file'],
      ['', '', 'IRS correspondence'],
      ['', '', '2 = two appointees receive notices or IRS correspondence'],
      ['5', '15-16', 'AIMS Service Center'],
    ]);
  });
});
