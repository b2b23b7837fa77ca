// Report Markdown → sanitised HTML: marked renders, then DOMPurify (a maintained sanitiser that walks
// the parsed tree the way the browser will) keeps only inert elements and attributes: no scripts,
// handlers, styles, forms, frames, SVG or MathML; links only to http(s)/mailto/#, images only inlined
// raster data. The allow-list used to be hand-written and could be bypassed (issue 28: children of a
// removed <b> or custom tag were never checked, so `<b><img onerror>` ran).
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { marked } from 'marked';

const TAGS = ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 'del', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'br', 'figure', 'figcaption', 'sup', 'sub', 'span', 'div', 'input'];
const ATTRS = ['href', 'title', 'src', 'alt', 'align', 'type', 'checked', 'disabled', 'start'];
/** Which attributes each element may keep (DOMPurify's allow-list is global). */
const PER_TAG: Record<string, readonly string[]> = { A: ['href', 'title'], IMG: ['src', 'alt', 'title'], TH: ['align'], TD: ['align'], INPUT: ['type', 'checked', 'disabled'], OL: ['start'] };
/** Link targets, tested on the attribute's value as the DOM holds it: entities decoded already. */
const SAFE_HREF = /^(https?:|mailto:|#)/i;
const SAFE_SRC = /^(data:image\/(png|jpeg|gif|webp);|folio-image:\d+$)/i;

let purifier: DOMPurify | undefined;

function purify(): DOMPurify {
  if (purifier) return purifier;
  const win = (globalThis as { window?: Window & typeof globalThis }).window;
  const p = win ? createDOMPurify(win) : undefined;
  // Without a DOM, DOMPurify returns its input unchanged; refuse rather than pass markup through.
  if (!p?.isSupported) throw new Error('renderMarkdown needs a DOM (window) to sanitise with');
  p.addHook('uponSanitizeAttribute', (node, data) => {
    const allowed = PER_TAG[node.nodeName] ?? [];
    if (!allowed.includes(data.attrName)) data.keepAttr = false;
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (el.nodeName === 'A') {
      // The URL parser strips tabs and newlines ("java\tscript:") and leading spaces and controls;
      // an allow-list on the start of the decoded value refuses all of those.
      const href = el.getAttribute('href') ?? '';
      if (!SAFE_HREF.test(href)) el.removeAttribute('href');
      else if (!href.startsWith('#')) el.setAttribute('rel', 'noopener noreferrer');
    }
    if (el.nodeName === 'IMG') {
      if (!SAFE_SRC.test(el.getAttribute('src') ?? '')) el.removeAttribute('src');
      // Figures decode off the main thread and only when scrolled to.
      el.setAttribute('decoding', 'async');
      el.setAttribute('loading', 'lazy');
    }
    // GFM task lists are the only inputs a report has.
    if (el.nodeName === 'INPUT' && el.getAttribute('type') !== 'checkbox') el.remove();
  });
  purifier = p;
  return p;
}

/**
 * Renders report Markdown. YAML front matter (the report's metadata) is not shown. Inlined images
 * (data: URLs, often megabytes) are swapped for short placeholders while marked and the sanitiser
 * run, then put back: both would otherwise scan every byte of them.
 */
export function renderMarkdown(md: string): string {
  const body = md.replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
  const images: string[] = [];
  const light = body.replace(/data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+/g, (uri) => `folio-image:${images.push(uri) - 1}`);
  const html = sanitize(marked.parse(light, { async: false, gfm: true }));
  return html.replace(/folio-image:(\d+)/g, (all, n: string) => images[Number(n)] ?? all);
}

export function sanitize(html: string): string {
  return purify().sanitize(html, {
    ALLOWED_TAGS: TAGS,
    ALLOWED_ATTR: [...ATTRS, 'decoding', 'loading', 'rel'],
    // folio-image: placeholders and data: images pass here; the hook above narrows them per tag.
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#|folio-image:\d+$|data:image\/(?:png|jpeg|gif|webp);)/i,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    SANITIZE_DOM: true,
    RETURN_TRUSTED_TYPE: false,
  });
}
