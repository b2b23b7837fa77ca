// One entry for writing artifacts: report.md, site/, deck.pptx and slides/ from composed models.
import path from 'node:path';
import { loadTheme } from '../compose/theme.js';
import type { Deck, Report, Site } from '../compose/types.js';
import { UserInputError } from '../errors.js';
import { exportMarkdown } from './markdown/index.js';
import { exportPptx } from './pptx/index.js';
import { exportSite } from './site/index.js';
import { exportSlides } from './slides/index.js';

export type ExportTarget = 'md' | 'html' | 'pptx' | 'slides';
export const EXPORT_TARGETS: readonly ExportTarget[] = ['md', 'html', 'pptx', 'slides'];

export interface ExportedFile {
  target: ExportTarget;
  /** Absolute path of the main file (report.md, site/index.html, deck.pptx, slides/index.html). */
  path: string;
  label: string;
  fixes: string[];
}

export interface ExportRequest {
  report?: Report;
  deck?: Deck;
  site?: Site;
  to: readonly ExportTarget[];
  outDir: string;
  theme?: string;
  /** Slide budget: fitting may split slides but never beyond this. */
  maxSlides?: number;
  signal?: AbortSignal;
}

export function parseTargets(s: string): ExportTarget[] {
  const out: ExportTarget[] = [];
  for (const raw of s.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean)) {
    const t = (raw === 'site' ? 'html' : raw === 'markdown' || raw === 'report' ? 'md' : raw === 'deck' ? 'pptx' : raw) as ExportTarget;
    if (!EXPORT_TARGETS.includes(t)) throw new UserInputError(`--to: "${raw}" is not an output (choose from ${EXPORT_TARGETS.join(', ')})`);
    if (!out.includes(t)) out.push(t);
  }
  if (out.length === 0) throw new UserInputError(`--to: name at least one output (${EXPORT_TARGETS.join(', ')})`);
  return out;
}

export async function exportArtifacts(req: ExportRequest): Promise<ExportedFile[]> {
  const outDir = path.resolve(req.outDir);
  const out: ExportedFile[] = [];
  const themeName = req.theme ?? req.deck?.theme ?? req.site?.theme;
  const theme = await loadTheme(themeName);
  const max = req.maxSlides !== undefined ? { maxSlides: req.maxSlides } : {};
  for (const t of req.to) {
    req.signal?.throwIfAborted();
    // A switch, not an if-chain with a catch-all: a new target missing here fails lint (switch-exhaustiveness-check).
    switch (t) {
      case 'md': {
        if (!req.report) throw new UserInputError('md: there is no report to write');
        const r = await exportMarkdown(req.report, outDir);
        out.push({ target: t, path: r.file, label: 'Report (Markdown)', fixes: r.fixes });
        break;
      }
      case 'html': {
        if (!req.site) throw new UserInputError('html: there is no site to write');
        const r = await exportSite({ ...req.site, theme: theme.name }, path.join(outDir, 'site'), { theme, ...(req.signal ? { signal: req.signal } : {}) });
        out.push({ target: t, path: r.index, label: 'Site (HTML)', fixes: r.fixes });
        break;
      }
      case 'pptx': {
        if (!req.deck) throw new UserInputError('pptx: there is no deck to write');
        const r = await exportPptx({ ...req.deck, theme: theme.name }, path.join(outDir, 'deck.pptx'), { theme, ...max });
        out.push({ target: t, path: path.resolve(r.file), label: `Deck (PPTX, ${r.slideCount} slides)`, fixes: r.fixes });
        break;
      }
      case 'slides': {
        if (!req.deck) throw new UserInputError('slides: there is no deck to write');
        const r = await exportSlides({ ...req.deck, theme: theme.name }, path.join(outDir, 'slides'), { theme, ...max });
        out.push({ target: t, path: path.resolve(r.index), label: `Slides (HTML, ${r.slideCount} slides)`, fixes: r.fixes });
        break;
      }
    }
  }
  return out;
}
