// Small capitals, subscripts and superscripts set level with a line of the next column belong to
// their own line: a row of the page takes smaller type only beside type of it. Measured on the
// pdffigures2 TextRunner paper, the glial Ca²⁺ paper and the Chinese thesis's LaTeX logo.
import { describe, expect, it } from 'vitest';
import { buildSegments } from '../../engine/ingest/pdf/lines.js';
import type { TextRun } from '../../engine/ingest/pdf/pdfjs.js';
import { textRun } from '../helpers/text-runs.js';

/** A run with its baseline at `base`, `size` pt type, half an em per character unless `width` says. */
const run = (text: string, x0: number, base: number, size = 10, width?: number): TextRun =>
  textRun(text, x0, base - 0.8 * size, { size, ...(width === undefined ? {} : { width }) });

const texts = (runs: TextRun[]): string[] => buildSegments(runs).map((s) => s.text);

describe('small type beside a line of the next column', () => {
  it('small capitals stay in their word, though the other column’s line sorts before them', () => {
    // "The paper reports on T|EXT|R|UNNER, the first" at baseline 403, a right-column line at 400.6.
    const runs = [
      run('bels its own training data as positive', 315, 400.56),
      run('The paper reports on T', 64, 402.961),
      run('EXT', 174.3, 402.96, 8),
      run('R', 186.5, 402.96),
      run('UNNER', 191.7, 402.96, 8),
      run(', the first', 212, 402.96),
    ];
    expect(texts(runs).sort()).toEqual(['The paper reports on TEXTRUNNER, the first', 'bels its own training data as positive']);
  });

  it('a line of small capitals counts at the capitals’ size', () => {
    // "by T|EXT|R|UNNER." has more 8 pt letters than 10 pt ones, yet it is a line of 10 pt type.
    const [seg] = buildSegments([run('by T', 54, 300), run('EXT', 74, 300, 8), run('R', 86, 300), run('UNNER.', 91, 300, 8)]);
    expect(seg!.text).toBe('by TEXTRUNNER.');
    expect(seg!.size).toBe(10);
  });

  it('a superscript level with the next column’s line stays in its own line', () => {
    // "Fig. 1. A: … Ca²⁺ wave" in 7.5 pt beside a 9.5 pt line of the left column whose baseline is
    // 1.2 pt lower than the superscript's.
    const runs = [
      run('2', 439.6, 526.586, 5),
      run('1', 442.4, 526.586, 5),
      run('glial culture in static medium', 60, 527.78, 9.5),
      run('Fig. 1. A: Mechanically-induced Ca', 319, 528.831, 7.5),
      run('wave.', 448, 528.831, 7.5),
    ];
    expect(texts(runs).sort()).toEqual(['Fig. 1. A: Mechanically-induced Ca21 wave.', 'glial culture in static medium']);
  });

  it('a subscript after small capitals stays on its line ("T|APAS|BASE")', () => {
    const runs = [run('the performance of T', 82, 444.9, 10.9), run('APAS', 191, 444.9, 8.7), run('BASE', 209, 446.5, 8), run('on SQA dataset', 71, 458.4, 10.9)];
    expect(texts(runs)).toEqual(['the performance of TAPASBASE', 'on SQA dataset']);
  });

  it('the raised A of a LaTeX logo that sorts first does not take its line away from the line', () => {
    // As set: the line's Latin runs sort before its Chinese ones by a thousandth of a point.
    const runs = [
      run('第', 222.6, 110.225, 14, 14),
      run('2', 240.1, 110.224, 14, 7),
      run('章', 250.6, 110.225, 14, 14),
      run('L', 278.6, 110.224, 14, 9.3),
      run('A', 282.9, 108.006, 10.5, 7.6),
      run('TEX', 288.4, 110.225, 14, 24.7),
      run('使用说明', 316.6, 110.225, 14, 56),
    ];
    expect(texts(runs)).toEqual(['第 2 章 LATEX 使用说明']);
  });
});
