// Web pages keep their JPEG and WebP images as they are: a deck must show them (PPTX and HTML
// slides) and so must a site, not drop them as "not a PNG". WebP goes into the PPTX as PNG (not
// every PowerPoint reads WebP); browsers get the original bytes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTheme } from '../../engine/compose/theme.js';
import type { Deck, Site, Visual } from '../../engine/compose/types.js';
import { exportPptx } from '../../engine/export/pptx/index.js';
import { exportSite } from '../../engine/export/site/index.js';
import { exportSlides } from '../../engine/export/slides/index.js';
import { readZip } from '../export-deck/zip.js';
import { testPhoto } from '../helpers/photo.js';

async function photo(dir: string, format: 'jpeg' | 'webp'): Promise<string> {
  const file = path.join(dir, format === 'jpeg' ? 'photo.jpg' : 'photo.webp');
  writeFileSync(file, await testPhoto(format, 600, 400));
  return file;
}

const source = { id: 'web', title: 'A web page', file: 'page.html', kind: 'html' as const, authors: [], pageCount: 1 };

/** The web page's photo as visual v1. */
function photoVisual(image: string): Visual {
  return { id: 'v1', kind: 'figure', label: 'Figure 1', caption: 'A photo.', sourceId: 'web', sourceTitle: 'A web page', page: 1, image, width: 600, height: 400 };
}

/** A two-slide deck: a title slide, then the photo beside one bullet. */
function photoDeck(title: string, visual: Visual): Deck {
  return {
    title,
    authors: [],
    date: '2026-01-01',
    theme: 'paper',
    slides: [
      { id: 's1', layout: 'title', title, bullets: [], notes: '', sources: [] },
      { id: 's2', layout: 'visual-half', title: 'The photo', bullets: [{ text: 'A green field with a white box.', cites: [] }], visual: 'v1', notes: '', sources: [] },
    ],
    sources: [source],
    visuals: { v1: visual },
    citations: {},
    generator: { writer: 'extractive' },
  };
}

for (const format of ['jpeg', 'webp'] as const) {
  const ext = format === 'jpeg' ? 'jpg' : 'webp';
  describe(`a ${format.toUpperCase()} visual from a web page`, () => {
    it(`is placed on the PPTX slide (as ${format === 'jpeg' ? 'JPEG' : 'PNG'}) and copied as .${ext} for the HTML slides and the site`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), `folio-${format}-`));
      const image = await photo(dir, format);
      const visual = photoVisual(image);
      const deck = photoDeck('A page with a photo', visual);
      const r = await exportPptx(deck, path.join(dir, 'deck.pptx'));
      expect(r.fixes.filter((f) => /not a PNG/.test(f))).toEqual([]);
      const media = [...readZip(r.file).entries()].filter(([k]) => /^ppt\/media\/./.test(k));
      expect(media.map(([k]) => path.extname(k).toLowerCase())).toEqual([format === 'jpeg' ? '.jpg' : '.png']);
      if (format === 'webp') expect([...media[0]![1].subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
      const s = await exportSlides(deck, path.join(dir, 'slides'));
      const assets = readdirSync(path.join(dir, 'slides', 'assets'));
      expect(assets.filter((a) => a.endsWith(`.${ext}`))).toHaveLength(1);
      expect(existsSync(s.index)).toBe(true);

      const site: Site = {
        title: 'A page with a photo',
        layout: 'research',
        theme: 'paper',
        pages: [{ slug: 'index', title: 'A page with a photo', blocks: [{ kind: 'gallery', heading: 'Photos', visuals: ['v1'] }] }],
        sources: [source],
        visuals: { v1: visual },
        citations: {},
        generator: { writer: 'extractive' },
      };
      const w = await exportSite(site, path.join(dir, 'site'), { theme: await loadTheme('paper') });
      expect(w.fixes.filter((f) => /v1|Figure 1|photo/i.test(f))).toEqual([]);
      const html = readFileSync(path.join(dir, 'site', 'index.html'), 'utf8');
      const src = /<img[^>]+src="(assets\/[^"]+)"/.exec(html)?.[1];
      expect(src).toMatch(new RegExp(`\\.${ext}$`));
      expect(readFileSync(path.join(dir, 'site', src!))).toEqual(readFileSync(image));
    });
  });
}

describe('a WebP picture that cannot be decoded', () => {
  it('is left off the PPTX slide with a logged fix; the deck is still written', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-badwebp-'));
    const good = readFileSync(await photo(dir, 'webp'));
    const bad = path.join(dir, 'broken.webp');
    // The header (and so the size) is intact; the compressed image data after it is garbage.
    const broken = Buffer.from(good);
    broken.fill(0xa5, 40);
    writeFileSync(bad, broken);
    const deck = photoDeck('A page with a broken photo', photoVisual(bad));
    const r = await exportPptx(deck, path.join(dir, 'deck.pptx'));
    expect(r.fixes.join('\n')).toMatch(/broken\.webp: the WebP picture could not be converted/);
    expect([...readZip(r.file).keys()].filter((k) => /^ppt\/media\/./.test(k))).toEqual([]);
    expect(r.slideCount).toBeGreaterThanOrEqual(2);
    expect(existsSync(r.file)).toBe(true);
  });
});
