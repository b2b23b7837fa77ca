// What ingest marks as misread (a font's broken encoding) is never quoted, and the BibTeX entry says
// when and where the document appeared, as its first page states (issue 24's fields, used by the writer).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bibtex, buildOutline, composeDocument } from '../../engine/compose/document.js';
import { writeDocumentFolder } from '../../engine/ingest/index.js';
import { ingested } from '../helpers/ingest-cache.js';

const source = { id: 's', kind: 'pdf' as const, file: 'x.pdf', title: 'T', authors: [], pageCount: 12 };

describe('BibTeX from the first page', () => {
  it('types the entry by its venue and gives its year', () => {
    const base = { title: 'Trace-based Just-in-Time Type Specialization', authors: ['Andreas Gal', 'Brendan Eich'], source };
    const pldi = bibtex({ ...base, year: 2009, venue: 'PLDI’09' });
    expect(pldi).toMatch(/^@inproceedings\{gal\w+2009,/);
    expect(pldi).toContain('booktitle = {PLDI’09}');
    expect(pldi).toContain('year    = {2009}');
    const journal = bibtex({ ...base, year: 2005, venue: 'Journal of Hydrology' });
    expect(journal).toMatch(/^@article\{/);
    expect(journal).toContain('journal   = {Journal of Hydrology}');
    const arxiv = bibtex({ ...base, year: 2020, venue: 'arXiv:2004.04906' });
    expect(arxiv).toMatch(/^@misc\{/);
    expect(arxiv).toContain('eprinttype = {arXiv}');
    const none = bibtex(base);
    expect(none).toMatch(/^@misc\{galtrace,/);
    expect(none).not.toContain('year');
  });

  it('the site of a journal paper carries its year and journal', async () => {
    const { doc, assets } = await ingested('papers/mineru_demo1_jhydrol2005.pdf', true);
    expect(doc.year).toBe(2005);
    const dir = await writeDocumentFolder(mkdtempSync(path.join(os.tmpdir(), 'folio-bib-')), doc, assets);
    const c = composeDocument(doc, dir, { date: '2026-01-01' });
    const bib = c.site.pages.flatMap((p) => p.blocks).find((b) => b.kind === 'bibtex');
    expect(bib && 'bibtex' in bib ? bib.bibtex : '').toMatch(/year {4}= \{2005\}/);
    expect(bib && 'bibtex' in bib ? bib.bibtex : '').toMatch(/Journal of Hydrology/);
  });
});

describe('misread text', () => {
  it('the outline offers no sentence holding a misread word to any writer', async () => {
    // strucchange: a transpose read as a broken bar on a variable ("x_i¦"), in paragraphs of p. 2 and 9.
    const { doc, assets } = await ingested('papers/debian_r-strucchange_intro.pdf', true);
    const marked = doc.pages.flatMap((p) => p.blocks).filter((b) => b.suspectText && b.type === 'paragraph');
    expect(marked.length).toBeGreaterThan(0);
    const dir = await writeDocumentFolder(mkdtempSync(path.join(os.tmpdir(), 'folio-sus2-')), doc, assets);
    const o = buildOutline(doc, dir);
    const sentences = o.sections.flatMap((s) => s.sentences);
    expect(sentences.length).toBeGreaterThan(50);
    for (const b of marked) {
      for (const [from, to] of b.suspectSpans ?? []) {
        const w = b.text.slice(from, to).trim();
        for (const x of sentences.filter((x) => x.blockId === b.id)) expect(x.text, `holds the misread "${w}"`).not.toContain(w);
      }
    }
    // The rest of those paragraphs is still offered.
    expect(sentences.some((x) => marked.some((b) => b.id === x.blockId))).toBe(true);
  });
});
