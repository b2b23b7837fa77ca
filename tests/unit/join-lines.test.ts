// Line-end hyphens follow the document's own usage: "dual-encoder" stays hyphenated where the
// document writes it so, "TraceMonkey" is joined where the document writes it whole, a word break
// before a lower-case letter is mended, and a capital or a digit keeps the hyphen.
import { describe, expect, it } from 'vitest';
import { joinLines, vocabularyOf } from '../../engine/ingest/pdf/blocks.js';
import type { Segment } from '../../engine/ingest/pdf/lines.js';

/** Lines stacked top to bottom, 12 pt apart. */
function lines(...texts: string[]): Segment[] {
  return texts.map((text, i) => ({ text, x0: 0, x1: 200, y0: i * 12, y1: i * 12 + 10 }) as unknown as Segment);
}

describe('joining lines at a hyphen', () => {
  const vocab = vocabularyOf(lines('We train a dual-encoder here.', 'TraceMonkey is a tracing VM.', 'state-of-the-art results'));

  it('keeps the hyphen of a pair the document writes hyphenated, and joins a word it writes whole', () => {
    expect(joinLines(lines('a simple dual-', 'encoder framework'), vocab)).toBe('a simple dual-encoder framework');
    expect(joinLines(lines('the tracing VM Trace-', 'Monkey starts'), vocab)).toBe('the tracing VM TraceMonkey starts');
    expect(joinLines(lines('new state-of-the-', 'art results'), vocab)).toBe('new state-of-the-art results');
  });

  it('mends a word break before a lower-case letter and keeps a hyphen before a capital or a digit', () => {
    expect(joinLines(lines('we com-', 'pile the trace'), vocab)).toBe('we compile the trace');
    expect(joinLines(lines('64-bit IEEE-', '754 numbers'), vocab)).toBe('64-bit IEEE-754 numbers');
    expect(joinLines(lines('a strong Lucene-', 'BM25 system'), vocab)).toBe('a strong Lucene-BM25 system');
  });

  it('follows the spelling the document uses more often where it writes both', () => {
    // Free Culture writes "copyright" 866 times and the historical "copy-right" twice.
    const book = vocabularyOf(lines('the “copy-right” was a right', 'copyright law', 'a copyright term', 'file-sharing and file-sharing', 'no filesharing'));
    expect(joinLines(lines('protected by copy-', 'right passed'), book)).toBe('protected by copyright passed');
    expect(joinLines(lines('the file-', 'sharing networks'), book)).toBe('the file-sharing networks');
    // A tie keeps the hyphen, as the document wrote it at least that often.
    const tie = vocabularyOf(lines('e-mail', 'email'));
    expect(joinLines(lines('an e-', 'mail'), tie)).toBe('an e-mail');
  });

  it('mends a hyphen between close-set lines whose boxes touch', () => {
    // stereo: 10 pt type on 11 pt lines, each box overlapping the next by a point.
    const close = ['stereo match-', 'ing that'].map((text, i) => ({ text, x0: 0, x1: 200, y0: i * 11, y1: i * 11 + 12 }) as unknown as Segment);
    expect(joinLines(close, vocab)).toBe('stereo matching that');
    // Runs side by side on one row are not a line break.
    const row = [{ text: 'e-', x0: 0, x1: 10, y0: 0, y1: 10 }, { text: 'mail', x0: 14, x1: 40, y0: 0.5, y1: 10.5 }] as unknown as Segment[];
    expect(joinLines(row, vocab)).toBe('e- mail');
  });

  it('does not learn words from a line that ends in a hyphen', () => {
    const v = vocabularyOf(lines('a simple dual-', 'encoder framework'));
    expect(v.words.has('dual')).toBe(false);
    expect(v.compounds.has('dual-encoder')).toBe(false);
    expect(v.words.has('encoder')).toBe(true);
  });
});
