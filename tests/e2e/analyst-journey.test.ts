// End-to-end, the analyst (issue 26): from an empty project, three papers added and two of them
// ticked, plus a web page served on this computer (read once Settings allows the local network) →
// research report with a site, a deck and HTML slides → each previewed and exported; a citation
// opens the cited page at the quote's box; a second run over the same sources, pressed in two tabs
// at once, starts once and reads none of them again; the last task survives a reload; and the same
// journey with a model (the scripted OpenAI-compatible server) shows its words in the run panel
// while they stream.
// Browser mode (`npm run serve`) driven by Debian's chromium; screenshots go to tests/.output/e2e/.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, startScriptedServer } from '../providers/scripted-server.ts';
import { addFiles, CHROMIUM, download as downloadFrom, imagesDecoded, openApp, openExported, openFirstCitation, serveArticle, shotsDir, streamedText, tick, unzipTo, useModel, waitForReady, zipIsWhole, type App } from './helpers.ts';

const PAPERS = ['pdfjs_tracemonkey.pdf', 'mineru_demo2_stereo.pdf', 'unstructured_fr_olap.pdf'];
const GOAL = 'How do tracing JITs and stereo matching use their input data?';

let app: App;
let page: Page;
let url = '';
let work = '';
let web: Awaited<ReturnType<typeof serveArticle>>;
/** The project's document.json of each source, with its time after the first read. */
let documents: { file: string; mtimeMs: number }[] = [];

const shot = (name: string) => app.shot(name);
const sourceItem = (name: string) => page.locator('[data-testid=source]', { hasText: name });
const runDone = () => page.locator('[data-testid=run-view][data-status=done]');
const download = (testId: string, name: string) => downloadFrom(app, testId, name);

