// composeResearch over a run whose source folder is gone: the report is still made from the notes,
// and the missing folder is said (it used to be swallowed by a bare catch).
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runResearch } from '../../engine/agent/index.js';
import { composeResearch } from '../../engine/compose/research.js';
import { corpus, outputDir } from '../helpers/corpus.js';

describe('composeResearch without a source document', () => {
  it('composes from the state and warns, naming the source file', async () => {
    const runDir = path.join(outputDir, 'compose-missing-doc');
    rmSync(runDir, { recursive: true, force: true });
    mkdirSync(runDir, { recursive: true });
    const state = await runResearch({ goal: 'How does tracing pick the loops it compiles?', sources: [corpus('papers/pdfjs_tracemonkey.pdf')], runDir, provider: { kind: 'offline' }, budget: { steps: 6 } });
    expect((await composeResearch(state, runDir, { date: '2026-01-01' })).problems).toEqual([]);
    for (const s of state.sources) rmSync(s.docDir, { recursive: true, force: true });
    const c = await composeResearch(state, runDir, { date: '2026-01-01' });
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0]).toMatch(/^pdfjs_tracemonkey\.pdf: its document folder has no document\.json/);
    expect(c.report.sections.length).toBeGreaterThan(0);
  }, 120_000);
});
