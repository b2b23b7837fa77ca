// A how-to goal is answered with the source's own code as well as its sentences. Asked "How do I fit
// a Cox model with time-dependent covariates in R?", the survival vignette's report used to hold
// only prose about the Cox model: not one of its 59 listings, although the vignette is mostly R
// code. Now the offline agent searches the listings (search_sources type: code), quotes the best
// one whole with its page, and the report's Summary shows it as a listing, never as a bullet.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runResearch } from '../../engine/agent/index.js';
import { rewriteReport } from '../../engine/compose/model-writer.js';
import { composeResearch } from '../../engine/compose/research.js';
import type { Provider } from '../../engine/providers/types.js';
import { asksForCode, codeListings } from '../../engine/providers/offline.js';
import { corpus, outputDir } from '../helpers/corpus.js';

describe('code answers', () => {
  it('knows a how-to goal from a what goal', () => {
    expect(asksForCode('How do I fit a Cox model with time-dependent covariates in R?')).toBe(true);
    expect(asksForCode('how to test for structural change')).toBe(true);
    expect(asksForCode('Give an example of calling efp')).toBe(true);
    expect(asksForCode('What are the main results?')).toBe(false);
    expect(asksForCode('Compare how these two papers estimate standard errors')).toBe(false);
  });

  it('ranks listings with commands that use the goal words; printed output and prose are never listings', () => {
    const p = (text: string, type: 'code' | 'paragraph' = 'code') => ({ sourceId: 's', page: 1, blockId: text.slice(0, 6), bbox: [0, 0, 0, 0] as [number, number, number, number], type, text });
    const fit = p('> fit <- coxph(Surv(time1, time2, status) ~ age, data=d)');
    const output = p('   loglik  Chisq Df\n1 -483.93\n2 -475.79 16.283  3');
    const other = p('> plot(survfit(x))');
    const prose = p('We fit a Cox model with coxph(Surv(time, status) ~ x).', 'paragraph');
    expect(codeListings('How do I fit a Cox model over time?', [output, other, prose, fit], 2)).toEqual([fit]);
  });

  it('survival vignette, a how-to goal: the Summary ends on a cited tmerge/coxph listing', async () => {
    const runDir = path.join(outputDir, 'code-answers', 'run');
    rmSync(path.dirname(runDir), { recursive: true, force: true });
    const state = await runResearch({
      goal: 'How do I fit a Cox model with time-dependent covariates in R?',
      sources: [corpus('papers/debian_r-survival_timedep.pdf')],
      runDir,
      provider: { kind: 'offline' },
      budget: { steps: 40 },
    });
    expect(state.status).toBe('finished');
    const { report, deck } = await composeResearch(state, runDir, { date: '2026-01-01' });
    const summary = report.sections.find((s) => s.heading === 'Summary')!;
    const listing = summary.paragraphs.find((p) => p.code);
    expect(listing, summary.paragraphs.map((p) => p.text).join('\n')).toBeDefined();
    expect(listing!.text).toMatch(/coxph\(Surv\(tstart, tstop/);
    expect(listing!.text).toMatch(/tmerge\(/);
    expect(listing!.text.split('\n').length).toBeGreaterThan(3); // lines kept, not squashed
    const c = report.citations[listing!.cites[0]!]!;
    expect(c.page).toBeGreaterThan(1);
    // Sentences come first; no slide bullet is a listing.
    expect(summary.paragraphs[0]!.code).toBeUndefined();
    for (const s of deck.slides) for (const b of s.bullets) expect(b.text).not.toMatch(/^> |<- coxph/);

    // With a model the prose is the model's, but the listing stays as the source wrote it.
    const writer: Provider = {
      kind: 'openai-compatible',
      model: 'scripted',
      limits: { maxImagesPerRequest: 4, maxImageBytes: 1 << 20, maxImageSide: 2048 },
      chat: () => Promise.reject(new Error('not used')),
      complete: () => Promise.resolve('The vignette builds the data set with tmerge and fits the model with coxph on (start, stop] intervals [1].'),
    };
    const written = await rewriteReport(report, writer, { paragraphs: 2, audience: 'general', tone: 'neutral' });
    const after = written.report.sections.find((s) => s.heading === 'Summary')!.paragraphs;
    expect(after[0]!.text).toMatch(/^The vignette builds/);
    expect(after.find((p) => p.code)?.text).toBe(listing!.text);
  }, 120_000);

  it('a what goal on the same vignette takes no listing', async () => {
    const runDir = path.join(outputDir, 'code-answers', 'what');
    rmSync(runDir, { recursive: true, force: true });
    const state = await runResearch({
      goal: 'What are time dependent coefficients?',
      sources: [corpus('papers/debian_r-survival_timedep.pdf')],
      runDir,
      provider: { kind: 'offline' },
      budget: { steps: 40 },
    });
    const { report } = await composeResearch(state, runDir, { date: '2026-01-01' });
    expect(report.sections.flatMap((s) => s.paragraphs).filter((p) => p.code)).toHaveLength(0);
  }, 120_000);
});
