// composeResearch says what its outputs lack (issue 25: it caught a source's unreadable
// document.json and went on without a word, and dropped a visual whose image was gone the same way).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSamplePdf } from '../../assets/sample/make-sample-pdf.js';
import { runResearch } from '../../engine/agent/index.js';
import { composeResearch } from '../../engine/compose/research.js';
import { outputDir } from '../helpers/corpus.js';

describe('research composition problems', () => {
  it('names a source whose document folder is gone and a visual whose image is gone, and still cites the source', async () => {
    const dir = path.join(outputDir, 'research-problems');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const pdf = path.join(dir, 'folio-sample.pdf');
    writeFileSync(pdf, makeSamplePdf());
    const runDir = path.join(dir, 'run');
    const state = await runResearch({ goal: 'How does Folio turn documents into reports?', sources: [pdf], runDir, provider: { kind: 'offline' }, budget: { steps: 30 } });
    const whole = await composeResearch(state, runDir, { date: '2026-01-01' });
    expect(whole.problems).toEqual([]);
    const src = state.sources[0]!;
    expect(Object.values(whole.report.citations).some((c) => c.sourceId === src.id)).toBe(true);

    const broken = structuredClone(state);
    broken.sources[0]!.docDir = path.join(dir, 'moved-away');
    broken.visuals.push({ id: 'v-gone', sourceId: src.id, kind: 'crop', page: 1, why: 'test', image: 'crops/gone.png' });
    const r = await composeResearch(broken, runDir, { date: '2026-01-01' });
    expect(r.problems).toEqual([
      `${src.file}: its document folder has no document.json (moved or deleted?); cited by its title only, without its figures and tables`,
      `v-gone (${src.file} p. 1): its image crops/gone.png is missing or not a PNG, JPEG, GIF or WebP; left out`,
    ]);
    // Its notes are still cited, by the title the state holds.
    const cites = Object.values(r.report.citations).filter((c) => c.sourceId === src.id);
    expect(cites.length).toBeGreaterThan(0);
    expect(cites.every((c) => c.sourceTitle === src.title)).toBe(true);
    expect(r.report.visuals['v-gone']).toBeUndefined();
  });
});
