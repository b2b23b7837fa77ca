// Code listings as text: one line of the listing per row on the page, its indentation kept in
// spaces. A listing read like prose ran its lines together ("> sctest(ocus) > plot(ocus)") and
// lost the indentation that carries its structure (continued calls, printed output in columns).
import { shareRow, type Segment } from './lines.js';

/** The width of one character of the listing's fixed-pitch type: the median over its segments. */
function charWidth(lines: readonly Segment[]): number {
  const w = lines
    .filter((l) => l.text.length >= 4)
    .map((l) => (l.x1 - l.x0) / l.text.length)
    .sort((a, b) => a - b);
  const mid = w[Math.floor(w.length / 2)];
  return mid && mid > 0 ? mid : 0.6 * (lines[0]?.size ?? 10);
}

/**
 * The listing's text: rows top to bottom, each indented from the listing's left edge in spaces. A
 * blank line goes in above each row whose top is within a point of one of `blankAbove` and above
 * every row set more than (about) a line below the one before.
 */
export function codeText(lines: readonly Segment[], blankAbove: readonly number[] = []): string {
  if (lines.length === 0) return '';
  const cw = charWidth(lines);
  const left = Math.min(...lines.map((l) => l.x0));
  const sorted = [...lines].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const rows: Segment[][] = [];
  for (const l of sorted) {
    const row = rows[rows.length - 1];
    if (row && shareRow(row[0]!, l)) row.push(l);
    else rows.push([l]);
  }
  // A listing wider than 200 columns is not laid out by column: cap the padding.
  const spaces = (n: number): string => ' '.repeat(Math.max(0, Math.min(200, Math.round(n))));
  const texts = rows.map((row) => {
      row.sort((a, b) => a.x0 - b.x0);
      let out = '';
      let col = 0;
      for (const seg of row) {
        const at = (seg.x0 - left) / cw;
        // At least one space between two segments of a row; a gap as wide as its columns otherwise.
        out += out === '' ? spaces(at) : spaces(Math.max(1, at - col));
        out += seg.text;
        col = at + seg.text.length;
      }
      return out.replace(/\s+$/u, '');
    });
  let text = texts[0] ?? '';
  for (let i = 1; i < rows.length; i++) {
    const top = Math.min(...rows[i]!.map((l) => l.y0));
    const prevBottom = Math.max(...rows[i - 1]!.map((l) => l.y1));
    const lineHeight = rows[i]![0]!.size;
    const blank = blankAbove.some((y) => Math.abs(y - top) <= 1) || top - prevBottom > 0.9 * lineHeight;
    text += (blank ? '\n\n' : '\n') + texts[i]!;
  }
  return text;
}
