// Hostile text from sources never becomes markup: the tracemonkey site from the composer, with
// script tags, event handlers, javascript: URLs and remote images pushed through every text field
// of the model (titles, authors, headings, passages, captions, labels, table cells, BibTeX, source
// metadata, citation quotes, page slugs, link targets). The site must show them as text, run none of
// them, and fetch nothing from outside its own folder.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTheme } from '../../engine/compose/theme.js';
import type { Site, Visual } from '../../engine/compose/types.js';
import { exportSite, type SiteExportResult } from '../../engine/export/site/index.js';
import { CLIENT_SCRIPT } from '../../engine/export/site/client-script.js';
import { outputDir } from '../helpers/corpus.js';
import { launch, pageFacts, visit } from './browser.js';
import { composedSite, TRACEMONKEY } from './fixtures.js';

const HOSTILE = [
  '<script>alert("xss-1")</script>',
  '<img src=x onerror=alert("xss-2")>',
  '<img src="http://evil.example/pixel.png">',
  '<a href="javascript:alert(\'xss-3\')">click</a>',
  '" onmouseover="alert(\'xss-4\')" x="',
  "' autofocus onfocus='alert(5)",
  '<style>body{display:none}</style>',
  '<iframe src="//evil.example/frame"></iframe>',
  '<svg onload=alert(6)>',
  '</textarea></pre></code><script>alert(7)</script>',
  'javascript:alert(8)',
].join(' ');

// Keys that are references between tables or file paths: changing them would only test the
// verifier's drop logic, which site-verify covers. Everything else a source can influence is text.
const STRUCTURAL = new Set(['id', 'sourceId', 'cites', 'visuals', 'tables', 'image', 'path', 'kind', 'layout', 'writer', 'theme', 'header', 'href']);

function poison<T>(x: T, key = ''): T {
  if (typeof x === 'string') return (STRUCTURAL.has(key) ? x : `${x} ${HOSTILE}`) as T;
  if (Array.isArray(x)) return (STRUCTURAL.has(key) ? x : x.map((v) => poison(v, key))) as T;
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = STRUCTURAL.has(k) ? v : poison(v, k);
    return out as T;
  }
  return x;
}

function hostileSite(base: Site): Site {
  const s = poison(base);
  const hero = s.pages[0]!.blocks[0]!;
  if (hero.kind !== 'hero') throw new Error('composer: the first block is the hero');
  hero.links.push(
    { label: `Evil ${HOSTILE}`, href: 'javascript:alert("xss-9")' },
    { label: 'Data', href: 'data:text/html,<script>alert(10)</script>' },
    { label: 'Remote image', href: '//evil.example/x.png' },
  );
  // A table whose cells are hostile, shown as a results table; a visual whose id and image path are.
  const table: Visual = {
    id: `t-${HOSTILE}`,
    kind: 'table',
    label: `Table 9 ${HOSTILE}`,
    caption: `Results ${HOSTILE}`,
    sourceId: base.sources[0]!.id,
    sourceTitle: `TM ${HOSTILE}`,
    page: 11,
    table: { header: true, rows: [[`Bench ${HOSTILE}`, 'Speedup'], [HOSTILE, '25.0'], ['3d-cube', '2.5']] },
  };
  s.visuals[table.id] = table;
  s.visuals[`img-${HOSTILE}`] = { ...table, id: `img-${HOSTILE}`, kind: 'figure', table: undefined, image: `/tmp/"><script>alert(11)</script>.png` };
  s.pages[0]!.blocks.splice(3, 0, { kind: 'results', heading: `Results ${HOSTILE}`, tables: [table.id, `img-${HOSTILE}`], paragraphs: [{ text: HOSTILE, cites: Object.keys(s.citations).slice(0, 1) }] });
  s.sources[0]!.url = 'javascript:alert(12)';
  s.pages.push({ slug: `../../${HOSTILE}`, title: `Second ${HOSTILE}`, blocks: [{ kind: 'list', heading: HOSTILE, items: [{ text: HOSTILE, cites: [] }] }] });
  return s;
}

const dir = path.join(outputDir, 'export-site', 'hostile');
let res: SiteExportResult;
let browser: Browser;

beforeAll(async () => {
  res = await exportSite(hostileSite(await composedSite(TRACEMONKEY)), dir, { theme: await loadTheme('paper') });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('hostile strings in every field', () => {
  it('stay in the site folder, with a safe file name for the extra page', () => {
    const files = res.pages.map((p) => path.relative(dir, p));
    expect(files[0]).toBe('index.html');
    expect(files[1]).toMatch(/^script-alert-xss-1-[a-z0-9-]+\.html$/);
    expect(files.length).toBe(2);
    expect(res.fixes.join('\n')).toMatch(/link "Evil .*unsafe or unusable address/);
  });

  it('produce no script, handler, script URL, frame or remote resource in the markup', () => {
    for (const file of res.pages) {
      const { document } = parseHTML(readFileSync(file, 'utf8'));
      const scripts = [...document.querySelectorAll('script')];
      expect(scripts.length).toBe(1);
      expect(scripts[0]!.textContent).toBe(CLIENT_SCRIPT);
      expect(document.querySelectorAll('iframe, object, embed, svg, link, base, form').length).toBe(0);
      expect(document.querySelectorAll('style').length).toBe(1);
      for (const el of document.querySelectorAll('*')) {
        for (const a of [...el.attributes]) {
          expect(a.name.startsWith('on'), `${file}: <${el.tagName} ${a.name}>`).toBe(false);
          if (['href', 'src'].includes(a.name)) {
            expect(a.value, `${file}: ${a.name}`).not.toMatch(/^\s*(javascript|data|vbscript):/i);
            expect(a.value, `${file}: ${a.name}`).not.toMatch(/^\s*\/\//);
          }
        }
      }
      for (const img of document.querySelectorAll('img')) expect(img.getAttribute('src'), file).toMatch(/^assets\/[a-z0-9-]+\.png$/);
      const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
      expect(csp).toMatch(/^default-src 'none'; img-src 'self'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'/);
    }
  });

  for (const width of [390, 1440]) {
    it(`run nothing and fetch nothing in Chromium at ${width} px, and read as text`, async () => {
      for (const file of res.pages) {
        const v = await visit(browser, file, { width });
        try {
          await v.page.mouse.move(200, 300);
          await v.page.keyboard.press('Tab');
          const f = await pageFacts(v.page);
          expect(v.dialogs, file).toEqual([]);
          expect(v.consoleErrors, file).toEqual([]);
          expect(v.failedRequests, file).toEqual([]);
          expect(v.requests.filter((u) => !u.startsWith(`file://${dir}/`)), file).toEqual([]);
          expect(f.scripts).toBe(1);
          expect(f.undecoded).toEqual([]);
          expect(f.scrollWidth, file).toBeLessThanOrEqual(f.clientWidth);
          const text = await v.page.locator('main').innerText();
          expect(text, file).toContain('<script>alert("xss-1")</script>');
          expect(text, file).toContain('<img src="http://evil.example/pixel.png">');
          if (file === res.index) {
            expect(await v.page.locator('.hero h1').innerText()).toContain('<iframe src="//evil.example/frame"></iframe>');
            expect(await v.page.locator('section.block-results td').first().innerText()).toContain('<svg onload=alert(6)>');
            await v.page.screenshot({ path: path.join(outputDir, 'export-site', `hostile-${width}.png`) });
          }
        } finally {
          await v.context.close();
        }
      }
    });
  }
});
