// `npm run fuzz -- --n 1000 --seed S`: mutated and hostile inputs made from the corpus
// (bench/fuzz/inputs.ts), each read by the real `folio ingest` CLI in its own process with a time
// limit (bench/fuzz/run.ts), then a table of outcomes: ok, typed error (one line naming the file),
// unnamed error (a failure that does not say which file, or says nothing), crash (signal, stack
// trace, internal error), over the time limit, over 1 GB peak RSS of the process tree.
//
//   npm run fuzz -- [--n 200] [--seed 1] [--jobs 1] [--time-limit 120] [--no-bombs] [--family pdf,html]
//                   [--dir /tmp/folio-fuzz] [--json results.json] [--keep]
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateInputs, type Family, type FuzzInput } from './fuzz/inputs.js';
import { OUTCOMES, ROOT, runIngest, type Outcome, type RunResult } from './fuzz/run.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    jobs: { type: 'string', default: '1' },
    'time-limit': { type: 'string', default: '120' },
    'no-bombs': { type: 'boolean' },
    family: { type: 'string' },
    dir: { type: 'string' },
    json: { type: 'string' },
    keep: { type: 'boolean' },
  },
});

const n = Number(values.n);
const seed = Number(values.seed);
const jobs = Math.max(1, Number(values.jobs));
const timeoutMs = Number(values['time-limit']) * 1000;
const dir = values.dir ?? path.join(os.tmpdir(), `folio-fuzz-${seed}`);
const families = values.family ? new Set(values.family.split(',') as Family[]) : null;

rmSync(dir, { recursive: true, force: true });
mkdirSync(path.join(dir, 'inputs'), { recursive: true });
const t0 = performance.now();
let inputs: FuzzInput[] = await generateInputs({ n, seed, corpusDir: path.resolve(ROOT, '../shared/corpus'), bombs: values['no-bombs'] !== true });
if (families) inputs = inputs.filter((i) => families.has(i.family));
for (const i of inputs) writeFileSync(path.join(dir, 'inputs', i.name), i.bytes);
process.stderr.write(`fuzz: ${inputs.length} inputs (seed ${seed}) in ${dir}/inputs, made in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${jobs} at a time, ${timeoutMs / 1000} s each at most\n`);

const results: (RunResult & { family: Family; recipe: string })[] = [];
const resultsFile = values.json ?? path.join(dir, 'results.json');
const writeResults = (): void => {
  const tmp = `${resultsFile}.tmp`;
  writeFileSync(tmp, JSON.stringify(results.map(({ stderr, ...r }) => ({ ...r, stderr: stderr.slice(-2000) })), null, 1));
  renameSync(tmp, resultsFile);
};
let next = 0;
async function lane(): Promise<void> {
  while (next < inputs.length) {
    const input = inputs[next++]!;
    const outDir = path.join(dir, 'out', input.name);
    mkdirSync(outDir, { recursive: true });
    const r = await runIngest(path.join(dir, 'inputs', input.name), { outDir, timeoutMs, extraArgs: ['--quiet'] });
    if (!values.keep) rmSync(outDir, { recursive: true, force: true });
    results.push({ ...r, family: input.family, recipe: input.recipe });
    const mark = r.outcome === 'ok' || r.outcome === 'typed error' ? '' : '  <<<';
    // Saved after every input, so a long run that is stopped still leaves its results.
    writeResults();
    process.stderr.write(`[${results.length}/${inputs.length}] ${r.outcome.padEnd(13)} ${String(r.peakMb).padStart(5)} MB ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${input.name} (${input.recipe})${mark}\n`);
  }
}
await Promise.all(Array.from({ length: jobs }, lane));

const fams = [...new Set(results.map((r) => r.family))];
const count = (f: Family | null, o: Outcome): number => results.filter((r) => (f === null || r.family === f) && r.outcome === o).length;
const header = ['family', 'inputs', ...OUTCOMES, 'max MB'];
const rows = [
  ...fams.map((f) => [f, String(results.filter((r) => r.family === f).length), ...OUTCOMES.map((o) => String(count(f, o))), String(Math.max(...results.filter((r) => r.family === f).map((r) => r.peakMb)))]),
  ['all', String(results.length), ...OUTCOMES.map((o) => String(count(null, o))), String(Math.max(0, ...results.map((r) => r.peakMb)))],
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
const out: string[] = [`fuzz: seed ${seed}, ${results.length} inputs, ${((performance.now() - t0) / 1000).toFixed(0)} s`, line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
const bad = results.filter((r) => r.outcome !== 'ok' && r.outcome !== 'typed error');
if (bad.length > 0) {
  out.push('', 'Not ok and not a typed error:');
  for (const r of bad) out.push(`  ${r.outcome}: ${r.file} (${r.recipe}): exit ${r.exitCode ?? r.signal}, ${r.peakMb} MB, ${(r.ms / 1000).toFixed(1)} s: ${(r.message || r.stderr.trim().split('\n').slice(-3).join(' / ')).slice(0, 300)}`);
}
const heavy = [...results].sort((a, b) => b.peakMb - a.peakMb).slice(0, 5);
out.push('', 'Largest peak RSS:', ...heavy.map((r) => `  ${r.peakMb} MB  ${(r.ms / 1000).toFixed(1)} s  ${r.file} (${r.recipe}): ${r.outcome}`));
process.stdout.write(out.join('\n') + '\n');
writeResults();
