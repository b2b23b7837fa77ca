// Compressing a sentence to fit a bullet keeps it grammatical and keeps what it is about.
import { describe, expect, it } from 'vitest';
import { compressSentence } from '../../engine/compose/compress.js';

describe('compressSentence', () => {
  it('drops a leading "Although …," clause when the rest stands on its own', () => {
    const s = 'Although the corpus is small and was gathered by hand over two years of fieldwork, the estimates agree with the national survey on every region we checked.';
    expect(compressSentence(s, 18)).toBe('The estimates agree with the national survey on every region we checked.');
  });
  it('keeps the clause when the rest points back into it (DPR: "…, it has more capacity")', () => {
    const s = 'Although cross-attention is not feasible for retrieving relevant passages in a large corpus due to its nondecomposable nature, it has more capacity than the dual-encoder model sim(q, p) as in Eq. (1).';
    const out = compressSentence(s, 20);
    expect(out ?? '').not.toMatch(/^It\b/);
  });
});
