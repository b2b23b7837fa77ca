// Failures found by the fuzz suite (bench/fuzz.ts) that reached the user raw: pdf.js's own messages
// without the file's name, and a TypeError with a stack trace from linkedom on a page whose
// "<!--" is never closed. Each must be one line, `folio: <file>: <what is wrong, in words>`.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfFromObjects, pdfPage, pdfStream, textContent, tiff } from '../../bench/fuzz/make.js';
import { ROOT } from '../../bench/fuzz/run.js';
import { describePdfProblem, pdfSourceError } from '../../engine/ingest/pdf/pdf-errors.js';
import { ingestHtml } from '../../engine/ingest/html/index.js';
import { FolioError, SourceError } from '../../engine/errors.js';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-typed-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `folio ingest` on one file: its exit code and the lines it printed on stderr (notices left out). */
async function ingest(name: string, bytes: Buffer): Promise<{ code: number; lines: string[] }> {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const r = await run(process.execPath, [path.join(ROOT, 'electron/bin/folio.mjs'), 'ingest', file, '--out', path.join(dir, 'out'), '--quiet'], { cwd: ROOT }).then(
    (ok) => ({ code: 0, stderr: ok.stderr }),
    (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
  );
  return { code: r.code, lines: r.stderr.split('\n').filter((l) => l && !/^folio: (warning|models): /.test(l)) };
}

describe('pdf.js messages become typed errors naming the file', () => {
  it('says what the raw messages mean', () => {
    expect(describePdfProblem('Maximum call stack size exceeded')).toBe('damaged PDF: its objects are nested too deeply to read');
    expect(describePdfProblem('Pages tree contains circular reference.')).toBe('damaged PDF: its page tree loops back on itself');
    expect(describePdfProblem('Invalid number: G (charCode 71)')).toMatch(/^damaged PDF: "G.*" stands where a number belongs$/);
    // A page worker killed by an unhandled rejection: the reason inside Node's wrapper.
    expect(describePdfProblem('This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "ParserEOFException: End of file inside dictionary.".')).toBe(
      'damaged or truncated PDF: the file ends inside a dictionary',
    );
    expect(describePdfProblem('Something new')).toBe('damaged PDF (pdf.js: Something new)');
  });

  it('wraps an internal error revived from a page worker, and keeps typed ones', () => {
    const e = pdfSourceError('a.pdf', new FolioError('INTERNAL', 'Pages tree contains circular reference.'), 3);
    expect(e).toBeInstanceOf(SourceError);
    expect(e.message).toBe('a.pdf: page 3: damaged PDF: its page tree loops back on itself');
    const typed = new SourceError('a.pdf', 'encrypted PDF');
    expect(pdfSourceError('a.pdf', typed)).toBe(typed);
  });

  it('a circular page tree: one line naming the file, exit 1', async () => {
    const pdf = pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 2 >>',
      '<< /Type /Pages /Kids [2 0 R 4 0 R] /Parent 2 0 R /Count 2 >>',
      '<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>',
      pdfStream('', textContent(['A page in a page tree that loops'])),
    ]);
    const r = await ingest('circular.pdf', pdf);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([expect.stringMatching(/^folio: circular\.pdf: (page 1: )?damaged PDF: its page tree loops back on itself$/)]);
  });

  it('a page tree that points at a non-page: one line naming the file', async () => {
    const pdf = pdfPage(textContent(['x'])).toString('latin1').replace('/Kids [3 0 R]', '/Kids [4 0 R]');
    const r = await ingest('kid.pdf', Buffer.from(pdf, 'latin1'));
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^folio: kid\.pdf: (page 1: )?damaged PDF: /);
    expect(r.lines[0]).not.toMatch(/Page dictionary kid/);
  });
});

describe('a PDF whose damage makes pdf.js leave a promise rejected unhandled', () => {
  it('is read page by page: the damaged page is skipped in words, the rest is kept', async () => {
    // Fuzz seed 1, input 15 (bytes×15 of strucchange-intro). Node's default for an unhandled
    // rejection ended the page worker on every page: 20 s of new workers, then 'page 1: page worker
    // crashed (This error originated either by throwing inside of an async function...)', exit 1.
    const { readFileSync } = await import('node:fs');
    const b = Buffer.from(readFileSync(path.resolve(ROOT, '../shared/corpus/papers/debian_r-strucchange_intro.pdf')));
    const changes = [[8407, 201], [11986, 127], [37385, 128], [40479, 39], [46311, 165], [70536, 127], [84743, 128], [123981, 128], [152196, 127], [154678, 255], [158921, 128], [184891, 0], [219686, 127], [225338, 128], [230677, 98]] as const;
    for (const [at, v] of changes) b[at] = v;
    const r = await ingest('stray.pdf', b);
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([]);
  }, 120_000);
});

describe('an HTML comment that is never closed', () => {
  it('is no internal error when the <html> the reader saw is inside the comment', async () => {
    const r = await ingest('unclosed.html', Buffer.from('<!DOCTYPE html><!-- <html><body><p>Hidden words inside the comment</p></body></html>'));
    expect(r.code).toBe(1);
    expect(r.lines).toEqual(['folio: unclosed.html: has no readable text: a comment ("<!--") opened at character 16 is never closed, so the rest of the page is part of it']);
  });

  it('keeps the text before the comment, as a browser does', async () => {
    const { doc } = await ingestHtml({ data: new TextEncoder().encode('<p>Words a browser shows before the comment starts.</p><!-- <html><body><p>hidden</p>'), file: 'x.html' });
    const text = doc.pages[0]!.blocks.map((b) => b.text).join(' ');
    expect(text).toContain('Words a browser shows');
    expect(text).not.toContain('hidden');
  });
});

describe('a TIFF whose directories point outside the file', () => {
  it('is refused with a typed error before utif2 reads garbage counts', async () => {
    // Cut inside the last image directory and put bytes back: utif2 used to read its entries from
    // past the end and allocate arrays of millions of values (1.5 GB, then a fatal V8 error).
    const good = tiff({ width: 64, height: 32, strip: Buffer.alloc(64 * 32, 200) });
    const bad = Buffer.concat([good.subarray(0, good.length - 40), Buffer.from('\n%%EOF\n')]);
    const r = await ingest('cut.tif', bad);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([expect.stringMatching(/^folio: cut\.tif: corrupt or truncated TIFF: the image directory at byte \d+ \(9 entries\) runs past the end of the file$/)]);
  });
});
