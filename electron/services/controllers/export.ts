// Outputs of a run: previews for the UI (report Markdown, site page, HTML slides, all
// self-contained), export files (PPTX, single-file Markdown, single-file site) written atomically
// into the project's exports/ folder, and "show in folder".
import { copyFile, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExportKind, OutputInfo, Preview } from '../../contract/contract.ts';
import { ContractError } from '../../contract/wrapper.ts';
import { isInside, writeFileAtomic } from '../fs-util.ts';
import { inlineHtml, inlineMarkdown, splitSlides } from '../inline-assets.ts';
import type { ServiceContext } from './context.ts';
import type { ResearchController } from './research.ts';

const MAX_SLIDES = 60;

export class ExportController {
  readonly #ctx: ServiceContext;
  readonly #research: ResearchController;
  readonly #slideCache = new Map<string, string[]>();

  constructor(ctx: ServiceContext, research: ResearchController) {
    this.#ctx = ctx;
    this.#research = research;
  }

  async preview(runId: string): Promise<Preview> {
    const run = this.#research.get(runId);
    const root = this.#ctx.projectDir();
    const out: Preview = {};
    const report = await this.#file(run.outputs, ['report', 'markdown'], ['report.md', 'index.md'], '.md');
    if (report) out.report = await inlineMarkdown(report, root);
    const site = await this.#file(run.outputs, ['site'], ['index.html'], '.html');
    if (site) out.site = await inlineHtml(site, root);
    const slides = await this.#slideList(runId);
    if (slides.length) out.slideCount = slides.length;
    return out;
  }

  async slide(runId: string, index: number): Promise<{ html: string }> {
    const slides = await this.#slideList(runId);
    const html = slides[index];
    if (html === undefined) throw new ContractError('NOT_FOUND', `slide ${index + 1} does not exist (the deck has ${slides.length})`);
    return { html };
  }

  /** The run's slides, split once per run and kept for the thumbnails that follow. */
  async #slideList(runId: string): Promise<string[]> {
    const run = this.#research.get(runId);
    const key = `${this.#ctx.projectDir()}:${runId}:${run.endedAt ?? ''}`;
    let cached = this.#slideCache.get(key);
    if (!cached) {
      const root = this.#ctx.projectDir();
      const files = await this.#slides(run.outputs);
      cached = (await Promise.all(files.map((f) => splitSlides(f, root)))).flat().slice(0, MAX_SLIDES);
      // A few decks are plenty: they are only kept while someone is looking at them.
      if (this.#slideCache.size >= 4) this.#slideCache.delete(this.#slideCache.keys().next().value ?? '');
      this.#slideCache.set(key, cached);
    }
    return cached;
  }

  async file(runId: string, kind: ExportKind): Promise<{ path: string; name: string; savedTo: string | null }> {
    const run = this.#research.get(runId);
    const root = this.#ctx.projectDir();
    const base = `${run.skillId}-${run.id.split('-').slice(-1)[0] ?? run.id}`;
    let target: string;
    if (kind === 'pptx') {
      const src = await this.#file(run.outputs, ['pptx'], [], '.pptx');
      if (!src) throw new ContractError('NOT_FOUND', 'this run made no PPTX deck');
      target = path.join(root, 'exports', `${base}.pptx`);
      await writeFileAtomic(target, await readFile(src));
    } else if (kind === 'markdown') {
      const src = await this.#file(run.outputs, ['report', 'markdown'], ['report.md'], '.md');
      if (!src) throw new ContractError('NOT_FOUND', 'this run made no report');
      target = path.join(root, 'exports', `${base}.md`);
      await writeFileAtomic(target, await inlineMarkdown(src, root));
    } else {
      const src = await this.#file(run.outputs, ['site'], ['index.html'], '.html');
      if (!src) throw new ContractError('NOT_FOUND', 'this run made no site');
      target = path.join(root, 'exports', `${base}-site.html`);
      await writeFileAtomic(target, await inlineHtml(src, root));
    }
    const name = path.basename(target);
    let savedTo: string | null = null;
    const dialogs = this.#ctx.host.dialogs;
    if (dialogs) {
      const chosen = await dialogs.saveAs(name);
      if (chosen) {
        await copyFile(target, chosen);
        savedTo = chosen;
      }
    }
    return { path: path.relative(root, target), name, savedTo };
  }

  async reveal(p: string): Promise<{ shown: boolean; path: string }> {
    const root = this.#ctx.projectDir();
    const abs = path.resolve(root, p);
    if (!isInside(root, abs)) throw new ContractError('FORBIDDEN', `${p}: outside the project folder`);
    return { shown: await this.#ctx.host.reveal(abs), path: abs };
  }

  /** Absolute path of a project file the bridge may send for download (exports and run outputs only). */
  downloadable(rel: string): string {
    const root = this.#ctx.projectDir();
    const abs = path.resolve(root, rel);
    if (!isInside(path.join(root, 'exports'), abs) && !isInside(path.join(root, 'runs'), abs)) {
      throw new ContractError('FORBIDDEN', `${rel}: only exports and run outputs can be downloaded`);
    }
    return abs;
  }

  async #file(outputs: OutputInfo[], kinds: string[], indexNames: string[], ext: string): Promise<string | null> {
    const root = this.#ctx.projectDir();
    for (const o of outputs) {
      if (!kinds.includes(o.kind)) continue;
      const abs = path.resolve(root, o.path);
      const st = await stat(abs).catch(() => null);
      if (!st) continue;
      if (st.isFile() && abs.endsWith(ext)) return abs;
      if (st.isDirectory()) {
        for (const n of indexNames) if (await stat(path.join(abs, n)).then((s) => s.isFile(), () => false)) return path.join(abs, n);
        const names = (await readdir(abs)).filter((n) => n.endsWith(ext)).sort();
        if (names[0]) return path.join(abs, names[0]);
      }
    }
    return null;
  }

  async #slides(outputs: OutputInfo[]): Promise<string[]> {
    const root = this.#ctx.projectDir();
    for (const o of outputs) {
      if (o.kind !== 'slides') continue;
      const abs = path.resolve(root, o.path);
      const st = await stat(abs).catch(() => null);
      if (st?.isFile()) return [abs];
      if (st?.isDirectory()) {
        const names = (await readdir(abs)).filter((n) => n.endsWith('.html') && n !== 'index.html');
        names.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
        if (names.length) return names.map((n) => path.join(abs, n));
        if (await stat(path.join(abs, 'index.html')).then(() => true, () => false)) return [path.join(abs, 'index.html')];
      }
    }
    return [];
  }
}
