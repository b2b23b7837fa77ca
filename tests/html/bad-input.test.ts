// Bad web pages: each gives a typed SourceError that starts with the file name and says what is
// wrong, quickly and without exhausting memory; odd but legitimate pages are still read.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../../engine/errors.js';
import { ingestHtml } from '../../engine/ingest/html/index.js';
import { ingestFile } from '../../engine/ingest/index.js';
import { corpus } from '../helpers/corpus.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-bad-html-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, data: string | Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, data);
  return p;
}

async function expectSourceError(p: Promise<unknown>, name: string, problem: RegExp, code = 'SOURCE'): Promise<SourceError> {
  const t0 = performance.now();
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  const e = err as SourceError;
  expect(e.message.startsWith(`${name}: `), e.message).toBe(true);
  expect(e.message).toMatch(problem);
  expect(e.code).toBe(code);
  expect(performance.now() - t0).toBeLessThan(15_000);
  return e;
}

const article = (body: string): string =>
  `<html><head><title>T</title></head><body><article>${body}</article></body></html>`;

describe('bad web pages', () => {
  it('empty file', () => expectSourceError(ingestFile(file('empty.html', '')), 'empty.html', /: is empty$/));

  it('only whitespace', () => expectSourceError(ingestFile(file('blank.htm', ' \n\t\n ')), 'blank.htm', /: is empty$/));

  it('binary garbage named .html', () => {
    let x = 12345;
    const bytes = new Uint8Array(64 * 1024).map(() => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return x >> 16;
    });
    return expectSourceError(ingestFile(file('garbage.html', bytes)), 'garbage.html', /: is not a web page \(binary content\)$/);
  });

  it('50 MB of markup is refused before it is read, with a typed error', async () => {
    const p = path.join(dir, 'huge.html');
    const unit = '<div class="row"><p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p></div>\n';
    writeFileSync(p, '<html><body>' + unit.repeat(Math.ceil((50 * 1024 * 1024) / unit.length)) + '</body></html>');
    const t0 = performance.now();
    await expectSourceError(ingestFile(p), 'huge.html', /: is 50\.0 MB of markup; Folio reads web pages up to 20\.0 MB$/, 'SOURCE_TOO_COMPLEX');
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('50 MB of markup handed over as bytes (a fetched page) is refused the same way', () => {
    const data = new Uint8Array(50 * 1024 * 1024).fill(0x3c);
    return expectSourceError(ingestHtml({ data, file: 'https://example.org/huge' }), 'https://example.org/huge', /is 50\.0 MB of markup/, 'SOURCE_TOO_COMPLEX');
  });

  it('markup small in bytes but with a million elements is refused before parsing', () =>
    expectSourceError(
      ingestFile(file('tags.html', `<html><body>${'<i>'.repeat(1_000_000)}</body></html>`)),
      'tags.html',
      /: has more than 150,000 elements of markup/,
      'SOURCE_TOO_COMPLEX',
    ));

  it('a page whose reading passes the time limit ends in a typed timeout', () =>
    expectSourceError(
      ingestFile(corpus('html/readability_wikipedia/source.html'), { parseTimeoutMs: 20 }),
      'source.html',
      /: reading the page took longer than 0\.0 s$/,
      'SOURCE_TIMEOUT',
    ));

  it('a directory named .html', () => {
    mkdirSync(path.join(dir, 'folder.html'));
    return expectSourceError(ingestFile(path.join(dir, 'folder.html')), 'folder.html', /is a directory/);
  });

  it('a missing file', () => expectSourceError(ingestFile(path.join(dir, 'gone.html')), 'gone.html', /file not found/));

  it('markup without any text', () => expectSourceError(ingestFile(file('shell.html', '<html><body><div><span></span></div><script>app()</script></body></html>')), 'shell.html', /has no readable text$/));
});

describe('odd but readable pages', () => {
  it('deeply nested markup is read without a stack overflow', async () => {
    const depth = 5000;
    const html = `<html><body>${'<div>'.repeat(depth)}<p>${'Deep inside the nesting there is still a sentence worth reading. '.repeat(10)}</p>${'</div>'.repeat(depth)}</body></html>`;
    const t0 = performance.now();
    const { doc } = await ingestFile(file('deep.html', html));
    expect(doc.pages[0]!.blocks.map((b) => b.text).join(' ')).toContain('Deep inside the nesting');
    expect(doc.warnings.join('\n')).toMatch(/^markup nested 500\d levels deep; main-content extraction skipped, the whole page body was read$/m);
    expect(performance.now() - t0).toBeLessThan(15_000);
  });

  it('a legacy charset declared in the page (windows-1252, GBK) is decoded', async () => {
    const latin = Buffer.concat([
      Buffer.from('<html><head><meta charset="windows-1252"><title>Caf'),
      Buffer.from([0xe9]),
      Buffer.from('</title></head><body><article><p>'),
      Buffer.from(`${'The caf'}\u0000`.replace('\u0000', ''), 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from(` served cr${'\u00e8'}me br${'\u00fb'}l${'\u00e9'}e to every visitor who asked for it, and the kitchen stayed open late. `.repeat(5), 'latin1'),
      Buffer.from('</p></article></body></html>'),
    ]);
    const a = await ingestFile(file('latin.html', latin));
    expect(a.doc.title).toBe('Café');
    expect(a.doc.pages[0]!.blocks.map((b) => b.text).join(' ')).toContain('The café served crème brûlée');
    // 中文 in GBK.
    const gbk = Buffer.concat([
      Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>'),
      Buffer.from([0xd6, 0xd0, 0xce, 0xc4]),
      Buffer.from('</title></head><body><p>'),
      Buffer.from(Array.from({ length: 200 }, () => [0xd6, 0xd0, 0xce, 0xc4]).flat()),
      Buffer.from('</p></body></html>'),
    ]);
    const b = await ingestFile(file('gbk.html', gbk));
    expect(b.doc.title).toBe('中文');
    expect(b.doc.lang).toBe('zh');
  });

  it('plain text saved as .html is read as a paragraph, titled by the file name', async () => {
    const { doc } = await ingestFile(file('notes.html', 'Just a note without markup. '.repeat(3)));
    expect(doc.pages[0]!.blocks.filter((b) => b.type === 'paragraph').map((b) => b.text)).toEqual([
      'Just a note without markup. Just a note without markup. Just a note without markup.',
    ]);
    expect(doc.title).toBe('notes');
  });

  it('1×1 tracking pixels and javascript: links are left out', async () => {
    const body = `<h1>T</h1><p>${'A paragraph long enough to be the article body of this small page. '.repeat(8)}<a href="javascript:void(0)">click</a><img src="https://t.example/p.gif" width="1" height="1"></p>`;
    const { doc } = await ingestFile(file('pixel.html', article(body)));
    expect(doc.figures).toHaveLength(0);
    expect(doc.pages[0]!.blocks.flatMap((b) => b.links ?? [])).toHaveLength(0);
  });

  it('links whose scheme hides behind entities, tabs or spaces are left out (java&#x09;script:, &#106;avascript:, data:)', async () => {
    const hrefs = ['java&#x09;script:alert(1)', '&#106;avascript:alert(2)', ' &#x20;javascript:alert(3)', 'jav&#x0A;ascript:alert(4)', 'data:text/html,x', 'DaTa:text/html;base64,PHNjcmlwdD4=', 'vbscript:x', 'file:///etc/passwd'];
    const body = `<h1>T</h1><p>${'A paragraph long enough to be the article body of this small page. '.repeat(8)}${hrefs.map((h, i) => `<a href="${h}">l${i}</a> `).join('')}<a href="https://example.org/ok">ok</a> <a href="rel/page.html">rel</a></p>`;
    const { doc } = await ingestFile(file('entities.html', article(body)));
    const links = doc.pages[0]!.blocks.flatMap((b) => b.links ?? []).map((l) => l.href);
    expect(links.filter((h) => !/^(https?:|rel\/)/.test(h))).toEqual([]);
    expect(links).toContain('https://example.org/ok');
  });
});
