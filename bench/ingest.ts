// PDF ingest benchmark: our structural ingest against `pdftotext -layout` on the same files, in the
// same run. Numbers only, never pass/fail; the targets are printed beside them for reference.
//
//   npm run bench:ingest [-- --threads N] [-- --read-ahead on|off] [-- more.pdf ...]
//
// Every ingest runs in a fresh child process (bench/ingest-one.ts), so its peak RSS is that of one
// ingest alone, page workers included (they are threads of the child).
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import type { IngestOneResult } from './ingest-one.js';

const RESULT_MARK = '@@bench '; // the line prefix bench/ingest-one.ts writes its result under
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHILD = path.join(ROOT, 'bench', 'ingest-one.ts');
const PDFTOTEXT_RUNS = 3;
/** Structural ingests per file, each in a fresh process: timed like pdftotext, best of these. */
const INGEST_RUNS = 3;

interface Target {
  file: string;
  /** Printed beside the numbers, for reference only. */
  targets: string;
}

const DEFAULT_FILES: Target[] = [
  { file: '../shared/corpus/papers/pdfjs_tracemonkey.pdf', targets: '' },
  { file: '../shared/corpus/papers/unstructured_multi-column_DPR.pdf', targets: '' },
  { file: '../shared/corpus/long/pdfjs_freeculture.pdf', targets: 'ratio ≤ 4' },
  { file: '../shared/corpus/long/unstructured_irs_irm_400p.pdf', targets: 'ratio ≤ 4, peak RSS ≤ 600 MB' },
];

type Ok = Extract<IngestOneResult, { ok: true }>;

interface ChildRun {
  result: IngestOneResult;
  /** Spawn → exit, as seen from here. */
  wallMs: number;
}

interface ChildOptions {
  threads: number | undefined;
  readAhead: string | undefined;
}

async function runChild(file: string, crops: boolean, o: ChildOptions): Promise<ChildRun> {
  const args = [
    '--import',
    'tsx',
    CHILD,
    file,
    ...(crops ? ['--crops'] : []),
    ...(o.threads !== undefined ? ['--threads', String(o.threads)] : []),
    ...(o.readAhead !== undefined ? ['--read-ahead', o.readAhead] : []),
  ];
  const t0 = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
  });
  const wallMs = performance.now() - t0;
  const line = stdout.split('\n').findLast((l) => l.startsWith(RESULT_MARK));
  if (line !== undefined) return { result: JSON.parse(line.slice(RESULT_MARK.length)) as IngestOneResult, wallMs };
  const tail = stderr.trim().split('\n').slice(-3).join(' | ');
  return { result: { ok: false, file, crops, error: `child exited ${code ?? 'by signal'} without a result${tail ? `: ${tail}` : ''}` }, wallMs };
}

const execFileP = promisify(execFile);