describe.skipIf(!existsSync(CHROMIUM))('the analyst journey in browser mode', () => {
  beforeAll(async () => {
    web = await serveArticle();
    app = await openApp('analyst', { downloads: true });
    ({ page, url, work } = app);
  });

  afterAll(async () => {
    await app?.close();
    web?.close();
  });

  it('starts from an empty project: three papers and a web page on this computer', async () => {
    await page.goto(url);
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    expect(await page.locator('[data-testid=source]').count()).toBe(0);
    expect(await page.getByTestId('outputs').innerText()).toContain('Nothing made yet.');
    await addFiles(page, PAPERS.map((p) => `papers/${p}`), { timeout: 240_000 });
    // The web page: network on, and "allow local network" for a host on this computer.
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await tick(dialog.getByLabel('Allow network (web pages, online models)'));
    await tick(dialog.getByLabel(/Also read web pages on this computer/));
    await page.keyboard.press('Escape');
    await page.getByLabel('Web page').fill(web.url);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await waitForReady(page, 4);
    expect(web.hits()).toBe(1);
    const ids = await page.locator('[data-testid=source]').evaluateAll((els) => els.map((e) => e.getAttribute('data-source-id') ?? ''));
    documents = ids.map((id) => path.join(work, 'project', 'sources', id, 'doc', 'document', 'document.json')).map((file) => ({ file, mtimeMs: statSync(file).mtimeMs }));
    expect(documents).toHaveLength(4);
    await shot('40-analyst-sources');
  }, 360_000);

  it('runs a research report over two ticked papers and the web page, with a site, a deck and HTML slides', async () => {
    await sourceItem('unstructured_fr_olap.pdf').getByTestId('source-tick').uncheck();
    await expect.poll(() => page.getByTestId('source-tick').evaluateAll((els) => els.filter((e) => (e as unknown as { checked: boolean }).checked).length)).toBe(3);
    await page.getByLabel('Skill').selectOption('research-report');
    for (const output of ['Site (HTML)', 'Deck (PPTX)', 'HTML slides']) await page.getByLabel(output).check();
    await page.getByLabel('Goal').fill(GOAL);
    await page.getByTestId('run').click();
    await runDone().waitFor({ timeout: 420_000 });
    // The run took the three ticked sources as the project had read them.
    expect(await page.locator('.trace-item', { hasText: 'starting research-report on 3 sources' }).count()).toBe(1);
    expect(await page.locator('.trace-item[data-type=ingest-progress]').count()).toBe(0);
    for (const tab of ['Report', 'Site', 'Deck']) await page.getByRole('tab', { name: tab }).waitFor({ timeout: 60_000 });
    await shot('41-analyst-report-done');
  }, 480_000);

  it('previews the report and exports it as one Markdown file', async () => {
    await page.getByRole('tab', { name: 'Report' }).click();
    const report = page.getByTestId('report');
    await report.waitFor();
    expect(await report.locator('h1').count()).toBeGreaterThan(0);
    // It cites more than one of the chosen sources, and none of the unticked one.
    const references = await report.locator('h2:text-is("References") + ol > li').allInnerTexts();
    expect(references.length).toBeGreaterThanOrEqual(2);
    expect(references.join('\n')).not.toContain('fr_olap');
    const md = readFileSync(await download('export-markdown', 'report.md'), 'utf8');
    expect(md).toMatch(/^# .+/m);
    expect(md).not.toMatch(/!\[[^\]]*\]\((?!data:)/);
  }, 120_000);

  it('opens a citation at the cited page with the quote boxed', async () => {
    const { viewer, pageNo } = await openFirstCitation(page);
    expect(await viewer.innerText()).toContain(`Page ${pageNo} of`);
    const box = await viewer.getByTestId('highlight').boundingBox();
    const img = await viewer.getByRole('img').boundingBox();
    expect(box && img && box.width > 5 && box.height > 3 && box.y >= img.y - 1 && box.y + box.height <= img.y + img.height + 1).toBe(true);
    await shot('42-analyst-citation');
    await page.keyboard.press('Escape');
    await expect.poll(() => viewer.count()).toBe(0);
  }, 120_000);

  it('previews the site with every figure decoded and exports it as a whole zip', async () => {
    await page.getByRole('tab', { name: 'Site' }).click();
    const frameEl = page.getByTestId('site');
    await frameEl.waitFor();
    await page.frameLocator('[data-testid=site]').locator('h1').first().waitFor({ timeout: 30_000 });
    const content = await (await frameEl.elementHandle())!.contentFrame();
    const images = await imagesDecoded(content!);
    expect(images.broken).toEqual([]);
    await shot('43-analyst-site');
    const zip = await zipIsWhole(await download('export-site', 'site.zip'));
    // The whole site: its front page and section pages, under one folder.
    expect(zip.pages.filter((p) => /^[^/]+\/index\.html$/.test(p))).toHaveLength(1);
    expect(zip.pages.length).toBeGreaterThan(1);
    expect(zip.missing).toEqual([]);
    // Unzipped and opened from disk, as a reader would: every page's figures decode, and no CSP refusal.
    const dir = path.join(work, 'downloads', 'site');
    await unzipTo(zip.zip, dir);
    let figures = 0;
    for (const p of zip.pages) {
      const { page: tab, errors } = await openExported(app, path.join(dir, p));
      try {
        const decoded = await imagesDecoded(tab);
        expect(decoded.broken, p).toEqual([]);
        figures += decoded.n;
        expect(errors.filter((e) => /Content Security Policy|Refused|Failed to load/i.test(e)), p).toEqual([]);
      } finally {
        await tab.close();
      }
    }
    expect(figures, 'the exported site shows figures').toBeGreaterThan(0);
  }, 120_000);

  it('previews the deck and exports the PPTX and the HTML slides', async () => {
    await page.getByRole('tab', { name: 'Deck' }).click();
    await expect.poll(() => page.locator('.slide-thumb iframe').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
    await shot('44-analyst-deck');
    const pptx = await JSZip.loadAsync(readFileSync(await download('export-pptx', 'deck.pptx')));
    const slides = Object.keys(pptx.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides.length).toBeGreaterThanOrEqual(4);
    const zip = await zipIsWhole(await download('export-slides', 'slides.zip'));
    expect(zip.pages.length).toBeGreaterThan(0);
    expect(zip.missing).toEqual([]);
  }, 120_000);

  it('a second run over the same sources, pressed in two tabs at once: one run, and it reads none of them again', async () => {
    const other = await page.context().newPage();
    try {
      await other.goto(url);
      await expect.poll(() => other.locator('[data-testid=source][data-status=ready]').count(), { timeout: 30_000 }).toBe(4);
      // The other tab has the same task (remembered by the page), so both would run the same sources.
      await expect.poll(() => other.getByLabel('Goal').inputValue()).toBe(GOAL);
      // Both Run buttons pressed at once, in the page itself (a disabled button does nothing).
      const press = (p: Page) => p.getByTestId('run').evaluate((b) => (b as unknown as { click(): void }).click());
      await Promise.all([press(page), press(other)]);
      const refusedIn = async (p: Page): Promise<boolean> => (await p.getByRole('alert').filter({ hasText: /already going/ }).count()) > 0;
      await expect.poll(async () => (await refusedIn(page)) || (await refusedIn(other)) || (await other.getByTestId('run').isDisabled() && (await page.getByTestId('run').isDisabled())), { timeout: 20_000 }).toBe(true);
      const winner = (await refusedIn(page)) ? other : page;
      const loser = winner === page ? other : page;
      await shot('46-analyst-two-tabs');
      await loser.screenshot({ path: path.join(shotsDir, '46b-analyst-two-tabs-refused.png') });
      // The loser was told why, or had already seen the run start and offered no Run.
      expect((await refusedIn(loser)) || (await loser.getByTestId('run').isDisabled())).toBe(true);
      await winner.locator('[data-testid=run-view][data-status=done]').waitFor({ timeout: 420_000 });
      expect(await winner.locator('.trace-item', { hasText: 'starting research-report on 3 sources' }).count()).toBe(1);
      // No ingest job: no reading progress in the trace, every document as it was after the first read.
      expect(await winner.locator('.trace-item[data-type=ingest-progress]').count()).toBe(0);
      expect(documents.map((d) => statSync(d.file).mtimeMs)).toEqual(documents.map((d) => d.mtimeMs));
      expect(web.hits(), 'the web page was fetched once').toBe(1);
      const runs = readdirSync(path.join(work, 'project', 'runs')).filter((d) => !d.startsWith('.'));
      expect(runs, 'one run per press of Run that was let through').toHaveLength(2);
      for (const r of runs) expect(existsSync(path.join(work, 'project', 'runs', r, 'out', 'sources')), r).toBe(false);
    } finally {
      await other.close();
    }
  }, 480_000);

  it('remembers the task across a reload: skill, goal, outputs and the source left out', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await expect.poll(() => page.locator('[data-testid=source][data-status=ready]').count()).toBe(4);
    // (The skill list comes from the services after the page: the select has no value until it does.)
    await expect.poll(() => page.getByLabel('Skill').inputValue(), { timeout: 20_000 }).toBe('research-report');
    expect(await page.getByLabel('Goal').inputValue()).toBe(GOAL);
    expect(await page.getByLabel('HTML slides').isChecked()).toBe(true);
    expect(await sourceItem('unstructured_fr_olap.pdf').getByTestId('source-tick').isChecked()).toBe(false);
    expect(await sourceItem('pdfjs_tracemonkey.pdf').getByTestId('source-tick').isChecked()).toBe(true);
  }, 60_000);

  it('with a model: the scripted server streams into the run panel as the research runs', async () => {
    const sourceId = (await sourceItem('pdfjs_tracemonkey.pdf').getAttribute('data-source-id')) ?? '';
    const thinking = 'First I will plan, then read the tracing paper and the stereo paper before writing the report. '.repeat(3);
    const agent = await startScriptedServer(
      [
        { name: 'plan', reply: { kind: 'sse', chunkDelayMs: 120, chunks: answer({ text: thinking, calls: [{ name: 'update_plan', args: { items: [{ id: 'p1', title: 'How does tracing use its input?', kind: 'question' }] } }] }) } },
        { name: 'read', reply: { kind: 'sse', chunks: answer({ calls: [{ name: 'read_page', args: { sourceId, page: 1, planItem: 'p1' } }] }) } },
        { name: 'finish', reply: { kind: 'sse', chunks: answer({ calls: [{ name: 'finish', args: { summary: 'Tracing compiles the hot loops it records.', openQuestions: [] } }] }) } },
      ],
      { rest: { name: 'writer', reply: { kind: 'sse', chunks: answer({ text: 'Tracing records and compiles hot loops [1].' }) } } },
    );
    try {
      await useModel(page, { name: 'Analyst model', model: 'scripted-analyst', baseUrl: agent.url });
      await page.getByTestId('run').click();
      await streamedText(page, thinking);
      await shot('45-analyst-model-streaming');
      await runDone().waitFor({ timeout: 240_000 });
      expect(await page.locator('.trace-item', { hasText: 'starting research-report on 3 sources' }).count()).toBe(1);
      expect(await page.locator('.trace-item[data-type=ingest-progress]').count()).toBe(0);
      await page.getByRole('tab', { name: 'Report' }).click();
      // The report is the model's: its summary, over the three sources still ticked.
      const text = await page.getByTestId('report').innerText();
      expect(text).toContain('Tracing compiles the hot loops it records.');
      expect(text).toContain('Research on 3 sources');
      expect(agent.failures).toEqual([]);
      expect(documents.map((d) => statSync(d.file).mtimeMs)).toEqual(documents.map((d) => d.mtimeMs));
    } finally {
      await agent.close();
    }
  }, 360_000);
});
