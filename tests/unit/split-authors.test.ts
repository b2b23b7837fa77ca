import { describe, expect, it } from 'vitest';
import { splitAuthors } from '../../engine/ingest/pdf/analyze.js';

describe('splitAuthors', () => {
  it('splits at "&" between names but not inside one ("Texas A&M", "AT&T")', () => {
    expect(splitAuthors('Mohammad Chuttur & Jane Doe')).toEqual(['Mohammad Chuttur', 'Jane Doe']);
    expect(splitAuthors('Texas A&M University')).toEqual(['Texas A&M University']);
    expect(splitAuthors('Ann Lee, AT&T Labs')).toEqual(['Ann Lee', 'AT&T Labs']);
  });
});
