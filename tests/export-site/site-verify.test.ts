// The site exporter's checks before writing, without a browser: what does not resolve is fixed or
// dropped with a logged fix, the folder appears atomically, a folder that is not ours is never
// replaced, and "best" in a results table follows the column's direction.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTheme, type Theme } from '../../engine/compose/theme.js';
import type { Site } from '../../engine/compose/types.js';
import { AbortedError, UserInputError } from '../../engine/errors.js';
import { bestCells, cellNumber, exportSite, headerRowCount, lowerIsBetter } from '../../engine/export/site/index.js';
import { classifyHref } from '../../engine/export/site/html.js';
import { corpus } from '../helpers/corpus.js';
import { tempRoot } from './fixtures.js';

const dir = path.join(tempRoot, 'verify');
let theme: Theme;
let png: string;
const pdf = corpus('papers/pdfjs_tracemonkey.pdf');

beforeAll(async () => {
  theme = await loadTheme('paper');
  mkdirSync(dir, { recursive: true });
  const c = createCanvas(120, 80);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 120, 80);
  ctx.fillStyle = '#246';
  ctx.fillRect(10, 10, 60, 40);
  png = path.join(dir, 'crop.png');
  writeFileSync(png, c.toBuffer('image/png'));
});

/** A small site over the tracemonkey PDF whose pieces each test bends. */
function site(): Site {
  return {
    title: 'Test site',
    layout: 'project',
    theme: 'paper',
    pages: [
      {
        slug: 'index',
        title: 'Test site',
        blocks: [
          { kind: 'hero', title: 'Test site', authors: ['A. Author'], links: [{ label: 'PDF', href: 'sources/pdfjs_tracemonkey.pdf' }] },
          { kind: 'text', heading: 'Method', paragraphs: [{ text: 'Traces are recorded at loop edges.', cites: ['c1'] }], visuals: ['fig'] },
          { kind: 'references', heading: 'References' },
        ],
      },
    ],
    sources: [{ id: 'tm', title: 'TraceMonkey', file: 'pdfjs_tracemonkey.pdf', kind: 'pdf', authors: ['Andreas Gal'], pageCount: 14, path: pdf }],
    visuals: { fig: { id: 'fig', kind: 'figure', label: 'Figure 2', caption: 'Figure 2. State machine.', sourceId: 'tm', sourceTitle: 'TraceMonkey', page: 2, image: png, width: 120, height: 80 } },
    citations: { c1: { id: 'c1', sourceId: 'tm', sourceTitle: 'TraceMonkey', sourceFile: 'pdfjs_tracemonkey.pdf', page: 4, quote: 'A trace is simply a program path.' } },
    generator: { writer: 'extractive' },
  };
}

const page = (s: Site) => s.pages[0]!;

