// Whole-process benchmark: what a user waits for, measured as the user runs it (a fresh `folio`
// process from the command line), each row beside its reference command run in the same session.
// Prints wall time, CPU time (user + sys) and peak RSS (from /usr/bin/time; of the largest process
// in the tree, not a sum) per row, the median of --runs runs, and the ratio to the reference.
// Numbers, never pass/fail; the goals of issue 27 are printed beside them.
//
//   npm run bench:whole [-- --runs 3] [-- --only startup,ocr,paper,tam,book,crops] [-- --folio OTHER/electron/bin/folio.mjs]
//
// --folio measures another checkout's CLI (a before/after comparison on the same machine).
//
// The book row (352 pages) takes minutes; leave it out with --only on a busy machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
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
  stdout: string;
}

/** Runs a command under /usr/bin/time (when installed) and reads its wall, CPU and peak RSS. */
function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Sample {
  const stats = path.join(OUT, 'time.txt');
  const useTime = existsSync(TIME);
  const t0 = performance.now();
  const r = useTime
    ? spawnSync(TIME, ['-o', stats, '-f', '%e %U %S %M', cmd, ...args], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr ?? '').slice(-2000)}`);
  if (!useTime) return { wallS: wall, cpuS: NaN, rssMb: NaN, stdout: r.stdout };
  const [e, u, s, m] = readFileSync(stats, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number, number];
  return { wallS: e, cpuS: u + s, rssMb: m / 1024, stdout: r.stdout };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

function repeat(runs: number, f: () => Sample): Sample {
  const all = Array.from({ length: runs }, f);
  return { wallS: median(all.map((x) => x.wallS)), cpuS: median(all.map((x) => x.cpuS)), rssMb: Math.max(...all.map((x) => x.rssMb)), stdout: all[0]!.stdout };
}

const fmt = (x: Sample): string => `${x.wallS.toFixed(2).padStart(7)} s wall ${x.cpuS.toFixed(2).padStart(7)} s cpu ${x.rssMb.toFixed(0).padStart(5)} MB`;

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
  // A first call builds the CLI if the sources changed; that is not start-up.
  measure(...folio('--version'));

  if (want('startup')) {
    const ref = repeat(runs, () => measure(process.execPath, ['-e', '0']));
    row('folio --version', repeat(runs, () => measure(...folio('--version'))), { name: 'node -e 0', s: ref }, '<= 2x node');
    row('folio --help', repeat(runs, () => measure(...folio('--help'))), { name: 'node -e 0', s: ref }, '<= 2x node');
  }

  if (want('ocr')) {
    const pdf = path.join(CORPUS, 'papers/unstructured_multi-column_DPR.pdf');
    const base = path.join(OUT, 'dpr-p2');
    execFileSync('pdftoppm', ['-r', '150', '-f', '2', '-l', '2', '-singlefile', '-png', pdf, base]);
    const truth = execFileSync('pdftotext', ['-enc', 'UTF-8', '-cropbox', '-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' });
    const s = repeat(runs, () => measure(...folio('ocr', `${base}.png`)));
    const t = repeat(runs, () => measure('tesseract', [`${base}.png`, '-', '-l', 'eng'], { ...process.env, OMP_THREAD_LIMIT: '1' }));
    const cer = (text: string): string => `${(characterErrorRate(text, truth) * 100).toFixed(2)} %`;
    row('folio ocr, 150-dpi two-column page (DPR p2)', s, { name: 'tesseract, 1 thread', s: t }, '<= 0.5x tesseract on one thread, lower CER', `  CER ${cer(s.stdout)} (tesseract ${cer(t.stdout)})`);
  }

  if (want('paper')) {
    const pdf = path.join(CORPUS, 'papers/pdfjs_tracemonkey.pdf');
    const out = path.join(OUT, 'paper-run');
    const s = repeat(runs, () => {
      rmSync(out, { recursive: true, force: true });
      return measure(...folio('run', 'research-report', pdf, '--goal', 'How does trace-based JIT compilation speed up JavaScript?', '--out', out, '--outputs', 'md,html,pptx,slides'));
    });
    const t = repeat(runs, () => measure('pdftoppm', ['-r', '72', '-png', pdf, path.join(OUT, 'tm72')]));
    row('paper -> md+html+pptx+slides (14 pages)', s, { name: 'pdftoppm -r 72 (every page once)', s: t }, '<= 1x');
  }

  const ingest = (rel: string, ...flags: string[]): Sample => {
    const out = path.join(OUT, 'ingest');
    rmSync(out, { recursive: true, force: true });
    return measure(...folio('ingest', path.join(CORPUS, rel), '--out', out, '--quiet', ...flags));
  };
  if (want('crops')) {
    const plain = repeat(runs, () => ingest('papers/pdfjs_tracemonkey.pdf', '--no-crops'));
    row('folio ingest tracemonkey (14 p, crops)', repeat(runs, () => ingest('papers/pdfjs_tracemonkey.pdf')), { name: 'the same with --no-crops', s: plain }, 'crops <= the structural pass (ratio <= 2x)');
  }
  if (want('tam')) row('folio ingest TAMReview (21 pages OCR)', repeat(1, () => ingest('papers/pdfjs_TAMReview.pdf')), null, '<= 30 s');
  if (want('book')) {
    const plain = repeat(1, () => ingest('long/pdfjs_freeculture.pdf', '--no-crops'));
    row('folio ingest freeculture (352 p, 6 OCR)', repeat(1, () => ingest('long/pdfjs_freeculture.pdf')), { name: 'the same with --no-crops', s: plain }, 'peak RSS <= 600 MB');
  }
}

await main();
