// Super- and subscripts read from the glyphs' baseline and size.
import { describe, expect, it } from 'vitest';
import { buildSegments } from '../../engine/ingest/pdf/lines.js';
import type { TextRun } from '../../engine/ingest/pdf/pdfjs.js';

const run = (text: string, x0: number, x1: number, base: number, size: number): TextRun => ({
  x0, x1, y0: base - 0.75 * size, y1: base + 0.25 * size, base, text, size, font: 'serif|0.750|-0.250', mono: false, vertical: false, eol: false,
});

describe('super- and subscripts', () => {
  it('a small raised number after a digit is its exponent: "10⁴–10⁶", "10⁻⁵"', () => {
    const [seg] = buildSegments([run('10', 100, 110, 300, 10), run('4', 110, 114, 296, 7), run('–10', 114, 132, 300, 10), run('6', 132, 136, 296, 7), run(' cells', 136, 160, 300, 10)]);
    expect(seg!.text).toBe('10⁴–10⁶ cells');
    const [lr] = buildSegments([run('rate 10', 60, 88, 300, 10), run('−', 88, 93, 296, 7), run('5', 93, 97, 296, 7), run('using', 100, 120, 300, 10)]);
    expect(lr!.text).toBe('rate 10⁻⁵ using');
  });

  it('a small lowered number after a letter is its index: "x₁", "CO₂"; a note mark after a word stays', () => {
    const [seg] = buildSegments([run('CO', 100, 114, 300, 10), run('2', 114, 118, 302, 7), run(' levels', 118, 150, 300, 10)]);
    expect(seg!.text).toBe('CO₂ levels');
    const [note] = buildSegments([run('word', 100, 120, 300, 10), run('1', 120, 124, 296, 7)]);
    expect(note!.text).toBe('word1');
  });
});
