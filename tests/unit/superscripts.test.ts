// Raised marks (footnote numbers, affiliation letters, the numerator of "¹⁄₄") sort before their
// line by baseline; they must still land in that line, right where they are set, and neither in
// the line of the next column nor as a running header.
import { describe, expect, it } from 'vitest';
import { buildSegments, textWithoutMarks } from '../../engine/ingest/pdf/lines.js';
import type { TextRun } from '../../engine/ingest/pdf/pdfjs.js';
import { ingested } from '../helpers/ingest-cache.js';

/** A run of body text (9 pt) or a mark (6 pt, raised 3 pt) on the line whose baseline is `base`. */
function run(text: string, x0: number, base: number, opts: { mark?: boolean; size?: number; sub?: boolean } = {}): TextRun {
  const size = opts.size ?? (opts.mark || opts.sub ? 6 : 9);
  const b = opts.mark ? base - 3 : opts.sub ? base + 1 : base;
  return { x0, x1: x0 + text.length * size * 0.5, y0: b - size * 0.8, y1: b + size * 0.2, base: b, text, size, font: 'Times|0.8|-0.2', mono: false, vertical: false, eol: false };
}

describe('superscripts and raised marks', () => {
  it('a footnote mark after a word joins its line, and the sentence reads on', () => {
    const segs = buildSegments([run('back to a double.', 50, 100), run('1', 101, 100, { mark: true }), run('Clearly, a', 107, 100)]);
    expect(segs.map((s) => s.text)).toEqual(['back to a double.1 Clearly, a']);
  });

  it('the numerator of a fraction stays in place: "No. 6 up to 1⁄4 inch"', () => {
    const segs = buildSegments([run('No. 6 up to', 50, 100), run('1', 101.5, 100, { mark: true }), run('⁄4 inch, the', 104.5, 100)]);
    expect(segs).toHaveLength(1);
    expect(segs[0]!.text).toBe('No. 6 up to 1⁄4 inch, the');
  });

  it('a mark opening a note or a line stands apart from the word after it', () => {
    expect(buildSegments([run('1', 50, 100, { mark: true }), run('The code is released.', 53, 100)])[0]!.text).toBe('1 The code is released.');
    expect(buildSegments([run('a', 50, 100, { mark: true }), run('School of Forest Studies', 53, 100)])[0]!.text).toBe('a School of Forest Studies');
  });

  it('author marks stay on the names; textWithoutMarks gives the names alone', () => {
    const [seg] = buildSegments([
      run('Andreas Gal', 50, 100),
      run('∗+', 100, 100, { mark: true }),
      run(', Brendan Eich', 106, 100),
      run('∗', 168, 100, { mark: true }),
    ]);
    expect(seg!.text).toBe('Andreas Gal∗+, Brendan Eich∗');
    expect(textWithoutMarks(seg!)).toBe('Andreas Gal, Brendan Eich');
  });

  it('small text beside a line in the next column is not pulled into it', () => {
    // A figure label (6 pt) in the right column, raised against a body line of the left column.
    const segs = buildSegments([run('the outer loop inside a trace tree for the inner', 50, 100), run('Interpret', 400, 100, { mark: true })]);
    expect(segs.map((s) => s.text)).toEqual(['Interpret', 'the outer loop inside a trace tree for the inner']);
  });

  it('a subscript of one line does not move into the line below', () => {
    // "exit at i₅" on one line and "{i₅ …}" 10 pt below it: each 5 stays with its own i.
    const segs = buildSegments([
      run('exit at i', 50, 100),
      run('5', 77, 100, { sub: true }),
      run('and record', 84, 100),
      run('{i', 50, 110),
      run('5', 58, 110, { sub: true }),
      run(', α}', 61.2, 110),
    ]);
    expect(segs.map((s) => s.text)).toEqual(['exit at i₅ and record', '{i₅, α}']);
  });

  it('on real pages: fractions, footnote marks and author lists read as set', async () => {
    const amt = (await ingested('annotated/docling/amt_handbook_sample.pdf')).doc;
    const amtText = amt.pages[0]!.blocks.map((b) => b.text).join('\n');
    expect(amtText).toContain('No. 6 up to 1⁄4 inch');
    expect(amtText).toContain('from 1⁄4 inch to 1⁄6 inch');
    expect(amt.pages[0]!.blocks.filter((b) => b.type === 'header')).toEqual([]);
    const tm = (await ingested('papers/pdfjs_tracemonkey.pdf')).doc;
    const all = tm.pages.flatMap((p) => p.blocks.map((b) => b.text)).join('\n');
    expect(all).toContain('back to a double.1 Clearly, a JavaScript VM');
    // (The power is read as a superscript and written in TeX's notation.)
    expect(all).toContain('we compile O(m^k) copies of the innermost loop');
    expect(tm.authors.slice(0, 3)).toEqual(['Andreas Gal', 'Brendan Eich', 'Mike Shaver']);
    expect(tm.authors).toHaveLength(16);
    const jh = (await ingested('papers/mineru_demo1_jhydrol2005.pdf')).doc;
    expect(jh.authors).toEqual(['Patrick N.J. Lane', 'Alice E. Best', 'Klaus Hickel', 'Lu Zhang']);
    expect(jh.pages[0]!.blocks.find((b) => b.text.startsWith('Patrick N.J. Lane'))?.type).toBe('paragraph');
  });
});
