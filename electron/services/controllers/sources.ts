// Sources: files and URLs added to the open project. Each source gets a folder
// (sources/<id>/: the original, the ingested document folder, page images); ingest and page
// renders run as worker jobs; status changes are pushed as sources.changed.
import { copyFile, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SourceInfo, type ImageData, type PageImage, type SourceDetail } from '../../contract/contract.ts';
import { ContractError, errorInfo } from '../../contract/wrapper.ts';
import { isInside, mimeOf, newId, nowIso, readJson, writeFileAtomic, writeJsonAtomic } from '../fs-util.ts';
import type { JobHandle } from '../jobs.ts';
import type { IngestResultSummary, RenderResult } from '../worker/protocol.ts';
import { HEAD_BYTES, READS_IN_WORDS, SOURCE_KIND_FILES, SOURCE_KINDS, readHead, sourceKindOfExtension, sourceKindOf, writeDocumentOrigin, type SourceKind } from '../../../engine/ingest/index.ts';
import { readImageHeader } from '../../../engine/models/raster/header.ts';
import type { ServiceContext } from './context.ts';

const THUMB_DPI = 28;
/** Thumbnails drawn while a PDF is read (the panel shows 12); later pages get theirs when first asked for. */
const THUMB_PAGES = 12;
const VIEW_DPI = 110;

/** The slice of document.json the app reads (the rest stays opaque to it). */
const DocSlice = z.object({
  kind: z.enum(SOURCE_KINDS),
  pages: z.array(z.object({ index: z.number(), width: z.number(), height: z.number() })),
  figures: z.array(z.object({ id: z.string(), label: z.string(), caption: z.string(), page: z.number(), bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]), asset: z.string().optional() })),
  tables: z.array(z.object({ id: z.string(), label: z.string(), caption: z.string(), page: z.number(), bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]), asset: z.string().optional() })),
});

