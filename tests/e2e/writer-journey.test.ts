// End-to-end, the writer (issue 26): from an empty project, one paper added → a short write-up for
// students → previewed, a citation opening the cited page → exported as one Markdown file (front
// matter, the write-up's sections, citations to pages, a reference list naming the paper, figures
// inlined). Then the same write-up with a model (the scripted OpenAI-compatible server): its words
// stream into the run panel section by section, and the exported Markdown is the model's, cited.
// Browser mode (`npm run serve`) driven by Debian's chromium; screenshots go to tests/.output/e2e/.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, startScriptedServer, type ReceivedRequest } from '../providers/scripted-server.ts';
import { addFiles, CHROMIUM, download, openApp, openFirstCitation, streamedText, useModel, type App } from './helpers.ts';

const PAPER = 'mineru_demo2_stereo.pdf'; // 6 pages
const GOAL = 'Explain how this stereo matching method works, for a first-year class';

let app: App;
const runDone = () => app.page.locator('[data-testid=run-view][data-status=done]');
/** Markdown citations as the exporter writes them: "[\[1, p. 3\]](#references)". */
const CITE = /\[\\\[(\d+), p\. (\d+)\\\]\]\(#references\)/g;

/** The text of a request's messages (a message with images has its text in parts). */
function promptText(r: ReceivedRequest): string {
  return r.body.messages.map((m) => (typeof m.content === 'string' ? m.content : (m.content as { type: string; text?: string }[]).map((p) => p.text ?? '').join('\n'))).join('\n');
}

async function writeUp(): Promise<void> {
  const { page } = app;
  await page.getByTestId('run').click();
  await runDone().waitFor({ timeout: 240_000 });
  await page.getByRole('tab', { name: 'Report' }).click();
  await page.getByTestId('report').waitFor({ timeout: 60_000 });
}

describe.skipIf(!existsSync(CHROMIUM))('the writer journey in browser mode', () => {
  beforeAll(async () => {
    app = await openApp('writer', { downloads: true });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('starts from an empty project, adds a paper and writes a short write-up for students', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    expect(await page.locator('[data-testid=source]').count()).toBe(0);
    expect(await page.getByTestId('outputs').innerText()).toContain('Nothing made yet.');
    await addFiles(page, [`papers/${PAPER}`]);
    await page.getByLabel('Skill').selectOption('doc-writing');
    await page.getByLabel('Length').selectOption('short');
    await page.getByLabel('Audience').selectOption('student');
    await page.getByLabel('Goal').fill(GOAL);
    await writeUp();
    expect(await page.locator('.trace-item[data-type=ingest-progress]').count()).toBe(0);
    // The research agent's counts (plan, reads, state updates) are not shown for a skill that has none.
    expect(await page.getByTestId('phase-counts').innerText()).toMatch(/^\d+ events$/);
    // A write-up keeps no research notes: the Evidence panel says so rather than "appear here".
    await expect.poll(() => page.getByTestId('evidence-empty').innerText()).toBe('This run kept no notes or chosen visuals.');
    const report = page.getByTestId('report');
    expect(await report.locator('h1').count()).toBe(1);
    expect(await report.locator('h2').count()).toBeGreaterThanOrEqual(2);
    await app.shot('60-writer-report');
  }, 300_000);

  it('opens a citation of the write-up at the cited page', async () => {
    const { page } = app;
    const { viewer, pageNo } = await openFirstCitation(page);
    expect(await viewer.innerText()).toContain(`Page ${pageNo} of 6`);
    await page.keyboard.press('Escape');
    await expect.poll(() => viewer.count()).toBe(0);
  }, 120_000);

  it('exports one Markdown file: the write-up, cited to pages of the paper, figures inside', async () => {
    const preview = await app.page.getByTestId('report').innerText();
    const md = readFileSync(await download(app, 'export-markdown', 'write-up.md'), 'utf8');
    expect(md).toMatch(/^---\n[\s\S]*?\n---\n/);
    expect(md.match(/^# .+/gm)).toHaveLength(1);
    // The sections the preview shows are the file's.
    const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
    expect(headings.length).toBeGreaterThanOrEqual(2);
    // (The preview sets its headings in capitals with CSS: compare the words.)
    for (const h of headings) expect(preview.toLowerCase()).toContain(h.replace(/\\(.)/g, '$1').toLowerCase());
    // Cited to pages that exist, every number in the reference list, which names the paper.
    const cites = [...md.matchAll(CITE)].map((m) => ({ n: Number(m[1]), page: Number(m[2]) }));
    expect(cites.length).toBeGreaterThan(2);
    expect(cites.every((c) => c.page >= 1 && c.page <= 6)).toBe(true);
    const refs = md.split(/^## References$/m)[1] ?? '';
    expect(refs).toMatch(/stereo/i);
    for (const n of new Set(cites.map((c) => c.n))) expect(refs).toMatch(new RegExp(`^${n}\\. `, 'm'));
    // Self-contained: figures as data URLs, no link to a file left behind.
    expect(md.match(/!\[[^\]]*\]\(data:image\/(png|jpeg);base64,/g)?.length ?? 0).toBeGreaterThan(0);
    expect(md).not.toMatch(/!\[[^\]]*\]\((?!data:)/);
  }, 120_000);

  it('with a model: its words stream into the run panel, and the Markdown is the model’s write-up, cited', async () => {
    const { page } = app;
    const written = (r: ReceivedRequest): string => {
      const heading = /^Section: (.+)$/m.exec(promptText(r));
      return `For the class, the part on ${heading?.[1] ?? 'this section'} says the method matches each pixel along its row [1]. It weighs the pixels around each one by colour and distance [1]. It keeps the match that costs least [1].`;
    };
    const sent: string[] = [];
    const model = await startScriptedServer([], {
      rest: {
        name: 'writer',
        expect: (r) => {
          expect(r.body.tools).toBeUndefined();
          expect(promptText(r)).toMatch(/for student readers in a neutral tone/);
        },
        reply: (r) => {
          sent.push(written(r));
          // The first section slowly, so that its words are seen while they arrive.
          return { kind: 'sse', chunkDelayMs: sent.length === 1 ? 150 : 20, chunks: answer({ text: sent.at(-1)! }) };
        },
      },
    });
    try {
      await useModel(page, { name: 'Writing model', model: 'scripted-writer', baseUrl: model.url });
      await page.getByTestId('run').click();
      await expect.poll(() => sent.length, { timeout: 60_000 }).toBeGreaterThan(0);
      await streamedText(page, sent.join(' '));
      await app.shot('61-writer-model-streaming');
      await runDone().waitFor({ timeout: 180_000 });
      await page.getByRole('tab', { name: 'Report' }).click();
      expect(await page.getByTestId('report').innerText()).toContain('says the method matches each pixel along its row');
      const md = readFileSync(await download(app, 'export-markdown', 'write-up-model.md'), 'utf8');
      // Each section the model wrote is its paragraph, the "[1]" markers gone and the paragraph's
      // citations gathered at its end, to a page of the paper.
      const paragraphs = [...md.matchAll(/^For the class, the part on .+ says the method matches each pixel along its row\. It weighs the pixels around each one by colour and distance\. It keeps the match that costs least\. \[\\\[1, p\. [1-6]\\\]\]\(#references\)$/gm)];
      expect(paragraphs.length, md.replace(/data:image[^)]*/g, 'data:…')).toBe(sent.length);
      expect(md).not.toContain('[1]. It keeps');
      expect(model.failures).toEqual([]);
      await app.shot('62-writer-model-report');
    } finally {
      await model.close();
    }
  }, 300_000);
});
