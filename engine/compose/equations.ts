// Display equations as pictures: a crop of the page at the equation block's box (the whole display,
// its number included), like a figure's crop, never the text layer's flattened symbols. Cropped
// once into the document folder (assets/eq-<block>.png) before composing; the outline then shows
// each display that has its crop.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Block, SourceDocument } from '../ingest/types.js';
import { readSourceFile } from '../ingest/source-file.js';

/** Crop margin around the display (pt), so no glyph touches the edge. */
const PAD = 3;
const DPI = 200;
/** The most displays cropped for one document. */
const MAX_CROPS = 80;

/** A display equation worth showing: a block of some size with symbols in it, not a stray "i=1". */
export function isDisplayEquation(b: Block): boolean {
  if (b.type !== 'equation') return false;
  const [x0, y0, x1, y1] = b.bbox;
  const signs = b.text.replace(/\s/g, '').length;
  return x1 - x0 >= 60 && y1 - y0 >= 8 && signs >= 6 && /[=<>≤≥≈∝→⇒∼~]/u.test(b.text);
}

/** The display's number as printed ("7", "2.13a"): ingest's, else a "(n)" at its end. */
export function equationNumber(b: Block): string | undefined {
  const own = (b as Block & { number?: string }).number;
  if (own) return own;
  return /\((\d+(?:\.\d+)*[a-z]?)\)\s*[.,;]?\s*$/.exec(b.text)?.[1];
}

export function equationAsset(b: Block): string {
  return `assets/eq-${b.id.replace(/[^A-Za-z0-9_-]+/g, '-')}.png`;
}

/**
 * Crops the display equations of a PDF into its document folder (those not cropped yet). Returns
 * what could not be cropped, in words; a PDF that cannot be opened crops nothing and says so.
 */
export async function cropEquations(doc: SourceDocument, docDir: string, pdfFile: string): Promise<string[]> {
  if (doc.kind !== 'pdf') return [];
  const todo = doc.pages.flatMap((p) => p.blocks.filter(isDisplayEquation).map((b) => ({ b, page: p }))).slice(0, MAX_CROPS);
  const missing = todo.filter(({ b }) => !existsSync(path.join(docDir, equationAsset(b))));
  if (missing.length === 0) return [];
  const warnings: string[] = [];
  // pdf.js loads only when there is something to crop (see engine/ingest/render.ts).
  const { PdfHandle } = await import('../ingest/pdf/pdfjs.js');
  const pdf = await PdfHandle.open(await readSourceFile(pdfFile, doc.file), doc.file).catch((err: unknown) => err instanceof Error ? err : new Error(String(err)));
  if (pdf instanceof Error) return [`${doc.file}: equations not cropped: ${pdf.message}`];
  try {
    await mkdir(path.join(docDir, 'assets'), { recursive: true });
    for (const { b, page } of missing) {
      const [x0, y0, x1, y1] = b.bbox;
      const box: [number, number, number, number] = [Math.max(0, x0 - PAD), Math.max(0, y0 - PAD), Math.min(page.width, x1 + PAD), Math.min(page.height, y1 + PAD)];
      try {
        const r = await pdf.renderRegion(b.page, box, DPI, 3000);
        if (!r.uniform) await writeFile(path.join(docDir, equationAsset(b)), r.png);
      } catch (err) {
        warnings.push(`equation on p. ${b.page}: no crop: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  } finally {
    await pdf.close();
  }
  return warnings;
}
