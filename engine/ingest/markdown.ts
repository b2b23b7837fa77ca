// SourceDocument → interleaved Markdown: headings, paragraphs, lists, code, figure images with
// their captions, tables as GFM tables. Running headers and footers are left out.
import type { Block, SourceDocument, Table } from './types.js';

export function documentToMarkdown(doc: SourceDocument): string {
  const out: string[] = [];
  out.push(`# ${escapeInline(doc.title)}`);
  if (doc.authors.length > 0) out.push(`*${escapeInline(doc.authors.join(', '))}*`);
  const figures = new Map(doc.figures.map((f) => [f.id, f]));
  const tables = new Map(doc.tables.map((t) => [t.id, t]));
  const placed = new Set<string>();
  for (const page of doc.pages) {
    for (const b of page.blocks) {
      const md = blockMarkdown(b, figures, tables, placed);
      if (md !== null) out.push(md);
    }
  }
  return out.join('\n\n') + '\n';
}

function blockMarkdown(
  b: Block,
  figures: Map<string, SourceDocument['figures'][number]>,
  tables: Map<string, Table>,
  placed: Set<string>,
): string | null {
  switch (b.type) {
    case 'header':
    case 'footer':
    case 'title':
      return null;
    case 'heading':
      return `${'#'.repeat(Math.min(6, (b.level ?? 1) + 1))} ${escapeInline(b.text)}`;
    case 'figure': {
      const f = b.ref ? figures.get(b.ref) : undefined;
      if (!f || placed.has(f.id)) return null;
      placed.add(f.id);
      // A picture without a caption is described by the sentence that refers to it, if any.
      const about = f.caption || f.mention || '';
      const alt = escapeAlt(about ? `${f.label}: ${about}` : f.label);
      if (f.asset) return `![${alt}](${f.asset})`;
      // A web page's remote image that was not fetched (network off): link it, do not load it.
      if (f.src && /^https?:\/\//i.test(f.src)) return `*[${escapeInline(f.label)}: remote image](<${f.src.replace(/[<>\s]/g, encodeURIComponent)}>)*`;
      return `*[${escapeInline(f.label)} on page ${f.page}: no image]*`;
    }
    case 'table': {
      const t = b.ref ? tables.get(b.ref) : undefined;
      if (!t || placed.has(t.id)) return null;
      placed.add(t.id);
      const grid = gfmTable(t.rows);
      if (grid) return grid;
      return t.asset ? `![${escapeAlt(`${t.label}: ${t.caption}`)}](${t.asset})` : null;
    }
    case 'caption':
      return `*${escapeInline(b.text)}*`;
    case 'list-item':
      return `- ${escapeInline(b.text.replace(/^([•◦▪▫■□●○‣⁃∙·*➢➤►▶✓✔–—-])\s+/u, ''))}`;
    case 'code':
      return '```\n' + b.text.replace(/```/g, '``\u200b`') + '\n```';
    case 'equation':
      return `$$\n${b.text}\n$$`;
    case 'footnote':
      return `> ${escapeInline(b.text)}`;
    default:
      return escapeInline(b.text);
  }
}

/** A GFM table; the first row is the header row. Null when the grid is too thin to be a table. */
export function gfmTable(rows: string[][]): string | null {
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (rows.length < 2 || width < 2) return null;
  const cell = (s: string | undefined): string => escapeInline((s ?? '').replace(/\s+/g, ' ').trim()).replace(/\|/g, '\\|');
  const lines = rows.map((r) => `| ${Array.from({ length: width }, (_, i) => cell(r[i])).join(' | ')} |`);
  lines.splice(1, 0, `| ${Array.from({ length: width }, () => '---').join(' | ')} |`);
  return lines.join('\n');
}

function escapeInline(s: string): string {
  // Keep the text as it is, but stop it from being read as Markdown structure.
  // `<` and `>` too: a source's text holding `<img onerror=…>` must not become a tag (issue 28).
  return s.replace(/^([#+])/u, '\\$1').replace(/^(\d+)\. /, '$1\\. ').replace(/([\\*_`[\]<>])/g, '\\$1');
}

function escapeAlt(s: string): string {
  return s.replace(/[[\]\n]/g, ' ').slice(0, 300);
}
