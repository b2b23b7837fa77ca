// Article DOM → the blocks, sections, figures and tables of a one-page SourceDocument.
//
// A web page has no pages and no coordinates, so the whole article is page 1 and every block gets
// a synthetic bbox: a column `PAGE_WIDTH` units wide, blocks stacked top to bottom in reading
// order, each as tall as its text would be at about 90 characters a line. The boxes keep the
// model's invariants (every item has page + bbox, y grows with reading order) without pretending
// to know how a browser would lay the page out.
import type { Block, BlockType, Figure, Section, Table } from '../types.js';
import { CAPTION_CLASSES, type DomElement, type DomNode, isElement, TEXT_NODE } from './dom.js';
import { squashKey } from '../../text/tokens.js';

export const PAGE_WIDTH = 800;
const MARGIN = 20;
const LINE_HEIGHT = 20;
const CHARS_PER_LINE = 90;
const GAP = 8;
const MAX_DEPTH = 100;
const MAX_SPAN = 100;

export interface ImageRef {
  figureId: string;
  /** The image address as written in the page (after lazy-loading attributes are considered). */
  src: string;
}

export interface BuiltArticle {
  blocks: Block[];
  sections: Section[];
  figures: Figure[];
  tables: Table[];
  images: ImageRef[];
  height: number;
}

export interface BuildOptions {
  /** The document title: becomes the first block, unless the article opens with the same heading. */
  title: string;
  /** Resolves a link's href for the links list; null drops the link (in-page anchors, scripts). */
  resolveHref: (href: string) => string | null;
}

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'ul', 'tbody', 'thead', 'tfoot',
  'tr', 'td', 'th', 'caption', 'menu', 'legend', 'html',
]);
/** Elements whose content is never article text. */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'button', 'input', 'select',
  'textarea', 'option', 'svg', 'canvas', 'iframe', 'video', 'audio', 'object', 'embed', 'map', 'source', 'track',
]);

type Link = { text: string; href: string };

export function buildArticle(root: DomElement, opts: BuildOptions): BuiltArticle {
  const b = new Builder(opts);
  if (opts.title) b.titleBlock(opts.title);
  b.container(root, 'paragraph', 0);
  b.flush('paragraph');
  return { blocks: b.blocks, sections: sectionsOf(b.blocks), figures: b.figures, tables: b.tables, images: b.images, height: b.y + MARGIN };
}

class Builder {
  blocks: Block[] = [];
  figures: Figure[] = [];
  tables: Table[] = [];
  images: ImageRef[] = [];
  y = MARGIN;
  private inline: DomNode[] = [];
  private counter = 0;

  constructor(private readonly opts: BuildOptions) {}

  /** Walks a block container: runs of inline content between block children become `inlineType` blocks. */
  container(el: DomElement, inlineType: BlockType, depth: number): void {
    if (depth > MAX_DEPTH) {
      // Pathologically deep markup: keep its text, give up on its structure.
      this.inline.push(el);
      return;
    }
    for (const child of Array.from(el.childNodes)) {
      if (!isElement(child)) {
        if (child.nodeType === TEXT_NODE) this.inline.push(child);
        continue;
      }
      const tag = child.tagName.toLowerCase();
      if (SKIP_TAGS.has(tag)) continue;
      if (!BLOCK_TAGS.has(tag)) {
        this.inline.push(child);
        continue;
      }
      this.flush(inlineType);
      this.blockElement(child, tag, inlineType, depth + 1);
    }
  }