export class SourcesController {
  readonly #ctx: ServiceContext;
  #sources = new Map<string, SourceInfo>();
  readonly #jobs = new Map<string, JobHandle<IngestResultSummary>>();
  readonly #lastPush = new Map<string, number>();
  readonly #renders = new Map<string, Promise<RenderResult>>();

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }

  /** Loads the project's sources; ingests that were cut short (the app closed) start again. */
  async load(): Promise<void> {
    for (const job of this.#jobs.values()) job.cancel();
    this.#jobs.clear();
    const list = (await readJson(this.#indexFile(), z.array(SourceInfo))) ?? [];
    this.#sources = new Map(list.map((s) => [s.id, s]));
    for (const s of list) if (s.status === 'ingesting') await this.#ingest(s.id);
  }

  list(): SourceInfo[] {
    return [...this.#sources.values()];
  }

  info(id: string): SourceInfo {
    const s = this.#sources.get(id);
    if (!s) throw new ContractError('NOT_FOUND', `no source "${id}" in this project`);
    return s;
  }

  /** What a skill reads for this source: the project's copy of the file, or the URL. */
  async inputFor(id: string): Promise<string> {
    const s = this.info(id);
    if (s.kind === 'url') return (await readFile(path.join(this.#dir(id), 'url.txt'), 'utf8')).trim();
    return this.#original(id);
  }

  /**
   * What a run reads for this source when its skill takes documents: the project's document folder,
   * used where it is (nothing is read again, nothing copied into the run). Its origin.json names the
   * original (for links back to it) and gives the document the project's source id.
   */
  async documentFor(id: string): Promise<string> {
    const s = this.info(id);
    if (s.status !== 'ready') throw new ContractError('NOT_READY', `${s.name}: not ready yet`);
    const folder = await this.#docFolder(id);
    await this.#doc(id);
    const origin = s.kind === 'url' ? { id, url: await this.inputFor(id) } : { id, path: path.relative(folder, await this.#original(id)) };
    await writeDocumentOrigin(folder, origin);
    return folder;
  }

  async upload(name: string, data: Uint8Array): Promise<SourceInfo> {
    const clean = cleanName(name);
    const kind = sourceKindOf(clean, data.subarray(0, HEAD_BYTES));
    if (kind === 'unknown') throw new ContractError('USER_INPUT', `${clean}: unsupported file type (Folio reads ${READS_IN_WORDS})`);
    const s = await this.#create(clean, kind);
    await writeFileAtomic(path.join(this.#dir(s.id), 'original', withExt(clean, kind)), data);
    await this.#ingest(s.id);
    return this.info(s.id);
  }

  /** Files chosen in the native dialog: copied into the project, so only chosen files are ever read. */
  async pick(): Promise<SourceInfo[]> {
    const dialogs = this.#ctx.host.dialogs;
    if (!dialogs) throw new ContractError('UNAVAILABLE', 'this window has no file dialog; drop files or use the upload button');
    const files = await dialogs.pickFiles();
    const out: SourceInfo[] = [];
    for (const file of files) {
      const name = cleanName(path.basename(file));
      // The first bytes only: a 500 MB file is copied, never read whole into memory here.
      const kind = sourceKindOf(name, await readHead(file));
      if (kind === 'unknown') throw new ContractError('USER_INPUT', `${name}: unsupported file type (Folio reads ${READS_IN_WORDS})`);
      const s = await this.#create(name, kind);
      await mkdir(path.join(this.#dir(s.id), 'original'), { recursive: true });
      await copyFile(file, path.join(this.#dir(s.id), 'original', withExt(name, kind)));
      await this.#ingest(s.id);
      out.push(this.info(s.id));
    }
    return out;
  }

  async addUrl(url: string, policy: { network: boolean; allowPrivate: boolean }): Promise<SourceInfo> {
    if (!policy.network) throw new ContractError('USER_INPUT', `${url}: the network is off (Settings → Network) so web pages cannot be fetched`);
    const s = await this.#create(url, 'url');
    await writeFileAtomic(path.join(this.#dir(s.id), 'url.txt'), `${url}\n`);
    await this.#ingest(s.id);
    return this.info(s.id);
  }

  async remove(id: string): Promise<boolean> {
    if (!this.#sources.has(id)) return false;
    this.#jobs.get(id)?.cancel();
    this.#jobs.delete(id);
    this.#sources.delete(id);
    await this.#save();
    await rm(this.#dir(id), { recursive: true, force: true });
    this.#ctx.bus.emit('sources.removed', { id });
    return true;
  }

  async detail(id: string): Promise<SourceDetail> {
    const source = this.info(id);
    if (source.status !== 'ready') return { source, pages: [], figures: [], tables: [] };
    const doc = await this.#doc(id);
    return {
      source,
      pages: doc.pages.map((p) => ({ index: p.index, width: p.width, height: p.height })),
      figures: doc.figures,
      tables: doc.tables,
    };
  }

  async page(id: string, page: number, size: 'thumb' | 'view'): Promise<PageImage> {
    const source = this.info(id);
    if (source.status !== 'ready') throw new ContractError('NOT_READY', `${source.name}: not ready yet`);
    const doc = await this.#doc(id);
    const meta = doc.pages.find((p) => p.index === page);
    if (!meta) throw new ContractError('NOT_FOUND', `${source.name}: page ${page} does not exist (the document has ${doc.pages.length} pages)`);
    if (doc.kind === 'image') {
      // The thumbnail, or for viewing the upright working image the ingest made (at most 4096 px);
      // the original only when neither is there (a project from before they were written).
      const folder = await this.#docFolder(id);
      const figure = doc.figures.find((f) => f.page === page && f.asset);
      const derived = size === 'thumb' ? path.join(this.#dir(id), 'pages', `thumb-${page}.png`) : figure?.asset ? path.join(folder, figure.asset) : null;
      const png = derived && isInside(this.#dir(id), derived) ? await readFile(derived).catch(() => null) : null;
      if (png) {
        const { width, height } = readImageHeader(png, 'page.png');
        return { page, mime: 'image/png', base64: png.toString('base64'), width, height, pointWidth: meta.width, pointHeight: meta.height };
      }
      const file = await this.#original(id);
      const bytes = await readFile(file);
      return { page, mime: mimeOf(file), base64: bytes.toString('base64'), width: meta.width, height: meta.height, pointWidth: meta.width, pointHeight: meta.height };
    }
    if (doc.kind !== 'pdf') throw new ContractError('NOT_FOUND', `${source.name}: web pages have no page images`);
    const file = path.join(this.#dir(id), 'pages', `${size}-${page}.png`);
    if (!(await exists(file))) await this.#render(id, page, file, size);
    const png = await readFile(file).catch((err: unknown) => {
      throw new ContractError('NOT_FOUND', `${source.name}: page ${page} image is missing (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`);
    });
    const { width, height } = readImageHeader(png, 'page.png');
    return { page, mime: 'image/png', base64: png.toString('base64'), width, height, pointWidth: meta.width, pointHeight: meta.height };
  }

  async asset(id: string, asset: string): Promise<ImageData> {
    const folder = await this.#docFolder(id);
    const file = path.join(folder, asset);
    if (!isInside(folder, file)) throw new ContractError('FORBIDDEN', `${asset}: outside the document folder`);
    const bytes = await readFile(file).catch(() => {
      throw new ContractError('NOT_FOUND', `${this.info(id).name}: ${asset} not found`);
    });
    return { mime: mimeOf(file), base64: bytes.toString('base64') };
  }

  async close(): Promise<void> {
    for (const job of this.#jobs.values()) job.cancel();
    this.#jobs.clear();
  }

  // ---------- internals ----------

  async #create(name: string, kind: SourceInfo['kind']): Promise<SourceInfo> {
    const base = name.replace(/^https?:\/\//, '').replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'source';
    const s: SourceInfo = { id: newId(base), name, kind, status: 'ingesting', addedAt: nowIso() };
    this.#sources.set(s.id, s);
    await mkdir(this.#dir(s.id), { recursive: true });
    await this.#save();
    this.#ctx.bus.emit('sources.changed', s);
    return s;
  }

  async #ingest(id: string): Promise<void> {
    const s = this.info(id);
    const input = await this.inputFor(id);
    const docDir = path.join(this.#dir(id), 'doc');
    await this.#update(id, { status: 'ingesting', progress: { phase: 'open', done: 0, total: 1 } }, false);
    const env = await this.#ctx.jobEnv();
    const policy = s.kind === 'url' ? await this.#ctx.fetchPolicy() : { network: false, allowPrivate: false };
    const job = this.#ctx.jobs.start(
      { kind: 'ingest', input, outDir: docDir, docId: 'document', thumbsDir: path.join(this.#dir(id), 'pages'), thumbDpi: THUMB_DPI, thumbPages: THUMB_PAGES, ...policy },
      {
        env,
        onProgress: (p) => {
          const cur = this.#sources.get(id);
          if (!cur || cur.status !== 'ingesting') return;
          cur.progress = p;
          // Progress is pushed at most ten times a second; the store only needs to look alive.
          const now = Date.now();
          if (now - (this.#lastPush.get(id) ?? 0) < 100 && p.done < p.total) return;
          this.#lastPush.set(id, now);
          this.#ctx.bus.emit('sources.changed', { ...cur });
        },
      },
      10 * 60_000,
    );
    this.#jobs.set(id, job);
    job.result.then(
      async (r) => {
        if (this.#jobs.get(id) !== job) return;
        this.#jobs.delete(id);
        await this.#update(id, { status: 'ready', progress: undefined, error: undefined, title: r.title, pageCount: r.pageCount, figureCount: r.figureCount, tableCount: r.tableCount });
      },
      async (err: unknown) => {
        if (this.#jobs.get(id) !== job) return;
        this.#jobs.delete(id);
        const info = errorInfo(err);
        // The engine names the file it read (the project's copy, "original.pdf"); people know it by its own name.
        const stored = path.basename(input);
        let message = info.message.includes(stored) ? info.message.replaceAll(stored, s.name) : `${s.name}: ${info.message}`;
        // The engine's advice names its own option; in the app it is a setting.
        if (s.kind === 'url') message = message.replace('(allow private addresses to fetch it)', '(Settings → "Also read web pages on this computer or the local network")');
        await this.#update(id, { status: 'failed', progress: undefined, error: { code: info.code, message } });
      },
    ).catch((err: unknown) => console.error(`folio: recording the ingest of ${s.name} failed:`, err));
  }

  async #update(id: string, patch: Partial<SourceInfo>, save = true): Promise<void> {
    const cur = this.#sources.get(id);
    if (!cur) return;
    const next: SourceInfo = { ...cur, ...patch };
    for (const k of Object.keys(patch) as (keyof SourceInfo)[]) if (patch[k] === undefined) delete next[k];
    this.#sources.set(id, next);
    if (save) await this.#save();
    this.#ctx.bus.emit('sources.changed', next);
  }

  async #render(id: string, page: number, outFile: string, size: 'thumb' | 'view'): Promise<RenderResult> {
    const key = `${id}:${page}:${size}`;
    let pending = this.#renders.get(key);
    if (!pending) {
      const job = size === 'thumb' ? { dpi: THUMB_DPI, maxSide: 400 } : { dpi: VIEW_DPI };
      pending = this.#ctx.jobs.start({ kind: 'render', file: await this.#original(id), page, outFile, ...job }, {}, 60_000).result;
      this.#renders.set(key, pending);
      void pending.finally(() => this.#renders.delete(key)).catch(() => undefined);
    }
    return pending;
  }

  async #docFolder(id: string): Promise<string> {
    return path.join(this.#dir(id), 'doc', 'document');
  }

  async #doc(id: string): Promise<z.infer<typeof DocSlice>> {
    const doc = await readJson(path.join(await this.#docFolder(id), 'document.json'), DocSlice);
    if (!doc) throw new ContractError('NOT_FOUND', `${this.info(id).name}: the ingested document is missing; remove and add the source again`);
    return doc;
  }

  async #original(id: string): Promise<string> {
    // The copy keeps the file's own name: skills and the engine name it in ids and messages.
    const dir = path.join(this.#dir(id), 'original');
    const [orig] = await readdir(dir).catch(() => [] as string[]);
    if (!orig) throw new ContractError('NOT_FOUND', `${this.info(id).name}: the original file is missing from the project`);
    return path.join(dir, orig);
  }

  #dir(id: string): string {
    return path.join(this.#ctx.projectDir(), 'sources', id);
  }

  #indexFile(): string {
    return path.join(this.#ctx.projectDir(), 'sources', 'index.json');
  }

  async #save(): Promise<void> {
    await writeJsonAtomic(this.#indexFile(), this.list());
  }
}

function cleanName(name: string): string {
  // Only the base name, without control or path characters: it names files and appears in messages.
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const printable = [...base].map((c) => (c.charCodeAt(0) < 0x20 ? '_' : c)).join('');
  return printable.replace(/[<>:"|?*]+/g, '_').slice(0, 200) || 'file';
}

/** The name the project's copy gets: the person's file name, with an extension added where its own
 * does not say what the content is (an unnamed PDF gets .pdf), so the copy opens in other programs too. */
function withExt(name: string, kind: SourceKind): string {
  if (sourceKindOfExtension(path.extname(name)) === kind) return name;
  const add = SOURCE_KIND_FILES[kind].copyExtension;
  return add ? `${name}${add}` : name;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}
