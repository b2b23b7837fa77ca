// The synchronous half of reading a web page: parse, find the main content, map it to blocks.
// It returns plain data only, so the caller can run it under a time limit (time-limit.ts) and
// throw away everything it built if the limit hits. Readability slows down sharply with nesting
// depth (1,000 nested <div>s take seconds, 2,000 nearly a minute), so very deep documents skip
// it and are read whole.
import { buildArticle, type BuiltArticle } from './blocks.js';
import { type DomElement, type DomNode, isElement, parseDocument, readArticle } from './dom.js';
import { pageMeta, type PageMeta } from './metadata.js';

/** Deeper than this, Readability is skipped (real article pages nest a few dozen levels). */
export const MAX_READABILITY_DEPTH = 120;

export interface ExtractedPage {
  meta: PageMeta;
  title: string;
  byline: string;
  siteName: string;
  lang: string;
  published: string;
  excerpt: string;
  /** The page's own address (fetched from, or saved from). */
  pageUrl: string | undefined;
  /** The address relative links and images resolve against. */
  linkBase: string | undefined;
  built: BuiltArticle;
  warnings: string[];
}

export function extractPage(html: string, opts: { url?: string; fallbackTitle: string; maxElements: number }): ExtractedPage {
  const warnings: string[] = [];
  const doc = parseDocument(html);
  const meta = pageMeta(doc, html);
  const depth = maxDepth(doc.documentElement);
  let article = null;
  if (depth > MAX_READABILITY_DEPTH) {
    warnings.push(`markup nested ${depth} levels deep; main-content extraction skipped, the whole page body was read`);
  } else {
    try {
      // Readability rewrites the document it reads, so it gets a document of its own.
      article = readArticle(parseDocument(html), { maxElements: opts.maxElements });
    } catch (err) {
      // Readability refuses documents over maxElemsToParse with a plain Error; the body is read instead.
      if (!(err instanceof Error && /Aborting parsing document/.test(err.message))) throw err;
    }
    if (!article) warnings.push('no main article found; the whole page body was read');
  }
  const content: DomElement | null = article?.content ?? bodyOf(doc);
  const pageUrl = opts.url ?? (meta.url || undefined);
  // <base href> or the canonical address decide where relative links point; a saved page with
  // neither keeps its relative links as written.
  const linkBase = pageUrl && meta.url ? (safeUrl(meta.url, pageUrl) ?? pageUrl) : pageUrl;
  const title = (article?.title || meta.title || opts.fallbackTitle).replace(/\s+/g, ' ').trim();
  const empty: BuiltArticle = { blocks: [], sections: [], figures: [], tables: [], images: [], height: 0 };
  const built = content ? buildArticle(content, { title, resolveHref: (href) => resolveHref(href, linkBase) }) : empty;
  return {
    meta,
    title,
    byline: article?.byline ?? '',
    siteName: article?.siteName || meta.siteName,
    lang: article?.lang || meta.lang,
    published: article?.publishedTime || meta.published,
    excerpt: article?.excerpt ?? '',
    pageUrl,
    linkBase,
    built,
    warnings,
  };
}

function bodyOf(doc: ReturnType<typeof parseDocument>): DomElement | null {
  return doc.querySelector('body') ?? doc.documentElement;
}

/** Deepest element nesting, walked without recursion (the input may be arbitrarily deep). */
function maxDepth(root: DomElement | null): number {
  if (!root) return 0;
  let max = 0;
  const stack: [DomNode, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    if (d > max) max = d;
    for (const c of Array.from(n.childNodes)) if (isElement(c)) stack.push([c, d + 1]);
  }
  return max;
}

/** Link schemes a source's link may keep; anything else (javascript:, data:, vbscript:, file:) is dropped. */
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'ftp:']);

function resolveHref(href: string, base: string | undefined): string | null {
  if (!href || href.startsWith('#')) return null;
  // Test the scheme as a browser will read it: the URL parser drops tabs and newlines anywhere and
  // C0 controls and spaces at the ends, so "java\tscript:" (from `java&#x09;script:`) is javascript:.
  // A relative link resolves against a stand-in base of its own scheme, so it is known to be relative.
  const parsed = safeUrl(href, 'folio-relative:/');
  if (!parsed) return null;
  if (parsed.startsWith('folio-relative:')) return base ? safeUrl(href, base) : href.replace(/[\t\n\r]/g, '');
  if (!LINK_SCHEMES.has(new URL(parsed).protocol)) return null;
  return /^[a-z][a-z0-9+.-]*:/i.test(href) ? href : parsed;
}

function safeUrl(href: string, base: string): string | null {
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}
