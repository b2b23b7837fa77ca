// Document-grounded composition (the offline extractive writer): one SourceDocument → Report, Deck
// and Site. Every sentence is quoted from the source and cited by page and box; every visual keeps
// its caption and page. Slide allocation follows the paper's own arc and shares the budget by weight.
import { compressSentence } from './compress.js';
import { codeExcerpt } from './code.js';
import { buildIdf, contentTokens, pickSentences } from './rank.js';
import { buildOutline, citeSentence, quotable, type CodeBlock, type Outline, type OutlineSection, type Role, type Sentence } from './outline.js';
import type { Citation, Deck, Passage, Report, ReportSection, Site, SiteBlock, Slide, SlideLayout, Visual } from './types.js';
import type { SourceDocument } from '../ingest/types.js';
import { clampSlides } from './slide-budget.js';
import { flattenedMath } from '../text/math.js';

export { flattenedMath };

export interface ComposeOptions {
  /** What the reader wants from the document; pulls relevant sentences and sections forward. */
  goal?: string;
  /** Slide budget (default: 10–15 from the document's size). */
  slides?: number;
  theme?: string;
  /** ISO date to stamp on the report (default today). The deck shows the document's own date, this only where it gives none. */
  date?: string;
  /** Absolute path of the original file, so outputs can link to its pages. */
  sourcePath?: string;
  /** Multiplies how many sentences the report and site keep per section (default 1). */
  density?: number;
  /**
   * The most sections the report keeps (default all): those that best answer the goal (its terms
   * in their sentences), weighted by their role in the paper, shown in the document's order.
   */
  reportSections?: number;
}

export interface Composition {
  outline: Outline;
  report: Report;
  deck: Deck;
  site: Site;
}

export function composeDocument(doc: SourceDocument, docDir: string, opts: ComposeOptions = {}): Composition {
  const outline = buildOutline(doc, docDir, opts.sourcePath);
  const w = new Writer(outline, opts);
  return { outline, report: w.report(), deck: w.deck(), site: w.site() };
}

const ROLE_WEIGHT: Record<Role, number> = {
  intro: 1.15,
  background: 0.7,
  method: 1.2,
  results: 1.35,
  discussion: 0.75,
  related: 0.35,
  conclusion: 1.0,
  other: 0.8,
};

const CONTRIBUTION =
  /\b(we (propose|present|introduce|show|demonstrate|describe|develop|design|implement|evaluate|find)|our (main )?(contributions?|approach|method|system|results?) (is|are|shows?|achieves?|outperforms?)|(this|the) (paper|work) (presents|proposes|introduces|shows|describes|demonstrates)|contributions? (is|are)\b)/i;

/** A sentence that opens by pointing back at the one before it: a pronoun or a connective. */
// ("This however is almost always a data error": "this" as the subject of a verb is the thing before.)
const POINTS_BACK = /^(They|Their|Them|It|Its|These|Those|Such|He|She|His|Her|And|But|However|Moreover|Furthermore|Thus|Hence|Therefore|Instead|Also|Then)\b|^(This|That)(,|\s+(however|is|was|means|meant|also|would|will|can|could|may|might|has|had|does|did|leads|makes|gives|allows)\b)/;

class Writer {
  private readonly citations: Record<string, Citation> = {};
  private readonly idf: Map<string, number>;
  private readonly date: string;

  constructor(
    private readonly o: Outline,
    private readonly opts: ComposeOptions,
  ) {
    this.idf = buildIdf(o.sections.flatMap((s) => s.sentences.map((x) => contentTokens(x.text))));
    this.date = opts.date ?? new Date().toISOString().slice(0, 10);
  }

  private cite(s: Sentence): string {
    return citeSentence(this.o, s, this.citations);
  }

