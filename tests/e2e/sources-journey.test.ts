// End-to-end, browser mode: a person with several sources. Three papers and a web page served on
// this computer (a local HTTP server): the page is refused until Settings allows the local network,
// then read over HTTP. PDF to PPT with four sources asks for one; "Only this" on a paper runs it, and
// the run uses the paper as the project already read it (no re-read, no copy in the run folder).
import { type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpus, repoRoot } from '../helpers/corpus.ts';
import { startServe } from './serve.ts';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);

let server: ChildProcess;
let web: Server;
let webUrl = '';
let webHits = 0;
let browser: Browser;
let page: Page;
let url = '';
let work = '';
const serverLog: string[] = [];

const sourceItem = (name: RegExp | string) => page.locator('[data-testid=source]', { hasText: name });

describe.skipIf(!haveChromium)('sources journey in browser mode', () => {
  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'folio-e2e-sources-'));
    const article = readFileSync(corpus('html/readability_medium-1/source.html'));
    web = createServer((req, res) => {
      webHits++;
      if (req.url === '/post.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}/post.html`;
    ({ server, url } = await startServe(repoRoot, work, serverLog));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-background-networking'] });
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.on('pageerror', (err) => serverLog.push(`page error: ${err.message}\n`));
  });

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    web?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('adds three papers and a web page on this computer, read once "allow local network" is on', async () => {
    await page.goto(url);
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await page.getByTestId('file-input').setInputFiles([corpus('papers/pdfjs_tracemonkey.pdf'), corpus('papers/debian_r-strucchange_intro.pdf'), corpus('papers/unstructured_fr_olap.pdf')]);
    await expect.poll(() => page.locator('[data-testid=source][data-status=ready]').count(), { timeout: 180_000 }).toBe(3);

    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('Allow network (web pages, online models)').check();
    await page.keyboard.press('Escape');
    await page.getByLabel('Web page').fill(webUrl);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const refused = page.locator('[data-testid=source][data-status=failed]');
    await refused.waitFor({ timeout: 30_000 });
    expect(await refused.getByTestId('source-error').innerText()).toMatch(/127\.0\.0\.1.*local address.*Settings/);
    expect(webHits).toBe(0);
    await page.getByRole('button', { name: `Remove ${webUrl}` }).click();

    await page.getByRole('button', { name: 'Settings' }).click();
    await dialog.getByLabel(/Also read web pages on this computer/).check();
    await page.keyboard.press('Escape');
    await page.getByLabel('Web page').fill(webUrl);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => page.locator('[data-testid=source][data-status=ready]').count(), { timeout: 60_000 }).toBe(4);
    expect(webHits).toBe(1);
    expect(await sourceItem(/Open Journalism/).count()).toBe(1);
  });

  it('PDF to PPT with four sources: "Only this" on one paper runs it over the document already read', async () => {
    await page.getByLabel('Skill').selectOption('pdf-to-ppt');
    expect(await page.getByTestId('contacts').innerText()).toBe('This run contacts web pages the run opens.');
    const run = page.getByTestId('run');
    expect(await run.isDisabled()).toBe(true);
    expect(await page.getByText(/takes one source; 4 are ticked/).count()).toBe(1);
    await page.getByRole('button', { name: 'Use only pdfjs_tracemonkey.pdf' }).click();
    await expect.poll(() => page.getByTestId('source-tick').evaluateAll((els) => els.map((e) => (e as unknown as { checked: boolean }).checked))).toEqual([true, false, false, false]);
    expect(await run.isDisabled()).toBe(false);
    await page.getByLabel('Slide budget').fill('6');
    await run.click();
    await page.locator('[data-testid=run-view][data-status=done]').waitFor({ timeout: 300_000 });
    expect(await page.locator('.trace-item', { hasText: 'Using pdfjs_tracemonkey.pdf (already read)' }).count()).toBe(1);
    expect(await page.locator('.trace-item[data-type=ingest-progress]').count()).toBe(0);
    await page.getByTestId('slides').waitFor({ timeout: 60_000 });
    // The run folder holds what the run made; the paper's document stays in the project's sources.
    const runs = readdirSync(path.join(work, 'project', 'runs')).filter((d) => !d.startsWith('.'));
    expect(runs).toHaveLength(1);
    expect(existsSync(path.join(work, 'project', 'runs', runs[0]!, 'out', 'sources'))).toBe(false);
  });
});
