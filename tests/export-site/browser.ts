// Headless Chromium (Debian's /usr/bin/chromium through playwright-core) for the site tests: opens a
// page from file:// and records everything a reader's browser would complain about.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-background-networking'] });
}

export interface Visit {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  failedRequests: string[];
  /** Every URL the page asked for (navigation included). */
  requests: string[];
  dialogs: string[];
}

export async function visit(browser: Browser, file: string, opts: { width: number; height?: number; colorScheme?: 'light' | 'dark' }): Promise<Visit> {
  const context = await browser.newContext({
    viewport: { width: opts.width, height: opts.height ?? 900 },
    colorScheme: opts.colorScheme ?? 'light',
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const v: Visit = { context, page, consoleErrors: [], failedRequests: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') v.consoleErrors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => v.consoleErrors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => v.failedRequests.push(`${r.url()} (${r.failure()?.errorText ?? '?'})`));
  page.on('request', (r) => v.requests.push(r.url()));
  page.on('dialog', (d) => {
    v.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  // Images decode off the main thread; wait for all of them before measuring or taking pictures.
  // (Browser-side code is passed as strings: the tests project has no DOM types.)
  await page.evaluate('Promise.all([...document.images].map((i) => i.decode().catch(() => undefined)))');
  return v;
}

export interface PageFacts {
  scrollWidth: number;
  clientWidth: number;
  images: number;
  undecoded: string[];
  figures: number;
  scripts: number;
}

/** Facts about the loaded page a reader would notice. */
export function pageFacts(page: Page): Promise<PageFacts> {
  return page.evaluate<PageFacts>(`({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    images: document.images.length,
    undecoded: [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.getAttribute('src') ?? ''),
    figures: document.querySelectorAll('figure').length,
    scripts: document.scripts.length,
  })`);
}
