// A fixed-seed slice of the fuzz suite (npm run fuzz, bench/fuzz.ts): mutated corpus PDFs, hostile
// PDFs, broken images of every format and hostile HTML, each read by the real `folio ingest` CLI in
// its own process. Nothing may crash, run past the time limit or go over 1 GB, and every failure is
// one line that names its file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateInputs } from '../../bench/fuzz/inputs.js';
import { ROOT, runIngest, type RunResult } from '../../bench/fuzz/run.js';

// Small bases only, so that 25 inputs take about a minute on 2 cores.
const PDFS = ['annotated/docling/2305.03393v1-pg9.pdf', 'annotated/pdffigures2/498bb0efad6ec15dd09d941fb309aa18d6df9f5f.pdf', 'annotated/docling/picture_classification.pdf'];
const SEED = 20261208;
const N = 25;

describe('fuzz slice (seed 20261208, 25 inputs)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-fuzz-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('no crash, no timeout, nothing over 1 GB, and every failure names its file', async () => {
    const inputs = await generateInputs({ n: N, seed: SEED, corpusDir: path.resolve(ROOT, '../shared/corpus'), bombs: false, pdfs: PDFS });
    const results: (RunResult & { recipe: string })[] = [];
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < inputs.length) {
        const input = inputs[next++]!;
        const file = path.join(dir, input.name);
        writeFileSync(file, input.bytes);
        const outDir = path.join(dir, 'out', input.name);
        mkdirSync(outDir, { recursive: true });
        results.push({ ...(await runIngest(file, { outDir, timeoutMs: 60_000, extraArgs: ['--quiet'] })), recipe: input.recipe });
      }
    };
    await Promise.all([lane(), lane()]);
    const bad = results.filter((r) => r.outcome !== 'ok' && r.outcome !== 'typed error').map((r) => `${r.outcome}: ${r.file} (${r.recipe}): ${r.message || r.stderr.slice(-300)}`);
    expect(bad).toEqual([]);
    expect(results).toHaveLength(N);
    // The slice must exercise both ways out, or it proves nothing.
    expect(results.filter((r) => r.outcome === 'ok').length).toBeGreaterThan(0);
    expect(results.filter((r) => r.outcome === 'typed error').length).toBeGreaterThan(0);
    for (const r of results.filter((x) => x.outcome === 'typed error')) expect(r.message).toMatch(new RegExp(`^folio: ${r.file.replace(/\./g, '\\.')}: \\S`));
  }, 170_000);
});
