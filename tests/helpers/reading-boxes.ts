// Named boxes for the reading-order unit tests: lines of 10 pt type, and the order readingOrder
// reads them in, by name.
import { readingOrder, type Box } from '../../engine/ingest/pdf/reading-order.js';

export interface NamedBox extends Box {
  text: string;
}

/** A line of 10 pt type from x0 to x1, its top at y0. */
export function boxLine(text: string, x0: number, y0: number, x1: number): NamedBox {
  return { text, x0, y0, x1, y1: y0 + 10, size: 10 };
}

/** The names of the boxes in reading order (em 10 pt). */
export function readOrder(items: readonly NamedBox[]): string[] {
  return readingOrder(items, { em: 10 }).flatMap((leaf) => leaf.map((i) => items[i]!.text));
}
