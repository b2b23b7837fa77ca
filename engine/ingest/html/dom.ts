// The one module that talks to linkedom and @mozilla/readability. The engine is compiled without
// the DOM lib, so the few DOM members the web-page reader uses are declared here, structurally,
// and the libraries' objects are narrowed to them at this boundary only.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly parentNode: DomNode | null;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly title: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  readonly childNodes: ArrayLike<DomNode>;
}

export function isElement(n: DomNode): n is DomElement {
  return n.nodeType === ELEMENT_NODE;
}

export function parseDocument(html: string): DomDocument {
  // linkedom builds no <html>/<body> around a fragment or plain text, as browsers do; wrap it.
  const whole = /<html[\s>]/i.test(html) ? html : /<body[\s>]/i.test(html) ? `<html>${html}</html>` : `<html><head></head><body>${html}</body></html>`;
  const doc = parseHTML(whole).document as unknown as DomDocument;
  if (doc.documentElement !== null && doc.querySelector('body') !== null) return doc;
  // The <html> or <body> the test above saw was not markup (inside an unclosed "<!--" that runs to
  // the end of the file, or a script): linkedom then has no document element, and reading the
  // page failed with a TypeError deep inside it. A browser shows such a page's text up to the
  // comment; so does this, from a document with the elements around it.
  return parseHTML(`<html><head></head><body>${html}</body></html>`).document as unknown as DomDocument;
}

export const CAPTION_CLASSES = ['thumbcaption', 'wp-caption-text', 'caption', 'image-caption', 'figure-caption', 'gallerytext'] as const;

export interface Article {
  title: string;
  /** The article's main content, as an element of a (mutated) copy of the document. */
  content: DomElement;
  byline: string;
  siteName: string;
  lang: string;
  publishedTime: string;
  excerpt: string;
}

/**
 * Readability's main-content extraction. It mutates the document it reads; the caller passes a
 * document it no longer needs. Returns null when no article could be found.
 */
export function readArticle(doc: DomDocument, opts: { maxElements: number }): Article | null {
  const reader = new Readability<unknown>(doc as unknown as ConstructorParameters<typeof Readability>[0], {
    maxElemsToParse: opts.maxElements,
    // Readability drops class names; these few mark image captions that are not <figcaption>
    // (MediaWiki thumbnails, WordPress captions), and blocks.ts reads them as captions.
    classesToPreserve: [...CAPTION_CLASSES],
    // Keep the DOM node instead of serializing it: saves a second parse of the article.
    serializer: (node) => node,
  });
  const r = reader.parse();
  if (!r || !r.content) return null;
  return {
    title: r.title ?? '',
    content: r.content as DomElement,
    byline: r.byline ?? '',
    siteName: r.siteName ?? '',
    lang: r.lang ?? '',
    publishedTime: r.publishedTime ?? '',
    excerpt: r.excerpt ?? '',
  };
}
