// What a writer must know about a document's parts before quoting it: which sections are back matter
// (references, acknowledgements, appendices: never content), which lines are bibliography entries
// whatever section they sit in, and the document's own date (a deck's title slide shows when the
// paper is from, not when the deck was made). Section kinds from ingest are used where present; the
// heading text and the shape of a line are the fallback.

/** Section kinds that are never content (as ingest may mark them). */
const BACK_KINDS = new Set(['references', 'bibliography', 'acknowledgements', 'acknowledgments', 'appendix', 'back-matter', 'index', 'contents', 'front-matter']);

const BACK_HEADING =
  /^(?:[\dA-Z]+(?:\.\d+)*\.?\s+)?(acknowledge?ments?|references?|bibliography|works cited|literature cited|literatur|参考文献|致谢|appendix|appendices|supplementary materials?|index|about the authors?|author contributions|funding|conflicts? of interest|declarations?|notes)\b/i;

/** A section the writers leave out: by its `kind` when ingest gives one, else by its heading. */
export function isBackMatter(section: { title: string; kind?: string | undefined; number?: string | undefined }): boolean {
  if (section.kind && BACK_KINDS.has(section.kind.toLowerCase())) return true;
  if (/^appendix/i.test(section.number ?? '')) return true;
  return BACK_HEADING.test(section.title.trim()) || BACK_HEADING.test(section.title.replace(/\s+/g, ''));
}

/** The heading marks the reference list (what follows it, other than another top section, is bibliography). */
export function isReferencesHeading(title: string): boolean {
  return /^(?:[\d.]+\s+)?(references?|bibliography|works cited|literature cited|参考文献)\s*$/i.test(title.trim());
}

/**
 * Does the line read as a bibliography entry ("Chu, C.-S. J., Hornik, K. and Kuan, C.-M. (1995).
 * MOSUM tests… Biometrika, 82, 603–617.")? Scored by the marks of one: a year, initials, page
 * ranges, a venue word, "et al." or a URL/DOI, and the absence of the verbs prose is made of.
 */
export function looksLikeBibliography(text: string): boolean {
  const t = text.trim();
  let score = 0;
  if (/\(?\b(1[89]|20)\d\d[a-z]?\)?[.,;:]/.test(t)) score++;
  if (/(^|[\s,(])\p{Lu}\.(\s?-?\p{Lu}\.)*[,\s]/u.test(t) || /\p{Lu}[\p{Ll}'’-]+,\s+\p{Lu}\./u.test(t)) score++;
  if (/\bpp?\.\s*\d|\b\d+\s*[–-]\s*\d+\b|\b\d+\(\d+\)/.test(t)) score++;
  if (/\b(journal|proc(?:eedings|\.)|conference|symposium|workshop|press|publishers?|transactions|annals|review|quarterly|letters|econometrica|biometri(?:ka|cs)|vol(?:ume|\.)|ISBN|doi|arxiv|URL|https?:|technical report|thesis|university|springer|wiley|elsevier|ACM|IEEE)\b/i.test(t)) score++;
  if (/\bet al\.|\band\s+\p{Lu}\.|&\s*\p{Lu}/u.test(t)) score++;
  if (/^\[?\d{1,3}[\].]\s+\p{Lu}/u.test(t)) score++;
  // Prose has verbs; an entry has almost none.
  const verbs = (t.match(/\b(is|are|was|were|be|been|can|may|we|our|this|these|shows?|gives?|uses?|has|have|which|that)\b/gi) ?? []).length;
  return score >= 3 && verbs <= 1;
}

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const MONTH_DATE = new RegExp(`\\b${MONTH}\\s+(?:\\d{1,2}(?:\\s*[–-]\\s*\\d{1,2})?,?\\s+)?(?:19|20)\\d\\d\\b`);
const DAY_MONTH = new RegExp(`\\b\\d{1,2}\\s+${MONTH}\\s+(?:19|20)\\d\\d\\b`);

/**
 * The document's own date as it states it: a web page's publication date, else a dated line on the
 * first page ("June 15–20, 2009", "February 6, 2023", "© 2002"). Empty when it gives none: a
 * deck shows no date rather than today's as if it were the paper's.
 */
export function documentDate(doc: { published?: string | undefined; pages: { blocks: { text: string; type: string }[] }[] }): string {
  if (doc.published) return doc.published.slice(0, 10);
  const first = doc.pages[0]?.blocks ?? [];
  for (const b of first) {
    if (b.type === 'reference') continue;
    const m = MONTH_DATE.exec(b.text) ?? DAY_MONTH.exec(b.text);
    if (m) return m[0].replace(/\s+/g, ' ');
  }
  for (const b of first) {
    const m = /(?:©|\(c\)|copyright)\s*((?:19|20)\d\d)\b/i.exec(b.text);
    if (m) return m[1]!;
  }
  return '';
}
