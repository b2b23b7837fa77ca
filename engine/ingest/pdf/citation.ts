// Where and when a paper appeared, as its first page states it: a journal's line ("Journal of
// Hydrology 310 (2005) 253–265"), a conference's ("PLDI’09, June 15–20, 2009, Dublin, Ireland"),
// proceedings, a "Reference:" line that cites the paper itself, an arXiv stamp, then a copyright
// year or a title page's date. What a citation (BibTeX) of the document needs beyond its title and
// authors. Nothing is guessed: a first page that states neither gives neither.

export interface Citation {
  year?: number;
  venue?: string;
}

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
const YEAR = String.raw`((?:19[5-9]|20[0-4])\d)`;

interface Rule {
  re: RegExp;
  /** The venue from the match, if the rule gives one. */
  venue?: (m: RegExpMatchArray) => string;
  year: (m: RegExpMatchArray) => string | undefined;
}

/** Strongest first: a rule that names a venue wins over one that only dates the paper. */
const RULES: Rule[] = [
  // "Journal of Hydrology 310 (2005) 253–265", "Pattern Recognition 41 (2008) 1–12".
  { re: new RegExp(String.raw`^([A-Z][\p{L}&.,:' -]{3,80}?)\s+\d{1,4}\s*\(${YEAR}\)\s*[\d–-]+$`, 'u'), venue: (m) => m[1]!, year: (m) => m[2] },
  // "PLDI’09, June 15–20, 2009, Dublin, Ireland.", "CHI '19, May 4-9, 2019, Glasgow".
  { re: new RegExp(String.raw`^([A-Z][A-Za-z-]{1,15}\s?[’'‘]\d{2}),\s+${MONTH}\s+\d{1,2}[–-]?\d{0,2},\s+${YEAR}`, 'u'), venue: (m) => m[1]!, year: (m) => m[2] },
  // "Proceedings of the 60th Annual Meeting of the …, pages 528–537 May 22-27, 2022".
  { re: new RegExp(String.raw`^(Proceedings of [^,]{10,160}?)(?:,|\s+pages|\s+\(|$).*?${YEAR}`, 'u'), venue: (m) => m[1]!.trim(), year: (m) => m[2] },
  // A paper that cites itself: 'Reference: Chuttur M.Y. (2009). "Overview …," Indiana University, USA . Sprouts: Working Papers on Information Systems, 9(37).'
  {
    re: new RegExp(String.raw`^(?:Reference|Citation|Cite (?:this|as))\s*:.*?\(${YEAR}\)\..*?["”]\s*(?:[^.]{0,80}\.\s*)?([A-Z][^.,]{3,120}?),\s*\d+\s*\(\d+\)`, 'u'),
    venue: (m) => m[2]!.trim(),
    year: (m) => m[1],
  },
  // "arXiv:2004.04906v3 [cs.CL] 30 Sep 2020".
  { re: new RegExp(String.raw`^arXiv:\d{4}\.\d{4,5}(?:v\d+)?\s+\[[\w.-]+\]\s+\d{1,2}\s+${MONTH}\s+${YEAR}$`, 'u'), venue: () => 'arXiv', year: (m) => m[1] },
  // "Copyright c© 2009 ACM 978-…", "978-1-4673-5208-6/13/$31.00 ©2013 IEEE", "© 2005 Elsevier B.V.".
  { re: new RegExp(String.raw`(?:©|\(c\)|Copyright(?: c©)?)\s*${YEAR}\b`, 'u'), year: (m) => m[1] },
  // A title page's date on a line of its own: "February 6, 2023", "6 February 2023".
  { re: new RegExp(String.raw`^(?:${MONTH}\s+\d{1,2},\s+${YEAR}|\d{1,2}\s+${MONTH}\s+${YEAR})$`, 'u'), year: (m) => m[1] ?? m[2] },
];

/**
 * The year and venue the first page states, from its blocks' texts in reading order (running heads
 * and footnotes included: that is where journals and conferences put them).
 */
export function citationOf(texts: readonly string[]): Citation {
  let best: { rank: number; c: Citation } | undefined;
  for (const raw of texts) {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (text.length > 400) continue;
    RULES.forEach((rule, rank) => {
      if (best && best.rank <= rank) return;
      const m = text.match(rule.re);
      const year = m ? rule.year(m) : undefined;
      if (!m || !year) return;
      const venue = rule.venue?.(m).replace(/\s+([,.])/g, '$1').trim();
      best = { rank, c: { year: Number(year), ...(venue ? { venue } : {}) } };
    });
  }
  return best?.c ?? {};
}