describe('verification before writing', () => {
  it('a clean model needs no fixes; figure, citation and reference all resolve', async () => {
    const out = path.join(dir, 'clean');
    const r = await exportSite(site(), out, { theme });
    expect(r.fixes).toEqual([]);
    const html = readFileSync(r.index, 'utf8');
    expect(html).toContain('<img src="assets/fig.png" width="120" height="80"');
    // Issue 23: the source's own label, as the deck and the paper's text have it (it was renumbered "Figure 1").
    expect(html).toContain('<span class="fig-label">Figure 2.</span> State machine.');
    expect(html).toContain('Source: <a href="sources/pdfjs_tracemonkey.pdf#page=2">TraceMonkey, p. 2</a>');
    expect(html).toContain('<a href="#ref-1" title="TraceMonkey, p. 4">1</a>');
    expect(html).toContain('<li id="ref-1"><span class="ref-n">[1]</span><span><a href="sources/pdfjs_tracemonkey.pdf#page=4">TraceMonkey, p. 4</a>');
    expect(readFileSync(path.join(out, 'sources/pdfjs_tracemonkey.pdf')).equals(readFileSync(pdf))).toBe(true);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src &#39;self&#39;; style-src &#39;sha256-/);
  });

  it('drops a missing image, an unknown visual, an unknown citation and a citation past the last page, logging each', async () => {
    const s = site();
    s.visuals.fig!.image = path.join(dir, 'no-such.png');
    s.visuals.bad = { ...s.visuals.fig!, id: 'bad', image: readme() };
    s.citations.far = { ...s.citations.c1!, id: 'far', page: 99 };
    s.citations.lost = { ...s.citations.c1!, id: 'lost', sourceId: 'nope' };
    const text = page(s).blocks[1]!;
    if (text.kind !== 'text') throw new Error('fixture');
    text.visuals = ['fig', 'ghost', 'bad'];
    text.paragraphs = [{ text: 'Claim one.', cites: ['c1', 'missing', 'far', 'lost'] }, { text: 'Claim two.', cites: ['far'] }];
    const r = await exportSite(s, path.join(dir, 'broken'), { theme });
    const joined = r.fixes.join('\n');
    expect(joined).toMatch(/Figure 2: image .*no-such\.png is missing or not a PNG, JPEG, GIF or WebP; dropped/);
    expect(joined).toMatch(/visual "ghost" is not in the site's visual table; dropped/);
    expect(joined).toMatch(/README\.md is missing or not a PNG, JPEG, GIF or WebP; dropped/);
    expect(joined).toMatch(/citation "missing" is not in the site's citation table; marker dropped/);
    expect(joined).toMatch(/citation "far" points at page 99 of "TraceMonkey", which has 14 pages; marker dropped/);
    expect(joined).toMatch(/citation "lost" names source "nope", which is not among the sources; marker dropped/);
    // Each problem is reported once, however often it is used.
    expect(r.fixes.filter((f) => f.includes('"far"')).length).toBe(1);
    const html = readFileSync(r.index, 'utf8');
    expect(html).not.toContain('<img');
    expect(html).toContain('Claim one.<span class="cites">[<a href="#ref-1"');
    expect(html).toContain('<p>Claim two.</p>');
    expect(existsSync(path.join(dir, 'broken', 'assets', 'fig.png'))).toBe(false);
  });

  it('unlinks references to a source whose file is gone, and drops unsafe or dangling hero links', async () => {
    const s = site();
    s.sources[0]!.path = path.join(dir, 'moved-away.pdf');
    const hero = page(s).blocks[0]!;
    if (hero.kind !== 'hero') throw new Error('fixture');
    hero.links = [
      { label: 'PDF', href: 'sources/pdfjs_tracemonkey.pdf' },
      { label: 'Evil', href: ' JavaScript:alert(1)' },
      { label: 'Data', href: 'data:text/html,<b>x</b>' },
      { label: 'Up', href: '../../etc/passwd' },
      { label: 'Nowhere', href: '#no-such-section' },
      { label: 'Method', href: '#method' },
      { label: 'Code', href: 'https://github.com/mozilla/gecko-dev' },
      { label: 'Malformed', href: 'sources/%E0%A4%A.pdf' },
    ];
    const r = await exportSite(s, path.join(dir, 'links'), { theme });
    const joined = r.fixes.join('\n');
    expect(joined).toMatch(/source "TraceMonkey": file not found \(.*moved-away\.pdf\); references to it are not linked/);
    expect(joined).toMatch(/link "Evil" has an unsafe or unusable address/);
    expect(joined).toMatch(/link "Data" has an unsafe or unusable address/);
    expect(joined).toMatch(/link "Up" has an unsafe or unusable address/);
    expect(joined).toMatch(/index\.html: link to sources\/pdfjs_tracemonkey\.pdf does not resolve \(sources\/pdfjs_tracemonkey\.pdf was not written\); kept as plain text/);
    expect(joined).toMatch(/index\.html: link to sources\/%E0%A4%A\.pdf does not resolve \(malformed address\)/);
    expect(joined).toMatch(/index\.html: link to #no-such-section does not resolve \(no element #no-such-section on index\.html\)/);
    const html = readFileSync(r.index, 'utf8');
    expect(html).toContain('<a class="button" href="#method">Method</a>');
    expect(html).toContain('<a class="button" href="https://github.com/mozilla/gecko-dev" rel="noopener noreferrer">Code</a>');
    expect(html).not.toMatch(/javascript:|data:text|etc\/passwd|sources\//i);
    expect(html).toContain('<li id="ref-1"><span class="ref-n">[1]</span><span>TraceMonkey, p. 4');
  });

  it('adds a references section when citations have none, and drops empty blocks and pages', async () => {
    const s = site();
    page(s).blocks.pop();
    page(s).blocks.push({ kind: 'list', heading: 'Contributions', items: [{ text: '   ', cites: [] }] });
    s.pages.push({ slug: 'empty', title: 'Empty', blocks: [{ kind: 'gallery', heading: 'Nothing', visuals: ['ghost'] }] });
    const r = await exportSite(s, path.join(dir, 'added'), { theme });
    expect(r.pages.map((p) => path.basename(p))).toEqual(['index.html']);
    const joined = r.fixes.join('\n');
    expect(joined).toMatch(/nothing left to show in "Contributions"; block dropped/);
    expect(joined).toMatch(/page "empty": nothing to show; page dropped/);
    expect(joined).toMatch(/citations but no references section; added one at the end of index\.html/);
    expect(readFileSync(r.index, 'utf8')).toContain('<section class="block block-references" id="references">');
  });
});

describe('atomic writing', () => {
  it('replaces a previous site in one step and leaves no temporary folders', async () => {
    const out = path.join(dir, 'atomic');
    await exportSite(site(), out, { theme });
    writeFileSync(path.join(out, 'stale.html'), 'old');
    await exportSite(site(), out, { theme });
    expect(existsSync(path.join(out, 'stale.html'))).toBe(false);
    expect(existsSync(path.join(out, 'index.html'))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('keeps the old site when the export is cancelled', async () => {
    const out = path.join(dir, 'cancelled');
    await exportSite(site(), out, { theme });
    const before = readFileSync(path.join(out, 'index.html'), 'utf8');
    const ac = new AbortController();
    ac.abort();
    const s = site();
    s.title = 'Changed';
    await expect(exportSite(s, out, { theme, signal: ac.signal })).rejects.toBeInstanceOf(AbortedError);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('refuses to replace a folder it did not write, and a model without pages', async () => {
    const mine = path.join(dir, 'user-folder');
    mkdirSync(mine, { recursive: true });
    writeFileSync(path.join(mine, 'thesis.docx'), 'precious');
    await expect(exportSite(site(), mine, { theme })).rejects.toThrow(/was not written by Folio's site exporter/);
    expect(readFileSync(path.join(mine, 'thesis.docx'), 'utf8')).toBe('precious');
    await expect(exportSite({ ...site(), pages: [] }, path.join(dir, 'none'), { theme })).rejects.toBeInstanceOf(UserInputError);
  });
});

describe('results tables and links', () => {
  it('reads numbers the way results tables write them', () => {
    expect(cellNumber('78.4')).toBe(78.4);
    expect(cellNumber('1,024')).toBe(1024);
    expect(cellNumber('12.5 ± 0.3')).toBe(12.5);
    expect(cellNumber('65.0*')).toBe(65);
    expect(cellNumber('−3.2%')).toBe(-3.2);
    expect(cellNumber('-')).toBeNull();
    expect(cellNumber('BM25')).toBeNull();
    expect(cellNumber('31+32')).toBeNull();
  });

  it('takes the minimum where the header says lower is better, the maximum otherwise', () => {
    expect(lowerIsBetter('Test error (%)')).toBe(true);
    expect(lowerIsBetter('Latency (ms)')).toBe(true);
    expect(lowerIsBetter('Loss ↓')).toBe(true);
    expect(lowerIsBetter('Accuracy ↑')).toBe(false);
    expect(lowerIsBetter('Top-20')).toBe(false);
    const head = [['Model', 'Top-20', 'Error', 'Time (s)', 'Layers']];
    const body = [
      ['A', '78.4', '3.1', '12.0', '12'],
      ['B', '79.4', '2.9', '15.5', '24'],
      ['C', '79.4', '4.0', '9.8', '6'],
    ];
    const best = bestCells(head, body).map((s) => [...s].sort());
    expect(best).toEqual([[], [1, 2], [1, 3]]);
  });

  it('sees a second header row under grouped columns (DPR Table 2) and not a group label row', () => {
    const rows = [
      ['Training', 'Retriever', '', '', 'Top-20', '', '', '', '', 'Top-100', '', ''],
      ['', '', 'NQ', 'TriviaQA', 'WQ', 'TREC', 'SQuAD', 'NQ', 'TriviaQA', 'WQ', 'TREC', 'SQuAD'],
      ['None', 'BM25', '59.1', '66.9', '55.0', '70.9', '68.8', '73.7', '76.7', '71.1', '84.1', '80.0'],
      ['Single', '', '', '', '', '', '', '', '', '', '', ''],
      ['', 'DPR', '79.4', '78.8', '75.0', '89.1', '51.6', '86.0', '84.7', '82.9', '93.9', '67.6'],
    ];
    expect(headerRowCount(rows, true)).toBe(2);
    expect(headerRowCount(rows.slice(1), true)).toBe(1);
    expect(headerRowCount(rows, false)).toBe(0);
  });

  it('lets only relative, http(s) and mailto links through', () => {
    expect(classifyHref('method.html#x')).toEqual({ kind: 'internal', href: 'method.html#x' });
    expect(classifyHref('https://arxiv.org/abs/2004.04906')?.kind).toBe('external');
    for (const bad of ['javascript:alert(1)', 'java\tscript:alert(1)', ' JAVASCRIPT:x', 'data:text/html,x', 'vbscript:x', '//evil.example/x', 'file:///etc/passwd', '../outside.html', '/etc/passwd', '\\\\host\\share']) {
      expect(classifyHref(bad), bad).toBeNull();
    }
  });
});

/** A file that exists and is not an image. */
function readme(): string {
  const p = path.join(dir, 'README.md');
  writeFileSync(p, '# not an image\n');
  return p;
}
