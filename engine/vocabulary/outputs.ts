// Output kinds: one name for each thing a run can make (issue 25). The engine's exporters, the skills'
// declared and returned outputs, the contract's export.file, the CLI's --to and the UI all use these
// names. Zod only: the contract and the renderer import it too.
import { z } from 'zod';

/** What the engine's exporters write from composed models: report.md, site/, deck.pptx, slides/. */
export const EXPORT_KINDS = ['markdown', 'site', 'pptx', 'slides'] as const;
export const ExportKind = z.enum(EXPORT_KINDS);
export type ExportKind = z.infer<typeof ExportKind>;

/** Everything a skill may make: the exported artifacts and the data files beside them. */
export const OUTPUT_KINDS = [...EXPORT_KINDS, 'json', 'csv', 'png', 'state'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/** How each exported artifact is named to people (CLI lines, the app's checkboxes and buttons). */
export const EXPORT_LABELS: Record<ExportKind, string> = {
  markdown: 'Report (Markdown)',
  site: 'Site (HTML)',
  pptx: 'Deck (PPTX)',
  slides: 'HTML slides',
};

/**
 * Names earlier versions used, and what each means now. The CLI's --to, the research-report
 * `outputs` option, SKILL.md `outputs:` and saved runs (run.json, a project's remembered options)
 * all pass through this one map, so scripts and saved work that say `md,html` keep working; nothing
 * else spells an old name.
 */
export const OUTPUT_ALIASES: Readonly<Record<string, OutputKind>> = {
  md: 'markdown',
  report: 'markdown',
  html: 'site',
  deck: 'pptx',
};

/** The current name for `name` (an old one mapped through OUTPUT_ALIASES), or undefined when it names no output. */
export function outputKindOf(name: string): OutputKind | undefined {
  const n = name.trim().toLowerCase();
  if ((OUTPUT_KINDS as readonly string[]).includes(n)) return n as OutputKind;
  return Object.hasOwn(OUTPUT_ALIASES, n) ? OUTPUT_ALIASES[n] : undefined;
}

export function isExportKind(k: OutputKind): k is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(k);
}

/** An output kind as stored or declared: old names are read as their current one. */
export const OutputKind = z.preprocess((v) => (typeof v === 'string' ? (outputKindOf(v) ?? v) : v), z.enum(OUTPUT_KINDS));

/**
 * A comma-separated list of export kinds ("markdown,site" or the older "md,html"), de-duplicated in
 * the order given. Throws a plain Error naming the choices; callers wrap it in their own error type.
 */
export function parseExportKinds(s: string): ExportKind[] {
  const out: ExportKind[] = [];
  for (const raw of s.split(',').map((x) => x.trim()).filter(Boolean)) {
    const k = outputKindOf(raw);
    if (k === undefined || !isExportKind(k)) throw new Error(`"${raw}" is not an output (choose from ${EXPORT_KINDS.join(', ')})`);
    if (!out.includes(k)) out.push(k);
  }
  if (out.length === 0) throw new Error(`name at least one output (${EXPORT_KINDS.join(', ')})`);
  return out;
}
