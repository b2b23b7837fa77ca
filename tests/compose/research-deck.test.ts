// The research deck and site on the demo's own run (issue 23, review of `npm run demo`): the
// Summary slide once ended with "Quoted from 3 pages of 1 source: 11 notes over 4 of 4 plan items."
// (bookkeeping, for the report only), the next slides repeated the Summary's bullets word for word,
// and the title dropped the goal's "?".
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSamplePdf } from '../../assets/sample/make-sample-pdf.js';
import { runResearch } from '../../engine/agent/index.js';
import { composeResearch } from '../../engine/compose/research.js';
import { outputDir } from '../helpers/corpus.js';

const GOAL = 'How does Folio turn documents into reports, sites and decks, and how fast is it?';

describe('research deck on the demo run', () => {
  it('keeps bookkeeping in the report, repeats no bullet across slides, and keeps the goal\'s "?"', async () => {
    const dir = path.join(outputDir, 'research-deck');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const pdf = path.join(dir, 'folio-sample.pdf');
    writeFileSync(pdf, makeSamplePdf());
    const runDir = path.join(dir, 'run');
    const state = await runResearch({ goal: GOAL, sources: [pdf], runDir, provider: { kind: 'offline' }, budget: { steps: 60 } });
    const { report, deck, site } = await composeResearch(state, runDir, { date: '2026-01-01' });

    expect(report.title).toBe(GOAL);
    expect(deck.title).toBe(GOAL);
    expect(site.title).toBe(GOAL);

    const bookkeeping = /^Quoted from \d+ pages? of \d+ sources?:/;
    const summary = report.sections.find((s) => s.id === 'summary')!;
    expect(summary.paragraphs.at(-1)!.text).toMatch(bookkeeping);
    const bullets = deck.slides.flatMap((s) => s.bullets.map((b) => b.text));
    expect(bullets.filter((b) => bookkeeping.test(b))).toEqual([]);
    const sitePassages = site.pages.flatMap((p) => p.blocks.flatMap((b) => (b.kind === 'text' ? b.paragraphs.map((x) => x.text) : [])));
    expect(sitePassages.filter((t) => bookkeeping.test(t))).toEqual([]);

    // Content bullets (not the outline's headings) appear once in the whole deck.
    const content = deck.slides.filter((s) => s.layout !== 'agenda' && s.layout !== 'references').flatMap((s) => s.bullets.map((b) => b.text));
    expect(content.length).toBeGreaterThanOrEqual(6);
    expect(content.filter((b, i) => content.indexOf(b) !== i)).toEqual([]);
    // The Summary slide answers both parts: what Folio makes and how fast it is.
    const sum = deck.slides.find((s) => s.title === 'Summary')!;
    expect(sum.bullets.map((b) => b.text).join(' ')).toMatch(/milliseconds per page|in parallel/);
    // Every heading on the outline has a slide.
    const titles = new Set(deck.slides.map((s) => s.title));
    for (const line of deck.slides.find((s) => s.layout === 'agenda')!.bullets) for (const h of line.text.split(' · ')) expect(titles.has(h), h).toBe(true);

    // The site's first page carries the Summary's cited sentences (an analyst reads the answer
    // first, not a list of sections), and the Summary gets no second page.
    const index = site.pages[0]!;
    const onIndex = index.blocks.find((b) => b.kind === 'text' && b.heading === 'Summary');
    expect(onIndex && onIndex.kind === 'text' ? onIndex.paragraphs.map((p) => p.text) : []).toEqual(summary.paragraphs.slice(0, -1).map((p) => p.text));
    expect(site.pages.slice(1).map((p) => p.title)).not.toContain('Summary');
    expect(site.pages.length).toBe(report.sections.length);
  });
});
