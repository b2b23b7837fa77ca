// Bad input: each case gives a typed SourceError naming the file and the problem, quickly, and
// the CLI leaves no half-written document folder behind.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../engine/errors.js';
import { ingestPdf } from '../../engine/ingest/pdf/index.js';
import { corpus, outputDir, repoRoot } from '../helpers/corpus.js';
import { buildPdf } from '../helpers/pdf-builder.js';

const run = promisify(execFile);

async function expectSourceError(data: Uint8Array, file: string, problem: RegExp): Promise<void> {
  const t0 = performance.now();
  const err = await ingestPdf({ data, file }, { crops: false, timeoutMs: 60_000 }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  const msg = (err as SourceError).message;
  expect(msg.startsWith(file), msg).toBe(true);
  expect(msg).toMatch(problem);
  expect(performance.now() - t0).toBeLessThan(60_000);
}

describe('bad PDFs', () => {
  it('empty file', () => expectSourceError(new Uint8Array(), 'empty.pdf', /empty/));
  it('non-PDF bytes named .pdf', () =>
    expectSourceError(new Uint8Array(readFileSync(corpus('images/pek_table_001.png'))), 'photo.pdf', /not a PDF/));
  it('truncated file', () => {
    const full = readFileSync(corpus('papers/pdfjs_tracemonkey.pdf'));
    return expectSourceError(new Uint8Array(full.subarray(0, Math.floor(full.length * 0.3))), 'cut.pdf', /truncated/);
  });
  it('zero pages', () => expectSourceError(buildPdf([]), 'zero.pdf', /zero pages/));
  it('absurd page size', () => expectSourceError(buildPdf([{ width: 200_000, height: 200_000, content: 'BT /F1 12 Tf 10 10 Td (hi) Tj ET' }]), 'huge.pdf', /absurd page size/));
  it('encrypted, password required', () => expectSourceError(buildPdf([{ width: 612, height: 792, content: '' }], { encrypted: true }), 'secret.pdf', /password/));
  it('a page with 10,000 tiny images is read within the time limit', async () => {
    const ops: string[] = [];
    for (let i = 0; i < 10_000; i++) ops.push(`q 2 0 0 2 ${(i % 100) * 6} ${Math.floor(i / 100) * 7} cm /Im1 Do Q`);
    const t0 = performance.now();
    const { doc } = await ingestPdf({ data: buildPdf([{ width: 612, height: 792, content: ops.join('\n'), image: true }]), file: 'dots.pdf' }, { crops: false });
    expect(doc.pageCount).toBe(1);
    expect(doc.pages[0]!.textLayer).toBe('none');
    expect(performance.now() - t0).toBeLessThan(60_000);
  });
});

describe('CLI on bad input', () => {
  it('exits non-zero with a one-line reason and writes nothing', async () => {
    const dir = path.join(outputDir, 'bad-cli');
    mkdirSync(dir, { recursive: true });
    const bad = path.join(dir, 'not-a.pdf');
    writeFileSync(bad, 'hello, I am text');
    const out = path.join(dir, 'out');
    const res = await run('node', [path.join(repoRoot, 'electron/bin/folio.mjs'), 'ingest', bad, '--out', out]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n').at(-1)).toMatch(/^folio: not-a\.pdf: not a PDF/);
    expect(readdirSync(out)).toEqual([]);
  });
});
