// Research composition: a ResearchState (plan, notes with evidence, chosen visuals) → Report, Deck
// and Site. The plan's sections become the report's sections, the deck's arc and the site's pages;
// notes keep their evidence as citations; visuals keep their source caption and page.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ResearchState, VisualChoice } from '../agent/state.js';
import { SourceDocument } from '../ingest/types.js';
import { readWebImageFileHeader, type WebImageHeader } from '../models/raster/header.js';
import { documentVisuals, mentionsVisual, sourceRef } from './outline.js';
import { compactAgenda, layoutFor, shorten } from './document.js';
import type { Citation, Deck, Passage, Report, ReportSection, Site, SiteBlock, SitePage, Slide, SourceRef, Visual } from './types.js';
import { clampSlides } from './slide-budget.js';

export interface ResearchComposeOptions {
  slides?: number;
  theme?: string;
  date?: string;
}

export interface ResearchComposition {
  report: Report;
  deck: Deck;
  site: Site;
  /**
   * What the outputs lack and why, one line each for the person: a source whose document folder
   * could not be read (it is cited by the title the state holds, without its figures and tables),
   * a chosen visual whose image is gone.
   */
  problems: string[];
}

interface Section {
  id: string;
  heading: string;
  passages: Passage[];
  visuals: string[];
}

/** Why a source's document.json could not be read, in words a person can act on. */
function unreadReason(err: unknown): string {
  if ((err as NodeJS.ErrnoException | null)?.code === 'ENOENT') return 'its document folder has no document.json (moved or deleted?)';
  if (err instanceof SyntaxError) return 'its document.json is not valid JSON';
  if (err instanceof z.ZodError) return `its document.json is not a Folio document (${err.issues[0]?.path.join('.') ?? ''}: ${err.issues[0]?.message ?? 'invalid'})`;
  return `its document.json could not be read (${err instanceof Error ? err.message : String(err)})`;
}

/**
 * Reads what composing needs from disk, all at once and off the event loop: each source's
 * document and the size of each chosen visual's own image (crops). Everything after is in memory.
 */
async function readInputs(state: ResearchState, runDir: string): Promise<{ docs: Map<string, SourceDocument>; sources: SourceRef[]; imageSizes: Map<string, WebImageHeader | null>; problems: string[] }> {
  const problems: string[] = [];
  const read = await Promise.all(
    state.sources.map(async (s) => {
      try {
        return { s, doc: SourceDocument.parse(JSON.parse(await readFile(path.join(s.docDir, 'document.json'), 'utf8'))) };
      } catch (err) {
        return { s, why: unreadReason(err) };
      }
    }),
  );
  const docs = new Map<string, SourceDocument>();
  const sources: SourceRef[] = [];
  for (const r of read) {
    if (r.doc) {
      docs.set(r.s.id, r.doc);
      // The state's id, not the document's: a project's source keeps its project id (origin.json), and
      // notes and plan items cite that id.
      sources.push({ ...sourceRef(r.doc, r.s.path), id: r.s.id });
    } else {
      // Still cited, by what the state knows of it: its notes keep their quotes and pages.
      problems.push(`${r.s.file}: ${r.why}; cited by its title only, without its figures and tables`);
      sources.push({ id: r.s.id, title: r.s.title, file: r.s.file, kind: r.s.kind, authors: [], pageCount: r.s.pageCount, ...(r.s.path ? { path: r.s.path } : {}) });
    }
  }
  const imageSizes = new Map<string, WebImageHeader | null>();
  await Promise.all(
    state.visuals.map(async (v) => {
      if (v.image) imageSizes.set(v.id, await readWebImageFileHeader(path.resolve(runDir, v.image)));
    }),
  );
  return { docs, sources, imageSizes, problems };
}