  /**
   * The k best quotable sentences of a section, in reading order, skipping those whose text is in
   * `used` (the texts shown so far: a document may repeat itself word for word). A pick that
   * points back at the sentence before it ("They skim the headings…") brings that sentence along
   * in prose; as a bullet, which stands alone, that sentence takes its place, and where it cannot
   * (picked already, used elsewhere, or none) the pick is left out: "And every claim carries its
   * address…" read as a bullet of its own under the bullet it goes on from.
   */
  private pick(sec: OutlineSection, k: number, used?: Set<string>, query?: string, alone = false, allow?: (s: Sentence) => boolean): Sentence[] {
    // Inline math flattened by the text layer ("σˆ2 = n−k 1 "n i=1 uî2") reads as noise on a slide
    // and in prose alike.
    let cands = sec.sentences.filter((s) => quotable(s) && !used?.has(s.text) && (!allow || allow(s)) && !flattenedMath(s.text));
    // A bullet stands alone on a slide: prefer sentences that fit one whole (or compressed), so
    // no bullet needs cutting. Only where too few do are the longer ones kept.
    if (alone) {
      const fitting = cands.filter((s) => compressSentence(s.text, BULLET_WORDS) !== undefined);
      // Too few: longer ones that still fit three lines whole, never a sentence that needs cutting.
      cands = fitting.length >= Math.min(k, cands.length) ? fitting : cands.filter((s) => compressSentence(s.text, BULLET_MOST) !== undefined);
    }
    const q = [this.opts.goal, query].filter(Boolean).join(' ');
    const idx = pickSentences(
      cands.map((s) => ({ text: s.text, position: s.position })),
      { k, idf: this.idf, ...(q ? { query: q } : {}) },
    );
    const out: Sentence[] = [];
    for (const s of idx.map((i) => cands[i]!)) {
      const before = POINTS_BACK.test(s.text) ? sec.sentences.find((x) => x.position === s.position - 1) : undefined;
      // Alone, the sentence pointed back at stands in for it, unless it points back too.
      if (before && !out.includes(before) && cands.includes(before) && !(alone && POINTS_BACK.test(before.text))) {
        out.push(before);
        if (alone) continue;
      }
      if (alone && POINTS_BACK.test(s.text)) continue;
      out.push(s);
    }
    for (const s of out) used?.add(s.text);
    return out;
  }

  /**
   * Groups picked sentences into paragraphs (consecutive picks from one block or page); `code`
   * listings go in between, where they sit among the section's sentences, as code passages.
   */
  private paragraphs(picks: Sentence[], code: { block: CodeBlock; text: string }[] = []): Passage[] {
    const out: Passage[] = [];
    let cur: Sentence[] = [];
    const flush = () => {
      if (cur.length === 0) return;
      out.push({ text: cur.map((s) => s.text).join(' '), cites: [...new Set(cur.map((s) => this.cite(s)))] });
      cur = [];
    };
    const listings = code.slice().sort((a, b) => a.block.after - b.block.after);
    const listingsBefore = (position: number): void => {
      while (listings.length && listings[0]!.block.after <= position) {
        flush();
        const l = listings.shift()!;
        out.push({ text: l.text, cites: [this.citeCode(l.block, l.text)], code: true });
      }
    };
    for (const s of picks) {
      listingsBefore(s.position);
      const last = cur[cur.length - 1];
      // A sentence pointing back at the one before it stays in that one's paragraph.
      const follows = last !== undefined && last.position === s.position - 1 && POINTS_BACK.test(s.text);
      if (last && !follows && (cur.length >= 3 || (last.blockId !== s.blockId && last.page !== s.page))) flush();
      cur.push(s);
    }
    listingsBefore(Infinity);
    flush();
    return out;
  }

  private citeCode(b: CodeBlock, text: string): string {
    return citeSentence(this.o, { text, blockId: b.blockId, page: b.page, bbox: b.bbox, position: -1, mentions: [] }, this.citations);
  }

  /**
   * The section's listings worth showing, as excerpts of whole commands that fit `lines` × `cols`:
   * those right after a sentence that introduces them ("Below is an example …", "… as follows:")
   * first, then in reading order.
   */
  private listings(sec: OutlineSection, max: number, lines: number, cols: number): { block: CodeBlock; text: string }[] {
    const intro = (b: CodeBlock): boolean => {
      const before = sec.sentences[b.after - 1]?.text ?? '';
      return /\b(example|below|following|as follows|for instance|is shown|can be (done|used|obtained))\b|:$/i.test(before);
    };
    const out: { block: CodeBlock; text: string }[] = [];
    // A listing of two lines or more says more than one call; one introduced by the text reads best.
    const score = (b: CodeBlock): number => 2 * Number(b.text.trim().includes('\n')) + Number(intro(b));
    for (const block of sec.code.slice().sort((a, b) => score(b) - score(a))) {
      const text = codeExcerpt(block.text, lines, cols);
      // At least two lines or one prompt: a listing, not a stray call.
      if (text && (text.includes('\n') || /^(> |\$ |>>> )/.test(text))) out.push({ block, text });
      if (out.length >= max) break;
    }
    return out;
  }

