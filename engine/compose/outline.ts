// A document's outline for writing: its top-level sections with their candidate sentences (each
// with page + box), their role in the familiar arc of a paper, and the figures and tables that
// belong to them (by first in-text mention, else by page). Report, deck and site are all cut from it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Block, SourceDocument } from '../ingest/types.js';
import { webImageFileHeader } from '../models/raster/header.js';
import { splitSentences, wordCount } from '../text/sentences.js';
import { squashKey } from '../text/tokens.js';
import { mostlyLandscape } from '../ingest/page-shape.js';
import type { Citation, SourceRef, Visual } from './types.js';
import { looksLikeCode } from './code.js';
import { equationAsset, equationNumber, isDisplayEquation } from './equations.js';
import { documentDate, isBackMatter, isReferencesHeading, looksLikeBibliography } from './document-facts.js';

export type Role = 'intro' | 'background' | 'method' | 'results' | 'discussion' | 'related' | 'conclusion' | 'other';

export interface Sentence {
  text: string;
  blockId: string;
  page: number;
  bbox: Block['bbox'];
  /** Position within the section (0-based). */
  position: number;
  /** Visual ids this sentence mentions ("as shown in Figure 3"). */
  mentions: string[];
  /** A slide bullet or list line: quotable without being a full sentence. */
  bullet?: boolean;
}

/** A display equation of a section (its visual id), where it sits among the section's sentences. */
export interface EquationRef {
  visual: string;
  page: number;
  /** How many of the section's sentences come before it. */
  after: number;
}

/** A code listing of a section, where it sits among the section's sentences. */
export interface CodeBlock {
  text: string;
  blockId: string;
  page: number;
  bbox: Block['bbox'];
  /** How many of the section's sentences come before it. */
  after: number;
}

export interface OutlineSection {
  id: string;
  heading: string;
  number?: string;
  role: Role;
  words: number;
  firstPage: number;
  lastPage: number;
  sentences: Sentence[];
  visuals: string[];
  subheadings: string[];
  /** Its code listings (blocks that read as code), in reading order. */
  code: CodeBlock[];
  /** Its display equations that have a crop, in reading order. */
  equations: EquationRef[];
}

export interface Outline {
  source: SourceRef;
  title: string;
  authors: string[];
  /** The document's own date as it states it ("June 15–20, 2009"), or '' where it gives none. */
  date: string;
  /** The year it appeared and where (a journal, proceedings, arXiv), as its first page states them. */
  year?: number;
  venue?: string;
  abstract?: Sentence[];
  sections: OutlineSection[];
  visuals: Record<string, Visual>;
  /** How often each visual is mentioned in the text. */
  mentionCount: Record<string, number>;
}

/**
 * Front and back matter, not the document's argument. Matched with spaces taken out too: a Chinese
 * thesis sets "目 录", "致 谢" letter-spaced.
 */
const SKIP =
  /^(abstract|摘要|acknowledge?ments?|references|bibliography|works cited|literatur|参考文献|致谢|contents|table of contents|目录|list of (figures|tables|symbols|abbreviations)|abbreviations|nomenclature|图形列表|插图目录|图目录|表格列表|表目录|符号列表|符号说明|index|about the authors?|notices?|legal notices?|trademarks?|copyright|disclaimers?|colophon|(front|back) cover|related publications|further reading|作者简历.*)$/i;

const ROLE_PATTERNS: [Role, RegExp][] = [
  ['conclusion', /conclu|summary|future work|outlook|closing|结论|总结/i],
  ['related', /related work|prior work|literature|previous work|相关工作/i],
  ['results', /result|evaluat|experiment|benchmark|performance|empirical|ablation|analysis|findings|实验|结果/i],
  ['intro', /introduc|overview|motivation|^background$|引言|绪论/i],
  ['background', /background|preliminar|problem|definition|setup|setting/i],
  ['discussion', /discussion|limitation|threats/i],
  ['method', /method|approach|model|design|architecture|implementation|system|algorithm|framework|training|retriever|trace|optimi|方法|模型/i],
];

export function roleOf(heading: string, index: number): Role {
  for (const [role, re] of ROLE_PATTERNS) if (re.test(heading)) return role;
  return index === 0 ? 'intro' : 'other';
}

