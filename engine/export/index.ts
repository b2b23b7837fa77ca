// One entry for writing artifacts: report.md, site/, deck.pptx and slides/ from composed models.
// Exporters are a registry keyed by the vocabulary's ExportKind: a kind without an exporter is a type
// error here, never a fall-through into another kind's writer (issue 25).
import path from 'node:path';
import { loadTheme, type Theme } from '../compose/theme.js';
import type { Deck, Report, Site } from '../compose/types.js';
import { UserInputError } from '../errors.js';
import { EXPORT_KINDS, parseExportKinds, type ExportKind } from '../vocabulary/outputs.js';
import { exportMarkdown } from './markdown/index.js';
import { exportPptx } from './pptx/index.js';
import { exportSite } from './site/index.js';
import { exportSlides } from './slides/index.js';

export { EXPORT_KINDS, type ExportKind };

export interface ExportedFile {
  target: ExportKind;
  /** Absolute path of the main file (report.md, site/index.html, deck.pptx, slides/index.html). */
  path: string;
  label: string;
  fixes: string[];
}

export interface ExportRequest {
  report?: Report;
  deck?: Deck;
  site?: Site;
  to: readonly ExportKind[];
  outDir: string;
  theme?: string;
  /** Slide budget: fitting may split slides but never beyond this. */
  maxSlides?: number;
  signal?: AbortSignal;
}

/** What every exporter is given: the request, its output folder made absolute, and the loaded theme. */
interface ExportContext {
  req: ExportRequest;
  outDir: string;
  theme: Theme;
}

type Exporter = (ctx: ExportContext) => Promise<Omit<ExportedFile, 'target'>>;

const need = <T>(model: T | undefined, kind: ExportKind, what: string): T => {
  if (!model) throw new UserInputError(`${kind}: there is no ${what} to write`);
  return model;
};
const maxOf = (req: ExportRequest) => (req.maxSlides !== undefined ? { maxSlides: req.maxSlides } : {});

const EXPORTERS: Record<ExportKind, Exporter> = {
  markdown: async ({ req, outDir }) => {
    const r = await exportMarkdown(need(req.report, 'markdown', 'report'), outDir);
    return { path: r.file, label: 'Report (Markdown)', fixes: r.fixes };
  },
  site: async ({ req, outDir, theme }) => {
    const r = await exportSite({ ...need(req.site, 'site', 'site'), theme: theme.name }, path.join(outDir, 'site'), { theme, ...(req.signal ? { signal: req.signal } : {}) });
    return { path: r.index, label: 'Site (HTML)', fixes: r.fixes };
  },
  pptx: async ({ req, outDir, theme }) => {
    const r = await exportPptx({ ...need(req.deck, 'pptx', 'deck'), theme: theme.name }, path.join(outDir, 'deck.pptx'), { theme, ...maxOf(req) });
    return { path: path.resolve(r.file), label: `Deck (PPTX, ${r.slideCount} slides)`, fixes: r.fixes };
  },
  slides: async ({ req, outDir, theme }) => {
    const r = await exportSlides({ ...need(req.deck, 'slides', 'deck'), theme: theme.name }, path.join(outDir, 'slides'), { theme, ...maxOf(req) });
    return { path: path.resolve(r.index), label: `Slides (HTML, ${r.slideCount} slides)`, fixes: r.fixes };
  },
};

/** --to and the research-report `outputs` option: current names, or the older ones the vocabulary maps (md, html, report, deck). */
export function parseTargets(s: string): ExportKind[] {
  try {
    return parseExportKinds(s);
  } catch (err) {
    throw new UserInputError(`--to: ${(err as Error).message}`);
  }
}

export async function exportArtifacts(req: ExportRequest): Promise<ExportedFile[]> {
  const outDir = path.resolve(req.outDir);
  const theme = await loadTheme(req.theme ?? req.deck?.theme ?? req.site?.theme);
  const out: ExportedFile[] = [];
  for (const target of req.to) {
    req.signal?.throwIfAborted();
    out.push({ target, ...(await EXPORTERS[target]({ req, outDir, theme })) });
  }
  return out;
}
