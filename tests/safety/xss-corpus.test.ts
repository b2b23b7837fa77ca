// The XSS payload corpus through every output writer and the app's report preview, in Chromium with
// CSP off (issue 28). Hostile sources (tests/safety/xss/sources.ts: a PDF whose metadata, title,
// headings, paragraphs, table caption and cells carry the payloads, an HTML page carrying them as
// markup and as text, all under a file name that is a payload too) go through every skill offline;
// each HTML output is opened from file:// with its meta CSP stripped, each Markdown output rendered
// with marked (raw HTML on, as any Markdown viewer does), and each Markdown output once more through
// the app's own renderMarkdown (marked + DOMPurify) in the browser. 0 dialogs, 0 live handlers.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { marked } from 'marked';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpus, outputDir } from '../helpers/corpus.js';
import { launch } from '../export-site/browser.js';
import { writeAllOutputs, type WrittenFile } from './xss/outputs.js';
import { cspOffContext, probePage, stripMetaCsp, type Probe } from './xss/probe.js';
import { PAYLOADS } from './xss/payloads.js';
import { writeHostileSources } from './xss/sources.js';

const dir = path.join(outputDir, 'safety', 'xss');
let files: WrittenFile[] = [];
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  const src = writeHostileSources(path.join(dir, 'src'), corpus('images/pek_table_001.png'));
  files = await writeAllOutputs(src, path.join(dir, 'out'));
  browser = await launch();
  context = await cspOffContext(browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const rel = (f: string): string => path.relative(dir, f);
const leaks = (results: [string, Probe][]): string[] =>
  results.flatMap(([f, p]) => [...p.dialogs.map((d) => `${f}: dialog ${d}`), ...p.live.map((l) => `${f}: live ${l}`)]);

describe('XSS payload corpus', () => {
  it('the probe sees the payloads when nothing escapes them (control)', async () => {
    const open = path.join(dir, 'control.html');
    writeFileSync(open, `<!doctype html><body>${marked.parse(PAYLOADS.join('\n\n'), { async: false, gfm: true })}</body>`);
    const p = await probePage(context, (page) => page.goto(`file://${open}`, { waitUntil: 'load' }).then(() => undefined));
    expect(p.dialogs.length).toBeGreaterThanOrEqual(5);
    expect(p.live.length).toBeGreaterThanOrEqual(15);
  });

  it('reaches every writer (the sources carry it into each output)', () => {
    const skills = new Set(files.map((f) => f.skill));
    expect([...skills].sort()).toEqual(['doc-writing', 'image-caption', 'ocr', 'pdf-to-ppt', 'pdf-to-web', 'research-report', 'table-recognition']);
    // The payloads are really in the outputs, as text: otherwise 0 dialogs would prove nothing.
    for (const want of [/report\.md$/, /table\.md$/, /ocr\.md$/, /captions\.md$/, /site\/index\.html$/, /slides\/index\.html$/]) {
      const f = files.find((x) => want.test(x.file));
      expect(f, String(want)).toBeDefined();
      expect(readFileSync(f!.file, 'utf8'), rel(f!.file)).toMatch(/onerror|alert/);
    }
  });

  it('HTML outputs (sites, slides) opened with CSP off: 0 dialogs, 0 live handlers', async () => {
    const results: [string, Probe][] = [];
    for (const f of files.filter((x) => x.kind === 'html')) {
      const open = path.join(path.dirname(f.file), `.nocsp-${path.basename(f.file)}`);
      writeFileSync(open, stripMetaCsp(readFileSync(f.file, 'utf8')));
      results.push([rel(f.file), await probePage(context, (page) => page.goto(`file://${open}`, { waitUntil: 'load' }).then(() => undefined))]);
      rmSync(open);
    }
    // Every HTML writer was opened: the research site (its index and section pages) and slides,
    // pdf-to-web's site and pdf-to-ppt's slides.
    const html = files.filter((x) => x.kind === 'html');
    expect(new Set(html.map((x) => x.skill))).toEqual(new Set(['research-report', 'pdf-to-web', 'pdf-to-ppt']));
    expect(html.filter((x) => x.skill === 'research-report').length).toBeGreaterThanOrEqual(4);
    expect(leaks(results)).toEqual([]);
  }, 60_000);

  it('Markdown outputs rendered with marked, CSP off: 0 dialogs, 0 live handlers', async () => {
    const results: [string, Probe][] = [];
    for (const f of files.filter((x) => x.kind === 'md')) {
      const html = marked.parse(readFileSync(f.file, 'utf8'), { async: false, gfm: true });
      // Served from the output folder, as a viewer opening the file there would.
      const open = path.join(path.dirname(f.file), `.marked-${path.basename(f.file)}.html`);
      writeFileSync(open, `<!doctype html><meta charset="utf-8"><body>${html}</body>`);
      results.push([rel(f.file), await probePage(context, (page) => page.goto(`file://${open}`, { waitUntil: 'load' }).then(() => undefined))]);
      rmSync(open);
    }
    expect(results.length).toBeGreaterThanOrEqual(8);
    expect(leaks(results)).toEqual([]);
  }, 60_000);

  it("the app's report preview (renderMarkdown: marked + DOMPurify, in the browser) of every Markdown output: 0 dialogs, 0 live handlers", async () => {
    const bundle = await build({
      entryPoints: [path.resolve(import.meta.dirname, '../../renderer/lib/markdown.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'folioMarkdown',
      platform: 'browser',
      logLevel: 'silent',
    });
    const script = bundle.outputFiles[0]!.text;
    const results: [string, Probe][] = [];
    for (const f of files.filter((x) => x.kind === 'md')) {
      const md = readFileSync(f.file, 'utf8');
      results.push([
        `preview ${rel(f.file)}`,
        await probePage(context, async (page) => {
          await page.setContent('<!doctype html><meta charset="utf-8"><body><article class="report"></article></body>');
          await page.addScriptTag({ content: script });
          await page.evaluate(`document.querySelector('article').innerHTML = folioMarkdown.renderMarkdown(${JSON.stringify(md)})`);
        }),
      ]);
    }
    expect(leaks(results)).toEqual([]);
  }, 60_000);
});
