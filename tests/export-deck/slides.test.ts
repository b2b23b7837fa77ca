// HTML slides from the same Deck, loaded in headless Chromium from file:// the way a user opens them:
// no console errors, no failed or remote requests, every image decoded, keyboard navigation, no text
// leaving its box; and nothing from a hostile source becomes markup, a handler or a remote load.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deck } from '../../engine/compose/types.js';
import { exportSlides } from '../../engine/export/deck/index.js';
import { outputDir } from '../helpers/corpus.js';
import { ingested } from '../helpers/ingest-cache.js';
import { deckFromDocument } from './build-deck.js';
import { launchChromium } from './render.js';

const OUT = path.join(outputDir, 'export-deck');

interface Loaded {
  page: Page;
  errors: string[];
  failed: string[];
  remote: string[];
}

async function open(browser: Browser, index: string, width = 1440, height = 900): Promise<Loaded> {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  const failed: string[] = [];
  const remote: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('request', (r) => {
    if (!r.url().startsWith('file://')) remote.push(r.url());
  });
  await page.goto(pathToFileURL(index).href, { waitUntil: 'load' });
  return { page, errors, failed, remote };
}

// Runs in the page (a string, since the test project has no DOM types).
const IMAGES = `Array.from(document.images).map((i) => ({ src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0 }))`;
const CURRENT = `(() => { const s = document.querySelector('.stage .slide.current'); return s && document.body.classList.contains('presenting') ? Number(s.dataset.n) : 0; })()`;
// Text boxes of the current slide whose content reaches outside the box (more than a pixel).
const OVERFLOWING = `(() => {
  const s = document.querySelector('.stage .slide.current');
  const out = [];
  for (const box of s.querySelectorAll('.box')) {
    const b = box.getBoundingClientRect();
    for (const c of box.children) {
      const r = c.getBoundingClientRect();
      if (r.top < b.top - 1 || r.bottom > b.bottom + 1 || r.right > b.right + 1) out.push(box.className + ': ' + c.textContent.slice(0, 60));
    }
  }
  return out;
})()`;

