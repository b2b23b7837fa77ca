// Reference renderers for the deck tests: LibreOffice (pptx → pdf), poppler (pdf → text, words with
// boxes, PNG), headless Chromium for the HTML slides.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';

const run = promisify(execFile);

/** Converts a .pptx to PDF with LibreOffice headless, in a private profile so parallel runs don't clash. */
export async function pptxToPdf(pptx: string, outDir: string): Promise<string> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'folio-lo-'));
  await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, pptx], { timeout: 180_000 });
  return path.join(outDir, `${path.basename(pptx, '.pptx')}.pdf`);
}

export async function pdfPageCount(pdf: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdf]);
  const m = /^Pages:\s+(\d+)/m.exec(stdout);
  if (!m) throw new Error(`${pdf}: pdfinfo gave no page count`);
  return Number(m[1]);
}

export async function pageText(pdf: string, page: number): Promise<string> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word of the PDF with its box, in PDF points (top-left origin), from `pdftotext -bbox`. */
export async function pdfWords(pdf: string): Promise<{ pages: { width: number; height: number }[]; words: Word[] }> {
  const { stdout } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-'], { maxBuffer: 256 * 1024 * 1024 });
  const pages: { width: number; height: number }[] = [];
  const words: Word[] = [];
  const pageRe = /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of stdout.matchAll(pageRe)) {
    if (m[1]) pages.push({ width: Number(m[1]), height: Number(m[2]) });
    else words.push({ page: pages.length, text: m[7] ?? '', xMin: Number(m[3]), yMin: Number(m[4]), xMax: Number(m[5]), yMax: Number(m[6]) });
  }
  return { pages, words };
}

export async function pdfToPngs(pdf: string, outPrefix: string, dpi = 60): Promise<void> {
  await run('pdftoppm', ['-r', String(dpi), '-png', pdf, outPrefix], { timeout: 120_000 });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-background-networking'] });
}

/** Lower-case word tokens (letters and digits), for "is this text in the render" checks. */
export function words(s: string): string[] {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‐‑‒–—]/g, '-')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}