  private blockElement(el: DomElement, tag: string, inherited: BlockType, depth: number): void {
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      this.inline.push(...Array.from(el.childNodes));
      this.flush('heading', Number(heading[1]));
      return;
    }
    switch (tag) {
      case 'hr':
        return;
      case 'pre': {
        const text = (el.textContent ?? '').replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, '');
        if (text) this.add('code', text, {});
        return;
      }
      case 'li':
        this.container(el, 'list-item', depth);
        this.flush('list-item');
        return;
      case 'figure':
        this.figure(el, depth);
        return;
      case 'figcaption':
        this.container(el, 'caption', depth);
        this.flush('caption');
        return;
      case 'table':
        this.table(el, depth);
        return;
      case 'p':
      case 'dt':
      case 'dd':
      case 'summary':
      case 'caption':
      case 'legend': {
        // <li><p>…</p></li> is still a list item.
        const type: BlockType = inherited === 'list-item' && tag === 'p' ? 'list-item' : 'paragraph';
        this.container(el, type, depth);
        this.flush(type);
        return;
      }
      case 'div':
        if (this.captionedImage(el, depth)) return;
        this.container(el, inherited === 'caption' ? 'caption' : 'paragraph', depth);
        this.flush(inherited === 'caption' ? 'caption' : 'paragraph');
        return;
      default:
        // Lists inside a list item stay list items; everything else reads as paragraphs.
        this.container(el, inherited === 'list-item' && (tag === 'ul' || tag === 'ol') ? 'list-item' : inherited === 'caption' ? 'caption' : 'paragraph', depth);
        this.flush(inherited === 'caption' ? 'caption' : 'paragraph');
    }
  }

  titleBlock(title: string): void {
    this.add('title', title, {}, LINE_HEIGHT * 2);
  }

  /** Emits the pending inline run as one block of `type` (and the images inside it as figures). */
  flush(type: BlockType, level?: number): void {
    if (this.inline.length === 0) return;
    const nodes = this.inline;
    this.inline = [];
    const links: Link[] = [];
    const imgs: DomElement[] = [];
    const text = tidy(nodes.map((n) => this.inlineText(n, links, imgs, 0)).join(''));
    const first = this.blocks[0];
    const repeatsTitle = type === 'heading' && this.blocks.length === 1 && first?.type === 'title' && sameText(first.text, text);
    if (text && !repeatsTitle) this.add(type, text, { ...(level !== undefined ? { level } : {}), links });
    for (const img of imgs) this.image(img, '');
  }

  private inlineText(n: DomNode, links: Link[], imgs: DomElement[], depth: number): string {
    // Source newlines are just whitespace; only <br> breaks a line.
    if (!isElement(n)) return n.nodeType === TEXT_NODE ? (n.textContent ?? '').replace(/\s+/g, ' ') : '';
    const tag = n.tagName.toLowerCase();
    if (SKIP_TAGS.has(tag)) return '';
    if (tag === 'br') return '\n';
    if (tag === 'img') {
      imgs.push(n);
      return '';
    }
    if (depth > MAX_DEPTH) return (n.textContent ?? '').replace(/\s+/g, ' ');
    const inner = Array.from(n.childNodes)
      .map((c) => this.inlineText(c, links, imgs, depth + 1))
      .join('');
    if (tag === 'a') {
      const href = n.getAttribute('href');
      const resolved = href ? this.opts.resolveHref(href.trim()) : null;
      const linkText = tidy(inner);
      if (resolved && linkText) links.push({ text: linkText, href: resolved });
    }
    // Block elements met inside inline content (a <div> in an <a>, deep markup) keep words apart.
    return BLOCK_TAGS.has(tag) ? ` ${inner} ` : inner;
  }

  private add(type: BlockType, text: string, extra: { level?: number; links?: Link[]; ref?: string }, height?: number): Block {
    const lines = text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / CHARS_PER_LINE)), 0);
    const h = height ?? lines * (type === 'heading' ? LINE_HEIGHT * 1.5 : LINE_HEIGHT);
    const block: Block = {
      id: `b${++this.counter}`,
      type,
      page: 1,
      bbox: [MARGIN, this.y, PAGE_WIDTH - MARGIN, this.y + h],
      text,
      ...(extra.level !== undefined ? { level: extra.level } : {}),
      ...(extra.ref !== undefined ? { ref: extra.ref } : {}),
      ...(extra.links && extra.links.length > 0 ? { links: extra.links } : {}),
    };
    this.y += h + GAP;
    this.blocks.push(block);
    return block;
  }

  /**
   * A <div> that holds images and a caption element (a MediaWiki thumbnail, a WordPress caption)
   * is a figure without the <figure> markup. Only small containers qualify, so an article body
   * that happens to contain a caption somewhere is not swallowed.
   */
  private captionedImage(el: DomElement, depth: number): boolean {
    const caption = el.querySelector(CAPTION_CLASSES.map((c) => `.${c}`).join(', '));
    if (!caption || el.querySelector('img') === null) return false;
    if (el.querySelector('table, h1, h2, h3, h4, h5, h6, ul, ol, figure, pre') !== null) return false;
    const rest = (el.textContent ?? '').length - (caption.textContent ?? '').length;
    if (rest > 200 || (caption.textContent ?? '').length > 2000) return false;
    this.figure(el, depth, caption);
    return true;
  }

  private figure(el: DomElement, depth: number, captionOverride?: DomElement): void {
    const imgs = Array.from(el.querySelectorAll('img')).filter((i) => !isTracker(i));
    const captionEl = captionOverride ?? el.querySelector('figcaption');
    const tables = el.querySelectorAll('table');
    if (imgs.length === 0 && tables.length > 0 && tables[0]) {
      this.table(tables[0], depth, captionEl ? this.captionText(captionEl) : undefined);
      return;
    }
    if (imgs.length === 0) {
      // A figure of code, a quote or an embed: its text still belongs to the article.
      this.container(el, 'paragraph', depth);
      this.flush('paragraph');
      return;
    }
    const caption = captionEl ? this.captionText(captionEl) : null;
    const ids = imgs.map((img) => this.image(img, caption?.text ?? ''));
    if (caption && caption.text) this.add('caption', caption.text, { ref: ids[0], links: caption.links });
  }

  private captionText(el: DomElement): { text: string; links: Link[] } {
    const links: Link[] = [];
    const text = tidy(this.inlineText(el, links, [], 0));
    return { text, links };
  }

  /** One image → a Figure and its figure block. Returns the figure id (undefined for trackers). */
  private image(img: DomElement, caption: string): string | undefined {
    if (isTracker(img)) return undefined;
    const src = imageSrc(img);
    const alt = tidy(img.getAttribute('alt') ?? '');
    const n = this.figures.length + 1;
    const id = `fig-${n}`;
    const w = Number(img.getAttribute('width'));
    const h = Number(img.getAttribute('height'));
    const inner = PAGE_WIDTH - 2 * MARGIN;
    const height = w > 0 && h > 0 ? Math.round(Math.min(1, inner / w) * h) : 400;
    const block = this.add('figure', '', { ref: id }, Math.min(height, 2000));
    this.figures.push({ id, label: `Figure ${n}`, caption: caption || alt, page: 1, bbox: block.bbox, kind: 'raster', ...(src ? { src } : {}) });
    if (src) this.images.push({ figureId: id, src });
    return id;
  }

  private table(el: DomElement, depth: number, figCaption?: { text: string; links: Link[] }): void {
    const rows = tableRows(el);
    const width = Math.max(0, ...rows.map((r) => r.length));
    const layout = el.getAttribute('role') === 'presentation' || el.querySelector('table') !== null || rows.length < 2 || width < 2;
    if (layout) {
      // A table used for layout: read its cells as ordinary content.
      for (const cell of Array.from(el.querySelectorAll('td, th'))) {
        if (closestTable(cell) !== el) continue;
        this.container(cell, 'paragraph', depth + 1);
        this.flush('paragraph');
      }
      return;
    }
    const captionEl = Array.from(el.children).find((c) => c.tagName.toLowerCase() === 'caption');
    const caption = figCaption ?? (captionEl ? this.captionText(captionEl) : undefined);
    const n = this.tables.length + 1;
    const id = `tab-${n}`;
    if (caption?.text) this.add('caption', caption.text, { ref: id, links: caption.links });
    const text = rows.map((r) => r.filter((c) => c !== '').join(' | ')).join('\n');
    const links: Link[] = [];
    for (const a of Array.from(el.querySelectorAll('a'))) {
      const href = a.getAttribute('href');
      const resolved = href ? this.opts.resolveHref(href.trim()) : null;
      const t = tidy(a.textContent ?? '');
      if (resolved && t) links.push({ text: t, href: resolved });
    }
    const block = this.add('table', text, { ref: id, links }, rows.length * LINE_HEIGHT * 1.2);
    this.tables.push({ id, label: `Table ${n}`, caption: caption?.text ?? '', page: 1, bbox: block.bbox, rows });
    // Images inside a data table (flags, logos in an infobox) are figures too.
    for (const img of Array.from(el.querySelectorAll('img'))) this.image(img, '');
  }
}

