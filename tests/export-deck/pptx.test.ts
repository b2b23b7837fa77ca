// The editable PPTX from real papers, checked the way a user would: rendered by LibreOffice, one page
// per slide, every slide's text present in the render and inside the slide, figures with their own
// aspect ratio, DPR's tables as native tables, notes with the evidence, slide numbers.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listThemes, loadTheme } from '../../engine/compose/theme.js';
import type { Deck } from '../../engine/compose/types.js';
import { exportPptx, fontMeasurer } from '../../engine/export/deck/index.js';
import { planContext, planSlide } from '../../engine/export/deck/layout.js';
import { webImageFileHeader } from '../../engine/models/raster/header.js';
import { outputDir } from '../helpers/corpus.js';
import { ingested } from '../helpers/ingest-cache.js';
import { deckFromDocument } from './build-deck.js';
import { expectNoOverflow, expectTextRendered, picturesWithRatio, pngRatio, type Exported } from './checks.js';
import { pdfToPngs, pptxToPdf, words } from './render.js';
import { pptxSlides, readZip } from './zip.js';

const OUT = path.join(outputDir, 'export-deck');


async function exportAndRender(rel: string, name: string, theme: string, maxSlides?: number): Promise<Exported> {
  const dir = path.join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { doc, assets } = await ingested(rel, true);
  const input = await deckFromDocument(doc, assets, path.join(dir, 'crops'), theme);
  const res = await exportPptx(input, path.join(dir, `${name}.pptx`), { theme, ...(maxSlides ? { maxSlides } : {}) });
  const pdf = await pptxToPdf(res.file, dir);
  await pdfToPngs(pdf, path.join(dir, 'slide'));
  const ctx = planContext(res.deck, await loadTheme(theme), fontMeasurer());
  return { deck: res.deck, pptx: res.file, pdf, plans: res.deck.slides.map((s) => planSlide(ctx, s)), fixes: res.fixes };
}

describe('tracemonkey → deck.pptx (paper theme, 16-slide budget)', () => {
  let x: Exported;
  beforeAll(async () => {
    x = await exportAndRender('papers/pdfjs_tracemonkey.pdf', 'tracemonkey', 'paper', 16);
  });

  it('keeps to the budget with a title, agenda, figures and references, and no empty slide', () => {
    expect(x.deck.slides.length).toBeLessThanOrEqual(16);
    expect(x.deck.slides.length).toBeGreaterThanOrEqual(10);
    const layouts = x.deck.slides.map((s) => s.layout);
    expect(layouts[0]).toBe('title');
    expect(layouts).toContain('agenda');
    expect(layouts.at(-1)).toBe('references');
    for (const p of x.plans) {
      expect(p.overflow, p.slide.title).toEqual([]);
      expect(p.texts.length + (p.image ? 1 : 0) + (p.table ? 1 : 0), p.slide.title).toBeGreaterThan(0);
    }
    expect(x.fixes.some((f) => f.includes('budget'))).toBe(true);
  });

  it('renders in LibreOffice with one page per slide and every slide text present', async () => {
    await expectTextRendered(x);
  });

  it('keeps every rendered word inside its slide', async () => {
    await expectNoOverflow(x);
  });

  it('shows at least 5 of the paper figures, each with its own aspect ratio', () => {
    const zip = readZip(x.pptx);
    const pics = picturesWithRatio(zip);
    expect(new Set(pics.map((p) => p.media)).size).toBeGreaterThanOrEqual(5);
    for (const p of pics) {
      const media = zip.get(p.media);
      expect(media, p.media).toBeDefined();
      expect(Math.abs(p.shown / pngRatio(media as Buffer) - 1), `slide ${p.slide}`).toBeLessThan(0.01);
    }
  });

  it('writes bullets as real paragraphs, citation markers, notes with the evidence, and slide numbers', () => {
    const zip = readZip(x.pptx);
    const slides = pptxSlides(zip);
    const bulletSlide = x.deck.slides.findIndex((s) => s.layout === 'bullets');
    expect(bulletSlide).toBeGreaterThan(0);
    const xml = slides[bulletSlide] as string;
    const bullets = x.deck.slides[bulletSlide]?.bullets ?? [];
    expect((xml.match(/<a:buChar /g) ?? []).length).toBe(bullets.length);
    expect(xml).toMatch(/\[1, p\. \d+\]/);
    expect(slides.slice(1).every((s) => s.includes('type="slidenum"'))).toBe(true);
    expect(slides[0]).not.toContain('type="slidenum"');
    const notes = [...zip.entries()].filter(([k]) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(k)).map(([, v]) => v.toString('utf8'));
    const quote = x.deck.citations[bullets[0]?.cites[0] ?? '']?.quote ?? '';
    expect(quote.length).toBeGreaterThan(20);
    const quoteWords = words(quote).slice(0, 6).join(' ');
    expect(notes.some((n) => words(n.replace(/<[^>]+>/g, ' ')).join(' ').includes(quoteWords))).toBe(true);
    expect(notes.some((n) => n.includes('Evidence:') && n.includes('Sources:'))).toBe(true);
    const refs = slides.at(-1) as string;
    expect(refs).toContain('[1] Trace-based Just-in-Time Type Specialization');
  });
});

