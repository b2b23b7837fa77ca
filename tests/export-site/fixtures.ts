// Site models for the site exporter's tests, built from real corpus documents: the lead's offline
// composer for the one-paper project page, and a hand-built multi-page research site (tracemonkey +
// DPR) that shows every tracemonkey figure and DPR's results tables.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeDocument } from '../../engine/compose/document.js';
import type { Citation, Passage, Site, SourceRef, Visual } from '../../engine/compose/types.js';
import { writeDocumentFolder } from '../../engine/ingest/output.js';
import type { SourceDocument } from '../../engine/ingest/types.js';
import { corpus } from '../helpers/corpus.js';
import { ingested } from '../helpers/ingest-cache.js';

export const TRACEMONKEY = 'papers/pdfjs_tracemonkey.pdf';
export const DPR = 'papers/unstructured_multi-column_DPR.pdf';

const root = mkdtempSync(path.join(tmpdir(), 'folio-site-test-'));
export const tempRoot = root;

interface DocFolder {
  doc: SourceDocument;
  dir: string;
  pdf: string;
}

const folders = new Map<string, Promise<DocFolder>>();

/** Ingests a corpus PDF with crops and writes its document folder (assets/*.png) to a temp dir. */
export function docFolder(rel: string): Promise<DocFolder> {
  let p = folders.get(rel);
  if (!p) {
    p = (async () => {
      const { doc, assets } = await ingested(rel, true);
      const dir = await writeDocumentFolder(path.join(root, 'docs'), doc, assets);
      return { doc, dir, pdf: corpus(rel) };
    })();
    folders.set(rel, p);
  }
  return p;
}

/** The composer's project-page Site for one paper. */
export async function composedSite(rel: string): Promise<Site> {
  const f = await docFolder(rel);
  return composeDocument(f.doc, f.dir, { sourcePath: f.pdf, date: '2026-01-01' }).site;
}

function sourceOf(f: DocFolder): SourceRef {
  const d = f.doc;
  return { id: d.id, title: d.title, file: d.file, kind: d.kind, authors: d.authors, pageCount: d.pageCount, path: f.pdf };
}

/** Paragraph blocks of a numbered section, as cited passages. */
function sectionPassages(f: DocFolder, number: string, max: number, cites: Record<string, Citation>): Passage[] {
  const d = f.doc;
  const sec = d.sections.find((s) => s.number === number);
  if (!sec) throw new Error(`${d.file}: no section ${number}`);
  const blocks = new Map(d.pages.flatMap((p) => p.blocks).map((b) => [b.id, b]));
  return sec.blockIds
    .map((id) => blocks.get(id)!)
    .filter((b) => b.type === 'paragraph' && b.text.length > 120)
    .slice(0, max)
    .map((b) => {
      const id = `${d.id}/${b.id}`;
      cites[id] = { id, sourceId: d.id, sourceTitle: d.title, sourceFile: d.file, page: b.page, bbox: b.bbox, quote: b.text.slice(0, 200) };
      return { text: b.text, cites: [id] };
    });
}

function visualsOf(f: DocFolder): Record<string, Visual> {
  const d = f.doc;
  const out: Record<string, Visual> = {};
  for (const x of [...d.figures, ...d.tables]) {
    const isTable = d.tables.includes(x as never);
    const rows = 'rows' in x ? x.rows : undefined;
    out[`${d.id}/${x.id}`] = {
      id: `${d.id}/${x.id}`,
      kind: isTable ? 'table' : 'figure',
      label: x.label,
      caption: x.caption,
      sourceId: d.id,
      sourceTitle: d.title,
      page: x.page,
      ...(x.asset ? { image: path.join(f.dir, x.asset) } : {}),
      ...(rows && rows.length > 1 ? { table: { rows, header: true } } : {}),
    };
  }
  return out;
}

/**
 * A research-layout site over two papers: an index page plus one page per major section (method,
 * results, references), every tracemonkey figure and DPR's Tables 3 and 4 as results tables.
 */
