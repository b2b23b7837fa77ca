// Every Markdown writer escapes source text (issue 28): rendered by marked with raw HTML on (as a
// renderer that knows nothing of front matter does), hostile titles, cells, captions and file names
// come out as text, with no element, handler or link that was not in Folio's own template.
import { JSDOM } from 'jsdom';
import { marked } from 'marked';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { mdLine, yamlFrontMatter } from '../../engine/export/markdown/escape.js';
import { documentToMarkdown, gfmTable } from '../../engine/ingest/markdown.js';
import { toMarkdown } from '../../skills/table-recognition/grid.js';

export const PAYLOAD = '</title><script>alert(1)</script><b><img src=x onerror=alert(2)></b> [x](javascript:alert(3)) <javascript:alert(4)> \\<img src=y onerror=alert(5)> ![i](x" onerror="alert(6)) <a href="java&#x09;script:alert(7)">a</a>';

/** Elements and attributes the rendered Markdown holds, in a DOM as a browser builds it. */
function live(md: string): { tags: string[]; bad: string[] } {
  const html = marked.parse(md, { async: false, gfm: true });
  const doc = new JSDOM(`<body>${html}</body>`).window.document;
  const tags: string[] = [];
  const bad: string[] = [];
  for (const el of doc.body.querySelectorAll('*')) {
    tags.push(el.tagName.toLowerCase());
    for (const a of el.attributes) if (/^on/i.test(a.name) || (/^(href|src)$/.test(a.name) && !/^(https?:|#|assets\/)/.test(a.value))) bad.push(`${el.tagName} ${a.name}=${a.value}`);
  }
  return { tags, bad };
}

const INERT = ['p', 'h1', 'h2', 'h3', 'em', 'strong', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'br', 'ol', 'li', 'ul'];

describe('Markdown escaping', () => {
  it('front matter: the value reads back the same, marked sees only text', () => {
    const front = { title: `Paper ${PAYLOAD}`, sources: [`A ${PAYLOAD} (a.pdf)`, 'plain (b.pdf)'], authors: [], date: '2026-01-01' };
    const text = yamlFrontMatter(front);
    expect(parseYaml(text)).toEqual(front);
    expect(text).not.toMatch(/[<>]|\]\(/);
    const r = live(`---\n${text}\n---\n`);
    expect(r.bad).toEqual([]);
    expect(r.tags.every((t) => INERT.includes(t))).toBe(true);
    // Ordinary titles stay plain YAML.
    expect(yamlFrontMatter({ title: 'Trace-based JIT' })).toBe('title: Trace-based JIT');
  });

  it('mdLine: headings, file names and cells', () => {
    const r = live(`## ${mdLine(`${PAYLOAD}.png`)}\n\n| ${mdLine(PAYLOAD)} | b |\n| --- | --- |\n| ${mdLine(`1. ${PAYLOAD}`)} | c |\n`);
    expect(r.bad).toEqual([]);
    expect(r.tags.filter((t) => !INERT.includes(t))).toEqual([]);
  });

  it("table-recognition's table.md and document.md's tables", () => {
    for (const md of [toMarkdown([[PAYLOAD, 'h'], ['1', PAYLOAD]]), gfmTable([[PAYLOAD, 'h'], ['1', PAYLOAD]])!]) {
      const r = live(md);
      expect(r.bad).toEqual([]);
      expect(r.tags.filter((t) => !INERT.includes(t))).toEqual([]);
      expect(new JSDOM(marked.parse(md, { async: false })).window.document.body.textContent).toContain('onerror=alert(2)');
    }
  });

  it('document.md: title, headings, paragraphs, captions, list items', () => {
    const block = (type: string, text: string) => ({ type, text, page: 1, bbox: [0, 0, 1, 1] });
    const doc = {
      title: PAYLOAD,
      authors: [PAYLOAD],
      figures: [],
      tables: [],
      pages: [{ number: 1, blocks: [block('heading', PAYLOAD), block('paragraph', PAYLOAD), block('caption', PAYLOAD), block('list-item', PAYLOAD), block('footnote', PAYLOAD)] }],
    } as unknown as Parameters<typeof documentToMarkdown>[0];
    const r = live(documentToMarkdown(doc));
    expect(r.bad).toEqual([]);
    expect(r.tags.filter((t) => !INERT.includes(t) && t !== 'blockquote')).toEqual([]);
  });
});