  private sentencesFor(sec: OutlineSection): number {
    const d = this.opts.density ?? 1;
    return Math.max(1, Math.min(Math.round(8 * d), Math.round((sec.words / 160) * d), sec.sentences.length)) || 1;
  }

  private visualsTable(ids: Iterable<string>): Record<string, Visual> {
    const out: Record<string, Visual> = {};
    for (const id of ids) {
      const v = this.o.visuals[id];
      if (v) out[id] = v;
    }
    return out;
  }

  private abstractPassage(): Passage | undefined {
    const a = this.o.abstract;
    if (!a || a.length === 0) return undefined;
    // Classification lines (ACM categories, keywords) follow the abstract in the same block.
    const text = a.map((s) => s.text).join(' ').split(/\s(?=Categories and Subject Descriptors|Keywords\b|Index Terms\b|CCS Concepts\b)/)[0]!;
    return { text, cites: [this.cite(a[0]!)] };
  }

  /** The sections the report keeps: all, or the `reportSections` most relevant to the goal. */
  private reportOutline(): OutlineSection[] {
    const max = this.opts.reportSections;
    const secs = this.o.sections;
    if (max === undefined || secs.length <= max) return secs;
    const q = this.opts.goal ? contentTokens(this.opts.goal) : [];
    const score = (s: OutlineSection): number => {
      const rel = q.length ? s.sentences.filter((x) => contentTokens(x.text).some((t) => q.includes(t))).length / Math.max(1, s.sentences.length) : 0;
      return ROLE_WEIGHT[s.role] * (1 + 3 * rel) * Math.log(2 + s.words);
    };
    const keep = new Set(secs.slice().sort((a, b) => score(b) - score(a)).slice(0, Math.max(1, max)));
    return secs.filter((s) => keep.has(s));
  }

  report(): Report {
    const sections: ReportSection[] = this.reportOutline().map((sec) => ({
      id: sec.id,
      heading: sec.number && /^\d/.test(sec.number) ? `${sec.number} ${sec.heading}` : sec.heading,
      level: 1,
      paragraphs: this.paragraphs(this.pick(sec, this.sentencesFor(sec)), this.listings(sec, 1, 24, 100)),
      visuals: sec.visuals,
    }));
    const abstract = this.abstractPassage();
    return {
      title: this.o.title,
      subtitle: this.opts.goal ?? `An illustrated digest of ${this.o.source.file}`,
      authors: this.o.authors,
      date: this.date,
      ...(this.opts.goal ? { goal: this.opts.goal } : {}),
      ...(abstract ? { abstract } : {}),
      sections,
      sources: [this.o.source],
      visuals: this.visualsTable(sections.flatMap((s) => s.visuals)),
      citations: this.citations,
      generator: { writer: 'extractive' },
    };
  }

  defaultSlides(): number {
    const n = 8 + this.o.sections.length * 0.6 + Object.keys(this.o.visuals).length * 0.3;
    return Math.max(10, Math.min(15, Math.round(n)));
  }

