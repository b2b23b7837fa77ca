// Markdown report exporter: report.md + assets/ with relative links. Plain GFM that reads the same on
// GitHub, in VS Code and in Obsidian: YAML front matter, numbered figures, GFM tables, citation
// markers "[1, p. 4]" that link to the references list, and a references list with source and page.
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { mentionsVisual } from '../../compose/outline.js';
import type { Citation, Passage, Report, Visual } from '../../compose/types.js';
import { writeFileAtomic } from '../../fs-atomic.js';
import { mdEscape, mdLine, mdUrl, yamlFrontMatter } from './escape.js';

export { mdEscape } from './escape.js';

export interface MarkdownResult {
  file: string;
  assets: string[];
  /** What verification had to fix (dropped a visual whose image is missing, a dangling citation). */
  fixes: string[];
}

function cell(s: string): string {
  return mdLine(s) || ' ';
}

export async function exportMarkdown(report: Report, outDir: string): Promise<MarkdownResult> {
  const fixes: string[] = [];
  await mkdir(path.join(outDir, 'assets'), { recursive: true });
  const sourceNo = new Map(report.sources.map((s, i) => [s.id, i + 1]));
  const marker = (ids: string[]): string => {
    const parts: string[] = [];
    for (const id of ids) {
      const c: Citation | undefined = report.citations[id];
      if (!c) {
        fixes.push(`dropped a citation that resolves to no source (${id})`);
        continue;
      }
      const n = sourceNo.get(c.sourceId);
      if (n === undefined) {
        fixes.push(`dropped a citation to an unknown source (${c.sourceId})`);
        continue;
      }
      const p = `[${n}, p. ${c.page}]`;
      if (!parts.includes(p)) parts.push(p);
    }
    return parts.map((p) => `[\\${p.slice(0, -1)}\\]](#references)`).join('');
  };
  const passage = (p: Passage) => {
    if (!p.code) return `${mdEscape(p.text)}${p.cites.length ? ' ' + marker(p.cites) : ''}`;
    // A listing goes in a fence longer than any run of backticks in it: nothing inside is Markdown.
    const fence = '`'.repeat(Math.max(3, ...[...p.text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    return `${fence}\n${p.text.replace(/\s+$/, '')}\n${fence}${p.cites.length ? `\n\n${marker(p.cites)}` : ''}`;
  };

  // Figures and tables are numbered anew in the order they appear in the report.
  const numbers = new Map<string, string>();
  // One source with distinct labels: keep the source's own numbering, which the quoted text uses.
  const vs = Object.values(report.visuals);
  const keepLabels = new Set(vs.map((v) => v.sourceId)).size <= 1 && new Set(vs.map((v) => v.label)).size === vs.length && vs.every((v) => /\d/.test(v.label));
  let fig = 0;
  let tab = 0;
  const assets: string[] = [];
  const usedNames = new Set<string>();
  const visual = async (v: Visual): Promise<string | undefined> => {
    const isTable = v.kind === 'table';
    const label = numbers.get(v.id) ?? (keepLabels ? v.label : isTable ? `Table ${++tab}` : `Figure ${++fig}`);
    numbers.set(v.id, label);
    const source = `Source: ${mdEscape(v.sourceTitle)}, p. ${v.page}${v.label && v.label !== label ? ` (${mdEscape(v.label)})` : ''}.`;
    const caption = `**${mdLine(label)}.** ${mdEscape(v.caption.replace(/^(fig(ure)?|table)\s*\d+[a-z]?[.:]?\s*/i, ''))} ${source}`;
    if (v.table && v.table.rows.length >= 2) {
      const rows = v.table.rows;
      const cols = Math.max(...rows.map((r) => r.length));
      const line = (r: string[]) => `| ${Array.from({ length: cols }, (_, i) => cell(r[i] ?? '')).join(' | ')} |`;
      return [caption, '', line(rows[0]!), `|${' --- |'.repeat(cols)}`, ...rows.slice(1).map(line)].join('\n');
    }
    if (!v.image || !existsSync(v.image)) {
      fixes.push(`left out ${v.label} (${v.sourceTitle}, p. ${v.page}): its image is missing`);
      numbers.delete(v.id);
      if (isTable) tab--;
      else fig--;
      return undefined;
    }
    const ext = /^\.(png|jpe?g|gif|webp)$/i.test(path.extname(v.image)) ? path.extname(v.image).toLowerCase() : '.png';
    let name = `${slug(label)}-${slug(v.sourceId)}${ext}`;
    for (let k = 2; usedNames.has(name); k++) name = `${slug(label)}-${slug(v.sourceId)}-${k}${ext}`;
    usedNames.add(name);
    await copyFile(v.image, path.join(outDir, 'assets', name));
    assets.push(`assets/${name}`);
    const alt = (v.caption.toLowerCase().startsWith(label.toLowerCase()) ? v.caption : `${label}: ${v.caption}`).replace(/[[\]\n]/g, ' ').slice(0, 200);
    return `![${mdEscape(alt)}](assets/${name})\n\n${caption}`;
  };

  const out: string[] = [];
  const front: Record<string, unknown> = {
    title: report.title,
    ...(report.subtitle ? { subtitle: report.subtitle } : {}),
    date: report.date,
    ...(report.authors.length ? { authors: report.authors } : {}),
    ...(report.goal ? { goal: report.goal } : {}),
    sources: report.sources.map((s) => `${s.title} (${s.file})`),
    generator:
      report.generator.writer === 'extractive'
        ? 'Folio offline extractive writer: every sentence is quoted from the sources'
        : `Folio with ${report.generator.model ?? 'a language model'}`,
  };
  out.push('---', yamlFrontMatter(front), '---', '');
  out.push(`# ${mdLine(report.title)}`, '');
  if (report.subtitle) out.push(`*${mdEscape(report.subtitle)}*`, '');
  if (report.authors.length) out.push(mdEscape(report.authors.join(', ')), '');
  if (report.abstract) out.push(report.goal ? "## Summary" : "## Abstract", "", passage(report.abstract), "");
  for (const s of report.sections) {
    out.push(`${s.level === 1 ? '##' : '###'} ${mdLine(s.heading)}`, '');
    // Interleave: each visual follows the paragraph that mentions it, else goes after the text.
    const vis = [...s.visuals];
    for (const p of s.paragraphs) {
      out.push(passage(p), '');
      for (let i = 0; i < vis.length; i++) {
        const v = report.visuals[vis[i]!];
        if (v && mentionsVisual(p.text, v.label)) {
          const md = await visual(v);
          if (md) out.push(md, '');
          vis.splice(i--, 1);
        }
      }
    }
    for (const id of vis) {
      const v = report.visuals[id];
      if (!v) {
        fixes.push(`dropped an unknown visual (${id})`);
        continue;
      }
      const md = await visual(v);
      if (md) out.push(md, '');
    }
  }
  out.push('## References', '');
  report.sources.forEach((src, i) => {
    const pages = [...new Set(Object.values(report.citations).filter((c) => c.sourceId === src.id).map((c) => c.page))].sort((a, b) => a - b);
    const who = src.authors.length ? `${mdEscape(src.authors.slice(0, 3).join(', '))}${src.authors.length > 3 ? ' et al.' : ''}. ` : '';
    out.push(`${i + 1}. ${who}*${mdEscape(src.title)}*. ${mdEscape(src.file)}${src.url && mdUrl(src.url) ? ` (<${mdUrl(src.url)}>)` : ''}. Pages cited: ${pages.join(', ') || 'none'}.`);
  });
  out.push('');
  const file = path.join(outDir, 'report.md');
  await writeFileAtomic(file, out.join('\n'));
  return { file, assets, fixes };
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'x';
}
