// End-to-end, browser mode: a person with several sources. Three papers and a web page served on
// this computer (a local HTTP server): the page is refused until Settings allows the local network,
// then read over HTTP. PDF to PPT with four sources asks for one; "Only this" on a paper runs it, and
// the run uses the paper as the project already read it (no re-read, no copy in the run folder).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFiles, CHROMIUM, openApp, serveArticle, waitForReady, type App } from './helpers.ts';

let app: App;
let page: Page;
let work = '';
let web: Awaited<ReturnType<typeof serveArticle>>;

const sourceItem = (name: RegExp | string) => page.locator('[data-testid=source]', { hasText: name });

describe.skipIf(!existsSync(CHROMIUM))('sources journey in browser mode', () => {
  beforeAll(async () => {
    web = await serveArticle();
    app = await openApp('sources');
    ({ page, work } = app);
  });

  afterAll(async () => {
    await app?.close();
    web?.close();
  });

  it('adds three papers and a web page on this computer, read once "allow local network" is on', async () => {
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    // Small documents (6, 1 and 2 pages): the round stays short.
    await addFiles(page, ['papers/mineru_demo2_stereo.pdf', 'annotated/docling/2305.03393v1-pg9.pdf', 'annotated/docling/picture_classification.pdf']);

    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('Allow network (web pages, online models)').check();
    await page.keyboard.press('Escape');
    await page.getByLabel('Web page').fill(web.url);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const refused = page.locator('[data-testid=source][data-status=failed]');
    await refused.waitFor({ timeout: 30_000 });
    expect(await refused.getByTestId('source-error').innerText()).toMatch(/127\.0\.0\.1.*local address.*Settings/);
    expect(web.hits()).toBe(0);
    await page.getByRole('button', { name: `Remove ${web.url}` }).click();

    await page.getByRole('button', { name: 'Settings' }).click();
    await dialog.getByLabel(/Also read web pages on this computer/).check();
    await page.keyboard.press('Escape');
    await page.getByLabel('Web page').fill(web.url);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await waitForReady(page, 4);
    expect(web.hits()).toBe(1);
    expect(await sourceItem(/Open Journalism/).count()).toBe(1);
  });

  it('PDF to PPT with four sources: "Only this" on one paper runs it over the document already read', async () => {
    await page.getByLabel('Skill').selectOption('pdf-to-ppt');
    expect(await page.getByTestId('contacts').innerText()).toBe('This run contacts web pages the run opens.');
    const run = page.getByTestId('run');
    expect(await run.isDisabled()).toBe(true);
    expect(await page.getByText(/takes one source; 4 are ticked/).count()).toBe(1);
    await page.getByRole('button', { name: 'Use only mineru_demo2_stereo.pdf' }).click();
    await expect.poll(() => page.getByTestId('source-tick').evaluateAll((els) => els.map((e) => (e as unknown as { checked: boolean }).checked))).toEqual([true, false, false, false]);
    expect(await run.isDisabled()).toBe(false);
    await page.getByLabel('Slide budget').fill('6');
    await run.click();
    await page.locator('[data-testid=run-view][data-status=done]').waitFor({ timeout: 300_000 });
    expect(await page.locator('.trace-item', { hasText: 'Using mineru_demo2_stereo.pdf (already read)' }).count()).toBe(1);
    expect(await page.locator('.trace-item[data-type=ingest-progress]').count()).toBe(0);
    await page.getByTestId('slides').waitFor({ timeout: 60_000 });
    // The run folder holds what the run made; the paper's document stays in the project's sources.
    const runs = readdirSync(path.join(work, 'project', 'runs')).filter((d) => !d.startsWith('.'));
    expect(runs).toHaveLength(1);
    expect(existsSync(path.join(work, 'project', 'runs', runs[0]!, 'out', 'sources'))).toBe(false);
  });
});