  deck(): Deck {
    const budget = clampSlides(this.opts.slides ?? this.defaultSlides());
    const withAgenda = budget >= 8 && this.o.sections.length >= 3;
    const fixed = 1 + (withAgenda ? 1 : 0) + 1; // title, agenda, references
    let content = Math.max(1, budget - fixed);
    const secs = this.o.sections;
    const q = this.opts.goal ? contentTokens(this.opts.goal) : [];
    const weight = secs.map((s) => {
      const rel = q.length ? s.sentences.filter((x) => contentTokens(x.text).some((t) => q.includes(t))).length / Math.max(1, s.sentences.length) : 0;
      return Math.sqrt(Math.max(1, s.words)) * ROLE_WEIGHT[s.role] * (1 + rel) + 6 * Math.min(3, s.visuals.length);
    });
    const shown = (s: OutlineSection): number => s.visuals.filter((v) => !isNotationTable(this.o.visuals[v]!)).length + (s.visuals.some((v) => isNotationTable(this.o.visuals[v]!)) ? 1 : 0);
    // A section with a listing that fits a slide has room for one code slide.
    const code = secs.map((s) => this.listings(s, 1, CODE_LINES, CODE_COLS)[0]);
    // A model or method section with a display equation has room for its key equation too.
    const equation = secs.map((s) => this.keyEquation(s));
    const capacity = secs.map((s, i) => 1 + Math.min(shown(s), 4) + (code[i] ? 1 : 0) + (equation[i] ? 1 : 0) + Math.floor(s.sentences.filter((x) => quotable(x)).length / 8));
    const alloc = new Array<number>(secs.length).fill(0);
    // One slide for the heaviest sections first (keeps the arc), then D'Hondt for the rest.
    const order = secs.map((_, i) => i).sort((a, b) => weight[b]! - weight[a]!);
    for (const i of order) {
      if (content === 0) break;
      if (secs[i]!.sentences.some((x) => quotable(x)) || secs[i]!.visuals.length) {
        alloc[i] = 1;
        content--;
      }
    }
    while (content > 0) {
      let best = -1;
      let bv = 0;
      secs.forEach((_, i) => {
        if (alloc[i]! === 0 || alloc[i]! >= capacity[i]!) return;
        const v = weight[i]! / (alloc[i]! + 1);
        if (v > bv) {
          bv = v;
          best = i;
        }
      });
      if (best < 0) break;
      alloc[best]!++;
      content--;
    }

    const slides: Slide[] = [];
    let n = 0;
    const id = () => `slide-${++n}`;
    slides.push({
      id: id(),
      layout: 'title',
      title: this.o.title,
      // A paper's title slide shows its authors; only a document without them is named by its file.
      ...(this.opts.goal ? { subtitle: this.opts.goal } : this.o.authors.length === 0 ? { subtitle: `From ${this.o.source.file}` } : {}),
      bullets: [],
      notes: `${this.o.title}\nSource: ${this.o.source.file} (${this.o.source.pageCount} pages). Every bullet in this deck quotes the source; the notes give the full sentence and its page.`,
      sources: [],
    });
    const chosen = secs.map((s, i) => ({ s, n: alloc[i]! })).filter((x) => x.n > 0);
    if (withAgenda) {
      slides.push({
        id: id(),
        layout: 'agenda',
        title: 'Outline',
        bullets: compactAgenda(chosen.map((x) => x.s.heading)).map((text) => ({ text, cites: [] })),
        notes: 'The sections of the source that this deck covers, in the order of the document.',
        sources: [],
      });
    }
    const visualIds = new Set<string>();
    // One set for the whole deck: a sentence the document repeats in two sections (the IRS manual's
    // "(1) The Business Master file on-line system provides …" under 2.3.59.1.1 and 2.3.59.2) is
    // shown once.
    const used = new Set<string>();
    let codeSlides = 0;
    let equationSlides = 0;
    for (const { s, n: count } of chosen) {
      const first = slides.length;
      // A methods paper shows how it is used: one listing for a section with two slides or more,
      // three in the deck at most, so code does not crowd out results.
      const listing = count >= 2 && codeSlides < 3 ? code[secs.indexOf(s)] : undefined;
      if (listing) codeSlides++;
      // Its key equation, as a crop of the page, where the section has a slide to spare (two in the deck at most).
      // A model section of one slide shows its model: the equation with the sentences around it.
      const room = count - (listing ? 1 : 0) >= 2 || (count === 1 && !listing && s.role === 'method' && s.visuals.length === 0);
      const eq = room && equationSlides < 2 ? equation[secs.indexOf(s)] : undefined;
      if (eq) equationSlides++;
      const special = (listing ? 1 : 0) + (eq ? 1 : 0);
      // Notation tables go last, and at most one of them: they must not crowd out results.
      const ranked = s.visuals
        .slice()
        .sort((a, b) => Number(isNotationTable(this.o.visuals[a]!)) - Number(isNotationTable(this.o.visuals[b]!)) || (this.o.mentionCount[b] ?? 0) - (this.o.mentionCount[a] ?? 0) || this.visualRank(a) - this.visualRank(b));
      // A picture with no caption and no sentence of the section on its pages says nothing the
      // slide could name (the cover photograph before the preface): the section's text takes its place.
      const placed = (vid: string): boolean => {
        const v = this.o.visuals[vid]!;
        return v.caption !== '' || v.kind === 'table' || s.sentences.some((x) => quotable(x) && Math.abs(x.page - v.page) <= 2);
      };
      const vis = ranked.filter(placed).filter((v, i) => !isNotationTable(this.o.visuals[v]!) || ranked.findIndex((x) => isNotationTable(this.o.visuals[x]!)) === i).slice(0, count - special);
      const bulletSlides = count - vis.length - special;
      // The sentences that mention a figure or table shown here are kept for its slide before the
      // text, code and equation slides pick theirs: the demo's "The pipeline in Figure 1 runs …"
      // went onto the bullet slide before, and Figure 1 stood alone on the next one.
      const reserved = new Map<string, Sentence[]>();
      for (const vid of vis) {
        // Alone beside the figure, a sentence that points back ("It has more capacity than … Eq. (1).") says nothing.
        const mentioning = s.sentences.filter((x) => x.mentions.includes(vid) && quotable(x) && !POINTS_BACK.test(x.text) && !used.has(x.text)).slice(0, 3);
        for (const m of mentioning) used.add(m.text);
        reserved.set(vid, mentioning);
      }
      // Text first when the section has room for it, then its figures and tables in document order.
      // A section on several slides is picked from once, and its picks go onto the slides in reading
      // order: "(2)" goes on where the first slide stopped (picked slide by slide, each slide had the
      // best of what was left from the whole section, and the pages jumped back and forth).
      if (bulletSlides > 0) {
        const all = this.pick(s, 5 * bulletSlides, used, undefined, true);
        // As many slides as five bullets a slide need, the bullets shared out evenly among them.
        const parts = Math.ceil(all.length / 5);
        const cut = (k: number): number => Math.round((k * all.length) / parts);
        for (let k = 0; k < parts; k++) slides.push(this.bulletSlide(id(), s, all.slice(cut(k), cut(k + 1)), parts > 1 ? k : -1));
      }
      if (eq) {
        const v = this.o.visuals[eq.visual]!;
        const near = [s.sentences[eq.after - 1], s.sentences[eq.after]].filter((x): x is Sentence => x !== undefined && this.leadsInto(x, eq.after) && !used.has(x.text));
        for (const x of near) used.add(x.text);
        const more = count === 1 && near.length < 2 ? this.pick(s, 2 - near.length, used, undefined, true, (x) => x.mentions.length === 0) : [];
        slides.push(this.visualSlide(id(), s, v, [...near, ...more].sort((a, b) => a.position - b.position)));
        visualIds.add(v.id);
      }
      if (listing) slides.push(this.codeSlide(id(), s, listing, used));
      vis.sort((a, b) => this.o.visuals[a]!.page - this.o.visuals[b]!.page);
      for (const vid of vis) {
        const v = this.o.visuals[vid]!;
        const mentioning = reserved.get(vid) ?? [];
        // Beside a figure, no sentence about another figure ("Figure 5 shows…" next to Figure 3).
        const aboutNoOther = (x: Sentence): boolean => x.mentions.every((m) => m === vid);
        // A picture with no caption has only its place to say what it goes with: the sentences on its
        // pages (Free Culture's photographs beside text from 40 pages away read as if they showed it).
        const nearby = (x: Sentence): boolean => aboutNoOther(x) && Math.abs(x.page - v.page) <= 2;
        const want = 2 - mentioning.length;
        let more = want > 0 && !v.caption ? this.pick(s, want, used, undefined, true, nearby) : [];
        if (want > 0 && more.length === 0) more = this.pick(s, want, used, v.caption, true, aboutNoOther);
        const picks = [...mentioning, ...more].sort((a, b) => a.position - b.position);
        slides.push(this.visualSlide(id(), s, v, picks));
        visualIds.add(vid);
      }
      // A section over several slides numbers every slide after its first, whatever its layout
      // (the survival deck went "tmerge", "tmerge (2)", then a code slide "tmerge" again).
      for (let k = first + 1; k < slides.length; k++) slides[k] = { ...slides[k]!, title: `${s.heading} (${k - first + 1})` };
    }
    const pagesCited = [...new Set(Object.values(this.citations).map((c) => c.page))].sort((a, b) => a - b);
    slides.push({
      id: id(),
      layout: 'references',
      title: 'References',
      bullets: [
        {
          text: `${this.o.title}${this.o.authors.length ? ` — ${this.o.authors.slice(0, 3).join(', ')}${this.o.authors.length > 3 ? ' et al.' : ''}` : ''} (${this.o.source.file}); pages cited: ${pagesCited.join(', ') || '—'}`,
          cites: [],
        },
      ],
      notes: 'Every bullet is a sentence quoted from the source; its page is given in the notes of each slide.',
      sources: [],
    });
    return {
      title: this.o.title,
      ...(this.opts.goal ? { subtitle: this.opts.goal } : {}),
      authors: this.o.authors,
      // When the paper is from, not when the deck was made.
      date: this.o.date || (this.opts.date ?? ''),
      theme: this.opts.theme ?? 'paper',
      slides,
      sources: [this.o.source],
      visuals: this.visualsTable(visualIds),
      citations: this.citations,
      generator: { writer: 'extractive' },
    };
  }

