// End-to-end, the analyst's report: one paper → research report with a site → the site preview is
// the site's own files in a sandboxed frame, and every figure in it decodes (naturalWidth > 0, no
// CSP refusal) → a citation in the report opens the cited page with the quote's box highlighted.
// Browser mode (`npm run serve`) driven by Debian's chromium; screenshots go to tests/.output/e2e/.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFiles, CHROMIUM, imagesDecoded, openApp, type App } from './helpers.ts';

let app: App;
let page: Page;
let url = '';
let work = '';
const consoleErrors: string[] = [];
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}
/** axe-core's WCAG 2 A/AA rules over the page as it is now: the serious and critical violations, one line each node. */
async function axe(where: string): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP (script-src 'self') does not govern.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)`)) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${where}: ${v.id} (${v.impact}) ${v.help} at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`));
}

// Run in the page (this project's test code has no DOM types, hence the casts).
// Serialised into the page: no closures.
type Doc = { document: { activeElement: unknown } };
const IS_ACTIVE = (el: unknown): boolean => el === (globalThis as unknown as Doc).document.activeElement;
const HOLDS_FOCUS = (el: unknown): boolean => (el as { contains(x: unknown): boolean }).contains((globalThis as unknown as Doc).document.activeElement);
const shot = (name: string) => app.shot(name);

