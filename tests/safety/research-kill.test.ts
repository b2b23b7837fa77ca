// kill -9 in a research run, then continued as README says (issue 28): three trials of
// bench/research-kill.ts (the bench runs ten or more): one killed while the source is read (the
// same command again), two at a step of the loop (--resume). Each ends finished, with the notes of
// an uninterrupted run, none twice, and no file cut off or missing.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { killTrial, referenceRun } from '../../bench/research-kill/trial.js';
import { corpus } from '../helpers/corpus.js';

describe('research after kill -9', () => {
  it('resumes to the same notes, with nothing lost, duplicated or cut off', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'folio-research-kill-'));
    const request = { sources: [corpus('annotated/docling/2305.03393v1-pg9.pdf')], goal: 'How do the authors evaluate OTSL against HTML?' };
    const reference = await referenceRun(request, path.join(work, 'reference'));
    expect(reference.notes.length).toBeGreaterThan(0);
    const trials = [
      await killTrial(request, path.join(work, 't1'), { ms: 300 }, reference),
      await killTrial(request, path.join(work, 't2'), { step: 1 }, reference),
      await killTrial(request, path.join(work, 't3'), { step: Math.max(2, reference.step - 1) }, reference),
    ];
    expect(trials.map((t) => t.killedAt)).toEqual(['reading sources', expect.stringMatching(/^step/), expect.stringMatching(/^step/)]);
    expect(trials.map((t) => t.resumedBy)).toEqual(['same command', 'resume', 'resume']);
    for (const t of trials) {
      expect(t.problems).toEqual([]);
      expect(t.resumedOk).toBe(true);
      expect(t.notesIdentical).toBe(true);
      expect(t.duplicates).toBe(0);
    }
  }, 120_000);
});
