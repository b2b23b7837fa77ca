import { describe, expect, it } from 'vitest';
import { decodeTex, texEncodingOf } from '../../engine/ingest/pdf/tex-encoding.js';

describe('TeX text encodings in fonts with no Unicode map', () => {
  it('reads T1 ligatures and quotes (strucchange: "generalized \\x1ductuation tests")', () => {
    const strs = ['a (slightly) modi\u001ced version', 'the generalized \u001ductuation test', 'also know as \u0010dating\u0011', 'o\u001bers facilities'];
    expect(texEncodingOf(strs)).toBe('T1');
    expect(strs.map((s) => decodeTex(s, 'T1'))).toEqual(['a (slightly) modified version', 'the generalized fluctuation test', 'also know as “dating”', 'offers facilities']);
  });

  it('reads OT1 ligatures (Computer Modern)', () => {
    const strs = ['the coe\u000ecients', '\u000crst and \u000dexible'];
    expect(texEncodingOf(strs)).toBe('OT1');
    expect(strs.map((s) => decodeTex(s, 'OT1'))).toEqual(['the coefficients', 'first and flexible']);
  });

  it('leaves alone a font that is mostly control codes, or none inside words', () => {
    expect(texEncodingOf(['\u001c\u001d\u001c\u001ea\u001b'])).toBeNull();
    expect(texEncodingOf(['plain text only'])).toBeNull();
    expect(texEncodingOf(['\u0010 \u0011 between spaces and more words here'])).toBeNull();
  });
});
