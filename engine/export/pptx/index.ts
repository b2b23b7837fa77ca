// Deck → editable .pptx: fit the deck (engine/export/deck/fit.ts), plan each slide, draw the plans
// with pptxgenjs, write atomically.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Deck } from '../../compose/types.js';
import type { Theme } from '../../compose/theme.js';
import { FolioError, UserInputError } from '../../errors.js';
import { imageFileHeader } from '../../models/raster/header.js';
import { transcodeToPng } from '../../models/raster/safe-load.js';
import { fitDeck } from '../deck/fit.js';
import { fontMeasurer, type TextMeasurer } from '../deck/fonts.js';
import { resolveTheme } from '../deck/resolve-theme.js';
import { planContext, planSlide, speakerNotes } from '../deck/layout.js';
import { writeFileAtomic } from '../../fs-atomic.js';
import { drawPptx } from './pptxgen.js';

export interface PptxExportOptions {
  /** A loaded theme, or a theme name from assets/themes (default: the deck's own theme). */
  theme?: Theme | string;
  maxSlides?: number;
  measurer?: TextMeasurer;
}

export interface PptxExportResult {
  file: string;
  slideCount: number;
  fixes: string[];
  /** The deck as written (after fitting). */
  deck: Deck;
}

export async function exportPptx(deck: Deck, outFile: string, opts: PptxExportOptions = {}): Promise<PptxExportResult> {
  if (!outFile.toLowerCase().endsWith('.pptx')) throw new UserInputError(`${outFile}: a deck is written to a .pptx file`);
  const theme = await resolveTheme(deck, opts.theme);
  const measurer = opts.measurer ?? fontMeasurer();
  const { deck: fitted, fixes } = await fitDeck(deck, theme, { ...(opts.maxSlides !== undefined ? { maxSlides: opts.maxSlides } : {}), measurer });
  if (fitted.slides.length === 0) throw new UserInputError(`${path.basename(outFile)}: the deck has no slides with anything to show`);
  const ctx = planContext(fitted, theme, measurer);
  const slides = fitted.slides.map((s) => {
    const plan = planSlide(ctx, s);
    return { plan, notes: speakerNotes(ctx, plan) };
  });
  // WebP pictures (kept from web pages) go in as PNG: older PowerPoint versions cannot show WebP.
  const inline = new Map<string, string>();
  for (const { plan } of slides) {
    const file = plan.image?.path;
    if (!file || inline.has(file) || imageFileHeader(file)?.format !== 'webp') continue;
    try {
      // Decoded out of process: corrupt WebP data can crash the canvas decoder.
      const { png } = await transcodeToPng(await readFile(file), path.basename(file), { maxSide: 4096, label: 'WebP picture' });
      inline.set(file, `image/png;base64,${Buffer.from(png).toString('base64')}`);
    } catch (err) {
      fixes.push(`${path.basename(file)}: the WebP picture could not be converted for PowerPoint (${err instanceof Error ? err.message : String(err)}); shown without it`);
      delete plan.image;
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = await drawPptx(slides, theme, inline, {
      title: fitted.title,
      author: fitted.authors.join(', ') || 'Folio',
      ...(fitted.subtitle ? { subject: fitted.subtitle } : {}),
    });
  } catch (err) {
    throw new FolioError('INTERNAL', `${path.basename(outFile)}: writing the deck failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  await writeFileAtomic(outFile, bytes);
  return { file: outFile, slideCount: slides.length, fixes, deck: fitted };
}
