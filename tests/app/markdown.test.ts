// Report preview: Markdown rendered with marked and sanitised (no scripts, handlers or unsafe links),
// front matter hidden, inlined figures kept.
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { renderMarkdown } from '../../renderer/lib/markdown.ts';

beforeAll(() => {
  // vitest runs in Node; the renderer's sanitiser (DOMPurify) needs a window.
  (globalThis as { window?: unknown }).window ??= new JSDOM('').window;
});

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('report markdown', () => {
  it('renders headings, tables and inlined figures, without the front matter', () => {
    const html = renderMarkdown(`---\ntitle: Secret metadata\n---\n# Results\n\n![Figure 1](${PNG})\n\n| a | b |\n|---|---|\n| 1 | 2 |\n`);
    expect(html).toContain('<h1>Results</h1>');
    expect(html).toContain(`src="${PNG}"`);
    expect(html).toContain('<td>1</td>');
    expect(html).not.toContain('Secret metadata');
  });

  it('drops scripts, event handlers, styles and unsafe links', () => {
    const html = renderMarkdown('Hi <script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">x</a> <a href="https://example.org">ok</a><iframe src="https://evil.example"></iframe><span style="position:fixed">s</span>');
    expect(html).not.toMatch(/script|onerror|javascript:|iframe|style=/i);
    expect(html).toContain('href="https://example.org"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('keeps only data: images of raster types', () => {
    const html = renderMarkdown('![a](https://tracker.example/p.png) ![b](data:image/svg+xml;base64,PHN2Zz4=)');
    expect(html).not.toContain('tracker.example');
    expect(html).not.toContain('svg+xml');
  });

  // The 13 payloads of issue 28. The old hand-written allow-list let the first four run (it replaced
  // a <b>, <u>, <i> or custom tag by its children but never checked those children) and kept the
  // javascript: link, the form, the meta refresh and the overlay link.
  const PAYLOADS = [
    '<b><img src=x onerror=alert(1)></b>',
    '<u><iframe srcdoc="<script>alert(2)</script>"></iframe></u>',
    '<i><svg><animate onbegin=alert(3) attributeName=x dur=1s></svg></i>',
    '<x-z><img src=x onerror=alert(4)></x-z>',
    '<a href="javascript:alert(5)">a</a>',
    '<a href="java&#x09;script:alert(6)">b</a>',
    '<a href="&#106;avascript:alert(7)">c</a>',
    '<a href="data:text/html,<script>alert(8)</script>">d</a>',
    '<form action="javascript:alert(9)"><button>e</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(10)">',
    '<a href="https://example.org" style="position:fixed;inset:0;z-index:9">overlay</a>',
    '<small><math><mtext><table><mglyph><style><img src=x onerror=alert(12)>',
    '[link](javascript:alert(13)) [link2](  java\tscript:alert(14)) <javascript:alert(15)>',
  ];

  it.each(PAYLOADS)('leaves nothing live of %s', (payload) => {
    const html = renderMarkdown(`Text ${payload}\n`);
    const doc = new JSDOM(`<body>${html}</body>`).window.document;
    for (const el of doc.body.querySelectorAll('*')) {
      expect(['P', 'A', 'IMG', 'B', 'U', 'I', 'SMALL', 'TABLE', 'TBODY', 'TR', 'TD', 'SPAN', 'DIV', 'EM', 'STRONG', 'CODE']).toContain(el.tagName);
      for (const a of el.attributes) {
        expect(a.name, el.outerHTML).not.toMatch(/^on|^style$|^srcdoc$|^action$|^formaction$|^http-equiv$/i);
        if (a.name === 'href') expect(a.value).toMatch(/^https:\/\/example\.org\/?$/);
        if (a.name === 'src') expect(a.value).toMatch(/^data:image\//);
      }
    }
    expect(html).not.toMatch(/<(iframe|svg|math|form|meta|style|script|button)\b/i);
  });

  it('refuses to run without a DOM instead of passing markup through', async () => {
    // A fresh module instance with no window: DOMPurify would return its input unchanged.
    const win = (globalThis as { window?: unknown }).window;
    delete (globalThis as { window?: unknown }).window;
    try {
      vi.resetModules();
      const fresh = await import('../../renderer/lib/markdown.ts');
      expect(() => fresh.renderMarkdown('<img src=x onerror=alert(1)>')).toThrow(/needs a DOM/);
    } finally {
      (globalThis as { window?: unknown }).window = win;
    }
  });
});
