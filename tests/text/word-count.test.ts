import { describe, expect, it } from 'vitest';
import { wordCount } from '../../engine/text/sentences.js';

describe('wordCount', () => {
  it('counts Latin words by spaces', () => {
    expect(wordCount('Folio reads documents the way people do.')).toBe(7);
  });
  it('counts Chinese by two characters a word, so a normal sentence stays under a 60-word limit', () => {
    // 96 Han characters: about 48 words, not 96.
    const sentence = '本文提出了一种基于深度学习的文档版面分析方法'.repeat(4) + '并在公开数据集上进行了实验';
    const han = (sentence.match(/[\u4e00-\u9fff]/gu) ?? []).length;
    expect(wordCount(sentence)).toBe(Math.ceil(han / 2));
    expect(wordCount(sentence)).toBeLessThan(60);
  });
  it('adds Latin words inside Chinese text to the character count', () => {
    expect(wordCount('使用 BM25 检索')).toBe(1 + 1 + 1);
  });
  it('leaves Korean, which separates words by spaces, to the word count', () => {
    expect(wordCount('문서 분석 방법')).toBe(3);
  });
});
