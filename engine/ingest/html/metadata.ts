// What a web page says about itself, read from the untouched document before Readability rewrites
// it: title, authors, site, language, publication date and the address it came from. Readability's
// own findings (JSON-LD, byline in the text) take precedence; these are the fallbacks.
import type { DomDocument } from './dom.js';

export interface PageMeta {
  title: string;
  authors: string[];
  siteName: string;
  lang: string;
  published: string;
  /** The page's own address: <base href>, canonical link, og:url, or a browser's "saved from" note. */
  url: string;
}

export function pageMeta(doc: DomDocument, html: string): PageMeta {
  // Meta names are case-insensitive in practice (og:Title, Author), so they are matched lower-cased.
  const metas = new Map<string, string>();
  for (const m of Array.from(doc.querySelectorAll('meta'))) {
    const content = m.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = m.getAttribute(attr)?.trim().toLowerCase();
      if (key && !metas.has(key)) metas.set(key, content);
    }
  }
  const meta = (...names: string[]): string => names.map((n) => metas.get(n) ?? '').find((v) => v !== '') ?? '';
  const author = meta('author', 'article:author', 'dc.creator', 'citation_author', 'parsely-author');
  const timeEl = doc.querySelector('time[datetime][itemprop="datePublished"], time[datetime][pubdate]');
  const savedFrom = /<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->/i.exec(html.slice(0, 4096))?.[1] ?? '';
  const candidates = [
    doc.querySelector('base[href]')?.getAttribute('href') ?? '',
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? '',
    meta('og:url'),
    savedFrom,
  ];
  return {
    title: (meta('og:title', 'twitter:title', 'dc.title', 'citation_title') || doc.title || '').trim(),
    authors: author && !/^https?:/i.test(author) ? splitAuthors(author) : [],
    siteName: meta('og:site_name', 'application-name', 'twitter:site'),
    lang: doc.documentElement?.getAttribute('lang')?.trim() || meta('og:locale', 'dc.language', 'language'),
    published: meta('article:published_time', 'og:published_time', 'datePublished', 'citation_publication_date', 'dc.date', 'dcterms.created', 'date', 'parsely-pub-date') || (timeEl?.getAttribute('datetime')?.trim() ?? ''),
    url: candidates.find((c) => /^https?:\/\//i.test(c.trim()))?.trim() ?? '',
  };
}

/** "By Ada Lovelace and Charles Babbage" → ['Ada Lovelace', 'Charles Babbage']. */
export function splitAuthors(byline: string): string[] {
  const cleaned = byline
    .replace(/\s+/g, ' ')
    .replace(/^\s*(by|von|par|por|di|door)\s+/i, '')
    .trim();
  if (!cleaned) return [];
  return cleaned
    .split(/\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*/i)
    .map((s) => s.trim())
    .filter((s) => s.length > 1 && s.length < 120);
}

/** 'en-US' → 'en': the document model carries the language, not the region. */
export function primaryLang(tag: string): string {
  const m = /^([a-z]{2,3})(?:[-_]|$)/i.exec(tag.trim());
  return m ? m[1]!.toLowerCase() : '';
}
