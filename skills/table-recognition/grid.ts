// Table structure from OCR lines: rows are bands of lines that overlap vertically (a cell of two
// lines and a centred one-line neighbour fall into one band), columns are the clear vertical gutters
// shared by all rows; each line goes to the cell its centre falls in.
import { mdLine } from '../../engine/export/markdown/escape.js';
import type { OcrLine } from '../../engine/models/ocr/layout.js';

export interface Grid {
  rows: string[][];
  /** Column boundaries (x, pixels) and row bands (y0, y1), for drawing or checking. */
  columns: number[];
  bands: [number, number][];
}

export function gridFromLines(all: readonly OcrLine[]): Grid {
  const lines = all.filter((l) => l.text.trim() !== '' && !l.vertical);
  if (lines.length === 0) return { rows: [], columns: [], bands: [] };
  const heights = lines.map((l) => l.bbox[3] - l.bbox[1]).sort((a, b) => a - b);
  const h = heights[Math.floor(heights.length / 2)]!;
  const minX = Math.min(...lines.map((l) => l.bbox[0]));
  const maxX = Math.max(...lines.map((l) => l.bbox[2]));

  // Rows: union of lines whose vertical extents overlap by a third of a line.
  const order = lines.map((_, i) => i).sort((a, b) => lines[a]!.bbox[1] - lines[b]!.bbox[1]);
  const bands: { y0: number; y1: number; members: number[] }[] = [];
  for (const i of order) {
    const b = lines[i]!.bbox;
    const last = bands[bands.length - 1];
    if (last && Math.min(last.y1, b[3]) - Math.max(last.y0, b[1]) > 0.33 * Math.min(b[3] - b[1], h)) {
      last.members.push(i);
      last.y1 = Math.max(last.y1, b[3]);
    } else bands.push({ y0: b[1], y1: b[3], members: [i] });
  }

  // Columns: gaps in the x-coverage of all lines (lines spanning most of the table, like a title, are
  // left out so they do not hide the gutters).
  const width = maxX - minX;
  const spans = lines.filter((l) => l.bbox[2] - l.bbox[0] < 0.6 * width).map((l) => [l.bbox[0], l.bbox[2]] as const).sort((a, b) => a[0] - b[0]);
  const columns: number[] = [];
  let reach = spans[0]?.[1] ?? maxX;
  for (const s of spans.slice(1)) {
    if (s[0] - reach >= 0.5 * h) columns.push((reach + s[0]) / 2);
    reach = Math.max(reach, s[1]);
  }
  const colOf = (x: number) => columns.filter((c) => x > c).length;
  const rows = bands.map((band) => {
    const cells: string[][] = Array.from({ length: columns.length + 1 }, () => []);
    const members = band.members.slice().sort((a, b) => lines[a]!.bbox[1] - lines[b]!.bbox[1] || lines[a]!.bbox[0] - lines[b]!.bbox[0]);
    for (const i of members) {
      const l = lines[i]!;
      cells[colOf((l.bbox[0] + l.bbox[2]) / 2)]!.push(l.text.trim());
    }
    return cells.map((c) => c.join(' '));
  });
  // A band with an empty first cell right under another band continues that row's wrapped cells
  // (the first cell was vertically centred beside the first line and joined the band above).
  const outRows: string[][] = [];
  const outBands: [number, number][] = [];
  rows.forEach((r, i) => {
    const prev = outRows[outRows.length - 1];
    const pb = outBands[outBands.length - 1];
    if (prev && pb && r[0] === '' && columns.length > 0 && bands[i]!.y0 - pb[1] < 0.6 * h) {
      r.forEach((c, k) => (prev[k] = c ? (prev[k] ? `${prev[k]} ${c}` : c) : prev[k]!));
      pb[1] = bands[i]!.y1;
    } else {
      outRows.push(r);
      outBands.push([bands[i]!.y0, bands[i]!.y1]);
    }
  });
  return { rows: outRows, columns, bands: outBands };
}

export function toCsv(rows: readonly string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
}

export function toMarkdown(rows: readonly string[][]): string {
  if (rows.length === 0) return '*(no table found)*\n';
  const n = Math.max(...rows.map((r) => r.length));
  // Cells are source text: escaped so a cell holding `<img onerror=…>` or a link stays text.
  const cell = (s: string) => mdLine(s) || ' ';
  const line = (r: readonly string[]) => `| ${Array.from({ length: n }, (_, i) => cell(r[i] ?? '')).join(' | ')} |`;
  return [line(rows[0]!), `|${' --- |'.repeat(n)}`, ...rows.slice(1).map(line)].join('\n') + '\n';
}
