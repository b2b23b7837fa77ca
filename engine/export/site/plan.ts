// Verifies a Site model against the files on disk and turns it into a render plan: page file
// names, section anchors, numbered figures and tables with their copied image names, numbered
// references and the source files to copy. Whatever does not resolve is dropped here, with a fix
// logged, so the renderer only ever sees things that will work.
import path from 'node:path';
import type { Citation, Passage, Site, SiteBlock, SourceRef, TableData, Visual } from '../../compose/types.js';
import { UserInputError } from '../../errors.js';
import { classifyHref, SlugSet, slugify } from './html.js';
import { webImageFileHeader } from '../../models/raster/header.js';
import { sniffSource } from './files.js';

export interface PlannedImage {
  /** Site-relative path, e.g. assets/fig-3.png. */
  src: string;
  /** Absolute path to copy from. */
  from: string;
  width: number;
  height: number;
}

export interface PlannedVisual {
  id: string;
  kind: 'figure' | 'table';
  /** A display equation (a crop of its page): keeps its own label ("Equation (5)"), never numbered as a figure. */
  equation?: true;
  /** "Figure 3" / "Table 1", numbered anew in order of appearance in the site. */
  label: string;
  /** The source caption without its own "Figure 7." prefix (the site numbers figures itself). */
  caption: string;
  sourceTitle: string;
  page: number;
  /** Link to the source page, when the source can be linked. */
  sourceHref?: string;
  image?: PlannedImage;
  table?: TableData;
  /** The label the source gives it ("Figure 4"), when it has one. */
  originalLabel?: string;
  /** Element id of the first place the visual is shown. */
  anchor: string;
  /** Page file where it is first shown. */
  pageFile: string;
}

export interface PlannedReference {
  n: number;
  anchor: string;
  sourceTitle: string;
  page: number;
  href?: string;
  quotes: string[];
}

export interface PlannedSource {
  ref: SourceRef;
  /** Site-relative copy (sources/x.pdf) or an external URL. */
  href?: string;
  copy?: { from: string; to: string };
}

export interface PlannedBlock {
  block: SiteBlock;
  /** Section element id ('' for the hero, which is not a section). */
  anchor: string;
  heading: string;
}

export interface PlannedPage {
  file: string;
  title: string;
  blocks: PlannedBlock[];
}

export interface SitePlan {
  title: string;
  layout: Site['layout'];
  generator: Site['generator'];
  pages: PlannedPage[];
  visuals: Map<string, PlannedVisual>;
  /** Citation id → reference number. */
  citeNumber: Map<string, number>;
  references: PlannedReference[];
  /** Page file and anchor of the references section (added to the last page when the model has none). */
  referencesAt: { file: string; anchor: string };
  sources: PlannedSource[];
  fixes: string[];
}

const DEFAULT_HEADINGS: Record<SiteBlock['kind'], string> = {
  hero: '',
  abstract: 'Abstract',
  list: 'Highlights',
  text: 'Section',
  results: 'Results',
  gallery: 'Figures',
  bibtex: 'BibTeX',
  references: 'References',
};

const LABEL_PREFIX = /^\s*(fig(?:ure)?\.?|table|tab\.)\s*[0-9ivxlc]+[a-z]?\s*[.:|\-–—]?\s*/i;

/** A file name stem that is safe in a URL and on every file system, close to the original. */
function safeStem(file: string): string {
  const stem = path.basename(file).replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 80);
  return stem || 'source';
}

/** Section anchors stay clear of the ids the renderer makes itself (figure-3, ref-2, x-code). */
function sectionSlug(slug: string): string {
  return /^(figure|table|ref)-\d+$|-code$/.test(slug) ? `${slug}-section` : slug;
}

function stripLabel(caption: string): string {
  return caption.replace(LABEL_PREFIX, '').trim();
}

function isTable(t: TableData | undefined): t is TableData {
  return !!t && Array.isArray(t.rows) && t.rows.length > 0 && t.rows.every((r) => Array.isArray(r) && r.every((c) => typeof c === 'string')) && t.rows.some((r) => r.some((c) => c.trim() !== ''));
}

function passagesOf(block: SiteBlock): Passage[] {
  switch (block.kind) {
    case 'abstract':
      return [block.text];
    case 'list':
      return block.items;
    case 'text':
    case 'results':
      return block.paragraphs;
    default:
      return [];
  }
}

function visualIdsOf(block: SiteBlock): string[] {
  switch (block.kind) {
    case 'text':
    case 'gallery':
      return block.visuals;
    case 'results':
      return block.tables;
    default:
      return [];
  }
}

