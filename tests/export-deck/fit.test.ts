// fitDeck, the verification before writing: text measured with real font metrics is shrunk, then
// split, never left overflowing (checked again in LibreOffice's render); empty slides go, the budget
// holds, images keep their aspect ratio, and without font files the estimate is logged.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Deck, Slide } from '../../engine/compose/types.js';
import { loadTheme, type Theme } from '../../engine/compose/theme.js';
import { UserInputError } from '../../engine/errors.js';
import { estimatingMeasurer, exportPptx, fitDeck, fontMeasurer } from '../../engine/export/deck/index.js';
import { wrapText } from '../../engine/export/deck/fonts.js';
import { planContext, planSlide } from '../../engine/export/deck/layout.js';
import { outputDir } from '../helpers/corpus.js';
import { allText, ingested } from '../helpers/ingest-cache.js';
import { deckFromDocument } from './build-deck.js';
import { pageText, pdfPageCount, pdfWords, pptxToPdf, words } from './render.js';

const OUT = path.join(outputDir, 'export-deck', 'fit');

let theme: Theme;
let paperText: string[];
beforeAll(async () => {
  theme = await loadTheme('paper');
  paperText = allText(await ingested('papers/pdfjs_tracemonkey.pdf')).split(/\s+/).filter(Boolean);
});

function deckWith(slides: Slide[], extra: Partial<Deck> = {}): Deck {
  return {
    title: 'Fit test',
    authors: ['A. Tester'],
    date: '2026-11-21',
    theme: 'paper',
    slides: [{ id: 't', layout: 'title', title: 'Fit test', bullets: [], notes: '', sources: [] }, ...slides],
    sources: [{ id: 'tm', title: 'Trace-based Just-in-Time Type Specialization for Dynamic Languages', file: 'pdfjs_tracemonkey.pdf', kind: 'pdf', authors: [], pageCount: 14 }],
    visuals: {},
    citations: { c1: { id: 'c1', sourceId: 'tm', sourceTitle: 'Trace-based Just-in-Time Type Specialization for Dynamic Languages', sourceFile: 'pdfjs_tracemonkey.pdf', page: 4 } },
    generator: { writer: 'extractive' },
    ...extra,
  };
}

