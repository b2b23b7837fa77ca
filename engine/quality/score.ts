// Scores of what the outputs say, for bench:quality and the corpus tests: bullets and captions cut
// with an ellipsis, bullets that mean nothing, bibliography lines shown as content, labels that
// differ between the deck, the site and the source, and whether a research Summary answers the goal
// in cited sentences with a statement for each source. Scored on what a reader sees: the deck after
// fitting (planSlide's text), the site after planning (its labels).
import type { Deck, Passage, Report, Site } from '../compose/types.js';
import { looksLikeBibliography } from '../compose/document-facts.js';
import { wordCount } from '../text/sentences.js';
import { contentTokens } from '../compose/rank.js';
import { stem, terms } from '../search/index.js';
import type { Theme } from '../compose/theme.js';
import { fontMeasurer } from '../export/deck/fonts.js';
import { planContext, planSlide } from '../export/deck/layout.js';
import { planSite } from '../export/site/plan.js';

export interface QualityScore {
  bullets: number;
  captions: number;
  /** Bullets and captions that end or start with an ellipsis, or hold one mid-text. */
  cut: string[];
  /** Bullets with no thought in them: two words or fewer, an unclosed parenthesis. */
  meaningless: string[];
  /** Deck bullets, site and report paragraphs that read as bibliography entries. */
  bibliography: string[];
  /** Visuals whose label in the deck or the site is not the source's own. */
  labelMismatches: string[];
  /** Deck bullets shown on more than one slide (each repeat once). */
  repeated: string[];
  /** Slides that show a code listing (monospace, lines kept). */
  codeSlides: number;
  /** Slides that show a display equation as a crop of its page. */
  equationSlides: number;
  /** Bullets and paragraphs that hold code as prose (a prompt, an R assignment), not as a listing. */
  codeAsProse: string[];
}

/** Code flowed into prose: an R/shell prompt at the start, or an assignment arrow between names. */
const CODE_IN_PROSE = /^(?:> |\$ |>>> )\S|\w\s?<-\s?\w+\(/;

const CUT = /…|\.\.\.\s*$|^\s*\.\.\./;

function meaningless(t: string): boolean {
  // An interval "(start, stop]" closes with a bracket.
  const opens = (t.match(/\(/g) ?? []).length;
  const closes = (t.match(/[)\]]/g) ?? []).length;
  return wordCount(t) <= 2 || opens > closes;
}

/** Scores a deck as fitted for export (pass the fitted deck) together with the site and report made with it. */
export async function scoreOutputs(deck: Deck, theme: Theme, site?: Site, report?: Report): Promise<QualityScore> {
  const out: QualityScore = { bullets: 0, captions: 0, cut: [], meaningless: [], bibliography: [], labelMismatches: [], repeated: [], codeSlides: 0, equationSlides: 0, codeAsProse: [] };
  const seen = new Set<string>();
  // (bullets, without their citation marker)
  const ctx = planContext(deck, theme, fontMeasurer());
  for (const slide of deck.slides) {
    const plan = planSlide(ctx, slide);
    if (plan.texts.some((t) => t.role === 'code')) out.codeSlides++;
    if (plan.image && deck.visuals[plan.image.visualId]?.kind === 'equation') out.equationSlides++;
    const content = slide.layout !== 'references' && slide.layout !== 'agenda' && slide.layout !== 'title';
    for (const t of plan.texts) {
      if (t.role === 'body' && content) {
        for (const p of t.plan.paragraphs) {
          out.bullets++;
          if (CUT.test(p)) out.cut.push(p);
          if (meaningless(p.replace(/\s*\[[^\]]*\]\s*$/, ''))) out.meaningless.push(p);
          if (looksLikeBibliography(p)) out.bibliography.push(p);
          if (CODE_IN_PROSE.test(p)) out.codeAsProse.push(p);
          // The same sentence again, also under a source's name ("strucchange: …" on the Summary slide).
          const said = p.replace(/\s*\[[^\]]*\]\s*$/, '');
          if ([...seen].some((x) => x === said || (Math.min(x.length, said.length) >= 40 && (x.endsWith(said) || said.endsWith(x))))) out.repeated.push(p);
          seen.add(said);
        }
      }
      if (t.role === 'caption') {
        const cap = t.plan.paragraphs[0] ?? '';
        out.captions++;
        if (CUT.test(cap)) out.cut.push(cap);
      }
    }
  }
  const prose = (ps: Passage[]): void => {
    for (const p of ps) {
      if (looksLikeBibliography(p.text)) out.bibliography.push(p.text);
      if (!p.code && CODE_IN_PROSE.test(p.text)) out.codeAsProse.push(p.text);
    }
  };
  if (report) for (const s of report.sections) prose(s.paragraphs);
  if (site) {
    for (const page of site.pages)
      for (const b of page.blocks) {
        if (b.kind === 'text' || b.kind === 'results') prose(b.paragraphs);
        if (b.kind === 'list') prose(b.items);
      }
    const plan = await planSite(site);
    for (const v of plan.visuals.values()) {
      const own = sourceLabel(v.originalLabel);
      if (own && own !== v.label) out.labelMismatches.push(`site shows ${v.originalLabel} as ${v.label}`);
    }
  }
  for (const v of Object.values(deck.visuals)) {
    const shown = deck.slides.some((s) => s.visual === v.id || s.table === v.id);
    // ("Table on p. 4" names an uncaptioned table by its place: no number is made up.)
    if (shown && sourceLabel(v.label) === undefined && /^(fig|tab)/i.test(v.label) && !/^\w+(?: \d+)? on p\. \d+$/.test(v.label)) out.labelMismatches.push(`deck label "${v.label}" is not the source's`);
  }
  return out;
}

