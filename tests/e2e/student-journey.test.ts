// End-to-end, the student (issue 26): from an empty project, three PDFs added → PDF to PPT over the
// one paper the talk is about ("Only this"), with a slide budget → the deck previewed → the PPTX
// exported (LibreOffice opens it: one page per slide, the paper's title on the first) and the HTML
// slides exported (the zip opened from disk in Chromium: every slide there, every image decoded).
// Then the same deck with a model (the scripted OpenAI-compatible server): its slide plan streams
// into the run panel as it arrives, and the exported PPTX carries the model's slide titles.
// Browser mode (`npm run serve`) driven by Debian's chromium; screenshots go to tests/.output/e2e/.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, startScriptedServer, type ReceivedRequest } from '../providers/scripted-server.ts';
import { pageText, pdfPageCount, pptxToPdf } from '../export-deck/render.ts';
import { addFiles, CHROMIUM, download, imagesDecoded, openApp, openExported, shotsDir, streamedText, unzipTo, useModel, zipIsWhole, type App } from './helpers.ts';

// Small documents (6, 1 and 2 pages): the round stays short. The talk is on the stereo paper.
const PAPER = 'mineru_demo2_stereo.pdf';
const FILES = [`papers/${PAPER}`, 'annotated/docling/2305.03393v1-pg9.pdf', 'annotated/docling/picture_classification.pdf'];
const BUDGET = 6;

let app: App;
const runDone = () => app.page.locator('[data-testid=run-view][data-status=done]');
const slideThumbs = () => app.page.locator('.slide-thumb iframe');

/** A deck's slides in order (ppt/slides/slideN.xml), each as its text runs joined. */
async function pptxSlides(file: string): Promise<string[]> {
  const { zip } = await zipIsWhole(file);
  const names = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
  return Promise.all(names.map(async (n) => [...(await zip.file(n)!.async('string')).matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]!.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).join(' ')));
}

