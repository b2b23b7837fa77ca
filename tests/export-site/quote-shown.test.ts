// A reference's quote is the evidence a reader checks: the site once cut every quote over 280
// characters mid-sentence ("… the rules are cheap, run in millise…").
import { describe, expect, it } from 'vitest';
import { quoteShown } from '../../engine/export/site/render.js';

describe('reference quotes on the site', () => {
  it('shows a quote of a few sentences whole', () => {
    const q = 'Learned layout detectors are more accurate on unusual pages, but the rules are cheap, run in milliseconds per page, and can be inspected when they go wrong, which matters more to us while the rest of the pipeline is still changing. Pages are read in parallel by a pool of workers, so a long report does not wait on one complicated page.';
    expect(q.length).toBeGreaterThan(280);
    expect(quoteShown(q)).toBe(q);
  });
  it('ends a very long quote at a sentence end and marks the elision', () => {
    const s = 'The estimator is consistent under mild conditions on the design. ';
    const q = s.repeat(20).trim();
    const shown = quoteShown(q);
    expect(shown.length).toBeLessThanOrEqual(710);
    expect(shown).toMatch(/design\. \[…\]$/);
    expect(shown).not.toMatch(/…$/);
  });
});