/** Best wall time of `pdftotext -layout <file> /dev/null` over `runs` runs, after one warm-up; null when it cannot run. */
async function pdftotextMs(file: string, runs: number): Promise<{ ms: number } | { error: string }> {
  const once = async (): Promise<number> => {
    const t0 = performance.now();
    await execFileP('pdftotext', ['-layout', file, '/dev/null'], { cwd: ROOT, maxBuffer: 16 << 20 });
    return performance.now() - t0;
  };
  try {
    await once(); // warm-up: page cache and pdftotext's own start-up, same as our warm-up ingest
    let best = Infinity;
    for (let i = 0; i < runs; i++) best = Math.min(best, await once());
    return { ms: best };
  } catch (err) {
    return { error: `pdftotext: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}

// ---- formatting ----

const fx = (n: number, d: number): string => (Number.isFinite(n) ? n.toFixed(d) : '–');
const mb = (kb: number): string => fx(kb / 1024, 0);

interface Column {
  head: string;
  left?: boolean;
}

const COLUMNS: Column[] = [
  { head: 'file', left: true },
  { head: 'pages' },
  { head: 'ingest s' },
  { head: 'median s' },
  { head: 'CPU s' },
  { head: 'pages/s' },
  { head: '1st page s' },
  { head: 'start s' },
  { head: 'child wall s' },
  { head: 'RSS base MB' },
  { head: 'peak RSS MB' },
  { head: 'fig+tab' },
  { head: 'crops s' },
  { head: 'crop ms/item' },
  { head: 'pdftotext s' },
  { head: 'ours/pdftotext' },
  { head: 'median ratio' },
  { head: 'targets (reference)', left: true },
];

function printTable(rows: string[][]): void {
  const widths = COLUMNS.map((c, i) => Math.max(c.head.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[]): string =>
    cells
      .map((s, i) => (COLUMNS[i]?.left ? s.padEnd(widths[i] ?? 0) : s.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(fmt(COLUMNS.map((c) => c.head)));
  console.log(fmt(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(fmt(r));
}

// ---- main ----

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { threads: { type: 'string' }, 'read-ahead': { type: 'string' } } });
  const threads = values.threads !== undefined ? Number(values.threads) : undefined;
  if (threads !== undefined && !(Number.isInteger(threads) && threads > 0)) throw new Error(`--threads: expected a positive integer, got ${values.threads}`);
  const readAhead = values['read-ahead'];
  if (readAhead !== undefined && readAhead !== 'on' && readAhead !== 'off') throw new Error(`--read-ahead: expected on or off, got ${readAhead}`);
  const child: ChildOptions = { threads, readAhead };
  const files: Target[] = positionals.length > 0 ? positionals.map((file) => ({ file, targets: '' })) : DEFAULT_FILES;

  const cores = os.availableParallelism();
  for (const line of [
    'PDF ingest benchmark: our structural ingest (crops off) vs `pdftotext -layout FILE /dev/null`, same run, same machine. Numbers only.',
    `  ingest s      the ingestPdf() call alone, in a fresh child process, best of ${INGEST_RUNS} (median s: their median); pages/s = pages / ingest s`,
    '  ours/pdftotext = ingest s / pdftotext s (best against best); median ratio = median s / pdftotext s',
    '  CPU s         CPU time (user + system) of the best run, every thread of the child: with 2 cores, ingest s is at least half of it',
    '  1st page s    ingestPdf() called -> first page laid out (worker pool start-up included)',
    '  start s       child start -> ingestPdf() called (node + tsx + engine import); child wall s = the whole child, spawn to exit',
    "  peak RSS MB   the child's VmHWM, highest of the runs: the whole process, page worker threads included; RSS base MB = its RSS just before the call",
    '  crops s       a second child with crops on: (time after the last page, crops on) - (same, crops off); crop ms/item = crops s / fig+tab',
    `  pdftotext s   wall time of the spawned command, best of ${PDFTOTEXT_RUNS} after one warm-up; one warm-up ingest precedes the measured ones`,
  ])
    console.log(line);
  console.log(`machine: ${cores} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${mb(os.totalmem() / 1024)} MB RAM, node ${process.version}, load avg (1 min) at start ${fx(os.loadavg()[0] ?? NaN, 2)}`);

  const present = files.filter((f) => existsSync(path.resolve(ROOT, f.file)));
  // Warm-up: fills the page cache and tsx's transform cache, so the first measured row is not
  // charged with compiling the engine.
  const warm = present[0];
  if (warm) await runChild(warm.file, false, child);

  const rows: string[][] = [];
  const notes: string[] = [];
  let usedThreads: number | undefined;
  let usedReadAhead: boolean | undefined;
  let failed = false;
  const t0 = performance.now();
  for (const { file, targets } of files) {
    const name = path.basename(file);
    const row = (cells: string[]): void => {
      rows.push([name, ...cells, targets]);
    };
    if (!existsSync(path.resolve(ROOT, file))) {
      row(Array<string>(COLUMNS.length - 2).fill('–'));
      notes.push(`${name}: not found at ${path.resolve(ROOT, file)}`);
      continue;
    }
    if (process.stderr.isTTY) process.stderr.write(`  ${name} …\r`);
    const pt = await pdftotextMs(file, PDFTOTEXT_RUNS);
    if ('error' in pt) notes.push(`${name}: ${pt.error}`);
    const ptMs = 'ms' in pt ? pt.ms : NaN;
    const runs: ChildRun[] = [];
    for (let k = 0; k < INGEST_RUNS; k++) {
      const run = await runChild(file, false, child);
      runs.push(run);
      if (!run.result.ok) break;
    }
    const bad = runs.find((x) => !x.result.ok);
    if (bad && !bad.result.ok) {
      failed = true;
      notes.push(`${name}: ingest failed: ${bad.result.error}`);
      row([...Array<string>(COLUMNS.length - 5).fill('–'), fx(ptMs / 1000, 3), '–', '–']);
      continue;
    }
    const oks = runs.map((x) => ({ run: x, r: x.result as Ok })).sort((a, b) => a.r.ingestMs - b.r.ingestMs);
    const plain = oks[0]!.run;
    const r: Ok = oks[0]!.r;
    const medianMs = oks[Math.floor(oks.length / 2)]!.r.ingestMs;
    const peakKb = Math.max(...oks.map((x) => x.r.peakRssKb));
    usedThreads = r.threads;
    usedReadAhead = r.readAhead;
    const items = r.figures + r.tables;
    let cropS = NaN;
    if (items > 0) {
      const withCrops = await runChild(file, true, child);
      if (withCrops.result.ok) cropS = (withCrops.result.tailMs - r.tailMs) / 1000;
      else {
        failed = true;
        notes.push(`${name}: ingest with crops failed: ${withCrops.result.error}`);
      }
    }
    row([
      String(r.pages),
      fx(r.ingestMs / 1000, 2),
      fx(medianMs / 1000, 2),
      fx(r.cpuMs / 1000, 2),
      fx(r.pages / (r.ingestMs / 1000), 1),
      fx(r.firstPageMs / 1000, 2),
      fx(r.startupMs / 1000, 2),
      fx(plain.wallMs / 1000, 2),
      mb(r.rssBeforeKb),
      mb(peakKb),
      `${items} (${r.figures}+${r.tables})`,
      items > 0 ? fx(cropS, 2) : '–',
      items > 0 ? fx((cropS * 1000) / items, 0) : '–',
      fx(ptMs / 1000, 3),
      fx(r.ingestMs / ptMs, 1),
      fx(medianMs / ptMs, 1),
    ]);
  }
  if (process.stderr.isTTY) process.stderr.write(' '.repeat(60) + '\r');

  console.log(`threads: ${usedThreads ?? threads ?? '–'} page workers reading (engine default min(4, cores - 1) unless --threads; crops add workers up to min(4, cores)); cores: ${cores}`);
  const ahead = usedReadAhead === undefined ? '–' : usedReadAhead ? 'on' : 'off';
  console.log(`read-ahead: ${ahead} (pages analysed as they come in; engine default on when cores ≥ reading workers + 1, unless --read-ahead on|off)`);
  console.log('');
  printTable(rows);
  if (notes.length > 0) {
    console.log('');
    for (const n of notes) console.log(`note: ${n}`);
  }
  console.log('');
  console.log(`bench time ${fx((performance.now() - t0) / 1000, 1)} s (after warm-up); load avg (1 min) at end ${fx(os.loadavg()[0] ?? NaN, 2)}`);
  // A crash is not a timing verdict, but it must not look like a clean run to a script either.
  if (failed) process.exitCode = 1;
}

await main();
