// Report preview: Markdown rendered with marked and sanitised (no scripts, handlers or unsafe links),
// front matter hidden, inlined figures kept.
import { DOMParser as LinkeDOMParser } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../renderer/lib/markdown.ts';

beforeAll(() => {
  // vitest runs in Node; the renderer's sanitiser needs a DOMParser.
  globalThis.DOMParser ??= LinkeDOMParser as unknown as typeof DOMParser;
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
});
