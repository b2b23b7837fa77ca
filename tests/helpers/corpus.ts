// Paths into ../shared/corpus and small helpers around the reference tools (pdftotext).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');

export function corpus(rel: string): string {
  const p = path.join(corpusDir, rel);
  if (!existsSync(p)) throw new Error(`corpus file missing: ../shared/corpus/${rel}`);
  return p;
}

export function corpusPdfs(dir: string): string[] {
  return readdirSync(path.join(corpusDir, dir))
    .filter((f) => f.endsWith('.pdf'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

export function pdftotext(file: string, pages?: { first: number; last: number }, layout = false): string {
  // -cropbox: the visible page, as a viewer (and Folio) shows it; printer's marks outside are not text.
  const args = ['-enc', 'UTF-8', '-cropbox'];
  if (layout) args.push('-layout');
  if (pages) args.push('-f', String(pages.first), '-l', String(pages.last));
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

export const outputDir = path.join(repoRoot, 'tests/.output');
