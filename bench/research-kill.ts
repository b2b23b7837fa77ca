// `node --import tsx bench/research-kill.ts [--trials 10] [--seed 1]`: kill -9 at random moments of
// a research run (offline provider, tracemonkey), then continue it as README says, and print the
// figures: trials, resumed ok, notes identical to an uninterrupted run, duplicated notes, anything
// bad (a state or trace cut off, a file the state names missing, a source folder without its document).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from './fuzz/random.js';
import { killTrial, referenceRun, type TrialResult } from './research-kill/trial.js';

const { values } = parseArgs({ options: { trials: { type: 'string', default: '10' }, seed: { type: 'string', default: '1' }, source: { type: 'string' } } });
const ROOT = path.resolve(import.meta.dirname, '..');
const request = { sources: [values.source ?? path.resolve(ROOT, '../shared/corpus/papers/pdfjs_tracemonkey.pdf')], goal: 'How is the trace compiler evaluated?' };
const work = mkdtempSync(path.join(os.tmpdir(), 'folio-research-kill-'));
const t0 = performance.now();
const reference = await referenceRun(request, path.join(work, 'reference'));
const refMs = performance.now() - t0;
process.stderr.write(`reference: ${reference.notes.length} notes, ${reference.step} steps, ${(refMs / 1000).toFixed(1)} s\n`);
const rng = new Rng(Number(values.seed));
const results: TrialResult[] = [];
for (let i = 0; i < Number(values.trials); i++) {
  // Half the trials at a random time from the start (the sources being read) to just past the
  // uninterrupted run's length, half at a random step of the loop (a time would mostly land in
  // the reading, which takes most of an offline run).
  const at = i % 2 === 0 ? { ms: Math.round(rng.next() * refMs * 1.1) } : { step: rng.int(1, reference.step) };
  const r = await killTrial(request, path.join(work, `trial-${i + 1}`), at, reference);
  results.push(r);
  process.stderr.write(`trial ${i + 1}: killed ${r.kill} (${r.killedAt}), continued by ${r.resumedBy}: ${r.resumedOk ? 'finished' : 'NOT finished'}, notes ${r.notesIdentical ? 'identical' : 'DIFFER'}, ${r.duplicates} duplicated${r.problems.length ? `; ${r.problems.join('; ')}` : ''}\n`);
}
const n = (f: (r: TrialResult) => boolean): number => results.filter(f).length;
process.stdout.write(
  [
    `research kill -9: ${results.length} trials (seed ${values.seed}; reference ${reference.notes.length} notes in ${(refMs / 1000).toFixed(1)} s)`,
    `  killed while reading sources: ${n((r) => r.killedAt === 'reading sources')}, in the loop: ${n((r) => r.killedAt.startsWith('step'))}, after the end: ${n((r) => r.killedAt === 'after it ended')}`,
    `  resumed ok: ${n((r) => r.resumedOk)}/${results.length}`,
    `  notes identical: ${n((r) => r.notesIdentical)}/${results.length}`,
    `  duplicated notes: ${results.reduce((a, r) => a + r.duplicates, 0)}`,
    `  bad (cut-off or missing files): ${n((r) => r.problems.length > 0)}`,
  ].join('\n') + '\n',
);
rmSync(work, { recursive: true, force: true });
