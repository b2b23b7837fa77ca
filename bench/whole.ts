// Whole-process benchmark: what a user waits for, measured as the user runs it (a fresh `folio`
// process from the command line), each row beside its reference command run in the same session.
// Prints wall time, CPU time (user + sys) and peak RSS per row, the median of --runs runs, and the
// ratio to the reference. Two RSS figures: /usr/bin/time's (the largest single process in the tree)
// and the peak of the whole tree's summed RSS, sampled from /proc every 50 ms: OCR runs in a child
// process (the model host), so the largest process alone would hide half of what the user pays.
// CPU time is the larger of /usr/bin/time's and the tree's sampled sum, for the same reason.
// Numbers, never pass/fail; the goals of issue 27 are printed beside them.
//
//   npm run bench:whole [-- --runs 3] [-- --only startup,ocr,paper,tam,book,crops] [-- --folio OTHER/electron/bin/folio.mjs]
//
// --folio measures another checkout's CLI (a before/after comparison on the same machine).
//
// The book row (352 pages) takes minutes; leave it out with --only on a busy machine.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { characterErrorRate } from '../engine/models/ocr/metrics.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const OUT = path.join(ROOT, 'bench/.output/whole');
let FOLIO = path.join(ROOT, 'electron/bin/folio.mjs');
const TIME = '/usr/bin/time';

interface Sample {
  wallS: number;
  cpuS: number;
  rssMb: number;
  /** Peak of the summed RSS of the process and all its descendants (sampled). */
  treeMb: number;
  stdout: string;
}

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ; 100 on Linux). */
const HZ = 100;

/**
 * Summed VmRSS (kB) of pid and all its descendants, now; records each one's CPU ticks in `cpu`
 * (the model host outlives the CLI by a moment and is never waited for, so /usr/bin/time misses it).
 */
function treeRssKb(pid: number, cpu: Map<number, number>): number {
  let kb = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
      // Fields after the command name's closing parenthesis: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(p, Number(f[11]) + Number(f[12]));
      for (const t of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim();
        if (kids) stack.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // The process ended between two reads.
    }
  }
  return kb;
}

