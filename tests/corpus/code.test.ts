// Code listings keep their lines: R sessions in two statistics vignettes ("> " prompts, "+ "
// continuations, printed output in columns), checked against what the pages show.
import { describe, expect, it } from 'vitest';
import { documentToMarkdown } from '../../engine/ingest/markdown.js';
import type { SourceDocument } from '../../engine/ingest/types.js';
import { ingested } from '../helpers/ingest-cache.js';

const blocks = (doc: SourceDocument, type: string): string[] => doc.pages.flatMap((p) => p.blocks.filter((b) => b.type === type).map((b) => b.text));

describe('code listings', () => {
  it('strucchange: each prompt line is a line of its own, continuations indented, output kept after its call', async () => {
    const { doc } = await ingested('papers/debian_r-strucchange_intro.pdf');
    const code = blocks(doc, 'code');
    const setup = code.find((t) => t.includes('library("strucchange")'))!;
    expect(setup.split('\n')).toEqual(['> library("strucchange")', '> data("USIncExp")', '> USIncExp2 <- window(USIncExp, start = c(1985,12))']);
    const cols = code.find((t) => t.includes('colnames(USIncExp2)'))!;
    // The "+" continuation sits under the call's opening bracket, as printed.
    expect(cols).toMatch(/\n\+ {10,}"diff\.expenditure", "coint\.res"\)\n/);
    // sctest's printout follows its call, in the order printed, in the same listing.
    const test = code.find((t) => t.includes('sctest(ecm.model, type="OLS-CUSUM"'))!;
    const order = ['> sctest(ecm.model', 'OLS-based CUSUM test', 'data:  ecm.model', 'S0 = 1.5511, p-value = 0.01626'].map((s) => test.indexOf(s));
    expect(order.every((at) => at >= 0), test).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // No R call is taken for an equation.
    expect(blocks(doc, 'equation').filter((t) => /<-|^>\s*\w+\(/.test(t))).toEqual([]);
  });

  it('survival: a data frame printed by R keeps its rows and columns', async () => {
    const { doc } = await ingested('papers/debian_r-survival_timedep.pdf');
    const code = blocks(doc, 'code');
    const print = code.find((t) => t.startsWith('> cgd0[1:4,]'))!;
    // The blank line R prints between the call and its output is kept.
    expect(print).toMatch(/^> cgd0\[1:4,\]\n\n {2}id/);
    const lines = print.split('\n').filter((l) => l !== '');
    expect(lines[1]).toMatch(/^ +id center random treat sex age height weight inherit$/);
    expect(lines[2]).toMatch(/^1 +1 +204 +82888 +1 +2 +12 +147 +62\.0 +2$/);
    // Columns line up: "inherit" ends where its values end.
    expect(lines[1]!.length).toBe(lines[2]!.length);
    const merges = code.flatMap((t) => t.split('\n')).filter((l) => l.startsWith('> newcgd <- tmerge('));
    expect(merges.length).toBeGreaterThanOrEqual(9);
    expect(blocks(doc, 'equation').filter((t) => /<-/.test(t))).toEqual([]);
  });

  it('document.md fences listings with their line breaks', async () => {
    const { doc } = await ingested('papers/debian_r-survival_timedep.pdf');
    const md = documentToMarkdown(doc);
    expect(md).toContain('```\n> dim(cgd0)\n\n[1] 128  20\n\n> newcgd <- tmerge(data1=cgd0[, 1:13], data2=cgd0, id=id, tstop=futime)\n> newcgd <- tmerge(newcgd, cgd0, id=id, infect = event(etime1))\n');
  });
});