function sourceLabel(label: string | undefined): string | undefined {
  const m = /^(fig(?:ure)?s?\.?|tab(?:le)?s?\.?)\s*([0-9]+(?:\.[0-9]+)*[a-z]?|[IVX]+)\b/i.exec((label ?? '').trim());
  return m ? `${/^fig/i.test(m[1]!) ? 'Figure' : 'Table'} ${m[2]!}` : undefined;
}

export interface SummaryScore {
  /** Summary sentences that carry a citation and hold at least one of the goal's key terms. */
  citedOnGoal: number;
  keyTerms: string[];
  /** Per source id: whether the Summary says something about it (a cited sentence or an explicit absence). */
  perSource: Record<string, boolean>;
}

/** Words of a goal that are about the request, not its subject. */
const GOAL_META = new Set(['compare', 'comparison', 'contrast', 'how', 'these', 'two', 'both', 'paper', 'papers', 'source', 'sources', 'document', 'documents', 'summarise', 'summarize', 'summary', 'describe', 'explain', 'what', 'which', 'between', 'differ', 'difference', 'differences']);

export function goalKeyTerms(goal: string): string[] {
  return [...new Set(contentTokens(goal).filter((t) => !GOAL_META.has(t)).map(stem))];
}

/** Scores a research report's Summary (its abstract) against the goal. */
export function scoreSummary(report: Report): SummaryScore {
  const keyTerms = goalKeyTerms(report.goal ?? '');
  const summary = report.abstract ? [report.abstract] : [];
  const paras = [...summary, ...(report.sections.find((s) => s.id === 'summary')?.paragraphs ?? [])];
  let citedOnGoal = 0;
  const perSource: Record<string, boolean> = {};
  for (const s of report.sources) perSource[s.id] = false;
  for (const p of paras) {
    const toks = terms(p.text);
    if (p.cites.length && keyTerms.some((k) => toks.includes(k))) citedOnGoal++;
    for (const s of report.sources) {
      const cited = p.cites.some((c) => report.citations[c]?.sourceId === s.id);
      // A statement names its source by title, or by a long title's main part ("strucchange" of
      // "strucchange: An R Package for …"), as the writers do.
      const colon = s.title.indexOf(': ');
      const short = s.title.length > 60 && colon >= 3 ? s.title.slice(0, colon) : s.title;
      if (cited || p.text.includes(s.title) || p.text.includes(short)) perSource[s.id] = true;
    }
  }
  return { citedOnGoal, keyTerms, perSource };
}
