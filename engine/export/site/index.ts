// HTML site exporter: Site model → a static folder (index.html, one file per page, assets/,
// sources/) that works from file:// with no network. The model is verified first (plan.ts), the
// rendered links are checked against the files written (verify.ts), and the folder is built under a
// temporary name and renamed into place, so a half-written site never looks complete.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Theme } from '../../compose/theme.js';
import type { Site } from '../../compose/types.js';
import { AbortedError, FolioError, UserInputError } from '../../errors.js';
import { replaceDir } from '../../fs-atomic.js';
import { assertReplaceable, SITE_MARKER, tempSibling } from './files.js';
import { planSite } from './plan.js';
import { renderPage } from './render.js';
import { siteCss } from './style.js';
import { assertInert, verifyLinks } from './verify.js';

export interface SiteExportOptions {
  theme: Theme;
  signal?: AbortSignal;
  /** Time limit for the whole export (default 2 min): copying large sources can be slow. */
  timeoutMs?: number;
}

export interface SiteExportResult {
  /** Absolute path of index.html. */
  index: string;
  /** Absolute paths of every page, index first. */
  pages: string[];
  /** What verification fixed or dropped, in words a person can act on. */
  fixes: string[];
}

export async function exportSite(site: Site, outDir: string, opts: SiteExportOptions): Promise<SiteExportResult> {
  if (!site || !Array.isArray(site.pages) || site.pages.length === 0) throw new UserInputError('site model: it has no pages; nothing to export');
  if (!opts?.theme) throw new UserInputError('site export: a theme is required (see assets/themes)');
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 120_000);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const check = (): void => {
    if (!signal.aborted) return;
    if (timeout.aborted) throw new FolioError('INTERNAL', `site export to ${outDir}: took longer than its time limit`);
    throw new AbortedError();
  };

  const out = path.resolve(outDir);
  await assertReplaceable(out);
  await mkdir(path.dirname(out), { recursive: true });

  const plan = await planSite(site);
  check();
  const css = siteCss(opts.theme);
  const pages = new Map<string, string>();
  plan.pages.forEach((p, i) => pages.set(p.file, renderPage(plan, i, css)));

  const tmp = tempSibling(out);
  try {
    await mkdir(path.join(tmp, 'assets'), { recursive: true });
    const copies = new Map<string, string>();
    for (const v of plan.visuals.values()) if (v.image) copies.set(v.image.src, v.image.from);
    for (const s of plan.sources) if (s.copy) copies.set(s.copy.to, s.copy.from);
    for (const [to, from] of copies) {
      check();
      await mkdir(path.join(tmp, path.dirname(to)), { recursive: true });
      try {
        await copyFile(from, path.join(tmp, ...to.split('/')));
      } catch (err) {
        // Checked a moment ago; if it vanished since, the link check below drops what pointed at it.
        plan.fixes.push(`${from}: could not be copied (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      }
    }
    check();
    await verifyLinks(pages, tmp, plan.fixes);
    for (const [file, html] of pages) {
      assertInert(file, html);
      await writeFile(path.join(tmp, file), html, 'utf8');
    }
    await writeFile(path.join(tmp, SITE_MARKER), `${JSON.stringify({ generator: 'folio-site', pages: [...pages.keys()], fixes: plan.fixes }, null, 2)}\n`, 'utf8');
    check();
    await replaceDir(tmp, out);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  const files = [...pages.keys()].map((f) => path.join(out, f));
  return { index: files[0]!, pages: files, fixes: plan.fixes };
}

export { bestCells, cellNumber, headerRowCount, lowerIsBetter } from './results-table.js';