  /** Bigger first; a notation table (symbols and their meanings) after everything else. */
  private visualRank(id: string): number {
    const v = this.o.visuals[id]!;
    return -((v.width ?? 0) * (v.height ?? 0)) + (isNotationTable(v) ? 1e12 : 0);
  }

  private bulletSlide(id: string, s: OutlineSection, picks: Sentence[], part: number): Slide {
    const cites = picks.map((p) => this.cite(p));
    return {
      id,
      layout: 'bullets',
      title: part > 0 ? `${s.heading} (${part + 1})` : s.heading,
      bullets: picks.map((p, i) => ({ text: shorten(p.text), cites: [cites[i]!] })),
      notes: picks.map((p) => `“${p.text}” (p. ${p.page})`).join('\n'),
      sources: [...new Set(cites)],
    };
  }

  /** A sentence fit for a slide beside what follows it: quotable, or (just before it) ending in a colon. */
  private leadsInto(x: Sentence, after: number): boolean {
    const ok = quotable(x) || (x.position === after - 1 && /:$/.test(x.text) && quotable({ ...x, text: `${x.text.slice(0, -1)}.` }));
    return ok && !flattenedMath(x.text) && compressSentence(x.text, BULLET_MOST) !== undefined;
  }

  /**
   * The equation a section's slides show: in a section that sets out a model or method (not results,
   * related work or conclusions), its first numbered display, else its first display with a crop.
   */
  private keyEquation(s: OutlineSection): OutlineSection['equations'][number] | undefined {
    if (!['method', 'background', 'intro', 'other'].includes(s.role) || s.equations.length === 0) return undefined;
    return s.equations.find((e) => /\(/.test(this.o.visuals[e.visual]?.label ?? '')) ?? s.equations[0];
  }

  /** A listing with the sentence that introduces it (or the one after it that explains it) above. */
  private codeSlide(id: string, s: OutlineSection, l: { block: CodeBlock; text: string }, used: Set<string>): Slide {
    // The sentence that leads into a listing may end in a colon ("… can be computed by:"): above the code it reads whole.
    const leads = (x: Sentence): boolean => quotable(x) || (x.position === l.block.after - 1 && /:$/.test(x.text) && quotable({ ...x, text: `${x.text.slice(0, -1)}.` }));
    const near = [s.sentences[l.block.after - 1], s.sentences[l.block.after]].filter(
      (x): x is Sentence => x !== undefined && leads(x) && !used.has(x.text) && !flattenedMath(x.text) && compressSentence(x.text, BULLET_MOST) !== undefined,
    );
    // The introducing sentence, else the explaining one: one line of text leaves the room to the code.
    const picks = near.slice(0, 1);
    for (const p of picks) used.add(p.text);
    const cites = picks.map((p) => this.cite(p));
    const codeCite = this.citeCode(l.block, l.text);
    return {
      id,
      layout: 'code',
      title: s.heading,
      bullets: picks.map((p, i) => ({ text: shorten(p.text), cites: [cites[i]!] })),
      code: { text: l.text, cite: codeCite },
      notes: [`Code from p. ${l.block.page}${l.text !== l.block.text.trim() ? ' (its first whole commands)' : ''}:`, l.block.text, ...picks.map((p) => `“${p.text}” (p. ${p.page})`)].join('\n'),
      sources: [...new Set([...cites, codeCite])],
    };
  }

  private visualSlide(id: string, s: OutlineSection, v: Visual, picks: Sentence[]): Slide {
    const cites = picks.map((p) => this.cite(p));
    const isTable = v.kind === 'table' && v.table !== undefined;
    const layout: SlideLayout = isTable ? 'table' : layoutFor(v);
    const caption = `${v.label}: ${v.caption}`.trim();
    return {
      id,
      layout,
      title: s.heading,
      bullets: picks.slice(0, layout === 'visual-full' ? 2 : 3).map((p, i) => ({ text: shorten(p.text), cites: [cites[i]!] })),
      ...(isTable ? { table: v.id } : { visual: v.id }),
      notes: [`${caption} — Source: ${v.sourceTitle}, p. ${v.page}.`, ...picks.map((p) => `“${p.text}” (p. ${p.page})`)].join('\n'),
      sources: [...new Set(cites)],
    };
  }

  site(): Site {
    const blocks: SiteBlock[] = [];
    const pdfLink = this.o.source.path ? [{ label: this.o.source.kind === 'pdf' ? 'Paper (PDF)' : 'Source', href: `sources/${this.o.source.file}` }] : [];
    blocks.push({ kind: 'hero', title: this.o.title, authors: this.o.authors, ...(this.opts.goal ? { subtitle: this.opts.goal } : {}), links: pdfLink });
    const abstract = this.abstractPassage();
    if (abstract) blocks.push({ kind: 'abstract', heading: 'Abstract', text: abstract });
    const intro = this.o.sections.filter((s) => s.role === 'intro');
    const contrib = [...(this.o.abstract ?? []), ...intro.flatMap((s) => s.sentences)].filter((s) => quotable(s) && CONTRIBUTION.test(s.text));
    const contribUnique = contrib.filter((s, i) => contrib.findIndex((t) => t.text === s.text) === i).slice(0, 5);
    if (contribUnique.length >= 2) {
      blocks.push({ kind: 'list', heading: 'Contributions', items: contribUnique.map((s) => ({ text: s.text, cites: [this.cite(s)] })) });
    }
    for (const sec of this.o.sections) {
      const heading = sec.heading;
      const paragraphs = this.paragraphs(this.pick(sec, this.sentencesFor(sec)), this.listings(sec, 2, 24, 100));
      const tables = sec.visuals.filter((v) => this.o.visuals[v]?.table);
      // Display equations as crops of the page, in reading order with the figures (at most 6 a section).
      const equations = sec.equations.slice(0, 6).map((e) => e.visual);
      const figures = [...sec.visuals.filter((v) => !this.o.visuals[v]?.table), ...equations].sort((a, b) => this.o.visuals[a]!.page - this.o.visuals[b]!.page);
      if (sec.role === 'results' && tables.length) {
        blocks.push({ kind: 'results', heading, tables, paragraphs });
        if (figures.length) blocks.push({ kind: 'gallery', heading: `${heading}: figures`, visuals: figures });
      } else {
        blocks.push({ kind: 'text', heading, paragraphs, visuals: [...tables, ...figures].sort((a, b) => this.o.visuals[a]!.page - this.o.visuals[b]!.page) });
      }
    }
    blocks.push({ kind: 'bibtex', heading: 'BibTeX', bibtex: bibtex(this.o) });
    blocks.push({ kind: 'references', heading: 'References' });
    const used = new Set<string>();
    for (const b of blocks) {
      if (b.kind === 'text' || b.kind === 'gallery') b.visuals.forEach((v) => used.add(v));
      if (b.kind === 'results') b.tables.forEach((v) => used.add(v));
    }
    return {
      title: this.o.title,
      layout: 'project',
      theme: this.opts.theme ?? 'paper',
      pages: [{ slug: 'index', title: this.o.title, blocks }],
      sources: [this.o.source],
      visuals: this.visualsTable(used),
      citations: this.citations,
      generator: { writer: 'extractive' },
    };
  }
}

/**
 * A table of notation: symbols and what they mean (by its caption, or by its cells: a column of
 * short symbols beside a column of words, and no numbers to compare). Not a result.
 */
export function isNotationTable(v: Visual): boolean {
  if (v.kind !== 'table') return false;
  if (/\b(notation|symbols?|nomenclature|abbreviations?|glossary|list of variables|definitions?)\b/i.test(v.caption)) return true;
  const rows = v.table?.rows.slice(1) ?? [];
  if (rows.length < 3) return false;
  const symbolFirst = rows.filter((r) => (r[0] ?? '').trim().length > 0 && (r[0] ?? '').trim().length <= 6 && !/^\d+([.,]\d+)?%?$/.test((r[0] ?? '').trim())).length;
  const wordy = rows.filter((r) => r.slice(1).some((c) => c.trim().split(/\s+/).length >= 3)).length;
  const numbers = rows.flat().filter((c) => /^[-+]?\d+([.,]\d+)?%?$/.test(c.trim())).length;
  return symbolFirst >= 0.8 * rows.length && wordy >= 0.6 * rows.length && numbers < rows.length;
}

/** At most 6 agenda lines: neighbouring short headings share a line ("Conclusions · Future Work"). */
export function compactAgenda(items: string[], max = 6): string[] {
  const out = [...items];
  while (out.length > max) {
    let best = 0;
    for (let i = 1; i < out.length - 1; i++) if (out[i]!.length + out[i + 1]!.length < out[best]!.length + out[best + 1]!.length) best = i;
    out.splice(best, 2, `${out[best]} · ${out[best + 1]}`);
  }
  return out;
}

/** Slide layout by the visual's aspect ratio. */
export function layoutFor(v: Pick<Visual, 'width' | 'height'>): SlideLayout {
  const ar = (v.width ?? 4) / Math.max(1, v.height ?? 3);
  if (ar < 0.8) return 'visual-right';
  if (ar < 1.45) return 'visual-half';
  if (ar < 2.6) return 'visual-top';
  return 'visual-full';
}

/** The most lines and characters a line of a code slide's listing holds. */
export const CODE_LINES = 13;
export const CODE_COLS = 84;

/** The words a bullet holds: about two lines on a slide. */
export const BULLET_WORDS = 25;
/** The most, where a section has too few shorter sentences: three lines. */
const BULLET_MOST = 32;

/**
 * A bullet of at most about 25 words, whole: the sentence itself, or with its spare clauses taken
 * out (compressSentence). A sentence that cannot be compressed stays whole (the deck fitter shrinks
 * or splits the slide); it is never cut with an ellipsis. Writers prefer sentences that fit.
 */
export function shorten(s: string, max = BULLET_WORDS): string {
  return compressSentence(s, max) ?? compressSentence(s, BULLET_MOST) ?? s;
}

/**
 * The entry to cite the document by. Its type follows where it appeared: proceedings (a conference,
 * a workshop, "PLDI’09") are @inproceedings with a booktitle, arXiv a @misc with the eprint archive,
 * a journal an @article; with no venue stated, @misc.
 */
export function bibtex(o: Pick<Outline, 'authors' | 'title' | 'source' | 'year' | 'venue'>): string {
  const first = (o.authors[0] ?? 'anon').split(/\s+/).pop()!.toLowerCase().replace(/[^a-z]/g, '') || 'anon';
  const word = (contentTokens(o.title)[0] ?? 'doc').replace(/[^a-z0-9]/g, '');
  const esc = (s: string) => s.replace(/[{}\\]/g, '');
  const venue = o.venue?.trim();
  const arxiv = venue !== undefined && /^arxiv\b/i.test(venue);
  const proceedings = venue !== undefined && !arxiv && /\b(proceedings|proc\.|conference|symposium|workshop|congress|meeting)\b|[A-Z]{2,}\s*[’']\d{2}\b|\b[A-Z]{3,}\s+(19|20)\d\d\b/i.test(venue);
  const type = arxiv || !venue ? 'misc' : proceedings ? 'inproceedings' : 'article';
  const lines = [`@${type}{${first}${word}${o.year ?? ''},`, `  title   = {${esc(o.title)}},`];
  if (o.authors.length) lines.push(`  author  = {${o.authors.map(esc).join(' and ')}},`);
  if (venue && arxiv) lines.push(`  eprinttype = {arXiv},`, `  howpublished = {${esc(venue)}},`);
  else if (venue) lines.push(`  ${proceedings ? 'booktitle' : 'journal  '} = {${esc(venue)}},`);
  if (o.year !== undefined) lines.push(`  year    = {${o.year}},`);
  lines.push(`  note    = {${esc(o.source.file)}, ${o.source.pageCount} pages}`, '}');
  return lines.join('\n');
}

export { buildOutline };
