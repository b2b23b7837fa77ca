// Opens a page in headless Chromium with CSP off (bypassCSP, and any meta CSP stripped) and reports
// what of a payload is alive there: dialogs that fired, and the elements a click, hover, load or
// timer could still run (handlers, script URLs after the URL parser, srcdoc frames, refreshes,
// scripts that call alert). Folio's own site script is not a payload: it never calls alert.
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface Probe {
  dialogs: string[];
  live: string[];
}

export async function cspOffContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1000, height: 800 } });
  // Nothing leaves the machine; a payload that loads a remote URL just fails.
  await context.route(/^https?:/, (r) => r.abort());
  return context;
}

/** Strips <meta http-equiv=Content-Security-Policy>, so a page's own CSP cannot hide a leak. */
export function stripMetaCsp(html: string): string {
  return html.replace(/<meta[^>]+http-equiv=["']?content-security-policy["']?[^>]*>/gi, '');
}

// Runs in the page: a string, since the tests project has no DOM types.
const LIVE = `(() => {
  const out = [];
  const bad = (v) => /^\\s*(javascript|vbscript|data:text\\/html|data:image\\/svg)/i.test(String(v ?? '').replace(/[\\t\\n\\r]/g, ''));
  const visit = (doc, where) => {
    for (const el of doc.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) out.push(where + tag + ' ' + a.name + '=' + a.value.slice(0, 60));
        if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster', 'background'].includes(a.name.toLowerCase()) && bad(a.value)) out.push(where + tag + ' ' + a.name + '=' + a.value.slice(0, 60));
      }
      if ((tag === 'a' || tag === 'area') && el.href && bad(el.href) && !out.some((o) => o.includes(el.href.slice(0, 60)))) out.push(where + tag + ' href→' + el.href.slice(0, 60));
      if (tag === 'iframe' && el.hasAttribute('srcdoc')) out.push(where + 'iframe srcdoc');
      if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') ?? '')) out.push(where + 'meta refresh');
      if (tag === 'script' && /alert\\s*\\(/.test(el.textContent ?? '')) out.push(where + 'script ' + (el.textContent ?? '').slice(0, 60));
      if (tag === 'iframe') { try { if (el.contentDocument) visit(el.contentDocument, where + 'iframe>'); } catch {} }
    }
  };
  visit(document, '');
  return out;
})()`;

async function settle(page: Page): Promise<void> {
  // Give onerror, onbegin (SVG animation), autofocus and refreshes time to fire.
  await page.waitForTimeout(250);
}

export async function probePage(context: BrowserContext, load: (page: Page) => Promise<void>): Promise<Probe> {
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    await load(page);
    await settle(page);
    const live = await page.evaluate<string[]>(LIVE);
    return { dialogs, live };
  } finally {
    await page.close();
  }
}