describe('DPR → deck.pptx (midnight theme)', () => {
  let x: Exported;
  beforeAll(async () => {
    x = await exportAndRender('papers/unstructured_multi-column_DPR.pdf', 'dpr', 'midnight');
  });

  it('draws the paper tables as native tables with their cells in the render', async () => {
    const zip = readZip(x.pptx);
    const slides = pptxSlides(zip);
    const tableSlides = x.deck.slides.map((s, i) => ({ s, i })).filter(({ s }) => s.layout === 'table');
    expect(tableSlides.length).toBeGreaterThanOrEqual(5);
    for (const { i } of tableSlides) expect(slides[i], `slide ${i + 1}`).toContain('<a:tbl>');
    // The header row is styled (bold) and Table 1's numbers are editable cell text.
    expect(slides[tableSlides[0]?.i ?? 0]).toMatch(/<a:rPr[^>]*b="1"/);
    expect(slides.join('')).toContain('58,880');
    await expectTextRendered(x);
  });

  it('splits a table too long for one slide, header repeated, and nothing overflows', async () => {
    const parts = x.deck.slides.filter((s) => s.layout === 'table' && s.title.startsWith('Table 7'));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    const header = (s: (typeof parts)[number]) => x.deck.visuals[s.table ?? '']?.table?.rows[0];
    expect(header(parts[1] as (typeof parts)[number])).toEqual(header(parts[0] as (typeof parts)[number]));
    expect(parts[1]?.title).toMatch(/\(cont\.\)$/);
    await expectNoOverflow(x);
  });

  it('keeps the figure aspect ratio', async () => {
    const fig = Object.values(x.deck.visuals).find((v) => v.kind === 'figure' && v.image);
    expect(fig?.image).toBeDefined();
    const size = webImageFileHeader(fig?.image ?? '');
    const pics = picturesWithRatio(readZip(x.pptx));
    expect(pics.length).toBeGreaterThanOrEqual(1);
    expect(Math.abs((pics[0]?.shown ?? 0) / ((size?.width ?? 1) / (size?.height ?? 1)) - 1)).toBeLessThan(0.01);
  });
});

describe('every theme in assets/themes', () => {
  it('writes a deck that LibreOffice renders with all its text', async () => {
    const themes = await listThemes();
    expect(themes.length).toBeGreaterThanOrEqual(3);
    for (const name of themes) {
      const theme = await loadTheme(name);
      const dir = path.join(OUT, `theme-${name}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const deck: Deck = {
        title: `The ${theme.label} theme`,
        authors: ['Folio'],
        date: '2026-11-21',
        theme: name,
        slides: [
          { id: 't', layout: 'title', title: `The ${name} theme`, subtitle: theme.label, bullets: [], notes: '', sources: [] },
          { id: 's', layout: 'section', title: 'Results', bullets: [], notes: '', sources: [] },
          { id: 'b', layout: 'bullets', title: 'What it shows', bullets: [{ text: 'Headings in the heading font, body text in the body font.', cites: ['c'] }], notes: '', sources: ['c'] },
          { id: 'x', layout: 'table', title: 'A table', table: 'v', bullets: [], notes: '', sources: [] },
        ],
        sources: [{ id: 's1', title: 'Theme test source', file: 'theme.pdf', kind: 'pdf', authors: [], pageCount: 1 }],
        visuals: { v: { id: 'v', kind: 'table', label: 'Table 1', caption: 'Accuracy by method.', sourceId: 's1', sourceTitle: 'Theme test source', page: 1, table: { header: true, rows: [['Method', 'Top-20'], ['BM25', '59.1'], ['DPR', '78.4']] } } },
        citations: { c: { id: 'c', sourceId: 's1', sourceTitle: 'Theme test source', sourceFile: 'theme.pdf', page: 1 } },
        generator: { writer: 'extractive' },
      };
      const res = await exportPptx(deck, path.join(dir, `${name}.pptx`), { theme: name });
      const pdf = await pptxToPdf(res.file, dir);
      const ctx = planContext(res.deck, theme, fontMeasurer());
      await expectTextRendered({ deck: res.deck, pptx: res.file, pdf, plans: res.deck.slides.map((s) => planSlide(ctx, s)), fixes: res.fixes });
      const xml = pptxSlides(readZip(res.file)).join('');
      expect(xml, name).toContain(`srgbClr val="${theme[theme.deck].accent.slice(1).toUpperCase()}"`);
      expect(xml, name).toContain(`typeface="${theme.fonts.heading}"`);
    }
  });
});