/** The table's cell grid: colspan and rowspan spread over the cells they cover (text in the first). */
export function tableRows(table: DomElement): string[][] {
  const trs: DomElement[] = [];
  for (const c of Array.from(table.children)) {
    const t = c.tagName.toLowerCase();
    if (t === 'tr') trs.push(c);
    else if (t === 'thead' || t === 'tbody' || t === 'tfoot') for (const r of Array.from(c.children)) if (r.tagName.toLowerCase() === 'tr') trs.push(r);
  }
  const grid: string[][] = [];
  const taken: boolean[][] = [];
  trs.forEach((tr, r) => {
    const row = (grid[r] ??= []);
    const occ = (taken[r] ??= []);
    let c = 0;
    for (const cell of Array.from(tr.children)) {
      const t = cell.tagName.toLowerCase();
      if (t !== 'td' && t !== 'th') continue;
      while (occ[c]) c++;
      const colspan = span(cell.getAttribute('colspan'));
      const rowspan = span(cell.getAttribute('rowspan'));
      const text = cellText(cell);
      for (let dr = 0; dr < rowspan && r + dr < trs.length; dr++) {
        const rr = (grid[r + dr] ??= []);
        const oo = (taken[r + dr] ??= []);
        for (let dc = 0; dc < colspan; dc++) {
          rr[c + dc] = dr === 0 && dc === 0 ? text : '';
          oo[c + dc] = true;
        }
      }
      c += colspan;
    }
    for (let i = 0; i < row.length; i++) row[i] ??= '';
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  const rows = grid.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  return rows.filter((r) => r.some((c) => c !== ''));
}

function span(v: string | null): number {
  const n = Number.parseInt(v ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}

function cellText(cell: DomElement): string {
  const parts: string[] = [];
  const walk = (n: DomNode, depth: number): void => {
    if (!isElement(n)) {
      if (n.nodeType === TEXT_NODE) parts.push(n.textContent ?? '');
      return;
    }
    const tag = n.tagName.toLowerCase();
    if (SKIP_TAGS.has(tag)) return;
    if (tag === 'br' || BLOCK_TAGS.has(tag)) parts.push(' ');
    if (depth > MAX_DEPTH) parts.push(n.textContent ?? '');
    else for (const c of Array.from(n.childNodes)) walk(c, depth + 1);
  };
  walk(cell, 0);
  return tidy(parts.join('')).replace(/\n/g, ' ');
}

function closestTable(el: DomNode): DomNode | null {
  let p = el.parentNode;
  while (p && !(isElement(p) && p.tagName.toLowerCase() === 'table')) p = p.parentNode;
  return p;
}

/** 1×1 tracking pixels and spacers are not figures. */
function isTracker(img: DomElement): boolean {
  const w = Number(img.getAttribute('width'));
  const h = Number(img.getAttribute('height'));
  return (w > 0 && w <= 2) || (h > 0 && h <= 2);
}

/** The image's address: src, unless it is a lazy-loading placeholder and a real one is given elsewhere. */
export function imageSrc(img: DomElement): string | undefined {
  const src = img.getAttribute('src')?.trim();
  const placeholder = !src || /^data:image\/(gif|svg\+xml)[;,]/i.test(src) && src.length < 400;
  if (!placeholder) return src;
  for (const attr of ['data-src', 'data-original', 'data-lazy-src', 'data-url']) {
    const v = img.getAttribute(attr)?.trim();
    if (v) return v;
  }
  const srcset = img.getAttribute('srcset') ?? img.getAttribute('data-srcset');
  const last = srcset?.split(',').map((s) => s.trim().split(/\s+/)[0]).filter(Boolean).pop();
  return last ?? (src || undefined);
}

function sameText(a: string, b: string): boolean {
  return squashKey(a) === squashKey(b);
}

/** Whitespace as a reader sees it: runs collapsed, line breaks from <br> kept. */
function tidy(s: string): string {
  return s
    .replace(/[\t\f\r\v \u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

function sectionsOf(blocks: Block[]): Section[] {
  const heads = blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.type === 'heading');
  return heads.map(({ b, i }, k) => {
    const end = heads[k + 1]?.i ?? blocks.length;
    // MediaWiki headings carry their "[edit]" link; it is page chrome, not part of the title.
    const title = b.text.replace(/\n/g, ' ').replace(/\s*\[\s*edit\s*\]\s*$/i, '').trim();
    return { title, level: b.level ?? 1, page: 1, blockIds: blocks.slice(i, end).map((x) => x.id) };
  }).filter((s) => s.title !== '');
}