describe('fitDeck', () => {
  it('measures with the Liberation fonts (Arial metrics) on this machine', async () => {
    const m = fontMeasurer();
    const w = m.width('Trace trees', { family: 'Arial' }, 20);
    expect(m.estimated.has('Arial')).toBe(false);
    expect([...m.files.values()].some((f) => /Liberation|arial/i.test(f))).toBe(true);
    // Arial "Trace trees" at 20 pt is about 101 pt wide (Liberation Sans advance widths), plus the 3% margin.
    expect(w).toBeGreaterThan(95);
    expect(w).toBeLessThan(110);
    expect(m.width('WWWW', { family: 'Arial' }, 20)).toBeGreaterThan(m.width('iiii', { family: 'Arial' }, 20) * 3);
  });

  it('shrinks, then splits a 300-word bullet over "(cont.)" slides, and the render keeps every word inside the slides', async () => {
    const long = paperText.slice(200, 500).join(' ');
    expect(long.split(' ').length).toBe(300);
    const deck = deckWith([
      { id: 'b', layout: 'bullets', title: 'A very long claim', bullets: [{ text: 'A short first point about traces.', cites: ['c1'] }, { text: long, cites: ['c1'] }], notes: 'n', sources: ['c1'] },
    ]);
    const { deck: fitted, fixes } = await fitDeck(deck, theme);
    const parts = fitted.slides.filter((s) => s.title.startsWith('A very long claim'));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts.slice(1).every((s) => s.title === 'A very long claim (cont.)')).toBe(true);
    expect(fixes.some((f) => f.includes('300-word bullet split'))).toBe(true);
    const ctx = planContext(fitted, theme, fontMeasurer());
    for (const s of fitted.slides) expect(planSlide(ctx, s).overflow, s.title).toEqual([]);

    const dir = path.join(OUT, 'long-bullet');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const res = await exportPptx(deck, path.join(dir, 'long.pptx'), { theme });
    const pdf = await pptxToPdf(res.file, dir);
    expect(await pdfPageCount(pdf)).toBe(res.slideCount);
    const { words: ws } = await pdfWords(pdf);
    expect(ws.filter((w) => w.yMax > 375 && !/^\d+$/.test(w.text))).toEqual([]);
    // All 300 words made it onto the slides, in order.
    let rendered = '';
    for (let p = 1; p <= res.slideCount; p++) rendered += ` ${await pageText(pdf, p)}`;
    expect(words(rendered).join(' ')).toContain(words(long).join(' ').slice(0, 200));
    const want = words(long);
    const have = new Set(words(rendered));
    const joined = words(rendered).join(''); // pdftotext joins "client-" + "side" at a line break
    expect(want.filter((w) => !have.has(w) && !joined.includes(w))).toEqual([]);
  });

  it('the render check does catch overflow: with a measurer that underestimates, text spills below the body', async () => {
    const real = fontMeasurer();
    const lying = { estimated: new Set<string>(), files: new Map<string, string>(), width: (t: string, f: { family: string; bold?: boolean }, s: number) => real.width(t, f, s) * 0.4 };
    const long = paperText.slice(200, 420).join(' ');
    const deck = deckWith([{ id: 'b', layout: 'bullets', title: 'Underestimated', bullets: [{ text: long, cites: [] }], notes: '', sources: [] }]);
    const dir = path.join(OUT, 'lying');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const res = await exportPptx(deck, path.join(dir, 'lying.pptx'), { theme, measurer: lying });
    const { words: ws } = await pdfWords(await pptxToPdf(res.file, dir));
    // The slide's page cuts the overflow off after a line or two: words of the bullet below the
    // body (5 or more, whatever their lengths), where the real measurer's deck above has none.
    expect(ws.filter((w) => w.yMax > 375 && !/^\d+$/.test(w.text)).length).toBeGreaterThanOrEqual(5);
  });

  it('measures Chinese a full em a character, and Chinese bullets stay inside the slide in the render', async () => {
    const m = fontMeasurer();
    // 7 characters at 20 pt: 140 pt and the margin (the Latin font measured 0.38 em each).
    expect(m.width('国科大论文模板', { family: 'Arial' }, 20)).toBeCloseTo(7 * 20 * 1.03, 0);
    // A Chinese line breaks between any two characters, never before a closing comma.
    const lines = wrapText(m, '运行编译脚本后，编译所生成的文档皆存于 Tmp 文件夹内，包括编译得到的 PDF 文档。', { family: 'Arial' }, 10, 150);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.every((l) => !/^[，。]/u.test(l))).toBe(true);
    expect(lines.join('').replace(/\s/g, '')).toBe('运行编译脚本后，编译所生成的文档皆存于Tmp文件夹内，包括编译得到的PDF文档。');
    const thesis = (await ingested('papers/ucasthesis_zh_template_sample.pdf')).doc;
    const paras = thesis.pages
      .flatMap((p) => p.blocks)
      .filter((b) => b.type === 'paragraph' && (b.text.match(/[\u4e00-\u9fff]/gu) ?? []).length > 60)
      .slice(0, 5)
      .map((b) => b.text.slice(0, 90));
    expect(paras).toHaveLength(5);
    const deck = deckWith([{ id: 'b', layout: 'bullets', title: '第 2 章 使用说明', bullets: paras.map((text) => ({ text, cites: ['c1'] })), notes: '', sources: ['c1'] }]);
    const dir = path.join(OUT, 'chinese');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const res = await exportPptx(deck, path.join(dir, 'zh.pptx'), { theme });
    const { words: ws } = await pdfWords(await pptxToPdf(res.file, dir));
    expect(ws.filter((w) => w.yMax > 375 && !/^\d+$/.test(w.text))).toEqual([]);
  });

  it('shrinks text that is a little too long before splitting', async () => {
    const bullets = Array.from({ length: 6 }, (_, i) => ({ text: paperText.slice(600 + i * 30, 600 + i * 30 + 26).join(' '), cites: ['c1'] }));
    const { deck, fixes } = await fitDeck(deckWith([{ id: 'b', layout: 'bullets', title: 'Six long bullets', bullets, notes: '', sources: [] }]), theme);
    expect(deck.slides.filter((s) => s.title.startsWith('Six long bullets'))).toHaveLength(1);
    expect(fixes.some((f) => /Six long bullets.*body text shrunk from 20 to 1\d pt/.test(f))).toBe(true);
  });

  it('drops empty slides, fills the agenda and references, and resolves citation markers', async () => {
    const { deck, fixes } = await fitDeck(
      deckWith([
        { id: 'a', layout: 'agenda', title: 'Agenda', bullets: [], notes: '', sources: [] },
        { id: 's', layout: 'section', title: 'Method', bullets: [], notes: '', sources: [] },
        { id: 'e', layout: 'bullets', title: 'Nothing here', bullets: [{ text: '  ', cites: [] }], notes: '', sources: [] },
        { id: 'b', layout: 'bullets', title: 'Claims', bullets: [{ text: 'Traces are recorded at loop headers.', cites: ['c1'] }], notes: '', sources: ['c1'] },
      ]),
      theme,
    );
    expect(deck.slides.map((s) => s.title)).toEqual(['Fit test', 'Agenda', 'Method', 'Claims', 'References']);
    expect(deck.slides[1]?.bullets.map((b) => b.text)).toEqual(['Method']);
    expect(deck.slides.at(-1)?.bullets[0]?.text).toBe('[1] Trace-based Just-in-Time Type Specialization for Dynamic Languages. pdfjs_tracemonkey.pdf, p. 4');
    expect(fixes).toContain('removed empty slide "Nothing here"');
    const plan = planSlide(planContext(deck, theme, fontMeasurer()), deck.slides[3] as Slide);
    expect(plan.texts.find((t) => t.role === 'body')?.plan.paragraphs).toEqual(['Traces are recorded at loop headers. [1, p. 4]']);
  });

  it('keeps within the slide budget and refuses a budget below two', async () => {
    const many = Array.from({ length: 12 }, (_, i): Slide => ({ id: `b${i}`, layout: 'bullets', title: `Point ${i + 1}`, bullets: [{ text: `Claim number ${i + 1}.`, cites: ['c1'] }], notes: '', sources: ['c1'] }));
    const { deck, fixes } = await fitDeck(deckWith(many), theme, { maxSlides: 8 });
    expect(deck.slides).toHaveLength(8);
    expect(deck.slides[0]?.layout).toBe('title');
    expect(deck.slides.at(-1)?.layout).toBe('references');
    expect(fixes.filter((f) => f.includes('8-slide budget'))).toHaveLength(6);
    // What a dropped slide said stays in the notes of the slide before it.
    expect(deck.slides.at(-2)?.notes).toContain('Claim number 12.');
    await expect(fitDeck(deckWith(many), theme, { maxSlides: 1 })).rejects.toThrow(UserInputError);
  });

  it('contains an image in its box with its own aspect ratio, whatever size the deck claims', async () => {
    const dir = path.join(OUT, 'crops');
    const { doc, assets } = await ingested('papers/pdfjs_tracemonkey.pdf', true);
    const built = await deckFromDocument(doc, assets, dir);
    const fig = Object.values(built.visuals).find((v) => v.image && v.width && v.height) as NonNullable<Deck['visuals'][string]>;
    const real = (fig.width ?? 0) / (fig.height ?? 1);
    const deck = deckWith(
      (['visual-right', 'visual-half', 'visual-top', 'visual-full'] as const).map((layout) => ({ id: layout, layout, title: layout, visual: fig.id, bullets: [{ text: 'One point.', cites: [] }], notes: '', sources: [] })),
      { visuals: { [fig.id]: { ...fig, width: 100, height: 100 } } },
    );
    const { deck: fitted, fixes } = await fitDeck(deck, theme);
    expect(fixes.some((f) => f.includes('size corrected'))).toBe(true);
    const ctx = planContext(fitted, theme, fontMeasurer());
    for (const s of fitted.slides.filter((x) => x.visual)) {
      const p = planSlide(ctx, s);
      expect(p.image, s.layout).toBeDefined();
      expect(Math.abs((p.image?.w ?? 0) / (p.image?.h ?? 1) / real - 1), s.layout).toBeLessThan(0.005);
      expect(p.overflow).toEqual([]);
    }
  });

  it('says so when no font file is found and widths are estimated', async () => {
    const { fixes } = await fitDeck(deckWith([{ id: 'b', layout: 'bullets', title: 'Claims', bullets: [{ text: 'One.', cites: [] }], notes: '', sources: [] }]), theme, { measurer: estimatingMeasurer() });
    expect(fixes.some((f) => f.includes('no font file found for "Arial"') && f.includes('conservative estimate'))).toBe(true);
  });
});
