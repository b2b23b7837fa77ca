// The whole offline path the "done when" names: paper PDF → ingest with crops → document
// folder → the composer's Deck (engine/compose) → deck.pptx, rendered by LibreOffice and looked at.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeDocument } from '../../engine/compose/document.js';
import { loadTheme } from '../../engine/compose/theme.js';
import { exportPptx, fontMeasurer } from '../../engine/export/deck/index.js';
import { planContext, planSlide } from '../../engine/export/deck/layout.js';
import { exportSite } from '../../engine/export/site/index.js';
import { exportSlides } from '../../engine/export/slides/index.js';
import { writeDocumentFolder } from '../../engine/ingest/output.js';
import { outputDir } from '../helpers/corpus.js';
import { ingested } from '../helpers/ingest-cache.js';
import { expectNoOverflow, expectTextRendered, picturesWithRatio, type Exported } from './checks.js';
import { pdfToPngs, pptxToPdf } from './render.js';
import { pptxSlides, readZip } from './zip.js';

async function composedDeck(rel: string, name: string, theme: string): Promise<Exported> {
  const dir = path.join(outputDir, 'export-deck', `composed-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { doc, assets } = await ingested(rel, true);
  const docDir = await writeDocumentFolder(path.join(dir, 'documents'), doc, assets);
  const { deck } = composeDocument(doc, docDir, { theme, date: '2026-11-21' });
  const res = await exportPptx(deck, path.join(dir, 'deck.pptx'), { theme });
  const pdf = await pptxToPdf(res.file, dir);
  await pdfToPngs(pdf, path.join(dir, 'slide'));
  const ctx = planContext(res.deck, await loadTheme(theme), fontMeasurer());
  return { deck: res.deck, pptx: res.file, pdf, plans: res.deck.slides.map((s) => planSlide(ctx, s)), fixes: res.fixes };
}

describe('composed decks from the offline engine', () => {
  it('tracemonkey: 10–16 slides, at least 5 figures, every slide text in the render, nothing outside its slide', async () => {
    const x = await composedDeck('papers/pdfjs_tracemonkey.pdf', 'tracemonkey', 'paper');
    expect(x.deck.slides.length).toBeGreaterThanOrEqual(10);
    expect(x.deck.slides.length).toBeLessThanOrEqual(16);
    expect(new Set(picturesWithRatio(readZip(x.pptx)).map((p) => p.media)).size).toBeGreaterThanOrEqual(5);
    for (const p of x.plans) expect(p.overflow, p.slide.title).toEqual([]);
    await expectTextRendered(x);
    await expectNoOverflow(x);
  });

  it('survival vignette: its R code is a code slide, editable monospace lines in the deck and a <pre> in the HTML slides and the site', async () => {
    const x = await composedDeck('papers/debian_r-survival_timedep.pdf', 'survival', 'paper');
    const code = x.deck.slides.flatMap((s, i) => (s.layout === 'code' && s.code ? [{ s, i }] : []));
    expect(code.length).toBeGreaterThanOrEqual(1);
    const slides = pptxSlides(readZip(x.pptx));
    for (const { s, i } of code) {
      const xml = slides[i]!;
      expect(xml).toContain('typeface="Courier New"');
      // One paragraph a line, as written: the first command line is a run of its own.
      const first = s.code!.text.split('\n')[0]!;
      expect(xml).toContain(`<a:t>${first.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</a:t>`);
      expect(x.plans[i]!.overflow, s.title).toEqual([]);
    }
    // No bullet holds R code as prose.
    for (const s of x.deck.slides) for (const b of s.bullets) expect(b.text).not.toMatch(/^> \S|\w\s?<-\s?\w+\(/);
    const html = await exportSlides(x.deck, path.join(path.dirname(x.pptx), 'slides'), { theme: 'paper' });
    expect(readFileSync(html.index, 'utf8')).toContain('<pre class="box code"');
    const doc = await ingested('papers/debian_r-survival_timedep.pdf', true);
    const { site } = composeDocument(doc.doc, path.join(path.dirname(x.pptx), 'documents', doc.doc.id), {});
    const out = await exportSite(site, path.join(path.dirname(x.pptx), 'site'), { theme: await loadTheme('paper') });
    const page = readFileSync(out.index, 'utf8');
    expect(page).toMatch(/<figure class="code"><pre><code>&gt; /);
    await expectTextRendered(x);
    await expectNoOverflow(x);
  });

  it('DPR: its tables are native tables in the deck and readable in the render', async () => {
    const x = await composedDeck('papers/unstructured_multi-column_DPR.pdf', 'dpr', 'midnight');
    const slides = pptxSlides(readZip(x.pptx));
    const tableSlides = x.deck.slides.flatMap((s, i) => (s.layout === 'table' ? [i] : []));
    expect(tableSlides.length).toBeGreaterThanOrEqual(1);
    for (const i of tableSlides) expect(slides[i], `slide ${i + 1}`).toContain('<a:tbl>');
    await expectTextRendered(x);
    await expectNoOverflow(x);
  });
});
