// Steps the end-to-end journeys share: open the app on an empty project (one server and one browser
// per file), add files and wait until they are read, serve a web page on this computer, add the
// scripted model as a provider in Settings and pick it, watch a model's words stream into the run
// panel, download an export, and check what was exported (a zip whose pages find their files, an
// HTML page whose images all decode in Chromium).
import { type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { corpus, outputDir, repoRoot } from '../helpers/corpus.ts';
import { startServe } from './serve.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const shotsDir = path.join(outputDir, 'e2e');

export interface App {
  page: Page;
  browser: Browser;
  server: ChildProcess;
  /** The app's address, with its token. */
  url: string;
  /** The temporary folder: project/, data/, downloads/. */
  work: string;
  /** What the server printed, and the page's errors: for failure messages. */
  log: string[];
  shot(name: string): Promise<unknown>;
  close(): Promise<void>;
}

/** `npm run serve` on a new, empty project and a Chromium page on it (not yet navigated). */
export async function openApp(name: string, opts: { downloads?: boolean } = {}): Promise<App> {
  mkdirSync(shotsDir, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), `folio-e2e-${name}-`));
  const log: string[] = [];
  const { server, url } = await startServe(repoRoot, work, log);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-background-networking'] });
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: opts.downloads ?? false })).newPage();
  page.on('pageerror', (err) => log.push(`page error: ${err.message}\n`));
  return {
    page,
    browser,
    server,
    url,
    work,
    log,
    shot: (shot) => page.screenshot({ path: path.join(shotsDir, `${shot}.png`) }),
    close: async () => {
      await browser.close();
      server.kill('SIGTERM');
      rmSync(work, { recursive: true, force: true });
    },
  };
}

const ready = (page: Page) => page.locator('[data-testid=source][data-status=ready]');

/** Adds corpus files through the file picker and waits until `total` sources (all of them, by default the ones added) are read. */
export async function addFiles(page: Page, files: string[], opts: { total?: number; timeout?: number } = {}): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(files.map((f) => corpus(f)));
  await waitForReady(page, opts.total ?? files.length, opts.timeout ?? 60_000 * files.length);
}

/** Waits until the project lists `n` sources ready. */
export async function waitForReady(page: Page, n: number, timeout = 60_000): Promise<void> {
  await expect.poll(() => ready(page).count(), { timeout }).toBe(n);
}

/** A web page (a Readability test article) served on 127.0.0.1; `hits` counts the requests it got. */
export async function serveArticle(): Promise<{ url: string; hits: () => number; close: () => void }> {
  const article = readFileSync(corpus('html/readability_medium-1/source.html'));
  let hits = 0;
  const web: Server = createServer((req, res) => {
    hits++;
    if (req.url === '/post.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(web.address() as AddressInfo).port}/post.html`, hits: () => hits, close: () => web.close() };
}

/** Settings → a model provider (the scripted server, an OpenAI-compatible endpoint) added, then chosen as the task's model. */
export async function useModel(page: Page, p: { name: string; model: string; baseUrl: string }): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Name').fill(p.name);
  await dialog.getByLabel('Model', { exact: true }).fill(p.model);
  await dialog.getByLabel('Base URL (OpenAI-compatible)').fill(p.baseUrl);
  await dialog.getByRole('button', { name: 'Add provider' }).click();
  await dialog.getByRole('button', { name: `Edit ${p.name}` }).waitFor();
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.count()).toBe(0);
  await page.getByLabel('Model').selectOption({ label: `${p.name} — ${p.model}` });
}

/**
 * Waits for a model's words to show in the run panel while its request is still streaming, and
 * checks they are the start of what the model sends (`sent`). Returns what was shown.
 */
export async function streamedText(page: Page, sent: string): Promise<string> {
  const live = page.locator('.trace-item[data-type=model-stream] .model-stream:not(.done) .model-text');
  await live.first().waitFor({ timeout: 60_000 });
  const partial = await live.first().innerText();
  expect(partial.length).toBeGreaterThan(10);
  expect(sent.replace(/\s+/g, ' ')).toContain(partial.replace(/^…/, '').replace(/\s+/g, ' ').trim().slice(0, 20));
  await live.first().scrollIntoViewIfNeeded();
  return partial;
}

/** Presses an export button and saves what it downloads as downloads/<name>. */
export async function download(app: App, testId: string, name: string): Promise<string> {
  const [d] = await Promise.all([app.page.waitForEvent('download', { timeout: 60_000 }), app.page.getByTestId(testId).click()]);
  const file = path.join(app.work, 'downloads', name);
  mkdirSync(path.dirname(file), { recursive: true });
  await d.saveAs(file);
  return file;
}

/** A zip's files, its HTML pages, and each relative link of a page to a file the zip lacks. */
export async function zipIsWhole(file: string): Promise<{ zip: JSZip; pages: string[]; files: Set<string>; missing: string[] }> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const files = new Set(Object.keys(zip.files).filter((n) => !zip.files[n]!.dir));
  const pages = [...files].filter((n) => n.endsWith('.html'));
  const missing: string[] = [];
  for (const p of pages) {
    const html = await zip.file(p)!.async('string');
    for (const m of html.matchAll(/\s(?:src|href)="([^"#?]+)[^"]*"/g)) {
      if (/^(?:[a-z]+:|\/\/)/i.test(m[1]!)) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(p), decodeURI(m[1]!)));
      if (!files.has(target)) missing.push(`${p} → ${m[1]}`);
    }
  }
  return { zip, pages, files, missing };
}

