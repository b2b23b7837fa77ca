// kill -9 during `folio ingest` loses nothing finished (issue 28): each OCR'd page is saved as it
// completes, the same command again reuses those pages and the sources already written, and the
// result is the document an uninterrupted ingest writes. Nothing half-written looks complete: no
// document.json appears before the document is whole.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_DIR, JOURNAL_FILE } from '../../engine/ingest/journal.js';
import { corpus, repoRoot } from '../helpers/corpus.js';

const FOLIO = path.join(repoRoot, 'electron/bin/folio.mjs');

function ingest(args: string[]): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(process.execPath, [FOLIO, 'ingest', ...args, '--quiet'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { code: e.status, out: e.stdout };
  }
}

const savedPages = (out: string): string[] => {
  const d = path.join(out, CHECKPOINT_DIR);
  return existsSync(d) ? readdirSync(d).flatMap((s) => readdirSync(path.join(d, s)).filter((f) => /^ocr-\d+\.json$/.test(f))) : [];
};

describe('ingest after kill -9', () => {
  it('the same command again reuses the OCR’d pages and the finished source, and writes what an uninterrupted ingest writes', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-ingest-kill-'));
    // Three scanned pages (OCR, the slow part of an ingest), and a born-digital paper as a second source.
    const scan = path.join(dir, 'scan3.pdf');
    execFileSync('pdfseparate', ['-f', '1', '-l', '3', corpus('scanned/mineru_small_ocr.pdf'), path.join(dir, 'p%d.pdf')]);
    execFileSync('pdfunite', [1, 2, 3].map((i) => path.join(dir, `p${i}.pdf`)).concat(scan));
    const paper = corpus('annotated/docling/2305.03393v1-pg9.pdf');

    const ref = path.join(dir, 'ref');
    expect(ingest([paper, scan, '--out', ref]).code).toBe(0);

    // Killed once the first scanned page is saved (the paper before it is finished by then).
    const out = path.join(dir, 'out');
    const child = spawn(process.execPath, [FOLIO, 'ingest', paper, scan, '--out', out, '--quiet'], { stdio: 'ignore', detached: true });
    for (let i = 0; i < 600 && savedPages(out).length < 1; i++) await new Promise((r) => setTimeout(r, 100));
    process.kill(-child.pid!, 'SIGKILL');
    await new Promise((r) => child.once('close', r));
    const saved = savedPages(out);
    expect(saved.length).toBeGreaterThanOrEqual(1);
    expect(saved.length).toBeLessThan(3);
    // Every saved page reads back whole; the scan has no document.json yet; the journal is there.
    for (const s of readdirSync(path.join(out, CHECKPOINT_DIR))) for (const f of readdirSync(path.join(out, CHECKPOINT_DIR, s))) JSON.parse(readFileSync(path.join(out, CHECKPOINT_DIR, s, f), 'utf8'));
    expect(existsSync(path.join(out, 'scan3', 'document.json'))).toBe(false);
    expect(existsSync(path.join(out, JOURNAL_FILE))).toBe(true);

    const again = ingest([paper, scan, '--out', out]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/2305-03393v1-pg9\/document\.json .*reused/);
    for (const id of readdirSync(ref).filter((d) => !d.startsWith('.'))) {
      expect(JSON.parse(readFileSync(path.join(out, id, 'document.json'), 'utf8')), id).toEqual(JSON.parse(readFileSync(path.join(ref, id, 'document.json'), 'utf8')));
    }
    // Done: the journal and the saved pages are gone, no temporary folder is left.
    expect(readdirSync(out).filter((d) => d.startsWith('.'))).toEqual([]);
  }, 120_000);
});
