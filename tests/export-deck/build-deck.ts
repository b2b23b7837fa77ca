// Builds a Deck straight from an ingested corpus document for the exporter tests, the way a composer
// would (title, agenda, a few bullet slides per section with cited sentences, one slide per figure and
// table, references), and writes the crops to a folder so visuals have absolute PNG paths.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Citation, Deck, Passage, Slide, Visual } from '../../engine/compose/types.js';
import type { SourceDocument } from '../../engine/ingest/types.js';
import { layoutForAspect } from '../../engine/export/deck/layout.js';
import { webImageFileHeader } from '../../engine/models/raster/header.js';

export async function deckFromDocument(doc: SourceDocument, assets: Map<string, Uint8Array>, cropDir: string, theme = 'paper'): Promise<Deck> {
  mkdirSync(cropDir, { recursive: true });
  const citations: Record<string, Citation> = {};
  const visuals: Record<string, Visual> = {};
  const blocks = new Map(doc.pages.flatMap((p) => p.blocks).map((b) => [b.id, b]));
  let nCite = 0;
  const cite = (page: number, quote: string): string => {
    const id = `c${++nCite}`;
    citations[id] = { id, sourceId: doc.id, sourceTitle: doc.title, sourceFile: doc.file, page, quote };
    return id;
  };

  for (const f of [...doc.figures, ...doc.tables]) {
    const kind = 'rows' in f ? 'table' : 'figure';
    const v: Visual = { id: f.id, kind, label: f.label, caption: f.caption, sourceId: doc.id, sourceTitle: doc.title, page: f.page, bbox: f.bbox };
    const bytes = f.asset ? assets.get(f.asset) : undefined;
    if (bytes) {
      const file = path.join(cropDir, `${f.id}.png`);
      writeFileSync(file, bytes);
      const size = webImageFileHeader(file);
      if (size) Object.assign(v, { image: file, width: size.width, height: size.height });
    }
    if ('rows' in f && f.rows.length) v.table = { rows: f.rows, header: true };
    visuals[v.id] = v;
  }

  const slides: Slide[] = [
    { id: 'title', layout: 'title', title: doc.title, subtitle: doc.file, bullets: [], notes: 'Title slide.', sources: [] },
    { id: 'agenda', layout: 'agenda', title: 'Agenda', bullets: [], notes: '', sources: [] },
  ];
  for (const [si, s] of doc.sections.filter((x) => x.level === 1).slice(0, 6).entries()) {
    const paras = s.blockIds.map((id) => blocks.get(id)).filter((b): b is NonNullable<typeof b> => b !== undefined && b.type === 'paragraph');
    const bullets: Passage[] = [];
    for (const b of paras) {
      const sentence = b.text.split(/(?<=[.!?])\s+/).find((x) => x.split(/\s+/).length >= 8);
      if (!sentence) continue;
      const words = sentence.split(/\s+/);
      const text = words.length > 22 ? `${words.slice(0, 20).join(' ')} …` : sentence;
      bullets.push({ text, cites: [cite(b.page, sentence)] });
      if (bullets.length === 5) break;
    }
    slides.push({ id: `sec${si}`, layout: 'section', title: s.title, bullets: [], notes: '', sources: [] });
    if (bullets.length) slides.push({ id: `b${si}`, layout: 'bullets', title: s.title, bullets, notes: `Key points of ${s.title}.`, sources: bullets.flatMap((b) => b.cites) });
  }
  for (const v of Object.values(visuals)) {
    const c = cite(v.page, v.caption);
    if (v.kind === 'table' && v.table) {
      slides.push({ id: `t-${v.id}`, layout: 'table', title: v.label, table: v.id, bullets: [], notes: v.caption, sources: [c] });
    } else if (v.image && v.width && v.height) {
      // The caption's first sentence after its label ("Figure 3. LIR snippet …" → "LIR snippet …").
      const body = v.caption.replace(/^\s*(figure|fig\.|table)\s*\d+[.:]?\s*/i, '');
      const first = body.split(/(?<=[.!?])\s+/)[0] ?? body;
      slides.push({ id: `f-${v.id}`, layout: layoutForAspect(v.width, v.height), title: v.label, visual: v.id, bullets: first.trim() ? [{ text: first, cites: [c] }] : [], notes: v.caption, sources: [c] });
    }
  }
  slides.push({ id: 'references', layout: 'references', title: 'References', bullets: [], notes: '', sources: [] });
  return {
    title: doc.title,
    authors: doc.authors,
    date: '2026-11-21',
    theme,
    slides,
    sources: [{ id: doc.id, title: doc.title, file: doc.file, kind: 'pdf', authors: doc.authors, pageCount: doc.pageCount }],
    visuals,
    citations,
    generator: { writer: 'extractive' },
  };
}
