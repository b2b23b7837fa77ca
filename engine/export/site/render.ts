// Renders a verified SitePlan to HTML pages. Every string from the model goes through esc();
// the only markup here is ours. Pages share one header, one table of contents pattern, one
// stylesheet and one script, so a multi-page site reads as one thing.
import { createHash } from 'node:crypto';
import type { Passage, SiteBlock, TableData } from '../../compose/types.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { attrs, classifyHref, esc } from './html.js';
import type { PlannedPage, PlannedVisual, SitePlan } from './plan.js';
import { bestCells, cellNumber, headerRowCount } from './results-table.js';

export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

export function contentSecurityPolicy(css: string, script: string): string {
  return [
    "default-src 'none'",
    "img-src 'self'",
    `style-src ${cspHash(css)}`,
    `script-src ${cspHash(script)}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

interface Ctx {
  plan: SitePlan;
  page: PlannedPage;
  /** Which visuals already have their anchor id on a page (a visual shown twice gets it once). */
  anchored: Set<string>;
}

function refHref(ctx: Ctx, n: number): string {
  const at = ctx.plan.referencesAt;
  return `${at.file === ctx.page.file ? '' : at.file}#ref-${n}`;
}

function cites(ctx: Ctx, ids: string[]): string {
  const ns = [...new Set(ids.map((id) => ctx.plan.citeNumber.get(id)).filter((n): n is number => n !== undefined))].sort((a, b) => a - b);
  if (ns.length === 0) return '';
  const links = ns.map((n) => `<a${attrs({ href: refHref(ctx, n), title: refTitle(ctx, n) })}>${n}</a>`);
  return `<span class="cites">[${links.join(', ')}]</span>`;
}

function refTitle(ctx: Ctx, n: number): string {
  const r = ctx.plan.references[n - 1];
  return r ? `${r.sourceTitle}, p. ${r.page}` : '';
}

function passage(ctx: Ctx, p: Passage): string {
  return `${esc(p.text.trim())}${cites(ctx, p.cites)}`;
}

function sourceLine(v: PlannedVisual): string {
  if (!v.sourceTitle) return '';
  // The site renumbers figures; say which one it is in the source so its own text still makes sense.
  const original = v.originalLabel && v.originalLabel !== v.label ? ` (${esc(v.originalLabel)})` : '';
  const text = `${esc(v.sourceTitle)}, p. ${esc(String(v.page))}${original}`;
  return `<span class="fig-source">Source: ${v.sourceHref ? `<a${attrs({ href: v.sourceHref })}>${text}</a>` : text}</span>`;
}

function caption(v: PlannedVisual): string {
  const text = v.caption ? ` ${esc(v.caption)}` : '';
  return `<figcaption><span class="fig-text"><span class="fig-label">${esc(v.label)}.</span>${text}</span> ${sourceLine(v)}</figcaption>`;
}

function isWide(v: PlannedVisual): boolean {
  if (v.table || v.equation) return true;
  const img = v.image!;
  return img.width / img.height >= 1.25 || img.width >= 760;
}

function tableHtml(t: TableData, bold: boolean): string {
  const ncols = Math.max(...t.rows.map((r) => r.length));
  const pad = (r: string[]): string[] => [...r, ...Array<string>(ncols - r.length).fill('')];
  const rows = t.rows.map(pad);
  const nHead = headerRowCount(rows, t.header);
  const head = rows.slice(0, nHead);
  const body = rows.slice(nHead);
  const best = bold ? bestCells(head, body) : body.map(() => new Set<number>());
  const numericCol = Array.from({ length: ncols }, (_, c) => {
    const vals = body.map((r) => r[c]!.trim()).filter((x) => x !== '' && x !== '-');
    return vals.length > 0 && vals.filter((x) => cellNumber(x) !== null).length * 2 >= vals.length;
  });
  const th = head.map((r) => `<tr>${r.map((c, i) => `<th scope="col"${numericCol[i] ? ' class="num"' : ''}>${esc(c)}</th>`).join('')}</tr>`).join('');
  const tb = body
    .map((r, ri) => `<tr>${r.map((c, ci) => {
      const b = best[ri]!.has(ci);
      const cls = [numericCol[ci] ? 'num' : '', b ? 'best' : ''].filter(Boolean).join(' ');
      return `<td${cls ? ` class="${cls}"` : ''}>${b ? `<strong>${esc(c)}</strong>` : esc(c)}</td>`;
    }).join('')}</tr>`)
    .join('');
  return `<div class="table-wrap"><table${ncols >= 9 ? ' class="dense"' : ''}>${th ? `<thead>${th}</thead>` : ''}<tbody>${tb}</tbody></table></div>`;
}

function visualHtml(ctx: Ctx, v: PlannedVisual, opts: { wide: boolean; bold: boolean }): string {
  const id = ctx.anchored.has(v.id) ? undefined : v.anchor;
  ctx.anchored.add(v.id);
  if (v.table) {
    return `<figure${attrs({ id, class: 'table-figure fig-wide' })}>${caption(v)}${tableHtml(v.table, opts.bold)}</figure>`;
  }
  const img = v.image!;
  if (v.equation) {
    // A display equation at the size it has on the page (cropped at 200 dpi), centred, its label and page under it.
    const w = Math.round((img.width * 96) / 200);
    const page = `p. ${v.page}`;
    const where = v.sourceHref ? `<a${attrs({ href: v.sourceHref, title: v.sourceTitle })}>${esc(page)}</a>` : esc(page);
    return `<figure${attrs({ id, class: 'eq fig-wide' })}><img${attrs({ src: img.src, width: w, height: Math.round((img.height * 96) / 200), alt: v.label })}><figcaption>${esc(v.label)}, ${where}</figcaption></figure>`;
  }
  const alt = `${v.label}: ${v.caption}`.slice(0, 300);
  // The image links to itself so a reader on a phone can open a dense figure at full size.
  return `<figure${attrs({ id, class: opts.wide ? 'fig fig-wide' : 'fig' })}><a class="fig-frame"${attrs({ href: img.src, title: 'Open the full-size image' })}><img${attrs({ src: img.src, width: img.width, height: img.height, alt })}></a>${caption(v)}</figure>`;
}

/** Lays out a run of visuals: wide ones take a row, narrow ones pair up, a lone narrow one is centred. */
function visualGroup(ctx: Ctx, ids: string[], bold: boolean): string {
  const vs = ids.map((id) => ctx.plan.visuals.get(id)).filter((v): v is PlannedVisual => !!v);
  const out: string[] = [];
  for (let i = 0; i < vs.length; i++) {
    const v = vs[i]!;
    const next = vs[i + 1];
    if (!isWide(v) && next && !isWide(next)) {
      out.push(visualHtml(ctx, v, { wide: false, bold }), visualHtml(ctx, next, { wide: false, bold }));
      i++;
    } else {
      out.push(visualHtml(ctx, v, { wide: true, bold }));
    }
  }
  return out.length ? `<div class="figs">${out.join('')}</div>` : '';
}

/** Paragraphs with the block's visuals spread through them rather than piled at the end. */
function interleave(ctx: Ctx, paragraphs: Passage[], visuals: string[], bold: boolean): string {
  const P = paragraphs.length;
  const V = visuals.length;
  const after = new Map<number, string[]>();
  visuals.forEach((id, j) => {
    const k = P === 0 ? 0 : Math.min(P, Math.max(1, Math.round(((j + 1) * P) / (V + 1))));
    const list = after.get(k) ?? [];
    list.push(id);
    after.set(k, list);
  });
  let html = visualGroup(ctx, after.get(0) ?? [], bold);
  paragraphs.forEach((p, i) => {
    // A listing stays a listing: monospace, its lines and indentation as written.
    html += p.code ? `<figure class="code"><pre><code>${esc(p.text.replace(/\s+$/, ''))}</code></pre>${cites(ctx, p.cites)}</figure>` : `<p>${passage(ctx, p)}</p>`;
    html += visualGroup(ctx, after.get(i + 1) ?? [], bold);
  });
  return html;
}

function heroHtml(b: Extract<SiteBlock, { kind: 'hero' }>): string {
  // A name stays on one line (no-break spaces) unless it is too long to fit a phone's width.
  const authors = b.authors.filter((a) => a.trim()).map((a) => `<li>${esc(a.trim().length <= 32 ? a.trim().replace(/\s+/g, '\u00a0') : a.trim())}</li>`).join('');
  const links = b.links
    .map((l) => {
      const external = classifyHref(l.href)?.kind === 'external';
      return `<a${attrs({ class: 'button', href: l.href, rel: external ? 'noopener noreferrer' : undefined })}>${esc(l.label)}</a>`;
    })
    .join('');
  return `<header class="hero" id="top"><div class="hero-inner"><h1>${esc(b.title)}</h1>${b.subtitle ? `<p class="subtitle">${esc(b.subtitle)}</p>` : ''}${authors ? `<ul class="authors" aria-label="Authors">${authors}</ul>` : ''}${links ? `<nav class="hero-links" aria-label="Links">${links}</nav>` : ''}</div></header>`;
}

function referencesHtml(ctx: Ctx): string {
  const { references, sources } = ctx.plan;
  const items = references
    .map((r) => {
      const label = `${esc(r.sourceTitle)}, p. ${r.page}`;
      const quotes = r.quotes.map((q) => `<span class="ref-quote">“${esc(quoteShown(q))}”</span>`).join('');
      return `<li id="${r.anchor}"><span class="ref-n">[${r.n}]</span><span>${r.href ? `<a${attrs({ href: r.href })}>${label}</a>` : label}${quotes}</span></li>`;
    })
    .join('');
  const srcs = sources
    .map((s) => {
      const authors = s.ref.authors.length > 6 ? `${s.ref.authors.slice(0, 6).join(', ')}, et al.` : s.ref.authors.join(', ');
      const title = esc(s.ref.title || s.ref.file);
      const ext = s.href && classifyHref(s.href)?.kind === 'external';
      const link = s.href ? `<a${attrs({ href: s.href, rel: ext ? 'noopener noreferrer' : undefined })}>${title}</a>` : title;
      const meta = [authors, s.ref.pageCount > 0 ? `${s.ref.pageCount} pages` : '', s.ref.file].filter(Boolean).map(esc).join(' · ');
      return `<li>${link}${meta ? ` <span class="meta">— ${meta}</span>` : ''}</li>`;
    })
    .join('');
  return `${items ? `<ol class="refs">${items}</ol>` : ''}${srcs ? `<h3>Sources</h3><ul class="sources">${srcs}</ul>` : ''}`;
}

/** A reference's quote is evidence: shown whole, unless very long, then up to its last sentence
 *  end within the limit with the elision marked "[…]"; never cut inside a sentence. */
export function quoteShown(q: string, limit = 700): string {
  if (q.length <= limit) return q;
  const head = q.slice(0, limit);
  const ends = [...head.matchAll(/[.!?][)”’"]?(?=\s)/g)];
  const end = ends.at(-1);
  return end && end.index! > limit / 3 ? `${head.slice(0, end.index! + end[0].length)} […]` : q;
}

function blockHtml(ctx: Ctx, b: Exclude<SiteBlock, { kind: 'hero' }>, anchor: string, heading: string): string {
  const h = `<h2>${esc(heading)}</h2>`;
  let inner: string;
  switch (b.kind) {
    case 'abstract':
      inner = `<p>${passage(ctx, b.text)}</p>`;
      break;
    case 'list': {
      // An uncited item that names another page of the site is that page's link (a research
      // index lists its section pages).
      const pageNamed = (p: { text: string; cites: string[] }) => (p.cites.length ? undefined : ctx.plan.pages.find((pg) => pg !== ctx.page && pg.title === p.text.trim()));
      inner = `<ul>${b.items
        .map((p) => {
          const pg = pageNamed(p);
          return `<li>${pg ? `<a href="${esc(pg.file)}">${esc(pg.title)}</a>` : passage(ctx, p)}</li>`;
        })
        .join('')}</ul>`;
      break;
    }
    case 'text':
      inner = interleave(ctx, b.paragraphs, b.visuals, false);
      break;
    case 'results':
      inner = interleave(ctx, b.paragraphs, b.tables, true);
      break;
    case 'gallery':
      // A grid of thumbnails only pays off with several figures; one or two get the figure layout.
      if (b.visuals.length < 3) {
        inner = visualGroup(ctx, b.visuals, false);
        break;
      }
      inner = `<div class="gallery">${b.visuals.map((id) => ctx.plan.visuals.get(id)).filter((v): v is PlannedVisual => !!v).map((v) => visualHtml(ctx, v, { wide: false, bold: false })).join('')}</div>`;
      break;
    case 'bibtex': {
      const codeId = `${anchor}-code`;
      inner = `<div class="bibtex-box"><pre><code id="${codeId}">${esc(b.bibtex.trim())}</code></pre><button class="copy" type="button" data-copy="${codeId}">Copy</button></div>`;
      break;
    }
    case 'references':
      inner = referencesHtml(ctx);
      break;
  }
  return `<section class="block block-${b.kind}" id="${anchor}">${h}${inner}</section>`;
}

function footerHtml(plan: SitePlan): string {
  const g = plan.generator;
  const how =
    g?.writer === 'model'
      ? `Text written by a language model${g.model ? ` (${esc(g.model)})` : ''} from the sources; check each claim against the cited page.`
      : 'Text on this site is quoted from the sources (extractive, no language model); each claim cites its source page.';
  return `<footer class="site-footer"><p>${how}</p><p>Made with Folio · works offline, no external resources.</p></footer>`;
}

export function renderPage(plan: SitePlan, pageIndex: number, css: string): string {
  const page = plan.pages[pageIndex]!;
  const ctx: Ctx = { plan, page, anchored: new Set([...plan.visuals.values()].filter((v) => v.pageFile !== page.file).map((v) => v.id)) };
  const heroes = page.blocks.filter((b) => b.block.kind === 'hero');
  const sections = page.blocks.filter((b) => b.block.kind !== 'hero');
  const hero = heroes[0]?.block;
  const top = hero && hero.kind === 'hero' ? heroHtml(hero) : `<header class="page-title" id="top"><h1>${esc(page.title)}</h1></header>`;

  const multi = plan.pages.length > 1;
  const pageList = multi
    ? `<h2>Pages</h2><ol class="toc-pages">${plan.pages.map((p) => `<li><a${attrs({ href: p.file, 'aria-current': p.file === page.file ? 'page' : undefined })}>${esc(p.title)}</a></li>`).join('')}</ol>`
    : '';
  const sectionList = sections.length
    ? `<h2>On this page</h2><ol class="toc-sections">${sections.map((s) => `<li><a href="#${s.anchor}">${esc(s.heading)}</a></li>`).join('')}</ol>`
    : '';
  const toc = `<nav class="toc" id="toc" aria-label="Contents"><button class="toc-toggle" type="button" aria-expanded="false" aria-controls="toc-list">Contents</button><div class="toc-panel" id="toc-list">${pageList}${sectionList}</div></nav>`;

  let pager = '';
  if (multi) {
    const prev = plan.pages[pageIndex - 1];
    const next = plan.pages[pageIndex + 1];
    pager = `<nav class="pager" aria-label="Pages">${prev ? `<a class="prev" href="${esc(prev.file)}"><small>Previous</small>${esc(prev.title)}</a>` : ''}${next ? `<a class="next" href="${esc(next.file)}"><small>Next</small>${esc(next.title)}</a>` : ''}</nav>`;
  }

  const body = sections.map((s) => blockHtml(ctx, s.block as Exclude<SiteBlock, { kind: 'hero' }>, s.anchor, s.heading)).join('\n');
  const title = pageIndex === 0 ? plan.title : `${page.title} · ${plan.title}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy(css, CLIENT_SCRIPT))}">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Folio">
<title>${esc(title)}</title>
<style>${css}</style>
<script>${CLIENT_SCRIPT}</script>
</head>
<body class="layout-${plan.layout === 'research' ? 'research' : 'project'}">
<a class="skip" href="#main">Skip to content</a>
<div class="topbar"><div class="topbar-inner"><a class="brand" href="index.html">${esc(plan.title)}</a><button class="theme-toggle" type="button" aria-pressed="false"><span class="icon" aria-hidden="true"></span><span class="label">Dark</span></button></div></div>
${top}
<div class="layout">
${toc}
<main id="main">
${body}
${pager}
</main>
</div>
${footerHtml(plan)}
</body>
</html>
`;
}
