// Escaping for every Markdown file Folio writes (report.md, document.md's tables, the skills' .md
// outputs). Text from a source is data: once written into Markdown it must render as that text in any
// renderer (GitHub, VS Code, Obsidian, marked with raw HTML on), never as a tag, a link or a heading.
import { Document, visit } from 'yaml';

/** Escapes Markdown/HTML-significant characters in source text so it renders as text. */
export function mdEscape(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([*_`[\]#|~])/g, '\\$1')
    .replace(/^(\s*)(\d+)([.)])/gm, '$1$2\\$3')
    .replace(/^(\s*)([-+])(\s)/gm, '$1\\$2$3');
}

/** One line of source text (a heading, a file name, a table cell): whitespace runs become one space. */
export function mdLine(s: string): string {
  return mdEscape(s.replace(/\s+/g, ' ').trim());
}

/** A URL for an autolink `<…>`, or undefined when it is not a plain http(s) URL. */
export function mdUrl(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url.trim())) return undefined;
  return url.trim().replace(/[<>\s"'`]/g, encodeURIComponent);
}

/**
 * YAML front matter whose values cannot become markup. Renderers that do not know front matter
 * (marked, many static hosts) show it as a paragraph with raw HTML on, so a source titled
 * `</title><script>…` would run. Strings holding `<`, `>`, `&`, `[` or `]` are written double-quoted
 * with those characters as \u escapes: YAML reads the same value back, a Markdown renderer sees text.
 */
export function yamlFrontMatter(data: Record<string, unknown>): string {
  const doc = new Document(data);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && /[<>&[\]\n\r]/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  const text = doc.toString({ lineWidth: 0 }).trimEnd();
  const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
  return text.replace(/"(?:[^"\\]|\\.)*"/g, (q) => q.replace(/[<>&[\]]/g, hex));
}
