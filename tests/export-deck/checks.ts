// Checks shared by the deck tests: what a user would look for in a rendered deck.
import path from 'node:path';
import { expect } from 'vitest';
import type { Deck } from '../../engine/compose/types.js';
import type { SlidePlan } from '../../engine/export/deck/layout.js';
import { pageText, pdfPageCount, pdfWords, words } from './render.js';
import { pptxSlides } from './zip.js';

export interface Exported {
  deck: Deck;
  pptx: string;
  pdf: string;
  plans: SlidePlan[];
  fixes: string[];
}

export function compact(s: string): string {
  return words(s).join('');
}

/** Every text of every slide plan is in the rendered page (word for word), and the page count matches. */
export async function expectTextRendered(x: Exported): Promise<void> {
  expect(await pdfPageCount(x.pdf)).toBe(x.deck.slides.length);
  for (const [i, plan] of x.plans.entries()) {
    // Compared without spaces and punctuation: pdftotext joins "Open-" + "Domain" at a line break.
    const text = await pageText(x.pdf, i + 1);
    const rendered = compact(text);
    const missing = plan.texts.flatMap((t) => t.plan.paragraphs).filter((p) => !rendered.includes(compact(p)));
    expect(missing, `slide ${i + 1} "${plan.slide.title}"`).toEqual([]);
    if (plan.table) {
      // Cells side by side may come out of pdftotext interleaved line by line: check them word by word.
      const pageWords = new Set(words(text));
      const cells = plan.table.rows.flat().flatMap(words).filter((w) => !pageWords.has(w) && !rendered.includes(w));
      expect(cells, `slide ${i + 1} table`).toEqual([]);
    }
  }
}

/** No rendered word leaves the slide, and nothing but the slide number goes below the body area. */
export async function expectNoOverflow(x: Exported): Promise<void> {
  const { pages, words: ws } = await pdfWords(x.pdf);
  expect(pages.length).toBe(x.deck.slides.length);
  for (const p of pages) {
    expect(p.width).toBeCloseTo(720, 0);
    expect(p.height).toBeCloseTo(405, 0);
  }
  const outside = ws.filter((w) => w.xMin < 0 || w.yMin < 0 || w.xMax > 720.5 || w.yMax > 405.5);
  expect(outside).toEqual([]);
  // The slide number lives at the bottom right (x ≥ 620, y ≥ 378); every other word stays above y = 375.
  const low = ws.filter((w) => w.yMax > 375 && !(w.xMin >= 620 && /^\d+$/.test(w.text)));
  expect(low).toEqual([]);
}

export function picturesWithRatio(zip: Map<string, Buffer>): { slide: number; shown: number; media: string }[] {
  const out: { slide: number; shown: number; media: string }[] = [];
  pptxSlides(zip).forEach((xml, i) => {
    const rels = zip.get(`ppt/slides/_rels/slide${i + 1}.xml.rels`)?.toString('utf8') ?? '';
    for (const pic of xml.matchAll(/<p:pic>[\s\S]*?<\/p:pic>/g)) {
      const embed = /r:embed="([^"]+)"/.exec(pic[0])?.[1];
      const ext = /<a:ext cx="(\d+)" cy="(\d+)"/.exec(pic[0]);
      const target = embed ? new RegExp(`Id="${embed}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] : undefined;
      if (!ext || !target) continue;
      out.push({ slide: i + 1, shown: Number(ext[1]) / Number(ext[2]), media: path.posix.normalize(path.posix.join('ppt/slides', target)) });
    }
  });
  return out;
}

export function pngRatio(bytes: Buffer): number {
  return bytes.readUInt32BE(16) / bytes.readUInt32BE(20);
}