export async function composeResearch(state: ResearchState, runDir: string, opts: ResearchComposeOptions = {}): Promise<ResearchComposition> {
  const { docs, sources, imageSizes, problems } = await readInputs(state, runDir);
  const srcById = new Map(sources.map((s) => [s.id, s]));
  // A note that quotes a code block of its source whole is that listing, lines and indentation as
  // written (the note's text may hold it squashed onto one line).
  const squash = (t: string): string => t.replace(/\s+/g, ' ').trim();
  const codeOf = (n: ResearchState['notes'][number]): string | undefined => {
    const e = n.evidence[0];
    if (!e?.blockId || squash(n.text) !== squash(e.quote)) return undefined;
    const block = docs.get(e.sourceId)?.pages[e.page - 1]?.blocks.find((b) => b.id === e.blockId);
    if (block?.type !== 'code' || squash(block.text) !== squash(e.quote)) return undefined;
    return block.text;
  };
  const citations: Record<string, Citation> = {};
  const citeByQuote = new Map<string, string>();
  const cite = (sourceId: string, page: number, quote: string, bbox?: [number, number, number, number]): string | undefined => {
    const src = srcById.get(sourceId);
    if (!src) return undefined;
    // The same quote cited twice is one citation.
    const key = `${sourceId}\u0000${page}\u0000${quote}`;
    const existing = citeByQuote.get(key);
    if (existing) return existing;
    const id = `${sourceId}:p${page}:${citeByQuote.size + 1}`;
    citeByQuote.set(key, id);
    citations[id] = { id, sourceId, sourceTitle: src.title, sourceFile: src.file, page, quote, ...(bbox ? { bbox } : {}) };
    return id;
  };

  // Visuals: figures and tables by reference into their document, crops from the run folder.
  const visuals: Record<string, Visual> = {};
  const docVisuals = new Map<string, Record<string, Visual>>();
  const visualFor = (v: VisualChoice): Visual | undefined => {
    const src = srcById.get(v.sourceId);
    const doc = docs.get(v.sourceId);
    const sdir = state.sources.find((s) => s.id === v.sourceId)?.docDir;
    if (!src) return undefined;
    if (v.ref && doc && sdir) {
      let dv = docVisuals.get(v.sourceId);
      if (!dv) docVisuals.set(v.sourceId, (dv = documentVisuals(doc, sdir)));
      const found = dv[`${doc.id}/${v.ref}`];
      if (found) return { ...found, id: v.id, why: v.why };
    }
    if (v.image) {
      const image = path.resolve(runDir, v.image);
      const size = imageSizes.get(v.id);
      if (!size) {
        problems.push(`${v.id} (${src.file} p. ${v.page}): its image ${v.image} is missing or not a PNG, JPEG, GIF or WebP; left out`);
        return undefined;
      }
      return {
        id: v.id,
        kind: v.kind === 'table' ? 'table' : v.kind === 'figure' ? 'figure' : 'image',
        label: v.label ?? (v.kind === 'table' ? 'Table' : 'Figure'),
        caption: v.caption ?? v.why,
        sourceId: v.sourceId,
        sourceTitle: src.title,
        page: v.page,
        ...(v.bbox ? { bbox: v.bbox } : {}),
        image,
        width: size.width,
        height: size.height,
        why: v.why,
      };
    }
    return undefined;
  };
  for (const v of state.visuals) {
    const vis = visualFor(v);
    if (vis) visuals[vis.id] = vis;
  }

  const passageOf = (n: ResearchState['notes'][number]): Passage => {
    const cites = n.evidence.map((e) => cite(e.sourceId, e.page, e.quote, e.bbox as [number, number, number, number] | undefined)).filter((x): x is string => !!x);
    const listing = codeOf(n);
    return listing !== undefined ? { text: listing, cites, code: true } : { text: n.text, cites };
  };

  const sections: Section[] = [];
  const placed = new Set<string>();
  for (const item of state.plan.items) {
    if (item.status === 'dropped') continue;
    const notes = state.notes.filter((n) => n.planItem === item.id);
    const vis = state.visuals.filter((v) => v.planItem === item.id && visuals[v.id]).map((v) => v.id);
    if (notes.length === 0 && vis.length === 0) continue;
    vis.forEach((v) => placed.add(v));
    // With one source, "<source title>: <section>" says the title on every heading: keep the section.
    // (The planner may have shortened the title with an ellipsis.)
    const cut = item.title.lastIndexOf(': ');
    const prefix = cut > 0 ? item.title.slice(0, cut).replace(/\s*…$/, '') : '';
    const bare = sources.length === 1 && prefix.length >= 8 && sources[0]!.title.startsWith(prefix) ? item.title.slice(cut + 2) : item.title;
    // A heading starts with a capital, whatever case the plan wrote its sub-question in ("speed").
    const heading = bare.charAt(0).toLocaleUpperCase() + bare.slice(1);
    sections.push({ id: item.id, heading, passages: notes.map(passageOf), visuals: vis });
  }
  const loose = state.notes.filter((n) => !n.planItem || !sections.some((s) => s.id === n.planItem));
  const looseVis = Object.keys(visuals).filter((v) => !placed.has(v));
  if (loose.length || looseVis.length) sections.push({ id: 'more', heading: sections.length ? 'Further findings' : 'Findings', passages: loose.map(passageOf), visuals: looseVis });

  const date = opts.date ?? new Date().toISOString().slice(0, 10);
  const title = titleFromGoal(state.goal);
  const subtitle = `Research on ${sources.length} source${sources.length === 1 ? '' : 's'}: ${sources.map((s) => s.title).join('; ')}`;
  const generator = state.provider.kind === 'offline' ? ({ writer: 'extractive' } as const) : ({ writer: 'model', model: (state.provider as { model?: string }).model ?? 'model' } as const);
  // The offline writer's Summary answers the goal in the sources' own cited sentences, source by
  // source (so a comparison reads point by point), and says so where a source holds nothing on it.
  // A model's summary is its own prose.
  const extractive = state.provider.kind === 'offline';
  const summaryPassages = extractive ? extractiveSummary(state, sources, passageOf) : [];
  if (summaryPassages.length) sections.unshift({ id: 'summary', heading: 'Summary', passages: summaryPassages, visuals: [] });
  // What the run read is bookkeeping: the report's Summary ends with it, no slide or site page shows it.
  const readLine = summaryPassages.length ? bookkeeping(state, sources) : undefined;
  // The finish summary may name notes as [n1][n2]: those become the notes' citations, not literal text.
  const summary: Passage | undefined = state.summary && !summaryPassages.length ? summaryPassage(state.summary, state.notes, passageOf) : undefined;

  const reportSections: ReportSection[] = sections.map((s) => ({ id: s.id, heading: s.heading, level: 1, paragraphs: s.id === 'summary' && readLine ? [...s.passages, readLine] : s.passages, visuals: s.visuals }));
  const report: Report = {
    title,
    subtitle,
    authors: [],
    date,
    goal: state.goal,
    ...(summary ? { abstract: summary } : {}),
    sections: reportSections,
    sources,
    visuals,
    citations,
    generator,
  };

  // Deck: title, agenda, each section (bullets, then its visuals), references.
  const budget = clampSlides(opts.slides ?? Math.max(10, Math.min(15, 3 + sections.length * 2)));
  let room = budget - 3;
  const slides: Slide[] = [];
  let k = 0;
  const id = () => `slide-${++k}`;
  // The title is the goal as a title; the goal again under it says nothing new unless it was shortened.
  const deckSubtitle = title.endsWith('…') ? state.goal : subtitle;
  slides.push({ id: id(), layout: 'title', title, subtitle: deckSubtitle, bullets: [], notes: state.goal === deckSubtitle ? subtitle : `${state.goal}\n${subtitle}`, sources: [] });
  // No slide repeats another's bullets. The Summary slide comes first with the answer; a section's
  // slides hold what the Summary did not show; a note that points at one of its section's visuals
  // ("The results in Figure 2 show…") goes beside that visual, not on the text slide as well.
  const noteKey = (p: Passage): string => (p.cites.length ? [...p.cites].sort().join('|') : p.text);
  const onSummary = new Set((sections.find((s) => s.id === 'summary')?.passages.slice(0, 5) ?? []).map(noteKey));
  // Bullets are sentences: a code listing is never flowed into one.
  const fresh = sections.map((s) => (s.id === 'summary' ? s.passages : s.passages.filter((p) => !onSummary.has(noteKey(p)))).filter((p) => !p.code));
  const mentionsAny = (p: Passage, vids: string[]): boolean => vids.some((v) => mentionsVisual(p.text, visuals[v]!.label));
  const textOnly = sections.map((s, i) => fresh[i]!.filter((p) => !mentionsAny(p, s.visuals)));
  const deckVisuals = new Set<string>();
  const perSection = sections.map(() => 0);
  // Round-robin so every section gets a slide before any gets a second one.
  const wants = sections.map((s, i) => (textOnly[i]!.length ? 1 : 0) + s.visuals.length + (textOnly[i]!.length === 0 && s.visuals.length === 0 && fresh[i]!.length ? 1 : 0));
  for (let round = 0; room > 0 && round < 8; round++) {
    let gave = false;
    sections.forEach((_, i) => {
      if (room > 0 && perSection[i]! < wants[i]!) {
        perSection[i]!++;
        room--;
        gave = true;
      }
    });
    if (!gave) break;
  }
  const content: Slide[] = [];
  const shown = new Set<string>();
  const bulletsOf = (ps: Passage[]): Passage[] => ps.map((p) => ({ text: shorten(p.text), cites: p.cites }));
  sections.forEach((s, i) => {
    const n = perSection[i]!;
    if (n === 0) return;
    const onVisual = s.visuals.slice(0, Math.max(0, n - (textOnly[i]!.length ? 1 : 0)));
    const ps = fresh[i]!.filter((p) => !shown.has(noteKey(p)) && !mentionsAny(p, onVisual)).slice(0, 5);
    if (ps.length) {
      ps.forEach((p) => shown.add(noteKey(p)));
      content.push({
        id: '',
        layout: 'bullets',
        title: s.heading,
        bullets: bulletsOf(ps),
        notes: ps.map((p) => `${p.text} ${p.cites.map((c) => `(${citations[c]!.sourceTitle}, p. ${citations[c]!.page})`).join(' ')}`).join('\n'),
        sources: [...new Set(ps.flatMap((p) => p.cites))],
      });
    }
    for (const vid of onVisual) {
      const v = visuals[vid]!;
      deckVisuals.add(vid);
      const isTable = v.kind === 'table' && v.table !== undefined;
      // The notes that point at this visual ("Figure 2 shows…") say what it shows; why it was
      // chosen is bookkeeping for the notes, not a bullet.
      const about = fresh[i]!.filter((p) => !shown.has(noteKey(p)) && mentionsVisual(p.text, v.label)).slice(0, 2);
      about.forEach((p) => shown.add(noteKey(p)));
      content.push({
        id: '',
        layout: isTable ? 'table' : layoutFor(v),
        title: s.heading,
        bullets: bulletsOf(about),
        ...(isTable ? { table: vid } : { visual: vid }),
        notes: `${v.label}: ${v.caption} — Source: ${v.sourceTitle}, p. ${v.page}.${v.why ? `\nWhy: ${v.why}` : ''}`,
        sources: [...new Set(about.flatMap((p) => p.cites))],
      });
    }
  });
  // The outline names the sections that have slides.
  const headings = sections.map((s) => s.heading).filter((h) => content.some((c) => c.title === h));
  slides.push({ id: id(), layout: 'agenda', title: 'Outline', bullets: compactAgenda(headings).map((text) => ({ text, cites: [] })), notes: 'The plan the research followed.', sources: [] });
  for (const c of content) slides.push({ ...c, id: id() });
  slides.push({
    id: id(),
    layout: 'references',
    title: 'References',
    bullets: sources.map((s) => ({ text: `${s.title}${s.authors.length ? ` — ${s.authors.slice(0, 3).join(', ')}${s.authors.length > 3 ? ' et al.' : ''}` : ''} (${s.file})`, cites: [] })),
    notes: 'Sources of this research; every note cites its page.',
    sources: [],
  });
  const deck: Deck = {
    title,
    subtitle: deckSubtitle,
    authors: [],
    date,
    theme: opts.theme ?? 'paper',
    slides,
    sources,
    visuals: Object.fromEntries([...deckVisuals].map((v) => [v, visuals[v]!])),
    citations,
    generator,
  };

  // Site: index (summary + section list) and one page per section.
  const pages: SitePage[] = [];
  const indexBlocks: SiteBlock[] = [{ kind: 'hero', title, authors: [], subtitle: subtitle, links: [] }];
  if (summary) indexBlocks.push({ kind: 'abstract', heading: 'Summary', text: summary });
  // The extractive Summary answers the goal: it is the first thing a reader sees, on the index
  // itself, not one click away; the other sections get pages of their own.
  const summarySection = sections[0]?.id === 'summary' && sections.length > 2 ? sections[0] : undefined;
  const paged = summarySection ? sections.slice(1) : sections;
  if (summarySection) indexBlocks.push({ kind: 'text', heading: summarySection.heading, paragraphs: summarySection.passages, visuals: summarySection.visuals });
  indexBlocks.push({ kind: 'list', heading: summarySection ? 'More in this report' : 'Sections', items: paged.map((s) => ({ text: s.heading, cites: [] })) });
  indexBlocks.push({ kind: 'references', heading: 'References' });
  pages.push({ slug: 'index', title, blocks: indexBlocks });
  const used = new Set<string>();
  summarySection?.visuals.forEach((v) => used.add(v));
  paged.forEach((s, i) => {
    s.visuals.forEach((v) => used.add(v));
    pages.push({
      slug: `section-${i + 1}-${s.heading.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'part'}`,
      title: s.heading,
      blocks: [{ kind: 'text', heading: s.heading, paragraphs: s.passages, visuals: s.visuals }],
    });
  });
  const site: Site = {
    title,
    layout: sections.length > 1 ? 'research' : 'project',
    theme: opts.theme ?? 'paper',
    pages: sections.length > 1 ? pages : [{ slug: 'index', title, blocks: [...indexBlocks.slice(0, -1), ...pages.slice(1).flatMap((p) => p.blocks), { kind: 'references', heading: 'References' }] }],
    sources,
    visuals: Object.fromEntries([...used].map((v) => [v, visuals[v]!])),
    citations,
    generator,
  };
  return { report, deck, site, problems };
}