describe.skipIf(!existsSync(CHROMIUM))('the student journey in browser mode', () => {
  beforeAll(async () => {
    app = await openApp('student', { downloads: true });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('starts from an empty project and adds three PDFs', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    expect(await page.locator('[data-testid=source]').count()).toBe(0);
    await addFiles(page, FILES);
    await app.shot('50-student-sources');
  }, 240_000);

  it('makes a deck of the one paper, within the slide budget, from the document already read', async () => {
    const { page } = app;
    await page.getByLabel('Skill').selectOption('pdf-to-ppt');
    // Three are ticked; the skill takes one: Run says why it is off and how to fix it.
    expect(await page.getByTestId('run').isDisabled()).toBe(true);
    expect(await page.getByText(/takes one source; 3 are ticked/).count()).toBe(1);
    await page.getByRole('button', { name: `Use only ${PAPER}` }).click();
    expect(await page.getByTestId('run').isDisabled()).toBe(false);
    await page.getByLabel('Slide budget').fill(String(BUDGET));
    await page.getByLabel('Goal').fill('A short class talk on this stereo matching paper');
    await page.getByTestId('run').click();
    await runDone().waitFor({ timeout: 240_000 });
    expect(await page.locator('.trace-item', { hasText: `Using ${PAPER} (already read)` }).count()).toBe(1);
    expect(await page.locator('.trace-item[data-type=ingest-progress]').count()).toBe(0);
    await page.getByRole('tab', { name: 'Deck' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => slideThumbs().count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
    expect(await slideThumbs().count()).toBeLessThanOrEqual(BUDGET);
    await app.shot('51-student-deck');
  }, 300_000);

  it('exports the PPTX: LibreOffice opens it, one page per slide previewed, the paper’s title first', async () => {
    const shown = await slideThumbs().count();
    const file = await download(app, 'export-pptx', 'deck.pptx');
    const slides = await pptxSlides(file);
    expect(slides).toHaveLength(shown);
    expect(slides.every((t) => t.trim().length > 0), 'every slide has text').toBe(true);
    const pdf = await pptxToPdf(file, path.dirname(file));
    expect(await pdfPageCount(pdf)).toBe(shown);
    expect((await pageText(pdf, 1)).replace(/\s+/g, ' ')).toMatch(/stereo/i);
    expect(slides.at(-1)).toMatch(/References/);
  }, 180_000);

  it('exports the HTML slides: opened from disk, every slide is there and every image decodes', async () => {
    const shown = await slideThumbs().count();
    const { zip, pages, missing } = await zipIsWhole(await download(app, 'export-slides', 'slides.zip'));
    expect(missing).toEqual([]);
    const index = pages.find((p) => /(^|\/)index\.html$/.test(p));
    expect(index, `an index.html among ${pages.join(', ')}`).toBeDefined();
    const dir = path.join(app.work, 'downloads', 'slides');
    mkdirSync(dir, { recursive: true });
    await unzipTo(zip, dir);
    const { page: tab, errors } = await openExported(app, path.join(dir, index!));
    try {
      expect(await tab.locator('.stage > section.slide').count()).toBe(shown);
      expect(await tab.locator('.overview p').first().innerText()).toMatch(new RegExp(`^${shown} slides`));
      const images = await imagesDecoded(tab);
      expect(images.n, 'the slides show the paper’s figures').toBeGreaterThan(0);
      expect(images.broken).toEqual([]);
      await tab.screenshot({ path: path.join(shotsDir, '51b-student-html-slides.png') });
      expect(errors.filter((e) => /Content Security Policy|Refused|Failed to load/i.test(e))).toEqual([]);
    } finally {
      await tab.close();
    }
  }, 120_000);

  it('with a model: the slide plan streams into the run panel, and the PPTX has the model’s slides', async () => {
    const { page } = app;
    const titles = ['Why stereo needs dense matching', 'How the method matches pixels', 'Support weights over time', 'What the experiments show', 'What a student should remember'];
    let planned = 0;
    let sentPlan = '';
    const plan = (r: ReceivedRequest) => {
      // As a model would: a plan from the ids the prompt lists, within the range it asks for.
      const prompt = r.body.messages.map((m) => (typeof m.content === 'string' ? m.content : (m.content as { type: string; text?: string }[]).map((p) => p.text ?? '').join('\n'))).join('\n');
      const [, min, max] = /between (\d+) and (\d+) slides/.exec(prompt) ?? [];
      const ids = [...prompt.matchAll(/^(E\d+) \(p\. \d+/gm)].map((m) => m[1]!);
      expect(ids.length, 'the prompt lists evidence').toBeGreaterThanOrEqual(3);
      // As many as the budget leaves room for: the deck is then the budget's size.
      const n = (planned = Math.min(Number(max), titles.length));
      expect(n).toBeGreaterThanOrEqual(Number(min));
      const slides = titles.slice(0, n).map((title, i) => ({ title, layout: 'bullets', visual: null, bullets: [{ text: `The paper's point number ${i + 1}, in the model's words`, cites: [ids[Math.floor((i * ids.length) / n)]!] }] }));
      sentPlan = `Planning a ${n}-slide talk from the paper's evidence, slide by slide, for a class audience.\n\`\`\`json\n${JSON.stringify({ slides })}\n\`\`\``;
      return { kind: 'sse' as const, chunkDelayMs: 40, chunks: answer({ text: sentPlan }) };
    };
    const model = await startScriptedServer([{ name: 'slide plan', expect: (r) => expect(r.body.tools).toBeUndefined(), reply: plan }], {
      rest: { name: 'bullets', reply: { kind: 'sse', chunks: answer({ text: '- A rewritten bullet [1]' }) } },
    });
    try {
      await useModel(page, { name: 'Class model', model: 'scripted-student', baseUrl: model.url });
      expect(await page.getByTestId('contacts').innerText()).toBe(`This run contacts the model at 127.0.0.1:${new URL(model.url).port} (this computer).`);
      await page.getByTestId('run').click();
      await expect.poll(() => sentPlan.length, { timeout: 60_000 }).toBeGreaterThan(0);
      await streamedText(page, sentPlan);
      await app.shot('52-student-model-streaming');
      await runDone().waitFor({ timeout: 180_000 });
      expect(await page.locator('.trace-item', { hasText: `Slide plan by scripted-student: ${planned} of ${planned} content slides are the model's` }).count()).toBe(1);
      expect(await page.locator('.trace-item[data-type=ingest-progress]').count()).toBe(0);
      // Both runs are listed by the skill's name, as the Skill menu calls it.
      const earlier = await page.getByLabel('Earlier runs').locator('option').allInnerTexts();
      expect(earlier).toHaveLength(2);
      for (const o of earlier) expect(o).toMatch(/^PDF to PPT · .+ · done$/);
      await page.getByRole('tab', { name: 'Deck' }).click();
      await expect.poll(() => slideThumbs().count(), { timeout: 30_000 }).toBe(BUDGET);
      await app.shot('53-student-model-deck');
      const slides = await pptxSlides(await download(app, 'export-pptx', 'deck-model.pptx'));
      expect(slides).toHaveLength(BUDGET);
      expect(slides.slice(1, -1).map((s) => titles.find((t) => s.startsWith(t)))).toEqual(titles.slice(0, planned));
      expect(model.failures).toEqual([]);
      expect(model.requests.length).toBe(1);
    } finally {
      await model.close();
    }
  }, 300_000);
});
