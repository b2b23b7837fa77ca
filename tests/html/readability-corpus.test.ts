// Saved web pages from Readability's own test suite (../shared/corpus/html/readability_*): the
// title must match expected-metadata.json and the extracted text must match Readability's
// reference article (expected.html) with word F1 ≥ 0.9. The text compared is every block of the
// document except the title block (the reference article does not repeat the title), table
// cells included. Per-case numbers are printed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestFile, documentToMarkdown, type IngestResult, SourceDocument } from '../../engine/ingest/index.js';
import { parseDocument } from '../../engine/ingest/html/dom.js';
import { wordF1 } from '../../engine/text/tokens.js';
import { corpus, corpusDir } from '../helpers/corpus.js';

interface ExpectedMeta {
  title: string;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  lang?: string;
}

const cases = readdirSync(path.join(corpusDir, 'html'))
  .filter((d) => d.startsWith('readability_'))
  .sort();

const cache = new Map<string, Promise<IngestResult>>();
function ingested(dir: string): Promise<IngestResult> {
  let p = cache.get(dir);
  if (!p) {
    p = ingestFile(corpus(`html/${dir}/source.html`));
    cache.set(dir, p);
  }
  return p;
}

const scores: string[] = [];
afterAll(() => {
  if (scores.length > 0) console.log(`word F1 against expected.html:\n${scores.join('\n')}`);
});

describe('readability corpus: title and text', () => {
  it('finds the five corpus pages', () => {
    expect(cases).toHaveLength(5);
  });

  for (const dir of cases) {
    it(`${dir}: title matches and word F1 ≥ 0.9`, async () => {
      const { doc } = await ingested(dir);
      const meta = JSON.parse(readFileSync(corpus(`html/${dir}/expected-metadata.json`), 'utf8')) as ExpectedMeta;
      expect(SourceDocument.safeParse(doc).success).toBe(true);
      expect(doc.kind).toBe('html');
      expect(doc.title).toBe(meta.title);
      const reference = parseDocument(readFileSync(corpus(`html/${dir}/expected.html`), 'utf8')).documentElement?.textContent ?? '';
      const text = doc.pages.flatMap((p) => p.blocks).filter((b) => b.type !== 'title').map((b) => b.text).join('\n');
      const s = wordF1(text, reference);
      scores.push(`  ${dir.padEnd(28)} F1 ${s.f1.toFixed(4)}  P ${s.precision.toFixed(4)}  R ${s.recall.toFixed(4)}`);
      expect(s.f1).toBeGreaterThanOrEqual(0.9);
    });

    it(`${dir}: metadata as the page states it`, async () => {
      const { doc } = await ingested(dir);
      const meta = JSON.parse(readFileSync(corpus(`html/${dir}/expected-metadata.json`), 'utf8')) as ExpectedMeta;
      if (meta.byline) expect(doc.authors).toEqual([meta.byline.replace(/^By /, '')]);
      if (meta.siteName) expect(doc.siteName).toBe(meta.siteName);
      if (meta.publishedTime) expect(doc.published).toBe(meta.publishedTime);
      if (meta.lang) expect(doc.lang).toBe(meta.lang);
      // Synthetic geometry: one page, boxes inside it, y growing with reading order.
      expect(doc.pageCount).toBe(1);
      const page = doc.pages[0]!;
      const ys = page.blocks.map((b) => b.bbox[1]);
      expect(ys).toEqual([...ys].sort((a, b) => a - b));
      for (const b of page.blocks) expect(b.bbox[3]).toBeLessThanOrEqual(page.height);
    });
  }
});