/** The goal as a title, in its own words and punctuation ("…, and how fast is it?"); only a closing full stop goes. */
export function titleFromGoal(goal: string): string {
  const g = goal.trim().replace(/(?<!\.)\.$/, '');
  if (!g) return 'Research report';
  const t = g.charAt(0).toUpperCase() + g.slice(1);
  return t.length > 90 ? `${t.slice(0, 87)}…` : t;
}

/** A source's name in a sentence: the main part of a long title. */
function sourceName(s: SourceRef): string {
  const colon = s.title.indexOf(': ');
  return s.title.length > 60 && colon >= 3 ? s.title.slice(0, colon) : s.title;
}

/**
 * The Summary of an offline run: per source, its best notes on the goal's own sub-question (else
 * its first notes), each a cited sentence led by the source's name; for a sub-question dropped, the
 * planner's statement of what was searched and not found. Then what the run read, in one line.
 */
function extractiveSummary(state: ResearchState, sources: SourceRef[], passageOf: (n: ResearchState['notes'][number]) => Passage): Passage[] {
  const out: Passage[] = [];
  const items = state.plan.items;
  for (const src of sources) {
    const mine = items.filter((p) => p.sourceIds?.length === 1 && p.sourceIds[0] === src.id);
    const questions = mine.filter((p) => p.kind === 'question');
    const onQuestion = state.notes.filter((n) => questions.some((q) => q.id === n.planItem));
    const any = state.notes.filter((n) => mine.some((p) => p.id === n.planItem) || (!n.planItem && n.evidence.some((e) => e.sourceId === src.id)));
    // A source asked about and found silent gets its statement of that, not unrelated quotes.
    // A goal of several parts has a sub-question per part: each part gets its answer (2 notes each).
    const prose = (ns: typeof state.notes): typeof state.notes => ns.filter((n) => !passageOf(n).code);
    const picks = questions.length > 1
      ? questions.flatMap((q) => prose(onQuestion.filter((n) => n.planItem === q.id)).slice(0, 2))
      : prose(questions.length ? onQuestion : any).slice(0, questions.length ? 3 : 2);
    // A source silent on the subject whose nearest relative was quoted says so before the quotes.
    const nearest = questions.map((q) => (q.status === 'done' ? /^(.+ does not discuss .+?; searched: .*); the nearest it comes is ([^:]+):/.exec(q.why ?? '') : null)).find((m) => m);
    if (nearest && picks.length) out.push({ text: `${nearest[1]}. The nearest it comes is ${nearest[2]}:`, cites: [] });
    for (const n of picks) {
      const p = passageOf(n);
      // With one source, naming it before every sentence says nothing the subtitle does not.
      if (p.cites.length) out.push({ text: sources.length > 1 ? `${sourceName(src)}: ${p.text}` : p.text, cites: p.cites });
    }
    // A how-to question answered by a listing: the listing too, as the source wrote it.
    const listing = onQuestion.map(passageOf).find((p) => p.code && p.cites.length);
    if (listing) {
      if (sources.length > 1) out.push({ text: `${sourceName(src)} shows it in code:`, cites: [] });
      out.push(listing);
    }
    for (const q of questions) if (q.status === 'dropped' && q.why) out.push({ text: /[.!?]$/.test(q.why) ? q.why : `${q.why}.`, cites: [] });
    if (picks.length === 0 && !questions.some((q) => q.status === 'dropped')) out.push({ text: `${sourceName(src)}: no note was taken from it in this run.`, cites: [] });
  }
  return out;
}

