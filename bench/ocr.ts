// OCR benchmark: Folio's PP-OCRv4 pipeline against Tesseract on the same page images.
// Born-digital corpus pages are rendered with `pdftoppm -r 150`; the reference text is pdftotext of
// the same page; CER and word F1 (spaces count) as in engine/models/ocr/metrics.ts. Prints, per
// page, the time, CER and, for English, word F1 of both engines and the time ratio, plus the execution provider Folio ran on. Numbers, not verdicts.
//
//   npm run bench:ocr [-- --provider cpu|cuda] [--only DPR]
//
// Tesseract runs twice per page: with its default OpenMP threads, and with OMP_THREAD_LIMIT=1
// (Tesseract's advice for throughput; on a busy 2-core machine its default is several times slower).
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { ModelHost } from '../engine/models/host.js';
import { characterErrorRate, wordF1 } from '../engine/models/ocr/metrics.js';
import { defaultThreads, parseProvider, type ProviderName } from '../engine/models/ort.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(root, '../shared/corpus');
const outDir = path.join(root, 'bench/.output/ocr');

interface Case {
  rel: string;
  page: number;
  lang: 'eng' | 'chi_sim';
}

const CASES: Case[] = [
  { rel: 'papers/unstructured_multi-column_DPR.pdf', page: 1, lang: 'eng' },
  { rel: 'papers/unstructured_multi-column_DPR.pdf', page: 2, lang: 'eng' },
  { rel: 'papers/pdfjs_tracemonkey.pdf', page: 1, lang: 'eng' },
  { rel: 'papers/mineru_demo2_stereo.pdf', page: 2, lang: 'eng' },
  { rel: 'papers/unstructured_fr_olap.pdf', page: 2, lang: 'eng' },
  { rel: 'papers/ucasthesis_zh_template_sample.pdf', page: 19, lang: 'chi_sim' },
  { rel: 'papers/ucasthesis_zh_template_sample.pdf', page: 5, lang: 'chi_sim' },
];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { provider: { type: 'string' }, only: { type: 'string' } } });
  let provider: ProviderName | undefined;
  if (values.provider) {
    const p = parseProvider(values.provider);
    if (!p) throw new Error(`--provider: unknown provider ${values.provider}`);
    provider = p;
  }
  mkdirSync(outDir, { recursive: true });
  const cases = CASES.filter((c) => !values.only || c.rel.includes(values.only));
  const notes: string[] = [];
  const host = new ModelHost({ userDir: null, ...(provider ? { provider } : {}), log: (m) => notes.push(m) });
  const rows: { name: string; lang: string; folioS: number; folioCer: number; tessS: number; tess1S: number; tessCer: number; folioF1: number; tessF1: number }[] = [];
  let providerUsed = '?';
  try {
    // Warm-up: model loading is a one-time cost, not per page.
    const first = renderPage(cases[0]!);
    await host.ocrImage(readFileSync(first), path.basename(first));
    for (const c of cases) {
      const png = renderPage(c);
      const ref = execFileSync('pdftotext', ['-enc', 'UTF-8', '-cropbox', '-f', String(c.page), '-l', String(c.page), path.join(corpus, c.rel), '-'], { encoding: 'utf8' });
      const bytes = readFileSync(png);
      const t0 = performance.now();
      const r = await host.ocrImage(bytes, path.basename(png));
      const folioS = (performance.now() - t0) / 1000;
      const frame = r.frames[0]!;
      providerUsed = frame.result.providers.recognition ?? providerUsed;
      const tesseract = async (env: NodeJS.ProcessEnv): Promise<{ s: number; text: string }> => {
        const t = performance.now();
        const out = await run('tesseract', [png, '-', '-l', c.lang], { env, maxBuffer: 64 * 1024 * 1024 });
        return { s: (performance.now() - t) / 1000, text: out.stdout };
      };
      const { OMP_THREAD_LIMIT: _unused, ...defaultEnv } = process.env;
      const tess = await tesseract(defaultEnv);
      const tess1 = await tesseract({ ...process.env, OMP_THREAD_LIMIT: '1' });
      const name = `${path.basename(c.rel, '.pdf')} p${c.page}`;
      const last = { name, lang: c.lang, folioS, folioCer: characterErrorRate(frame.result.text, ref), tessS: tess.s, tess1S: tess1.s, tessCer: characterErrorRate(tess1.text, ref), folioF1: wordF1(frame.result.text, ref), tessF1: wordF1(tess1.text, ref) };
      rows.push(last);
      process.stdout.write(
        `${name.padEnd(36)} ${c.lang.padEnd(7)} folio ${last.folioS.toFixed(2).padStart(6)} s CER ${pct(last.folioCer)}${c.lang === 'eng' ? ` F1 ${last.folioF1.toFixed(3)}` : ''} | tesseract ${last.tessS.toFixed(2).padStart(6)} s (1 thread ${last.tess1S.toFixed(2).padStart(5)} s) CER ${pct(last.tessCer)}${c.lang === 'eng' ? ` F1 ${last.tessF1.toFixed(3)}` : ''} | tesseract/folio time ${(last.tessS / last.folioS).toFixed(2)} (1 thread ${(last.tess1S / last.folioS).toFixed(2)})\n`,
      );
    }
  } finally {
    await host.close();
  }
  const sum = (f: (r: (typeof rows)[number]) => number): number => rows.reduce((a, r) => a + f(r), 0);
  const n = rows.length;
  process.stdout.write('\n');
  process.stdout.write(`Folio provider: ${providerUsed}${provider ? ' (forced)' : ''}; onnxruntime threads: $FOLIO_OCR_THREADS or half the cores (${defaultThreads()})\n`);
  for (const note of notes) process.stdout.write(`note: ${note}\n`);
  const fs = sum((r) => r.folioS);
  process.stdout.write(
    `pages: ${n}   total time: folio ${fs.toFixed(1)} s, tesseract ${sum((r) => r.tessS).toFixed(1)} s (ratio ${(sum((r) => r.tessS) / fs).toFixed(2)}), tesseract 1 thread ${sum((r) => r.tess1S).toFixed(1)} s (ratio ${(sum((r) => r.tess1S) / fs).toFixed(2)})\n`,
  );
  process.stdout.write(`mean CER: folio ${pct(sum((r) => r.folioCer) / n)}, tesseract ${pct(sum((r) => r.tessCer) / n)}\n`);
  for (const lang of ['eng', 'chi_sim']) {
    const sub = rows.filter((r) => r.lang === lang);
    if (sub.length === 0) continue;
    const m = (f: (r: (typeof rows)[number]) => number): number => sub.reduce((a, r) => a + f(r), 0) / sub.length;
    const f1 = (k: 'folioF1' | 'tessF1'): string => (lang === 'eng' ? ` word F1 ${m((r) => r[k]).toFixed(3)}` : '');
    process.stdout.write(`  ${lang}: folio ${m((r) => r.folioS).toFixed(2)} s/page CER ${pct(m((r) => r.folioCer))}${f1('folioF1')} | tesseract ${m((r) => r.tessS).toFixed(2)} s/page (1 thread ${m((r) => r.tess1S).toFixed(2)}) CER ${pct(m((r) => r.tessCer))}${f1('tessF1')}\n`);
  }
}

function renderPage(c: Case): string {
  const base = path.join(outDir, `${path.basename(c.rel, '.pdf')}-p${c.page}`);
  execFileSync('pdftoppm', ['-r', '150', '-f', String(c.page), '-l', String(c.page), '-singlefile', '-png', path.join(corpus, c.rel), base]);
  return `${base}.png`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2).padStart(6)} %`;
}

await main();
