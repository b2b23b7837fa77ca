// The year and venue a paper's first page states, for its citation (issue 24: "BibTeX gets the
// year and venue when the first page states them"). Each checked against the rendered first page.
import { describe, expect, it } from 'vitest';
import { citationOf } from '../../engine/ingest/pdf/citation.js';
import { ingested } from '../helpers/ingest-cache.js';

describe('year and venue from the first page', () => {
  it('a journal line, a conference line, a paper citing itself, an arXiv stamp', async () => {
    const cited = async (rel: string) => {
      const { doc } = await ingested(rel);
      return { year: doc.year, venue: doc.venue };
    };
    // "Journal of Hydrology 310 (2005) 253–265" over the title.
    expect(await cited('papers/mineru_demo1_jhydrol2005.pdf')).toEqual({ year: 2005, venue: 'Journal of Hydrology' });
    // The ACM box: "PLDI’09, June 15–20, 2009, Dublin, Ireland."
    expect(await cited('papers/pdfjs_tracemonkey.pdf')).toEqual({ year: 2009, venue: 'PLDI’09' });
    // 'Reference: Chuttur M.Y. (2009). "Overview …," Indiana University, USA . Sprouts: Working Papers on Information Systems, 9(37).'
    expect(await cited('papers/pdfjs_TAMReview.pdf')).toEqual({ year: 2009, venue: 'Sprouts: Working Papers on Information Systems' });
    // The stamp in the margin: "arXiv:2004.04906v3 [cs.CL] 30 Sep 2020".
    expect(await cited('papers/unstructured_multi-column_DPR.pdf')).toEqual({ year: 2020, venue: 'arXiv' });
  });

  it('only a year where the page dates the paper and names no venue, nothing where it does neither', async () => {
    // "978-1-4673-5208-6/13/$31.00 ©2013 IEEE" at the foot: a publisher, not a venue.
    expect((await ingested('papers/mineru_demo2_stereo.pdf')).doc).toMatchObject({ year: 2013 });
    expect((await ingested('papers/mineru_demo2_stereo.pdf')).doc.venue).toBeUndefined();
    // The vignette's date under its authors, "February 6, 2023".
    expect((await ingested('papers/debian_r-survival_timedep.pdf')).doc.year).toBe(2023);
    // strucchange names "Zeileis, Leisch, Hornik, and Kleiber (2002)", the paper it revises: not its own year.
    const sc = (await ingested('papers/debian_r-strucchange_intro.pdf')).doc;
    expect([sc.year, sc.venue]).toEqual([undefined, undefined]);
  });

  it('reads the common forms, and no year from a citation in the running text', () => {
    expect(citationOf(['Pattern Recognition 41 (2008) 1–12'])).toEqual({ year: 2008, venue: 'Pattern Recognition' });
    expect(citationOf(["CHI '19, May 4-9, 2019, Glasgow, Scotland UK"])).toEqual({ year: 2019, venue: "CHI '19" });
    expect(citationOf(['Proceedings of the 60th Annual Meeting of the Association for Computational Linguistics, pages 528–537 May 22-27, 2022'])).toEqual({
      year: 2022,
      venue: 'Proceedings of the 60th Annual Meeting of the Association for Computational Linguistics',
    });
    // A journal's line wins over the copyright line under it.
    expect(citationOf(['Copyright © 2004 Elsevier', 'Journal of Hydrology 310 (2005) 253–265'])).toEqual({ year: 2005, venue: 'Journal of Hydrology' });
    expect(citationOf(['Open-domain question answering (QA) (Voorhees, 1999) is a task that answers factoid questions.'])).toEqual({});
  });
});