/** What the run read, in one line: for the report, never a bullet. */
function bookkeeping(state: ResearchState, sources: SourceRef[]): Passage {
  const items = state.plan.items;
  const pages = new Set(state.notes.flatMap((n) => n.evidence.map((e) => `${e.sourceId}:${e.page}`))).size;
  return { text: `Quoted from ${pages} page${pages === 1 ? '' : 's'} of ${sources.length} source${sources.length === 1 ? '' : 's'}: ${state.notes.length} notes over ${items.filter((p) => p.status === 'done').length} of ${items.length} plan items.`, cites: [] };
}

/** "X holds [n1][n3]." → text without the note markers, citing the notes' evidence. */
function summaryPassage(text: string, notes: ResearchState['notes'], passageOf: (n: ResearchState['notes'][number]) => Passage): Passage {
  const cites: string[] = [];
  const marker = /\s*\[((?:n\d+)(?:\s*[,;]\s*n\d+)*)\]/g;
  for (const m of text.matchAll(marker)) {
    for (const id of m[1]!.split(/\s*[,;]\s*/)) {
      const note = notes.find((n) => n.id === id);
      if (note) for (const c of passageOf(note).cites) if (!cites.includes(c)) cites.push(c);
    }
  }
  return { text: text.replace(marker, '').replace(/\s+([.,;:!?])/g, '$1').trim(), cites };
}