describe('tracemonkey → slides/index.html', () => {
  let browser: Browser;
  let index: string;
  let count: number;
  let deck: Deck;
  beforeAll(async () => {
    const dir = path.join(OUT, 'slides-tracemonkey');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const { doc, assets } = await ingested('papers/pdfjs_tracemonkey.pdf', true);
    const input = await deckFromDocument(doc, assets, path.join(dir, '..', 'slides-tracemonkey-crops'), 'midnight');
    const res = await exportSlides(input, dir, { theme: 'midnight' });
    index = res.index;
    count = res.slideCount;
    deck = res.deck;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('writes index.html and copies every shown image into assets/', () => {
    expect(existsSync(index)).toBe(true);
    const shown = new Set(deck.slides.map((s) => s.visual).filter((v): v is string => v !== undefined && deck.visuals[v]?.image !== undefined));
    expect(shown.size).toBeGreaterThanOrEqual(5);
    expect(readdirSync(path.join(path.dirname(index), 'assets')).length).toBe(shown.size);
    const html = readFileSync(index, 'utf8');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html.match(/<section class="slide/g)?.length).toBe(count * 2); // stage + overview thumbnails
  });

  it('loads from file:// with no console error, no failed or remote request, and every image decoded', async () => {
    const l = await open(browser, index);
    const images = (await l.page.evaluate(IMAGES)) as { src: string; ok: boolean }[];
    expect(images.length).toBeGreaterThan(0);
    expect(images.filter((i) => !i.ok)).toEqual([]);
    expect(l.errors).toEqual([]);
    expect(l.failed).toEqual([]);
    expect(l.remote).toEqual([]);
    await l.page.close();
  });

  it('navigates with arrow keys, space and PageUp/PageDown, and Esc returns to the overview', async () => {
    const l = await open(browser, index);
    expect(await l.page.evaluate(CURRENT)).toBe(0); // the overview grid first
    await l.page.keyboard.press('ArrowRight');
    expect(await l.page.evaluate(CURRENT)).toBe(1);
    await l.page.keyboard.press('ArrowRight');
    expect(await l.page.evaluate(CURRENT)).toBe(2);
    await l.page.keyboard.press('Space');
    await l.page.keyboard.press('PageDown');
    expect(await l.page.evaluate(CURRENT)).toBe(4);
    await l.page.keyboard.press('PageUp');
    await l.page.keyboard.press('ArrowLeft');
    expect(await l.page.evaluate(CURRENT)).toBe(2);
    expect(await l.page.evaluate('location.hash')).toBe('#2');
    await l.page.keyboard.press('End');
    expect(await l.page.evaluate(CURRENT)).toBe(count);
    await l.page.keyboard.press('Escape');
    expect(await l.page.evaluate(CURRENT)).toBe(0);
    expect(l.errors).toEqual([]);
    await l.page.close();
  });

  it('scales the 1280×720 slide to the window and keeps every text inside its box', async () => {
    const l = await open(browser, `${index}`, 960, 540);
    await l.page.keyboard.press('ArrowRight');
    const size = (await l.page.evaluate(`(() => { const r = document.querySelector('.stage .slide.current').getBoundingClientRect(); return [r.width, r.height]; })()`)) as number[];
    expect(size[0]).toBeCloseTo(960, 0);
    expect(size[1]).toBeCloseTo(540, 0);
    for (let n = 1; n <= count; n++) {
      expect(await l.page.evaluate(CURRENT)).toBe(n);
      expect(await l.page.evaluate(OVERFLOWING), `slide ${n}`).toEqual([]);
      await l.page.keyboard.press('ArrowRight');
    }
    await l.page.close();
  });
});

describe('hostile source text in HTML slides', () => {
  it('is shown as text: no script, handler or remote resource reaches the page', async () => {
    const dir = path.join(OUT, 'slides-hostile');
    rmSync(dir, { recursive: true, force: true });
    const evil = '<script>window.__pwned = 1</script><img src="https://example.com/x.png" onerror="window.__pwned = 2">';
    const deck: Deck = {
      title: `Hostile ${evil}`,
      authors: ['<b onmouseover="alert(1)">Mallory</b>'],
      date: '2026-11-21',
      theme: 'paper',
      slides: [
        { id: 't', layout: 'title', title: `Title ${evil}`, subtitle: '<style>body{display:none}</style>', bullets: [], notes: evil, sources: [] },
        { id: 'b', layout: 'bullets', title: '<iframe src="https://example.com/">', bullets: [{ text: `Claim ${evil} javascript:alert(3)`, cites: ['c1'] }], notes: '', sources: ['c1'] },
        { id: 'x', layout: 'table', title: 'Table', table: 'v1', bullets: [], notes: '', sources: [] },
      ],
      sources: [{ id: 's', title: '<link rel="stylesheet" href="https://example.com/x.css">', file: 'a.pdf', kind: 'pdf', authors: [], pageCount: 1 }],
      visuals: {
        v1: { id: 'v1', kind: 'table', label: 'Table 1', caption: evil, sourceId: 's', sourceTitle: 'S', page: 1, table: { header: true, rows: [['<a href="javascript:alert(4)">h</a>', 'b'], [evil, '<svg onload="alert(5)">']] } },
      },
      citations: { c1: { id: 'c1', sourceId: 's', sourceTitle: '<script>x</script>', sourceFile: 'a.pdf', page: 1, quote: evil } },
      generator: { writer: 'extractive' },
    };
    const res = await exportSlides(deck, dir, { theme: 'paper' });
    const html = readFileSync(res.index, 'utf8');
    expect(html.match(/<script/gi)?.length).toBe(1); // our navigation only
    expect(html).not.toMatch(/<(img|iframe|link|style|svg|a)\b[^>]*(https?:|javascript:|on\w+=)/i);
    const browser = await launchChromium();
    try {
      const l = await open(browser, res.index);
      await l.page.keyboard.press('ArrowRight');
      await l.page.keyboard.press('ArrowRight');
      expect(await l.page.evaluate('window.__pwned === undefined')).toBe(true);
      const handlers = await l.page.evaluate(`Array.from(document.querySelectorAll('*')).flatMap((e) => Array.from(e.attributes).filter((a) => a.name.startsWith('on')).map((a) => a.name))`);
      expect(handlers).toEqual([]);
      expect(await l.page.evaluate(`document.querySelectorAll('iframe, link, svg, .stage a').length`)).toBe(0);
      expect(await l.page.evaluate(`document.querySelector('.stage .slide.current').textContent.includes('<script>window.__pwned = 1</script>')`)).toBe(true);
      expect(l.remote).toEqual([]);
      expect(l.errors).toEqual([]);
      await l.page.close();
    } finally {
      await browser.close();
    }
  });
});
