// A page saved with its images beside it ("Save page, complete"): local images become assets,
// links resolve against the address the page was saved from, and the HTML structures the
// SourceDocument model knows (headings, lists, code, tables with spans, figures) map onto it.
import { type Canvas, createCanvas } from '@napi-rs/canvas';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile, writeDocumentFolder, type IngestResult } from '../../engine/ingest/index.js';
import { decodePngStats } from '../helpers/png.js';

let dir: string;
let result: IngestResult;

function picture(w: number, h: number, colour: string): Canvas {
  const c = createCanvas(w, h);
  const g = c.getContext('2d');
  g.fillStyle = colour;
  g.fillRect(0, 0, w, h);
  g.fillStyle = '#ffffff';
  g.fillRect(w / 4, h / 4, w / 2, h / 2);
  return c;
}

const para = (n: number): string =>
  `<p>Paragraph ${n} of the field report explains how the samples were collected, labelled and sent to the laboratory, and why the <a href="/methods#sampling">sampling method</a> matters for what follows.</p>`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-saved-page-'));
  mkdirSync(path.join(dir, 'report_files'));
  writeFileSync(path.join(dir, 'report_files', 'chart.png'), await picture(320, 200, '#3366cc').encode('png'));
  writeFileSync(path.join(dir, 'report_files', 'photo one.jpg'), await picture(400, 300, '#cc6633').encode('jpeg'));
  writeFileSync(
    path.join(dir, 'report_files', 'diagram.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="120" height="80" fill="#22aa44"/><circle cx="60" cy="40" r="20" fill="#fff"/></svg>',
  );
  writeFileSync(path.join(os.tmpdir(), 'folio-outside.png'), await picture(10, 10, '#000').encode('png'));
  const html = `<!DOCTYPE html>
<!-- saved from url=(0041)https://example.org/reports/field-report -->
<html lang="en-GB"><head><meta charset="utf-8"><title>Field report: river samples | Example Org</title>
<meta property="og:site_name" content="Example Org">
<meta name="author" content="Ada Lovelace and Grace Hopper">
<meta property="article:published_time" content="2024-05-01T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article>
<h1>Field report: river samples</h1>
${para(1)}${para(2)}
<h2>Methods</h2>
${para(3)}
<figure><img src="report_files/chart.png" alt="chart alt" width="320" height="200"><figcaption>Figure 1: Nitrate levels by site, 2023.</figcaption></figure>
${para(4)}
<ul><li>First finding, with a <a href="https://other.example.com/data">data link</a>.</li><li>Second finding<ul><li>A nested detail.</li></ul></li><li><p>Third finding, in a paragraph.</p></li></ul>
<h3>Sampling code</h3>
<pre>for site in sites:
    sample(site)</pre>
<figure><img src="report_files/photo%20one.jpg" alt="The north bank at dawn"></figure>
<p><img src="report_files/diagram.svg" alt="Site diagram" width="120" height="80"></p>
<img src="file://${os.tmpdir()}/folio-outside.png" alt="outside">
<img src="/static/logo.png" alt="root-relative">
<img src="report_files/missing.png" alt="missing">
<h2>Results</h2>
<table><caption>Table 1: Readings per site</caption>
<thead><tr><th>Site</th><th colspan="2">Nitrate (mg/l)</th></tr><tr><th></th><th>Spring</th><th>Autumn</th></tr></thead>
<tbody><tr><td rowspan="2">North</td><td>1.2</td><td>1.9</td></tr><tr><td>1.4</td><td>2.1</td></tr><tr><td>South</td><td>0.8</td><td>1.1</td></tr></tbody></table>
${para(5)}${para(6)}
</article>
<footer>Copyright Example Org</footer>
</body></html>`;
  writeFileSync(path.join(dir, 'report.html'), html);
  result = await ingestFile(path.join(dir, 'report.html'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a saved page with local images', () => {
  it('reads the metadata the page states', () => {
    const { doc } = result;
    expect(doc.kind).toBe('html');
    expect(doc.file).toBe('report.html');
    expect(doc.id).toBe('report');
    expect(doc.title).toMatch(/^Field report: river samples/);
    expect(doc.authors).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect(doc.siteName).toBe('Example Org');
    expect(doc.published).toBe('2024-05-01T09:00:00Z');
    expect(doc.lang).toBe('en');
    expect(doc.url).toBe('https://example.org/reports/field-report');
  });

  it('maps headings to sections, lists, code and paragraphs to blocks, leaving page chrome out', () => {
    const { doc } = result;
    const blocks = doc.pages[0]!.blocks;
    expect(doc.sections.map((s) => `${s.level}:${s.title}`)).toEqual(['2:Methods', '3:Sampling code', '2:Results']);
    expect(blocks.filter((b) => b.type === 'list-item').map((b) => b.text)).toEqual([
      'First finding, with a data link.',
      'Second finding',
      'A nested detail.',
      'Third finding, in a paragraph.',
    ]);
    expect(blocks.find((b) => b.type === 'code')?.text).toBe('for site in sites:\n    sample(site)');
    expect(blocks.filter((b) => b.type === 'paragraph' && /^Paragraph \d/.test(b.text))).toHaveLength(6);
    expect(blocks.some((b) => /Copyright|Home/.test(b.text))).toBe(false);
    const methods = doc.sections.find((s) => s.title === 'Methods')!;
    expect(methods.blockIds[0]).toBe(blocks.find((b) => b.text === 'Methods')?.id);
  });

  it('keeps links, resolved against the address the page was saved from', () => {
    const links = result.doc.pages[0]!.blocks.flatMap((b) => b.links ?? []);
    expect(links).toContainEqual({ text: 'sampling method', href: 'https://example.org/methods#sampling' });
    expect(links).toContainEqual({ text: 'data link', href: 'https://other.example.com/data' });
  });

  it('copies local images in as assets: PNG and JPEG bytes as they are, SVG drawn to PNG', async () => {
    const { doc, assets } = result;
    const byCaption = new Map(doc.figures.map((f) => [f.caption, f]));
    const chart = byCaption.get('Figure 1: Nitrate levels by site, 2023.')!;
    expect(chart.asset).toBe(`assets/${chart.id}.png`);
    expect(Buffer.from(assets.get(chart.asset!)!).equals(readFileSync(path.join(dir, 'report_files', 'chart.png')))).toBe(true);
    const photo = byCaption.get('The north bank at dawn')!;
    expect(photo.asset).toBe(`assets/${photo.id}.jpg`);
    const svg = byCaption.get('Site diagram')!;
    expect(svg.asset).toBe(`assets/${svg.id}.png`);
    const stats = await decodePngStats(assets.get(svg.asset!)!);
    expect([stats.width, stats.height]).toEqual([120, 80]);
    expect(stats.distinctColours).toBeGreaterThanOrEqual(2);
  });

  it('does not read images outside the page folder, and says which images it could not keep', () => {
    const { doc } = result;
    const outside = doc.figures.find((f) => f.caption === 'outside')!;
    const missing = doc.figures.find((f) => f.caption === 'missing')!;
    expect(outside.asset).toBeUndefined();
    const w = doc.warnings.join('\n');
    expect(w).toMatch(/outside the page's folder, not read/);
    // The page names its origin, so a missing local copy falls back to a remote reference.
    expect(missing.asset).toBeUndefined();
    expect(missing.src).toBe('https://example.org/reports/report_files/missing.png');
    // An address from the site's root is the site's, not a path on this machine.
    expect(doc.figures.find((f) => f.caption === 'root-relative')?.src).toBe('https://example.org/static/logo.png');
    expect(w).toMatch(/2 remote images kept as links only \(network not allowed\)/);
  });

  it('turns a table into a cell grid with colspan and rowspan kept aligned, and its caption', () => {
    const t = result.doc.tables[0]!;
    expect(t.caption).toBe('Table 1: Readings per site');
    expect(t.rows).toEqual([
      ['Site', 'Nitrate (mg/l)', ''],
      ['', 'Spring', 'Autumn'],
      ['North', '1.2', '1.9'],
      ['', '1.4', '2.1'],
      ['South', '0.8', '1.1'],
    ]);
  });

  it('gives blocks a synthetic bbox that grows down the page in reading order', () => {
    const page = result.doc.pages[0]!;
    let y = -1;
    for (const b of page.blocks) {
      expect(b.bbox[1]).toBeGreaterThan(y);
      expect(b.bbox[3]).toBeGreaterThan(b.bbox[1]);
      y = b.bbox[1];
    }
    for (const f of result.doc.figures) expect(page.blocks.find((b) => b.ref === f.id && b.type === 'figure')?.bbox).toEqual(f.bbox);
  });

  it('writes a document folder whose Markdown shows the figures and the table', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'folio-saved-out-'));
    const folder = await writeDocumentFolder(out, result.doc, result.assets);
    const md = readFileSync(path.join(folder, 'document.md'), 'utf8');
    const chart = result.doc.figures.find((f) => f.caption.startsWith('Figure 1'))!;
    expect(md).toContain(`](${chart.asset})`);
    expect(md).toMatch(/\| North \| 1\.2 \| 1\.9 \|/);
    expect(readFileSync(path.join(folder, chart.asset!)).length).toBeGreaterThan(100);
  });
});
