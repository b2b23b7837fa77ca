// Text runs for the page-layout unit tests: horizontal text with its top at y0, baseline at 0.8 of
// the type size under it, and a width of half an em per character unless given.
import type { TextRun } from '../../engine/ingest/pdf/pdfjs.js';

export function textRun(text: string, x0: number, y0: number, opts: { size?: number; width?: number } = {}): TextRun {
  const size = opts.size ?? 10;
  const width = opts.width ?? text.length * size * 0.5;
  return { x0, y0, x1: x0 + width, y1: y0 + size, base: y0 + 0.8 * size, text, size, font: 'serif|0.8|-0.2', mono: false, vertical: false, eol: false };
}
