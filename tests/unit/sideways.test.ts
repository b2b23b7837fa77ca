// Text set sideways as a whole (a landscape table on a portrait page) is laid out upright, apart from
// the page's own text; a margin stamp is not.
import { describe, expect, it } from 'vitest';
import { fromUpright, layoutPage, toUpright } from '../../engine/ingest/pdf/page-layout.js';
import type { GraphicBox, RawPage, TextRun } from '../../engine/ingest/pdf/pdfjs.js';
import type { BBox } from '../../engine/ingest/types.js';
import { textRun } from '../helpers/text-runs.js';

const W = 500;
const H = 700;

/** A run reading bottom to top with its baseline at x = `base`, from y = `bottom` upwards. */
function up(text: string, base: number, bottom: number, size = 8): TextRun {
  const len = text.length * size * 0.5;
  return { x0: base - 0.8 * size, y0: bottom - len, x1: base + 0.2 * size, y1: bottom, base, text, size, font: 'serif|0.8|-0.2', mono: false, vertical: true, upward: true, eol: false };
}

function page(runs: TextRun[], graphics: GraphicBox[] | null = null): RawPage {
  return { index: 1, width: W, height: H, runs, graphics, graphicsTruncated: false };
}

/** The page's right column: body text that reads the usual way. */
const body = Array.from({ length: 8 }, (_, i) => textRun(`Body line ${i + 1} of the right column goes on`, 290, 100 + i * 12));

/** A caption and four rows of a three-column table, turned a quarter anticlockwise on the left of the page. */
const sideways = [
  up('Table 9 Site characteristics for all the catchments studied here', 40, 650),
  ...['Name Area Species', 'Redhill 195 Pine', 'Glendhu 310 Pine', 'Biesievlei 27 Pine', 'Traralgon 8700 Gum'].flatMap((row, i) => {
    const [a, b, c] = row.split(' ') as [string, string, string];
    const x = 60 + i * 12;
    return [up(a, x, 650), up(b, x, 540), up(c, x, 430)];
  }),
  up('Areas in hectares; species planted after clearing.', 132, 650),
];

describe('sideways text', () => {
  it('is laid out upright, apart from the page, with the graphics among it', () => {
    const rule: GraphicBox = { kind: 'path', bbox: [52, 400, 53, 655] };
    const other: GraphicBox = { kind: 'path', bbox: [290, 300, 480, 301] };
    const l = layoutPage(page([...body, ...sideways], [rule, other]));
    expect(l.turned).toBeDefined();
    const t = l.turned!;
    expect(t.reads).toBe('up');
    expect([t.width, t.height]).toEqual([H, W]);
    // The page keeps its own text and graphics; the sideways text and its rule went upright.
    expect(l.segments.map((s) => s.text)).toEqual(body.map((r) => r.text));
    expect(l.graphics).toEqual([other]);
    expect(t.graphics).toEqual([{ kind: 'path', bbox: toUpright(rule.bbox, 'up', W, H) }]);
    // Upright, the caption comes first and each table row is one line, read left to right.
    const lines = [...new Set(t.segments.map((s) => Math.round(s.base)))].sort((a, b) => a - b);
    const rowText = (base: number): string =>
      t.segments
        .filter((s) => Math.round(s.base) === base)
        .sort((a, b) => a.x0 - b.x0)
        .map((s) => s.text)
        .join(' ');
    expect(lines.map(rowText)).toEqual([
      'Table 9 Site characteristics for all the catchments studied here',
      'Name Area Species',
      'Redhill 195 Pine',
      'Glendhu 310 Pine',
      'Biesievlei 27 Pine',
      'Traralgon 8700 Gum',
      'Areas in hectares; species planted after clearing.',
    ]);
    expect(t.segments.every((s) => !s.vertical)).toBe(true);
    // Each segment, put back on the page, is where its run was.
    const name = t.segments.find((s) => s.text === 'Redhill')!;
    const run = sideways.find((r) => r.text === 'Redhill')!;
    expect(fromUpright([name.x0, name.y0, name.x1, name.y1], 'up', W, H).map((v) => Math.round(v * 100) / 100)).toEqual([run.x0, run.y0, run.x1, run.y1]);
  });

  it('reads text turned the other way (top to bottom) the same', () => {
    // The same page turned half round: the table reads downwards, on the right; the body on the left.
    const down = sideways.map(({ upward: _, ...r }) => ({ ...r, x0: W - r.x1, x1: W - r.x0, y0: H - r.y1, y1: H - r.y0, base: W - r.base }));
    const left = body.map((r) => ({ ...r, x0: r.x0 - 270, x1: r.x1 - 270 }));
    const l = layoutPage(page([...left, ...down]));
    expect(l.turned?.reads).toBe('down');
    const t = l.turned!;
    const rows = [...new Set(t.segments.map((s) => Math.round(s.base)))]
      .sort((a, b) => a - b)
      .map((base) => t.segments.filter((s) => Math.round(s.base) === base).sort((a, b) => a.x0 - b.x0).map((s) => s.text).join(' '));
    expect(rows[0]).toBe('Table 9 Site characteristics for all the catchments studied here');
    expect(rows[2]).toBe('Redhill 195 Pine');
    expect(l.segments.map((s) => s.text)).toEqual(left.map((r) => r.text));
  });

  it('leaves a margin stamp and a few sideways column heads where they are', () => {
    const stamp = up('arXiv:2305.03393v1 [cs.CL] 5 May 2023 and a longer stamp line', 20, 600);
    const heads = ['Recall', 'Precision', 'F1'].map((h, i) => up(h, 300 + i * 30, 90));
    for (const extra of [[stamp], heads]) {
      const l = layoutPage(page([...body, ...extra]));
      expect(l.turned).toBeUndefined();
      expect(l.segments.filter((s) => s.vertical).map((s) => s.text)).toEqual(extra.map((r) => r.text));
    }
  });

  it('turns boxes both ways and back', () => {
    const b: BBox = [40, 100, 60, 300];
    for (const reads of ['up', 'down'] as const) {
      const u = toUpright(b, reads, W, H);
      expect(u[2] - u[0]).toBe(200); // the text's length runs across the upright frame
      expect(u[3] - u[1]).toBe(20);
      expect(fromUpright(u, reads, W, H)).toEqual(b);
    }
    // Text reading down the page starts at its top: upright, the top of the page is on the left.
    expect(toUpright([40, 100, 60, 300], 'down', W, H)[0]).toBe(100);
    // ...and reading up, its bottom.
    expect(toUpright([40, 100, 60, 300], 'up', W, H)[0]).toBe(H - 300);
  });
});