export async function researchSite(): Promise<Site> {
  const tm = await docFolder(TRACEMONKEY);
  const dpr = await docFolder(DPR);
  const citations: Record<string, Citation> = {};
  const visuals = { ...visualsOf(tm), ...visualsOf(dpr) };
  const fig = (f: DocFolder, label: string): string => {
    const x = f.doc.figures.find((g) => g.label === label) ?? f.doc.tables.find((g) => g.label === label);
    if (!x) throw new Error(`${f.doc.file}: no ${label}`);
    return `${f.doc.id}/${x.id}`;
  };
  const tmFigs = tm.doc.figures.map((g) => `${tm.doc.id}/${g.id}`);
  const abstractCite = (f: DocFolder): Passage => {
    const id = `${f.doc.id}/abstract`;
    citations[id] = { id, sourceId: f.doc.id, sourceTitle: f.doc.title, sourceFile: f.doc.file, page: 1, quote: (f.doc.abstract ?? '').slice(0, 200) };
    return { text: f.doc.abstract ?? '', cites: [id] };
  };
  return {
    title: 'Tracing JITs and dense retrieval: a reading',
    layout: 'research',
    theme: 'paper',
    pages: [
      {
        slug: 'index',
        title: 'Overview',
        blocks: [
          { kind: 'hero', title: 'Tracing JITs and dense retrieval', subtitle: 'Two systems papers, read side by side', authors: ['Folio test suite'], links: [{ label: 'Method', href: 'method.html' }, { label: 'Results', href: 'results.html' }] },
          { kind: 'abstract', heading: 'TraceMonkey in one paragraph', text: abstractCite(tm) },
          { kind: 'abstract', heading: 'DPR in one paragraph', text: abstractCite(dpr) },
          { kind: 'text', heading: 'Introduction', paragraphs: sectionPassages(tm, '1', 3, citations), visuals: [fig(tm, 'Figure 1'), fig(tm, 'Figure 2')] },
        ],
      },
      {
        slug: 'method',
        title: 'Method',
        blocks: [
          { kind: 'text', heading: 'Example tracing run', paragraphs: sectionPassages(tm, '2', 4, citations), visuals: [fig(tm, 'Figure 3'), fig(tm, 'Figure 4')] },
          { kind: 'text', heading: 'Trace trees', paragraphs: sectionPassages(tm, '3.2', 3, citations), visuals: [fig(tm, 'Figure 5'), fig(tm, 'Figure 6')] },
          { kind: 'text', heading: 'Nested trace trees', paragraphs: sectionPassages(tm, '4', 3, citations), visuals: [fig(tm, 'Figure 7'), fig(tm, 'Figure 8')] },
          { kind: 'text', heading: 'Dense passage retriever', paragraphs: sectionPassages(dpr, '3', 2, citations), visuals: [] },
        ],
      },
      {
        slug: 'results',
        title: 'Results',
        blocks: [
          { kind: 'results', heading: 'Retrieval accuracy (DPR)', tables: [fig(dpr, 'Table 3'), fig(dpr, 'Table 4')], paragraphs: sectionPassages(dpr, '5.2', 2, citations) },
          { kind: 'text', heading: 'TraceMonkey evaluation', paragraphs: sectionPassages(tm, '7', 3, citations), visuals: [fig(tm, 'Figure 9'), fig(tm, 'Figure 10'), fig(tm, 'Figure 11')] },
          { kind: 'gallery', heading: 'All TraceMonkey figures', visuals: tmFigs },
        ],
      },
      {
        slug: 'references',
        title: 'References',
        blocks: [
          { kind: 'bibtex', heading: 'BibTeX', bibtex: '@inproceedings{gal2009trace,\n  title     = {Trace-based Just-in-Time Type Specialization for Dynamic Languages},\n  author    = {Gal, Andreas and Eich, Brendan and others},\n  booktitle = {PLDI},\n  year      = {2009}\n}' },
          { kind: 'references', heading: 'References' },
        ],
      },
    ],
    sources: [sourceOf(tm), sourceOf(dpr)],
    visuals,
    citations,
    generator: { writer: 'extractive' },
  };
}
