// Report Markdown → sanitised HTML: marked renders, then an allow-list keeps only inert elements and
// attributes (no scripts, handlers, styles, forms or frames; links and images only to safe schemes).
import { marked } from 'marked';

const TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'PRE', 'CODE', 'EM', 'STRONG', 'DEL', 'A', 'IMG', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'HR', 'BR', 'FIGURE', 'FIGCAPTION', 'SUP', 'SUB', 'SPAN', 'DIV', 'INPUT']);
const ATTRS: Record<string, string[]> = { A: ['href', 'title'], IMG: ['src', 'alt', 'title'], TH: ['align'], TD: ['align'], INPUT: ['type', 'checked', 'disabled'], OL: ['start'] };

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
  const doc = new DOMParser().parseFromString(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`, 'text/html');
  const walk = (el: Element): void => {
    for (const child of [...el.children]) {
      if (!TAGS.has(child.tagName)) {
        // Unknown elements go, and with them their content when it could be active (script, style).
        if (/^(SCRIPT|STYLE|IFRAME|OBJECT|EMBED|TEMPLATE|NOSCRIPT|SVG|MATH|FORM|LINK|META)$/.test(child.tagName)) child.remove();
        else child.replaceWith(...child.childNodes);
        continue;
      }
      const allowed = ATTRS[child.tagName] ?? [];
      for (const a of [...child.attributes]) if (!allowed.includes(a.name)) child.removeAttribute(a.name);
      if (child.tagName === 'A') {
        const href = child.getAttribute('href') ?? '';
        if (!/^(https?:|mailto:|#)/i.test(href)) child.removeAttribute('href');
        else if (!href.startsWith('#')) child.setAttribute('rel', 'noopener noreferrer');
      }
      if (child.tagName === 'IMG' && !/^(data:image\/(png|jpeg|gif|webp);|folio-image:\d+$)/i.test(child.getAttribute('src') ?? '')) child.removeAttribute('src');
      if (child.tagName === 'IMG') {
        // Figures decode off the main thread and only when scrolled to.
        child.setAttribute('decoding', 'async');
        child.setAttribute('loading', 'lazy');
      }
      if (child.tagName === 'INPUT' && child.getAttribute('type') !== 'checkbox') child.remove();
      walk(child);
    }
  };
  walk(doc.body);
  return doc.body.innerHTML;
}
