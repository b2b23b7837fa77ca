// A list's number set apart in a column of its own goes with its text; an equation's number at the
// end of a column does not go with the next column's text beside it.
import { describe, expect, it } from 'vitest';
import { buildSegments } from '../../engine/ingest/pdf/lines.js';
import type { TextRun } from '../../engine/ingest/pdf/pdfjs.js';
import { textRun } from '../helpers/text-runs.js';

const run = (text: string, x0: number, y0: number, width?: number): TextRun => textRun(text, x0, y0, width === undefined ? {} : { width });

const texts = (runs: TextRun[]): string[] => buildSegments(runs).map((s) => s.text);

describe('list numbers', () => {
  it('go with the text after them where that text starts the lines of its column', () => {
    // IRS: a heading in the margin (x 36-150), "(1)" at 162-174, its text from 184, wrapped lines at 184.
    const page = [
      run('2.3.59.2', 36, 100, 36),
      run('(1)', 162, 100, 12),
      run('The Business Master file on-line system provides', 184, 100, 250),
      run('(01-20-2003)', 36, 112, 58),
      run('read-only access to accounts on the Business', 184, 112, 240),
      run('Command Code BMFOL', 36, 124, 116),
      run('Master File in Martinsburg.', 184, 124, 140),
      run('(2)', 162, 148, 12),
      run('A help feature provides on-line user assistance.', 184, 148, 240),
      run('•', 222, 172, 4),
      run('CFOL000-THE FOLLOWING CODE HAS BEEN RETURNED', 250, 172, 240),
      run('•', 222, 196, 4),
      run('CFOL002-INPUT DATA INDICATES A BMF REQUEST', 250, 196, 230),
    ];
    expect(texts(page)).toEqual([
      '2.3.59.2',
      '(1) The Business Master file on-line system provides',
      '(01-20-2003)',
      'read-only access to accounts on the Business',
      'Command Code BMFOL',
      'Master File in Martinsburg.',
      '(2) A help feature provides on-line user assistance.',
      '• CFOL000-THE FOLLOWING CODE HAS BEEN RETURNED',
      '• CFOL002-INPUT DATA INDICATES A BMF REQUEST',
    ]);
  });

  it('at the end of a column stay apart from the next column across the gutter', () => {
    // Two columns (50-290, 304-544): an equation's "(7)" ends the left column's row; the right
    // column's lines have the left column's text 1.4 em to their left on most rows.
    const page: TextRun[] = [];
    for (let i = 0; i < 6; i++) page.push(run('left column text of a paper set justified', 50, 100 + i * 12, 240), run('right column text of the same paper, also', 304, 101 + i * 12, 240));
    page.push(run('x = y + z', 120, 172, 50), run('(7)', 278, 172, 12), run('D. Iterative Refinement', 304, 173, 120));
    const segs = texts(page);
    expect(segs).toContain('(7)');
    expect(segs).toContain('D. Iterative Refinement');
  });
});
