// Outputs of a run: previews for the UI (report Markdown and HTML slides self-contained; the site
// served file by file from its own folder at a capability address), export files (PPTX, single-file Markdown, the site or HTML slides as a zip of
// their whole folder) written atomically
// into the project's exports/ folder, and "show in folder".
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, realpath, stat } from 'node:fs/promises';
import JSZip from 'jszip';
import path from 'node:path';
import type { ExportKind, OutputInfo, OutputKind, Preview } from '../../contract/contract.ts';
import { ContractError } from '../../contract/wrapper.ts';
import { isInside, writeFileAtomic } from '../fs-util.ts';
import { inlineMarkdown, splitSlides } from '../inline-assets.ts';
import type { ServiceContext } from './context.ts';
import type { ResearchController } from './research.ts';

const MAX_SLIDES = 60;

export class ExportController {
  readonly #ctx: ServiceContext;
  readonly #research: ResearchController;
  readonly #slideCache = new Map<string, string[]>();
  /** Site preview keys → the site folder each one opens (and only that folder). */
  readonly #siteKeys = new Map<string, string>();

  constructor(ctx: ServiceContext, research: ResearchController) {
    this.#ctx = ctx;
    this.#research = research;
  }

  async preview(runId: string): Promise<Preview> {
    const run = this.#research.get(runId);
    const root = this.#ctx.projectDir();
    const out: Preview = {};
    const report = await this.#file(run.outputs, ['markdown'], ['report.md', 'index.md'], '.md');
    if (report) out.report = await inlineMarkdown(report, root);
    const site = await this.#file(run.outputs, ['site'], ['index.html'], '.html');
    if (site) out.site = { key: this.#siteKey(path.dirname(site)), page: path.basename(site) };
    const slides = await this.#slideList(runId);
    if (slides.length) out.slideCount = slides.length;
    return out;
  }

  /** One key per site folder, random (a page of another origin cannot guess it), kept while the app runs. */
  #siteKey(dir: string): string {
    for (const [k, d] of this.#siteKeys) if (d === dir) return k;
    const key = randomBytes(16).toString('hex');
    this.#siteKeys.set(key, dir);
    return key;
  }

  /**
   * A file of a previewed site: `rel` is the path under the site folder that `key` names. Anything
   * outside it (.., a symlink out, another run) is NOT_FOUND, as is an unknown key.
   */
  async siteFile(key: string, rel: string): Promise<{ file: string; type: string }> {
    const dir = this.#siteKeys.get(key);
    if (!dir) throw new ContractError('NOT_FOUND', 'this site preview is no longer open; open the run again');
    const clean = rel.split(/[?#]/)[0] ?? '';
    const wanted = path.resolve(dir, clean === '' ? 'index.html' : clean);
    const real = await realpath(wanted).catch(() => null);
    const realDir = await realpath(dir).catch(() => dir);
    if (!real || !isInside(realDir, real) || !(await stat(real)).isFile()) throw new ContractError('NOT_FOUND', `${clean}: not a file of this site`);
    return { file: real, type: contentType(real) };
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
    const base = exportBase(run);
    await mkdir(path.join(root, 'exports'), { recursive: true });
    const target = await this.#exporters[kind](run.outputs, path.join(root, 'exports', base));
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

  /** One exporter per kind: a new kind is a type error here until it has one. Each returns the file it wrote. */
  readonly #exporters: Record<ExportKind, (outputs: OutputInfo[], base: string) => Promise<string>> = {
    pptx: async (outputs, base) => {
      const src = await this.#file(outputs, ['pptx'], [], '.pptx');
      if (!src) throw new ContractError('NOT_FOUND', 'this run made no PPTX deck');
      await writeFileAtomic(`${base}.pptx`, await readFile(src));
      return `${base}.pptx`;
    },
    markdown: async (outputs, base) => {
      const src = await this.#file(outputs, ['markdown'], ['report.md'], '.md');
      if (!src) throw new ContractError('NOT_FOUND', 'this run made no report');
      await writeFileAtomic(`${base}.md`, await inlineMarkdown(src, this.#ctx.projectDir()));
      return `${base}.md`;
    },
    // A site is a folder of pages, images and linked sources: inlining one page into one file lost
    // the other pages, and its CSP (img-src 'self') refused the inlined images. The zip keeps it whole.
    site: async (outputs, base) => {
      const index = await this.#file(outputs, ['site'], ['index.html'], '.html');
      if (!index) throw new ContractError('NOT_FOUND', 'this run made no site');
      await writeFileAtomic(`${base}-site.zip`, await zipFolder(path.dirname(index), 'site'));
      return `${base}-site.zip`;
    },
    slides: async (outputs, base) => {
      const [first] = await this.#slides(outputs);
      if (!first) throw new ContractError('NOT_FOUND', 'this run made no HTML slides');
      await writeFileAtomic(`${base}-slides.zip`, await zipFolder(path.dirname(first), 'slides'));
      return `${base}-slides.zip`;
    },
  };

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

  async #file(outputs: OutputInfo[], kinds: OutputKind[], indexNames: string[], ext: string): Promise<string | null> {
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

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * What the preview frame shows for a source PDF a site links to ("p. 4"): the frame is sandboxed, so
 * Chromium's PDF viewer may not run in it; a short page says where the file is and leads back.
 */
export function pdfInPreviewPage(rel: string): string {
  const name = rel.split('/').pop() ?? rel;
  const esc = (t: string): string => t.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(name)}</title><style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1f2328;background:#fff}a{color:#0b5cad}</style></head><body><h1 style="font-size:1.2rem">${esc(name)}</h1><p>The preview does not open PDFs. In the exported site this link opens the source at its page; here, a citation in the Report tab opens the page viewer at the quote.</p><p><a href="${'../'.repeat(rel.split('/').length - 1)}index.html">Back to the site’s front page</a></p></body></html>`;
}

/** The Content-Type a previewed site's file is served with (unknown kinds as bytes: never sniffed into HTML). */
export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Every file under `dir`, in a zip under one top folder (links between them stay relative, so they resolve once unpacked). */
async function zipFolder(dir: string, top: string): Promise<Uint8Array> {
  const zip = new JSZip();
  const walk = async (rel: string): Promise<void> => {
    for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      // Symlinks are left out: they could point outside the output.
      if (e.isDirectory()) await walk(r);
      else if (e.isFile()) zip.file(`${top}/${r.split(path.sep).join('/')}`, await readFile(path.join(dir, r)));
    }
  };
  await walk('');
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/**
 * The name an export is saved under: what the run was about (its goal, else its summary, such as
 * "Write-up of Dense Passage Retrieval…"), then the run's short id so two exports of like runs do
 * not collide: "how-the-systems-are-evaluated-a33c73.md", not "doc-writing-a33c73.md".
 */
export function exportBase(run: { id: string; skillId: string; goal: string; summary?: string }): string {
  const short = run.id.split('-').slice(-1)[0] ?? run.id;
  const words = (run.goal.trim() || run.summary?.trim() || run.skillId)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = words.length > 48 ? words.slice(0, 48).replace(/-[^-]*$/, '') : words;
  return `${cut || run.skillId}-${short}`;
}