/** Canonical label for matching in-text mentions: "figure 3", "table 2". */
export function labelKey(label: string): string | undefined {
  const m = /^(fig(?:ure)?s?|tab(?:le)?s?|exhibits?|charts?|plates?)\.?\s*([0-9]+(?:[.\u2013-][0-9]+)*[a-z]?|[IVX]+)\b/i.exec(label.trim());
  if (!m) return undefined;
  const kind = /^fig/i.test(m[1]!) ? 'figure' : /^tab/i.test(m[1]!) ? 'table' : m[1]!.toLowerCase().replace(/s$/, '');
  return `${kind} ${m[2]!.toLowerCase().replace(/\u2013/g, '-')}`;
}

const MENTION = /\b(Fig(?:ure)?s?\.?|Tab(?:le)?s?\.?|Exhibits?|Charts?|Plates?)\s*~?\s*([0-9]+(?:[.\u2013-][0-9]+)*[a-z]?)\b/gi;

/** Does the text point at this visual ("as shown in Fig. 3", "Tables 2")? Matched by labelKey. */
export function mentionsVisual(text: string, label: string): boolean {
  const key = labelKey(label);
  if (!key) return false;
  for (const m of text.matchAll(MENTION)) if (labelKey(`${m[1]} ${m[2]}`) === key) return true;
  return false;
}

export function sourceRef(doc: SourceDocument, originalPath?: string): SourceRef {
  return {
    id: doc.id,
    title: doc.title,
    file: doc.file,
    kind: doc.kind,
    authors: doc.authors,
    pageCount: doc.pageCount,
    ...(originalPath ? { path: path.resolve(originalPath) } : {}),
  };
}

/** Visuals of a document, keyed by `<docId>/<figure id>`, with absolute image paths under docDir. */
export function documentVisuals(doc: SourceDocument, docDir: string): Record<string, Visual> {
  const out: Record<string, Visual> = {};
  const add = (v: Visual) => (out[v.id] = v);
  for (const f of doc.figures) {
    const image = f.asset ? path.join(docDir, f.asset) : undefined;
    const size = image ? webImageFileHeader(image) : null;
    if (!size) continue; // a figure without a crop cannot be shown
    add({
      id: `${doc.id}/${f.id}`,
      kind: 'figure',
      label: f.label,
      caption: f.caption,
      sourceId: doc.id,
      sourceTitle: doc.title,
      page: f.page,
      bbox: f.bbox,
      image: image!,
      width: size.width,
      height: size.height,
    });
  }
  // Display equations cropped into the folder (cropEquations): pictures of the page, labelled by their number.
  for (const p of doc.kind === 'pdf' ? doc.pages : []) {
    for (const b of p.blocks) {
      if (!isDisplayEquation(b)) continue;
      const image = path.join(docDir, equationAsset(b));
      const size = existsSync(image) ? webImageFileHeader(image) : null;
      if (!size) continue;
      const n = equationNumber(b);
      add({ id: `${doc.id}/eq-${b.id}`, kind: 'equation', label: n ? `Equation (${n})` : 'Equation', caption: '', sourceId: doc.id, sourceTitle: doc.title, page: b.page, bbox: b.bbox, image, width: size.width, height: size.height });
    }
  }
  for (const t of doc.tables) {
    const image = t.asset ? path.join(docDir, t.asset) : undefined;
    const size = image ? webImageFileHeader(image) : null;
    const cols = Math.max(0, ...t.rows.map((r) => r.length));
    const grid = t.rows.length >= 2 && cols >= 2 && !t.continues;
    if (!grid && !size) continue;
    add({
      id: `${doc.id}/${t.id}`,
      kind: 'table',
      label: t.label,
      caption: t.caption,
      sourceId: doc.id,
      sourceTitle: doc.title,
      page: t.page,
      bbox: t.bbox,
      ...(size ? { image: image!, width: size.width, height: size.height } : {}),
      ...(grid ? { table: { rows: t.rows.map((r) => padRow(r, cols)), header: true } } : {}),
    });
  }
  return out;
}

function padRow(r: string[], n: number): string[] {
  return r.length >= n ? r : [...r, ...new Array<string>(n - r.length).fill('')];
}