describe.skipIf(!existsSync(CHROMIUM))('report journey in browser mode', () => {
  beforeAll(async () => {
    app = await openApp('report', { downloads: true });
    ({ page, url, work } = app);
    // CSP refusals land in the console, in the frame's as well as the page's.
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('makes a report and a site from one paper', async () => {
    await page.goto(url);
    await addFiles(page, ['papers/pdfjs_tracemonkey.pdf']);
    await page.getByLabel('Skill').selectOption('research-report');
    await page.getByLabel('Site (HTML)').check();
    await page.getByLabel('HTML slides').check();
    await page.getByLabel('Goal').fill('How does trace-based compilation speed up JavaScript?');
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid=run-view][data-status=done]').waitFor({ timeout: 300_000 });
    await page.getByRole('tab', { name: 'Site' }).waitFor({ timeout: 60_000 });
  }, 420_000);

  it('previews the site from its own files, every figure decoded, in a frame that runs no script', async () => {
    await page.getByRole('tab', { name: 'Site' }).click();
    const frameEl = page.getByTestId('site');
    await frameEl.waitFor();
    // Sandboxed: no scripts and an opaque origin (the site cannot reach the app's API with its cookie).
    const sandbox = await frameEl.getAttribute('sandbox');
    expect(sandbox).not.toBeNull();
    expect(sandbox).not.toMatch(/allow-scripts|allow-same-origin/);
    const src = (await frameEl.getAttribute('src')) ?? '';
    expect(src).toMatch(/^\/site\/[0-9a-f]{32}\/index\.html$/);
    // Served with a CSP of its own, and only under its key.
    const res = await fetch(new URL(src, url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*img-src 'self'/);
    expect((await fetch(new URL(src.replace(/[0-9a-f]{32}/, '0'.repeat(32)), url))).status).toBe(404);
    expect((await fetch(new URL(src.replace('index.html', '..%2F..%2Fstate.json'), url))).status).toBe(404);

    const frame = page.frameLocator('[data-testid=site]');
    await frame.locator('h1').first().waitFor({ timeout: 30_000 });
    // The front page, and each section page it links to: every image there decodes.
    const handle = await frameEl.elementHandle();
    const content = await handle!.contentFrame();
    const front = await imagesDecoded(content!);
    expect(front.broken).toEqual([]);
    await shot('20-site-preview');
    const pages = (await content!.evaluate(`[...new Set([...document.querySelectorAll('a[href$=".html"]')].map((a) => a.getAttribute('href')).filter((h) => !/^[a-z]+:/i.test(h) && h !== 'index.html'))]`)) as string[];
    let figures = front.n;
    for (const href of pages.slice(0, 6)) {
      await content!.goto(new URL(href, content!.url()).href);
      const r = await imagesDecoded(content!);
      expect(r.broken, href).toEqual([]);
      if (r.n > 0 && figures === front.n) {
        await content!.locator('img').first().scrollIntoViewIfNeeded();
        await shot('20b-site-figure');
      }
      figures += r.n;
    }
    // Every visual the run chose (the evidence board lists them) is a figure of the site.
    const chosen = await page.getByRole('list', { name: 'Visuals' }).getByRole('listitem').count();
    expect(chosen).toBeGreaterThan(0);
    expect(figures, 'figures across the site').toBeGreaterThanOrEqual(chosen);
    // A "p. N" link to a source PDF: the sandboxed frame cannot show a PDF; it gets a page saying so, with a way back.
    let followed = false;
    for (const href of ['index.html', ...pages]) {
      await content!.goto(new URL(href, content!.url()).href);
      const pdfLink = content!.locator('a[href*="sources/"][href*=".pdf"]').first();
      if ((await pdfLink.count()) === 0) continue;
      await pdfLink.click();
      await content!.getByText('The preview does not open PDFs').waitFor({ timeout: 10_000 });
      await shot('20c-site-pdf-link');
      await content!.getByRole('link', { name: 'Back to the site’s front page' }).click();
      await content!.locator('h1').first().waitFor();
      expect(content!.url()).toMatch(/\/site\/[0-9a-f]{32}\/index\.html$/);
      followed = true;
      break;
    }
    expect(followed, 'the site links a source page').toBe(true);
    // The site's theme-toggle script is refused by the sandbox (as it should be); no image or style is refused by the CSP.
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to (load|apply)/i.test(e))).toEqual([]);
  }, 120_000);

  it('opens a report citation at the cited page with the quote boxed', async () => {
    await page.getByRole('tab', { name: 'Report' }).click();
    const report = page.getByTestId('report');
    await report.waitFor();
    const cite = report.locator('a[href="#references"]').first();
    const [, page1] = /\[\d+, p\. (\d+)\]/.exec(await cite.innerText()) ?? [];
    expect(page1).toBeDefined();
    await cite.click();
    const viewer = page.getByTestId('page-viewer');
    await viewer.getByRole('img').waitFor({ timeout: 60_000 });
    expect(await viewer.innerText()).toContain(`Page ${page1} of`);
    const box = await viewer.getByTestId('highlight').boundingBox();
    const img = await viewer.getByRole('img').boundingBox();
    expect(box && img && box.width > 5 && box.height > 3 && box.y >= img.y - 1 && box.y + box.height <= img.y + img.height + 1).toBe(true);
    await shot('21-citation-page');
    await page.keyboard.press('Escape');
    await expect.poll(() => viewer.count()).toBe(0);
  }, 120_000);

  it('is usable from the keyboard: one Tab stop for the thumbnails, dialogs keep focus and give it back', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Tab');
    let tabs = 1;
    while (tabs < 60 && !(await page.getByLabel('Goal').evaluate(IS_ACTIVE))) {
      await page.keyboard.press('Tab');
      tabs++;
    }
    // Was 1 + 12 thumbnails + the rest with one paper; each further paper added 12 more.
    expect(tabs).toBeLessThan(15);
    const first = page.getByRole('button', { name: 'Open page 1 of pdfjs_tracemonkey.pdf' });
    await first.focus();
    await page.keyboard.press('ArrowRight');
    const second = page.getByRole('button', { name: 'Open page 2 of pdfjs_tracemonkey.pdf' });
    expect(await second.evaluate(IS_ACTIVE)).toBe(true);
    await page.keyboard.press('Enter');
    const viewer = page.getByTestId('page-viewer');
    await viewer.waitFor();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      expect(await viewer.evaluate(HOLDS_FOCUS), `Tab ${i + 1} stays in the viewer`).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await viewer.evaluate(HOLDS_FOCUS)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => viewer.count()).toBe(0);
    expect(await second.evaluate(IS_ACTIVE), 'focus is back on the thumbnail').toBe(true);

    const settingsButton = page.getByRole('button', { name: 'Settings' });
    await settingsButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    expect(await dialog.evaluate(HOLDS_FOCUS)).toBe(true);
    for (let i = 0; i < 40; i++) await page.keyboard.press('Tab');
    expect(await dialog.evaluate(HOLDS_FOCUS)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await settingsButton.evaluate(IS_ACTIVE)).toBe(true);
  }, 60_000);

  it('has no serious or critical axe-core violations on the main screens, in both themes', async () => {
    const found: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.getByRole('tab', { name: 'Report' }).click();
      found.push(...(await axe(`${theme} main, report`)));
      await page.getByRole('tab', { name: 'Site' }).click();
      found.push(...(await axe(`${theme} main, site`)));
      await page.getByRole('tab', { name: 'Deck' }).click();
      await page.locator('.slide-thumb iframe').first().waitFor();
      found.push(...(await axe(`${theme} main, deck`)));
      await page.getByRole('button', { name: 'Open page 1 of pdfjs_tracemonkey.pdf' }).click();
      await page.getByTestId('page-viewer').getByRole('img').waitFor({ timeout: 60_000 });
      found.push(...(await axe(`${theme} page viewer`)));
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('dialog', { name: 'Settings' }).waitFor();
      found.push(...(await axe(`${theme} settings`)));
      await shot(`22-axe-settings-${theme}`);
      await page.keyboard.press('Escape');
    }
    expect(found).toEqual([]);
  }, 120_000);

  it('previews the HTML slides and exports them as a zip whose pages find every file they use', async () => {
    await page.getByRole('tab', { name: 'Deck' }).click();
    await expect.poll(() => page.locator('.slide-thumb iframe').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
    await shot('24-html-slides');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-slides').click()]);
    const file = path.join(work, 'slides.zip');
    await download.saveAs(file);
    const zip = await JSZip.loadAsync(readFileSync(file));
    const files = new Set(Object.keys(zip.files).filter((n) => !zip.files[n]!.dir));
    const pages = [...files].filter((n) => n.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(0);
    for (const p of pages) {
      const html = await zip.file(p)!.async('string');
      for (const m of html.matchAll(/\s(?:src|href)="([^"#?]+)[^"]*"/g)) {
        if (/^(?:[a-z]+:|\/\/)/i.test(m[1]!)) continue;
        expect(files.has(path.posix.normalize(path.posix.join(path.posix.dirname(p), decodeURI(m[1]!)))), `${p} links ${m[1]}`).toBe(true);
      }
    }
  }, 120_000);

  it('the writer: a write-up from the paper, exported as one Markdown file with its figures inside', async () => {
    await page.getByLabel('Skill').selectOption('doc-writing');
    await page.getByLabel('Goal').fill('A short write-up on trace-based compilation for students');
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid=run-view][data-status=running]').waitFor({ timeout: 20_000 }).catch(() => undefined);
    await page.locator('[data-testid=run-view][data-status=done]').waitFor({ timeout: 300_000 });
    await page.getByTestId('report').waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-markdown').click()]);
    const file = path.join(work, 'write-up.md');
    await download.saveAs(file);
    const md = readFileSync(file, 'utf8');
    expect(md).toMatch(/^---\n/);
    expect(md).toMatch(/^# .+/m);
    // Self-contained: images inlined, cited to pages; no link to a file left behind.
    expect(md.match(/!\[[^\]]*\]\(data:image\/(png|jpeg);base64,/g)?.length ?? 0).toBeGreaterThan(0);
    expect(md).not.toMatch(/!\[[^\]]*\]\((?!data:)/);
    expect(md).toMatch(/\[\\\[1, p\. \d+\\\]\]\(#references\)/);
    await shot('23-writer-report');
  }, 360_000);
});