describe('readability corpus: structure', () => {
  it('wikipedia: headings become nested sections, the infobox a table with its cell grid', async () => {
    const { doc } = await ingested('readability_wikipedia');
    const titles = doc.sections.map((s) => `${s.level}:${s.title}`);
    expect(titles).toContain('2:History');
    expect(titles).toContain('3:Eich CEO promotion controversy');
    expect(titles).toContain('4:SpiderMonkey');
    const history = doc.sections.find((s) => s.title === 'History')!;
    const blocks = new Map(doc.pages[0]!.blocks.map((b) => [b.id, b]));
    expect(history.blockIds.map((id) => blocks.get(id)?.text).join(' ')).toMatch(/Netscape/);
    expect(doc.sections.every((s) => !/\[edit\]/.test(s.title))).toBe(true);
    // MediaWiki thumbnails have no <figure>; their caption element still captions the image.
    expect(doc.figures.map((f) => f.caption)).toEqual(expect.arrayContaining(['Firefox logo', 'SeaMonkey logo', 'Mozilla spaces, London']));
    expect(doc.tables).toHaveLength(1);
    const infobox = doc.tables[0]!;
    expect(infobox.rows.find((r) => r[0] === 'Founded')?.[1]).toMatch(/February 28, 1998/);
    expect(infobox.rows.every((r) => r.length === 2)).toBe(true);
    // Links are kept with their targets, resolved against the page's address.
    const links = doc.pages[0]!.blocks.flatMap((b) => b.links ?? []);
    expect(links.find((l) => l.text === 'Netscape')?.href).toBe('https://en.wikipedia.org/wiki/Netscape');
    expect(doc.url).toBe('https://en.wikipedia.org/wiki/Mozilla');
    const md = documentToMarkdown(doc);
    expect(md).toMatch(/\| Founded \| February 28, 1998/);
    expect(md).toMatch(/^### History\b/m);
  });

  it('keep-images: figures with figcaptions, remote images kept as references without network', async () => {
    const { doc, assets } = await ingested('readability_keep-images');
    const captioned = doc.figures.filter((f) => f.caption.length > 0);
    expect(captioned.length).toBeGreaterThanOrEqual(10);
    const expected = readFileSync(corpus('html/readability_keep-images/expected.html'), 'utf8');
    const figcaptions = [...expected.matchAll(/<figcaption[^>]*>([\s\S]*?)<\/figcaption>/g)].map((m) =>
      m[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim(),
    );
    expect(figcaptions.length).toBe(10);
    const ours = new Set(doc.figures.map((f) => f.caption));
    for (const c of figcaptions) expect(ours.has(c), c).toBe(true);
    expect(assets.size).toBe(0);
    for (const f of doc.figures) {
      expect(f.asset).toBeUndefined();
      expect(f.src).toMatch(/^https?:\/\//);
    }
    expect(doc.warnings.join('\n')).toMatch(/remote images kept as links only \(network not allowed\)/);
    // Caption blocks point at their figure.
    const caption = doc.pages[0]!.blocks.find((b) => b.type === 'caption');
    expect(doc.figures.some((f) => f.id === caption?.ref)).toBe(true);
  });

  it('medium-1: the post reads as headed sections with its figures in order', async () => {
    const { doc } = await ingested('readability_medium-1');
    expect(doc.sections.length).toBeGreaterThanOrEqual(5);
    expect(doc.figures.length).toBeGreaterThanOrEqual(5);
    const page = doc.pages[0]!;
    const figBlocks = page.blocks.filter((b) => b.type === 'figure');
    expect(figBlocks.map((b) => b.ref)).toEqual(doc.figures.map((f) => f.id));
  });

  it('quanta-1: byline, site and language; no lazy-load placeholders as figures', async () => {
    const { doc } = await ingested('readability_quanta-1');
    expect(doc.authors).toEqual(['Joshua Sokol']);
    expect(doc.siteName).toBe('Quanta Magazine');
    expect(doc.lang).toBe('en');
    for (const f of doc.figures) expect(f.src ?? '').not.toMatch(/^data:/);
  });

  it('qq: Chinese text, language detected, the inline data: image kept as an asset', async () => {
    const { doc, assets } = await ingested('readability_qq');
    expect(doc.lang).toBe('zh');
    expect(doc.pages[0]!.blocks.some((b) => /人工智能/.test(b.text))).toBe(true);
    const inline = doc.figures.find((f) => f.asset !== undefined);
    expect(inline).toBeDefined();
    const bytes = assets.get(inline!.asset!)!;
    expect(Buffer.from(bytes.subarray(1, 4)).toString('latin1')).toBe('PNG');
    const remote = doc.figures.find((f) => f.asset === undefined);
    expect(remote?.src).toBe('http://img1.gtimg.com/tech/pics/hv1/168/240/2140/139214868.jpg');
    expect(remote?.caption).toBe('DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶');
  });
});