/** Runs a command under /usr/bin/time (when installed) and reads its wall, CPU and peak RSS. */
async function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Sample> {
  const stats = path.join(OUT, 'time.txt');
  const useTime = existsSync(TIME);
  const t0 = performance.now();
  const child = useTime ? spawn(TIME, ['-o', stats, '-f', '%e %U %S %M', cmd, ...args], { env }) : spawn(cmd, args, { env });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-4000)));
  let treeKb = 0;
  const ticks = new Map<number, number>();
  const sample = (): void => {
    if (child.pid !== undefined) treeKb = Math.max(treeKb, treeRssKb(child.pid, ticks) - (useTime ? timeRssKb(child.pid) : 0));
  };
  const timer = setInterval(sample, 50);
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearInterval(timer);
  const wall = (performance.now() - t0) / 1000;
  if (status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${status}: ${stderr.slice(-2000)}`);
  if (!useTime) return { wallS: wall, cpuS: NaN, rssMb: NaN, treeMb: treeKb / 1024, stdout };
  const [e, u, s, m] = readFileSync(stats, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number, number];
  // The sampled sum misses each process's last 50 ms; /usr/bin/time misses processes it never waits for.
  const sampled = [...ticks.values()].reduce((a, b) => a + b, 0) / HZ;
  return { wallS: e, cpuS: Math.max(u + s, sampled), rssMb: m / 1024, treeMb: treeKb / 1024, stdout };
}

/** /usr/bin/time's own RSS, left out of the tree's sum. */
function timeRssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

async function repeat(runs: number, f: () => Promise<Sample>): Promise<Sample> {
  const all: Sample[] = [];
  for (let i = 0; i < runs; i++) all.push(await f());
  return {
    wallS: median(all.map((x) => x.wallS)),
    cpuS: median(all.map((x) => x.cpuS)),
    rssMb: Math.max(...all.map((x) => x.rssMb)),
    treeMb: Math.max(...all.map((x) => x.treeMb)),
    stdout: all[0]!.stdout,
  };
}

const fmt = (x: Sample): string =>
  `${x.wallS.toFixed(2).padStart(7)} s wall ${x.cpuS.toFixed(2).padStart(7)} s cpu ${x.rssMb.toFixed(0).padStart(5)} MB max proc ${x.treeMb.toFixed(0).padStart(5)} MB tree`;

function row(what: string, s: Sample, ref: { name: string; s: Sample } | null, goal: string, extra = ''): void {
  process.stdout.write(`${what.padEnd(44)} ${fmt(s)}${extra}\n`);
  if (ref) {
    process.stdout.write(`${`  ref: ${ref.name}`.padEnd(44)} ${fmt(ref.s)}   ratio wall ${(s.wallS / ref.s.wallS).toFixed(2)}x, cpu ${(s.cpuS / ref.s.cpuS).toFixed(2)}x\n`);
  }
  process.stdout.write(`${''.padEnd(44)} goal: ${goal}\n`);
}

const folio = (...args: string[]): [string, string[]] => [process.execPath, [FOLIO, ...args]];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, only: { type: 'string' }, folio: { type: 'string' } } });
  if (values.folio) FOLIO = path.resolve(values.folio);
  const runs = Math.max(1, Number(values.runs) || 1);
  const only = values.only ? new Set(values.only.split(',')) : null;
  const want = (k: string): boolean => !only || only.has(k);
  mkdirSync(OUT, { recursive: true });
  process.stdout.write(`bench:whole, ${runs} run(s) per row (median wall/cpu, max RSS), ${path.relative(process.cwd(), FOLIO)}; machine load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n\n`);
  // A first call builds the CLI if the sources changed; that is not start-up. Not --version: it
  // answers from package.json without looking at the build, so the --help row paid for the build.
  await measure(...folio('--help'));

  if (want('startup')) {
    const ref = await repeat(runs, () => measure(process.execPath, ['-e', '0']));
    row('folio --version', await repeat(runs, () => measure(...folio('--version'))), { name: 'node -e 0', s: ref }, '<= 2x node');
    row('folio --help', await repeat(runs, () => measure(...folio('--help'))), { name: 'node -e 0', s: ref }, '<= 2x node');
  }

  if (want('ocr')) {
    const pdf = path.join(CORPUS, 'papers/unstructured_multi-column_DPR.pdf');
    const base = path.join(OUT, 'dpr-p2');
    execFileSync('pdftoppm', ['-r', '150', '-f', '2', '-l', '2', '-singlefile', '-png', pdf, base]);
    const truth = execFileSync('pdftotext', ['-enc', 'UTF-8', '-cropbox', '-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' });
    const s = await repeat(runs, () => measure(...folio('ocr', `${base}.png`)));
    const t = await repeat(runs, () => measure('tesseract', [`${base}.png`, '-', '-l', 'eng'], { ...process.env, OMP_THREAD_LIMIT: '1' }));
    const cer = (text: string): string => `${(characterErrorRate(text, truth) * 100).toFixed(2)} %`;
    row('folio ocr, 150-dpi two-column page (DPR p2)', s, { name: 'tesseract, 1 thread', s: t }, '<= 0.5x tesseract on one thread, lower CER', `  CER ${cer(s.stdout)} (tesseract ${cer(t.stdout)})`);
  }

  if (want('paper')) {
    const pdf = path.join(CORPUS, 'papers/pdfjs_tracemonkey.pdf');
    const out = path.join(OUT, 'paper-run');
    const s = await repeat(runs, () => {
      rmSync(out, { recursive: true, force: true });
      return measure(...folio('run', 'research-report', pdf, '--goal', 'How does trace-based JIT compilation speed up JavaScript?', '--out', out, '--outputs', 'md,html,pptx,slides'));
    });
    const t = await repeat(runs, () => measure('pdftoppm', ['-r', '72', '-png', pdf, path.join(OUT, 'tm72')]));
    row('paper -> md+html+pptx+slides (14 pages)', s, { name: 'pdftoppm -r 72 (every page once)', s: t }, '<= 1x');
  }

  const ingest = (rel: string, ...flags: string[]): Promise<Sample> => {
    const out = path.join(OUT, 'ingest');
    rmSync(out, { recursive: true, force: true });
    return measure(...folio('ingest', path.join(CORPUS, rel), '--out', out, '--quiet', ...flags));
  };
  if (want('crops')) {
    const plain = await repeat(runs, () => ingest('papers/pdfjs_tracemonkey.pdf', '--no-crops'));
    row('folio ingest tracemonkey (14 p, crops)', await repeat(runs, () => ingest('papers/pdfjs_tracemonkey.pdf')), { name: 'the same with --no-crops', s: plain }, 'crops <= the structural pass (ratio <= 2x)');
  }
  if (want('tam')) row('folio ingest TAMReview (21 pages OCR)', await repeat(1, () => ingest('papers/pdfjs_TAMReview.pdf')), null, '<= 30 s');
  if (want('book')) {
    const plain = await repeat(1, () => ingest('long/pdfjs_freeculture.pdf', '--no-crops'));
    row('folio ingest freeculture (352 p, 6 OCR)', await repeat(1, () => ingest('long/pdfjs_freeculture.pdf')), { name: 'the same with --no-crops', s: plain }, 'peak RSS <= 600 MB');
  }
}

await main();