/** Writes every file of a zip under `dir` (names checked to stay inside it). */
export async function unzipTo(zip: JSZip, dir: string): Promise<void> {
  for (const [name, entry] of Object.entries(zip.files)) {
    const to = path.resolve(dir, name);
    expect(to.startsWith(path.resolve(dir) + path.sep), name).toBe(true);
    if (entry.dir) continue;
    mkdirSync(path.dirname(to), { recursive: true });
    writeFileSync(to, await entry.async('nodebuffer'));
  }
}

/** Every image of a page or frame, decoded: how many, and the src of each that did not (naturalWidth 0). */
export async function imagesDecoded(frame: Page | Frame): Promise<{ n: number; broken: string[] }> {
  return (await frame.evaluate(`(async () => {
    const imgs = [...document.images];
    await Promise.all(imgs.map((i) => i.decode().catch(() => undefined)));
    return { n: imgs.length, broken: imgs.filter((i) => !(i.naturalWidth > 0)).map((i) => i.getAttribute('src')) };
  })()`)) as { n: number; broken: string[] };
}

/** Opens a file exported to disk in a new tab of the app's browser, as a user double-clicking it would (file://). */
export async function openExported(app: App, file: string): Promise<{ page: Page; errors: string[] }> {
  const tab = await app.page.context().newPage();
  const errors: string[] = [];
  tab.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(pathToFileURL(file).href);
  return { page: tab, errors };
}

/** Ticks a checkbox whose state is the server's (Settings): it turns once the setting is saved, which a busy machine can take a while to do. */
export async function tick(box: Locator): Promise<void> {
  for (let i = 0; i < 4 && !(await box.isChecked()); i++) {
    // A click asks for "on" (not a toggle), so asking again while the first answer is on its way is harmless.
    await box.click();
    await expect.poll(() => box.isChecked(), { timeout: 5_000 }).toBe(true).catch(() => undefined);
  }
  expect(await box.isChecked()).toBe(true);
}

/** Clicks the report's first citation and waits for the page viewer; returns it with the cited page number. */
export async function openFirstCitation(page: Page): Promise<{ viewer: Locator; pageNo: string }> {
  const cite = page.getByTestId('report').locator('a[href="#references"]').first();
  const [, pageNo] = /\[\d+, p\. (\d+)\]/.exec(await cite.innerText()) ?? [];
  expect(pageNo).toBeDefined();
  await cite.click();
  const viewer = page.getByTestId('page-viewer');
  await viewer.getByRole('img').waitFor({ timeout: 60_000 });
  return { viewer, pageNo: pageNo! };
}