export async function planSite(site: Site): Promise<SitePlan> {
  const fixes: string[] = [];
  const fix = (msg: string): void => {
    fixes.push(msg);
  };

  // Sources: copy local PDFs (and source images) so references can link to their pages. HTML
  // sources are never copied: a saved web page may carry scripts; they link to their URL instead.
  const sources: PlannedSource[] = [];
  const sourceById = new Map<string, PlannedSource>();
  const sourceFiles = new SlugSet();
  for (const ref of site.sources ?? []) {
    if (!ref || typeof ref.id !== 'string') {
      fix('a source without an id was left out');
      continue;
    }
    const ps: PlannedSource = { ref };
    if (ref.path && (ref.kind === 'pdf' || ref.kind === 'image')) {
      const kind = await sniffSource(ref.path);
      const want = ref.kind === 'pdf' ? ['pdf'] : ['png', 'jpeg'];
      if (kind && want.includes(kind)) {
        const ext = kind === 'jpeg' ? 'jpg' : kind;
        const to = `sources/${sourceFiles.take(safeStem(ref.file || ref.path))}.${ext}`;
        ps.copy = { from: ref.path, to };
        ps.href = to;
      } else {
        fix(`source "${ref.title}": ${kind === null ? `file not found (${ref.path})` : `${ref.path} is not a ${ref.kind} file`}; references to it are not linked`);
      }
    }
    if (!ps.href && ref.url) {
      const u = classifyHref(ref.url);
      if (u?.kind === 'external') ps.href = u.href;
      else fix(`source "${ref.title}": URL ${JSON.stringify(ref.url)} is not an http(s) link; dropped`);
    }
    sources.push(ps);
    sourceById.set(ref.id, ps);
  }

  const pageHref = (sourceId: string, page: number): string | undefined => {
    const s = sourceById.get(sourceId);
    if (!s?.href) return undefined;
    return s.ref.kind === 'pdf' && s.copy ? `${s.href}#page=${page}` : s.href;
  };

  // Pages: pages[0] is index.html; the others get file names from their slugs.
  if (!Array.isArray(site.pages) || site.pages.length === 0) throw new UserInputError('site model: it has no pages; nothing to export');
  const fileNames = new SlugSet(['index']);
  const pages: PlannedPage[] = [];
  site.pages.forEach((p, i) => {
    const file = i === 0 ? 'index.html' : `${fileNames.take(slugify(p.slug || p.title, `page-${i + 1}`))}.html`;
    pages.push({ file, title: p.title || site.title, blocks: [] });
  });

  // Visuals: verify each one once, the first time it is used.
  const checked = new Map<string, Omit<PlannedVisual, 'label' | 'anchor' | 'pageFile'> | null>();
  const imageCopies = new Map<string, string>();
  const assetNames = new SlugSet();
  const checkVisual = async (id: string, where: string): Promise<Omit<PlannedVisual, 'label' | 'anchor' | 'pageFile'> | null> => {
    if (checked.has(id)) return checked.get(id)!;
    const v: Visual | undefined = Object.hasOwn(site.visuals ?? {}, id) ? site.visuals[id] : undefined;
    let out: Omit<PlannedVisual, 'label' | 'anchor' | 'pageFile'> | null = null;
    if (!v) {
      fix(`${where}: visual "${id}" is not in the site's visual table; dropped`);
    } else {
      const kind = v.kind === 'table' ? 'table' : 'figure';
      const originalLabel = (v.label ?? '').trim();
      const base = { id, kind, caption: stripLabel(v.caption ?? ''), sourceTitle: v.sourceTitle ?? '', page: v.page, ...(originalLabel ? { originalLabel } : {}), ...(v.kind === 'equation' ? { equation: true as const } : {}) } as const;
      let image: PlannedImage | undefined;
      if (v.image) {
        const info = webImageFileHeader(v.image);
        if (info) {
          let src = imageCopies.get(v.image);
          if (!src) {
            src = `assets/${assetNames.take(slugify(id, 'visual'))}.${info.format === 'jpeg' ? 'jpg' : info.format}`;
            imageCopies.set(v.image, src);
          }
          image = { src, from: v.image, width: info.width, height: info.height };
        } else {
          fix(`${where}: ${v.label || id}: image ${v.image} is missing or not a PNG, JPEG, GIF or WebP${isTable(v.table) ? '; shown as a table only' : '; dropped'}`);
        }
      }
      const table = isTable(v.table) ? v.table : undefined;
      if (image || table) {
        const count = sourceById.get(v.sourceId)?.ref.pageCount ?? 0;
        const pageOk = Number.isInteger(v.page) && v.page >= 1 && (count === 0 || v.page <= count);
        if (!pageOk && sourceById.has(v.sourceId)) fix(`${where}: ${v.label || id}: page ${v.page} is not a page of "${v.sourceTitle}"; its source line is not linked`);
        const sourceHref = pageOk ? pageHref(v.sourceId, v.page) : undefined;
        out = { ...base, ...(image ? { image } : {}), ...(table ? { table } : {}), ...(sourceHref ? { sourceHref } : {}) };
      } else if (!v.image) {
        fix(`${where}: ${v.label || id}: has neither an image nor table cells; dropped`);
      }
    }
    checked.set(id, out);
    return out;
  };

  // Citations: a marker must resolve to a known source and a page inside it.
  const citeOk = new Map<string, Citation | null>();
  const checkCite = (id: string, where: string): Citation | null => {
    if (citeOk.has(id)) return citeOk.get(id)!;
    const c: Citation | undefined = Object.hasOwn(site.citations ?? {}, id) ? site.citations[id] : undefined;
    let ok: Citation | null = null;
    if (!c) fix(`${where}: citation "${id}" is not in the site's citation table; marker dropped`);
    else if (!sourceById.has(c.sourceId)) fix(`${where}: citation "${id}" names source "${c.sourceId}", which is not among the sources; marker dropped`);
    else {
      const count = sourceById.get(c.sourceId)!.ref.pageCount;
      if (!Number.isInteger(c.page) || c.page < 1 || (count > 0 && c.page > count)) fix(`${where}: citation "${id}" points at page ${c.page} of "${c.sourceTitle}", which has ${count} pages; marker dropped`);
      else ok = c;
    }
    citeOk.set(id, ok);
    return ok;
  };

  const visuals = new Map<string, PlannedVisual>();
  const counters = { figure: 0, table: 0 };
  // How many visuals of the site carry each source label (two sources may both have a "Figure 1").
  const labelUses = new Map<string, number>();
  for (const v of Object.values(site.visuals ?? {})) {
    const own = ownLabel(v.label);
    if (own) labelUses.set(own.toLowerCase(), (labelUses.get(own.toLowerCase()) ?? 0) + 1);
  }
  const citeNumber = new Map<string, number>();
  const refByKey = new Map<string, PlannedReference>();
  const references: PlannedReference[] = [];
  let referencesAt: { file: string; anchor: string } | null = null;

  const cleanPassages = (ps: Passage[] | undefined, where: string): Passage[] =>
    (ps ?? [])
      .filter((p) => p && typeof p.text === 'string' && p.text.trim() !== '')
      .map((p) => {
        const cites: string[] = [];
        for (const id of p.cites ?? []) {
          const c = checkCite(id, where);
          if (!c) continue;
          const key = `${c.sourceId}\u0000${c.page}`;
          let ref = refByKey.get(key);
          if (!ref) {
            const href = pageHref(c.sourceId, c.page);
            ref = { n: references.length + 1, anchor: `ref-${references.length + 1}`, sourceTitle: sourceById.get(c.sourceId)!.ref.title || c.sourceTitle, page: c.page, quotes: [], ...(href ? { href } : {}) };
            refByKey.set(key, ref);
            references.push(ref);
          }
          const q = c.quote?.trim();
          if (q && !ref.quotes.includes(q) && ref.quotes.length < 3) ref.quotes.push(q);
          citeNumber.set(id, ref.n);
          if (!cites.includes(id)) cites.push(id);
        }
        return { text: p.text, cites, ...(p.code ? { code: true as const } : {}) };
      });

  const anchorSets = new Map<string, SlugSet>();
  for (const [pi, page] of site.pages.entries()) {
    const planned = pages[pi]!;
    const anchors = new SlugSet(['main', 'top', 'toc', 'toc-list']);
    anchorSets.set(planned.file, anchors);
    for (const [bi, block] of (page.blocks ?? []).entries()) {
      const where = `page "${page.slug || planned.file}", block ${bi + 1} (${block.kind})`;
      let b: SiteBlock | null;
      switch (block.kind) {
        case 'hero': {
          const links: { label: string; href: string }[] = [];
          for (const l of block.links ?? []) {
            // The composer may link the source by its original file name; point it at our copy.
            const named = sources.find((x) => x.copy && typeof l.href === 'string' && (l.href === `sources/${x.ref.file}` || l.href === x.ref.path));
            const h = named ? { kind: 'internal' as const, href: named.copy!.to } : classifyHref(l.href);
            if (h) links.push({ label: l.label, href: h.href });
            else fix(`${where}: link "${l.label}" has an unsafe or unusable address ${JSON.stringify(l.href)}; dropped`);
          }
          b = { ...block, authors: block.authors ?? [], links };
          break;
        }
        case 'abstract': {
          const [text] = cleanPassages([block.text], where);
          b = text ? { ...block, text } : null;
          break;
        }
        case 'list': {
          const items = cleanPassages(block.items, where);
          b = items.length ? { ...block, items } : null;
          break;
        }
        case 'bibtex':
          b = typeof block.bibtex === 'string' && block.bibtex.trim() ? block : null;
          break;
        case 'references':
          b = block;
          break;
        case 'text':
        case 'results':
        case 'gallery': {
          const ids: string[] = [];
          for (const id of visualIdsOf(block)) if ((await checkVisual(id, where)) && !ids.includes(id)) ids.push(id);
          const paragraphs = cleanPassages(passagesOf(block), where);
          if (block.kind === 'text') b = paragraphs.length || ids.length ? { ...block, paragraphs, visuals: ids } : null;
          else if (block.kind === 'results') b = paragraphs.length || ids.length ? { ...block, paragraphs, tables: ids } : null;
          else b = ids.length ? { ...block, visuals: ids } : null;
          break;
        }
        default: {
          const unknown: { kind?: unknown } = block;
          fix(`${where}: unknown block kind ${JSON.stringify(unknown.kind)}; dropped`);
          b = null;
        }
      }
      if (!b) {
        if (block.kind !== 'hero') fix(`${where}: nothing left to show${'heading' in block && block.heading ? ` in "${block.heading}"` : ''}; block dropped`);
        continue;
      }
      if (b.kind === 'references' && referencesAt) {
        fix(`${where}: a second references section; dropped (references are listed once)`);
        continue;
      }
      const heading = b.kind === 'hero' ? '' : (b.heading ?? '').trim() || DEFAULT_HEADINGS[b.kind];
      const anchor = b.kind === 'hero' ? '' : anchors.take(sectionSlug(b.kind === 'references' ? 'references' : b.kind === 'bibtex' ? 'bibtex' : slugify(heading)));
      if (b.kind === 'references') referencesAt = { file: planned.file, anchor };
      planned.blocks.push({ block: b, anchor, heading });
      for (const id of visualIdsOf(b)) {
        if (visuals.has(id)) continue;
        const v = checked.get(id)!;
        // A table without cells shown as an image is still a table.
        if (v.equation) {
          const label = v.originalLabel || 'Equation';
          visuals.set(id, { ...v, label, anchor: anchors.take(slugify(label, 'equation')), pageFile: planned.file });
          continue;
        }
        const n = ++counters[v.kind];
        // The source's own label where it has one and no other visual here shares it: "Table 3" stays
        // Table 3, as in the deck and the paper's text that points at it. Else numbered anew.
        const own = ownLabel(v.originalLabel);
        const keep = own !== undefined && (labelUses.get(own.toLowerCase()) ?? 0) === 1;
        const label = keep ? own : `${v.kind === 'table' ? 'Table' : 'Figure'} ${n}`;
        visuals.set(id, { ...v, label, anchor: anchors.take(slugify(label, v.kind)), pageFile: planned.file });
      }
    }
  }

  // Empty pages other than the index are dropped; the index always stays.
  for (let i = pages.length - 1; i >= 1; i--) {
    if (pages[i]!.blocks.length === 0) {
      fix(`page "${site.pages[i]!.slug}": nothing to show; page dropped`);
      pages.splice(i, 1);
    }
  }

  if (!referencesAt && references.length > 0) {
    const last = pages[pages.length - 1]!;
    fix(`the site has citations but no references section; added one at the end of ${last.file}`);
    const anchor = anchorSets.get(last.file)!.take('references');
    last.blocks.push({ block: { kind: 'references', heading: 'References' }, anchor, heading: 'References' });
    referencesAt = { file: last.file, anchor };
  }

  return {
    title: site.title,
    layout: site.layout,
    generator: site.generator,
    pages,
    visuals,
    citeNumber,
    references,
    referencesAt: referencesAt ?? { file: pages[0]!.file, anchor: 'references' },
    sources,
    fixes,
  };
}

/** "Figure 3", "Table 2a", "Fig. 4" → the label as the site shows it ("Figure 4"); undefined for none. */
function ownLabel(label: string | undefined): string | undefined {
  const m = /^(fig(?:ure)?s?\.?|tab(?:le)?s?\.?)\s*([0-9]+(?:\.[0-9]+)*[a-z]?|[IVX]+)\b/i.exec((label ?? '').trim());
  if (!m) return undefined;
  return `${/^fig/i.test(m[1]!) ? 'Figure' : 'Table'} ${m[2]!}`;
}