/** Is this a sentence worth quoting: complete, prose, not a fragment cut by a page or column break. */
export function goodSentence(s: string): boolean {
  const w = wordCount(s);
  if (w < 6 || w > 60) return false;
  if (!/[.!?。！？]["”’)\]]*$/u.test(s)) return false;
  // Replacement characters mark glyphs the PDF's fonts could not map: not quotable.
  if (s.includes('\uFFFD')) return false;
  if (!/^[\p{Lu}\d"“‘(\u3400-\u9fff]/u.test(s)) return false;
  const letters = (s.match(/\p{L}/gu) ?? []).length;
  if (letters / s.replace(/\s/g, '').length < 0.7) return false;
  if (/\.\.\.|…$/.test(s) && w < 10) return false;
  return true;
}

/** A slide bullet worth quoting: a few words of prose, not a label, a number or a URL. */
export function goodBullet(s: string): boolean {
  const w = wordCount(s);
  if (w < 3 || w > 45) return false;
  if (s.includes('\uFFFD') || /^(https?:|www\.)/i.test(s)) return false;
  const letters = (s.match(/\p{L}/gu) ?? []).length;
  return letters / s.replace(/\s/g, '').length >= 0.65;
}

/**
 * Legal boilerplate: trademark and copyright notices, disclaimers. True, and never what a reader of a
 * report or a deck wants quoted (a redbook's notices, a solution brief's small print). Its phrasing,
 * not its words: a book about copyright law says "copyright" on every page.
 */
const BOILERPLATE =
  /\b((is|are|be|or) (registered )?(trademarks?|service marks?)|trademarks? (of|information)|registered trademarks?|copyright (©|\(c\)|(19|20)\d\d)|without notice|may be changed by|provided ["“]?as is|warranties of any kind|no warranties)\b|©\s*(19|20)\d\d|(^|[.,;]\s*)all rights reserved\.?$/i;

/** Classification lines after an abstract: keywords, subject codes. A list, not a thought. */
const CLASSIFICATION = /^(keywords?|key words|index terms|JEL( classification)?|MSC|AMS( subject)?|CCS concepts|categories and subject descriptors)\b/i;

export function quotable(s: Sentence): boolean {
  if (BOILERPLATE.test(s.text) || CLASSIFICATION.test(s.text)) return false;
  return s.bullet ? goodBullet(s.text) : goodSentence(s.text);
}

/**
 * A slide deck exported to PDF: landscape pages, no section structure. Each slide's title is a
 * section and its lines are the bullets (a slide has few full sentences).
 */
export function looksLikeSlides(doc: SourceDocument): boolean {
  if (doc.kind !== 'pdf' || doc.pageCount < 3) return false;
  // Sections that are the slides' own titles (ingest takes each slide's first line for one where
  // nothing else marks them) are no structure of their own.
  const slideTitles = doc.sections.filter((s) => {
    const first = doc.pages[s.page - 1]?.blocks.find((b) => b.type !== 'header' && b.type !== 'footer');
    return first !== undefined && s.blockIds[0] === first.id;
  }).length;
  if (doc.sections.length > doc.pageCount / 3 && slideTitles < 0.8 * doc.sections.length) return false;
  return mostlyLandscape(doc.pages);
}

function slideGroups(doc: SourceDocument): { heading: string; blockIds: string[]; subheadings: string[] }[] {
  const groups: { heading: string; blockIds: string[]; subheadings: string[] }[] = [];
  for (const p of doc.pages) {
    const body = p.blocks.filter((b) => b.type !== 'header' && b.type !== 'footer');
    // The slide title: a title/heading block, else a short first line at the top of the slide.
    const first = body[0];
    const topLine = first && first.bbox[1] < 0.3 * p.height && wordCount(first.text) <= 14 && !/[.!?]$/.test(first.text.trim()) ? first : undefined;
    const head = body.find((b) => b.type === 'title' || b.type === 'heading') ?? topLine;
    const title = (head?.text ?? '').replace(/\s*\((cont(inued)?\.?|\d+)\)\s*$/i, '').trim();
    const ids = body.filter((b) => b !== head).map((b) => b.id);
    const last = groups[groups.length - 1];
    if (last && title && last.heading === title) last.blockIds.push(...ids);
    else if (title.length >= 3 && title.length <= 120) groups.push({ heading: title, blockIds: ids, subheadings: [] });
    else if (last) last.blockIds.push(...ids);
  }
  return groups;
}

export function buildOutline(doc: SourceDocument, docDir: string, originalPath?: string): Outline {
  const blocks = new Map<string, Block>();
  for (const p of doc.pages) for (const b of p.blocks) blocks.set(b.id, b);
  const visuals = documentVisuals(doc, docDir);
  const byLabel = new Map<string, string>();
  for (const v of Object.values(visuals)) {
    if (v.kind === 'equation') continue;
    const k = labelKey(v.label);
    if (k && !byLabel.has(k)) byLabel.set(k, v.id);
  }

  // Group sections: each top-level section takes the blocks of its sub-sections. An outline whose
  // one top entry is the document itself (jhydrol bookmarks its title, its sections under it) has
  // its sections a level down.
  const levels = [...new Set(doc.sections.map((s) => s.level))].sort((x, y) => x - y);
  const loneTop = levels.length > 1 && doc.sections.filter((s) => s.level === levels[0]).length === 1;
  const topLevel = (loneTop ? levels[1] : levels[0]) ?? 99;
  // `back`: references, acknowledgements, appendices. A back-matter sub-section ("References" set
  // one level under "Conclusions") is a group of its own, left out, not part of its parent's text;
  // and the sections after the reference list, at the end of a paper, are its appendices.
  type Group = { heading: string; number?: string; blockIds: string[]; subheadings: string[]; back?: boolean };
  const groups: Group[] = [];
  let abstractIds: string[] = [];
  const refsAt = doc.sections.find((s) => isReferencesHeading(s.title))?.page;
  const appendixFrom = refsAt !== undefined && doc.pageCount - refsAt <= 0.35 * doc.pageCount ? refsAt : undefined;
  let afterRefs = false;
  for (const s of doc.sections) {
    if (/^abstract$/i.test(s.title.trim())) {
      abstractIds = s.blockIds;
      continue;
    }
    const back = isBackMatter(s as typeof s & { kind?: string });
    if (appendixFrom !== undefined && isReferencesHeading(s.title)) afterRefs = true;
    const last = groups[groups.length - 1];
    if (s.level <= topLevel || groups.length === 0 || (back && !last?.back)) {
      // The part under the document's own title (its front matter, the abstract) is its overview.
      const heading = loneTop && s.level < topLevel && squashKey(s.title) === squashKey(doc.title) ? 'Overview' : s.title;
      const isBack = back || (afterRefs && s.page >= (appendixFrom ?? Infinity));
      groups.push({ heading, ...(s.number ? { number: s.number } : {}), blockIds: [...s.blockIds], subheadings: [], ...(isBack ? { back: true } : {}) });
    } else {
      const g = last!;
      g.blockIds.push(...s.blockIds);
      g.subheadings.push(s.title);
    }
  }
  const slides = looksLikeSlides(doc);
  if (slides) {
    groups.length = 0;
    abstractIds = [];
    groups.push(...slideGroups(doc));
  }
  if (groups.length === 0) {
    const ids = doc.pages.flatMap((p) => p.blocks.map((b) => b.id));
    groups.push({ heading: doc.kind === 'html' ? 'Article' : 'Overview', blockIds: ids, subheadings: [] });
  }

  const mentionCount: Record<string, number> = {};
  const firstMention = new Map<string, number>();
  const sentencesOf = (ids: string[], code?: CodeBlock[], equations?: EquationRef[]): Sentence[] => {
    const out: Sentence[] = [];
    for (const id of ids) {
      const b = blocks.get(id);
      // A "References" line the section outline missed: the rest of the group is the bibliography.
      if (b && !slides && isReferencesHeading(b.text)) break;
      const eq = b && b.type === 'equation' ? visuals[`${doc.id}/eq-${b.id}`] : undefined;
      if (eq && equations) equations.push({ visual: eq.id, page: eq.page, after: out.length });
      if (b && b.type === 'code' && code && looksLikeCode(b.text)) code.push({ text: b.text, blockId: b.id, page: b.page, bbox: b.bbox, after: out.length });
      if (!b || (b.type !== 'paragraph' && b.type !== 'list-item')) continue;
      // On slides each line is a bullet; elsewhere a list item without a full stop is one too.
      const bullet = slides || (b.type === 'list-item' && !/[.!?。]["”’)\]]*$/u.test(b.text));
      // Words ingest found misread (a font's broken encoding: "f ðPÞ" for f(P)): a sentence holding
      // one would quote what the page does not say. Without their places, the whole block is out.
      if (b.suspectText && !b.suspectSpans?.length) continue;
      const suspect = (b.suspectSpans ?? []).map(([from, to]) => b.text.slice(from, to).trim()).filter((w) => w.length > 0);
      for (const text of bullet ? [b.text.replace(/^([•◦▪■●○‣⁃∙·*➢➤►▶✓✔–—-]|\(?\d{1,2}[.)])\s+/u, '')] : splitSentences(b.text)) {
        if (looksLikeBibliography(text) || CLASSIFICATION.test(text) || suspect.some((w) => text.includes(w))) continue;
        const mentions: string[] = [];
        for (const m of text.matchAll(MENTION)) {
          const vid = byLabel.get(labelKey(`${m[1]} ${m[2]}`) ?? '');
          if (vid && !mentions.includes(vid)) mentions.push(vid);
        }
        out.push({ text, blockId: b.id, page: b.page, bbox: b.bbox, position: out.length, mentions, ...(bullet ? { bullet: true } : {}) });
      }
    }
    return out;
  };

  const sections: OutlineSection[] = [];
  groups.forEach((g, gi) => {
    // Front matter set as a section: the title as a heading with its authors under it (and the
    // abstract, shown as the abstract), ahead of the paper's first section.
    if (gi === 0 && !slides && groups.length >= 3 && doc.abstract && g.subheadings.length > 0 && g.subheadings.every((h) => doc.authors.some((a) => squashKey(a) === squashKey(h)))) return;
    if (g.back || SKIP.test(g.heading.trim()) || SKIP.test(g.heading.replace(/\s+/g, ''))) return;
    if (/^appendix|^[A-Z]$/i.test(g.number ?? '') || /^appendix\b/i.test(g.heading)) return;
    const code: CodeBlock[] = [];
    const equations: EquationRef[] = [];
    const sentences = sentencesOf(g.blockIds, code, equations);
    const pages = g.blockIds.map((id) => blocks.get(id)?.page).filter((p): p is number => p !== undefined);
    const words = sentences.reduce((n, s) => n + wordCount(s.text), 0);
    if (words < (slides ? 4 : 15)) return;
    const idx = sections.length;
    for (const s of sentences)
      for (const v of s.mentions) {
        mentionCount[v] = (mentionCount[v] ?? 0) + 1;
        if (!firstMention.has(v)) firstMention.set(v, idx);
      }
    sections.push({
      id: `s${idx + 1}`,
      heading: g.heading,
      ...(g.number ? { number: g.number } : {}),
      role: roleOf(g.heading, gi),
      words,
      firstPage: pages.length ? Math.min(...pages) : 1,
      lastPage: pages.length ? Math.max(...pages) : 1,
      sentences,
      visuals: [],
      subheadings: g.subheadings,
      code,
      equations,
    });
  });

  // Each visual goes where the text first points at it, else to the section covering its page.
  for (const v of Object.values(visuals).sort((a, b) => a.page - b.page)) {
    // Equations stay where they are in the text (OutlineSection.equations), not among the figures.
    if (v.kind === 'equation') continue;
    let si = firstMention.get(v.id);
    if (si === undefined) {
      si = sections.findIndex((s) => v.page >= s.firstPage && v.page <= s.lastPage);
      if (si < 0) si = sections.findIndex((s) => s.firstPage >= v.page);
      // Past the last kept section (appendices, back matter) and never mentioned: leave it out.
      if (si < 0) continue;
    }
    sections[si]?.visuals.push(v.id);
  }

  const abstract = abstractIds.length ? sentencesOf(abstractIds) : doc.abstract ? abstractFromText(doc) : undefined;
  return {
    source: sourceRef(doc, originalPath),
    title: doc.title,
    authors: doc.authors,
    date: documentDate(doc),
    ...(doc.year !== undefined ? { year: doc.year } : {}),
    ...(doc.venue ? { venue: doc.venue } : {}),
    ...(abstract && abstract.length ? { abstract } : {}),
    sections,
    visuals,
    mentionCount,
  };
}

function abstractFromText(doc: SourceDocument): Sentence[] {
  const page1 = doc.pages[0];
  const block = page1?.blocks.find((b) => doc.abstract && doc.abstract.startsWith(b.text.slice(0, 40)));
  return splitSentences(doc.abstract ?? '').map((text, i) => ({
    text,
    blockId: block?.id ?? 'abstract',
    page: block?.page ?? 1,
    bbox: block?.bbox ?? [0, 0, page1?.width ?? 0, page1?.height ?? 0],
    position: i,
    mentions: [],
  }));
}

/** The citation for a sentence (stable id: same sentence → same id). */
export function citeSentence(outline: Outline, s: Sentence, table: Record<string, Citation>): string {
  const id = `${outline.source.id}:${s.blockId}:${hash(s.text)}`;
  table[id] ??= {
    id,
    sourceId: outline.source.id,
    sourceTitle: outline.source.title,
    sourceFile: outline.source.file,
    page: s.page,
    bbox: s.bbox,
    quote: s.text,
  };
  return id;
}

function hash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}
