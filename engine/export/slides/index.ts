// Deck → HTML slides: one self-contained index.html (1280 × 720 px slides scaled to the window,
// keyboard navigation, an overview grid of thumbnails) plus assets/ with the images. Same fitted
// deck and same slide plans as the PPTX, so both show the same text in the same boxes. Works from
// file:// with no network: no CDN, no remote resource; every text from a source is escaped, and the
// only script is our own navigation, allowed by hash in the page's Content-Security-Policy.
import { createHash } from 'node:crypto';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Deck } from '../../compose/types.js';
import type { Theme } from '../../compose/theme.js';
import { UserInputError } from '../../errors.js';
import { webImageFileHeader } from '../../models/raster/header.js';
import { fitDeck } from '../deck/fit.js';
import { fontMeasurer, type TextMeasurer } from '../deck/fonts.js';
import { BULLET_INDENT, CELL_PAD_X, CELL_PAD_Y, INSET, LINE, NUMBER_BOX, PARA_AFTER, SLIDE_W, planContext, planSlide, speakerNotes, type Box, type SlidePlan, type TextPlan } from '../deck/layout.js';
import { writeFileAtomic } from '../../fs-atomic.js';
import { resolveTheme } from '../deck/resolve-theme.js';

export interface SlidesExportOptions {
  theme?: Theme | string;
  maxSlides?: number;
  measurer?: TextMeasurer;
}

export interface SlidesExportResult {
  /** outDir/index.html */
  index: string;
  slideCount: number;
  fixes: string[];
  deck: Deck;
}

const PX = 1280 / SLIDE_W; // CSS px per pt on a 1280-px-wide slide

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** CSS font stack: the named family first, then its metric twin on Linux (what the fitting measured). */
function fontStack(family: string): string {
  const twins: Record<string, string> = {
    arial: "'Liberation Sans', Arimo, Helvetica, sans-serif",
    helvetica: "'Liberation Sans', Arial, sans-serif",
    'times new roman': "'Liberation Serif', Tinos, serif",
    'courier new': "'Liberation Mono', Cousine, monospace",
    georgia: "Gelasio, 'DejaVu Serif', serif",
  };
  const safe = family.replace(/[^A-Za-z0-9 -]/g, '');
  return `'${safe}', ${twins[safe.toLowerCase()] ?? 'sans-serif'}`;
}

const px = (pt: number): string => `${Math.round(pt * PX * 100) / 100}px`;
const pos = (b: Box): string => `left:${px(b.x)};top:${px(b.y)};width:${px(b.w)};height:${px(b.h)}`;

function textHtml(role: string, t: TextPlan): string {
  const style = [
    pos(t),
    `padding:${px(INSET)}`,
    `font-family:${fontStack(t.font.family)}`,
    `font-size:${px(t.size)}`,
    `line-height:${LINE}`,
    `font-weight:${t.font.bold ? 700 : 400}`,
    `color:${t.color}`,
    `text-align:${t.align}`,
    `justify-content:${t.valign === 'middle' ? 'center' : 'flex-start'}`,
  ].join(';');
  // A listing: its lines as written, in a <pre> on the surface colour.
  if (role === 'code') return `<pre class="box code" style="${style}">${escapeHtml(t.paragraphs.join('\n'))}</pre>`;
  const gap = `margin-bottom:${px(t.size * PARA_AFTER)}`;
  const paras = t.paragraphs.map((p, i) => {
    const last = i === t.paragraphs.length - 1;
    const em = role === 'caption' && i > 0;
    const inner = em ? `<em>${escapeHtml(p)}</em>` : escapeHtml(p);
    return t.bullet
      ? `<li style="padding-left:${px(BULLET_INDENT)}${last ? '' : `;${gap}`}">${inner}</li>`
      : `<p${last ? '' : ` style="${gap}"`}>${inner}</p>`;
  });
  const body = t.bullet ? `<ul>${paras.join('')}</ul>` : paras.join('');
  const tag = role === 'title' ? 'h1' : role === 'subtitle' ? 'h2' : 'div';
  return `<${tag} class="box ${role}" style="${style}">${body}</${tag}>`;
}

function slideHtml(plan: SlidePlan, n: number, images: Map<string, string>, theme: Theme, notes: string): string {
  const parts: string[] = [];
  const layout = plan.slide.layout;
  if (layout === 'title' || layout === 'section' || layout === 'closing') parts.push('<div class="band"></div>');
  else parts.push(`<div class="rule" style="top:${px(88)}"></div>`);
  for (const { role, plan: t } of plan.texts) parts.push(textHtml(role, t));
  if (plan.image) {
    const src = images.get(plan.image.path);
    const cap = plan.texts.find((t) => t.role === 'caption')?.plan.paragraphs[0] ?? '';
    if (src) parts.push(`<img class="visual" src="${escapeHtml(src)}" alt="${escapeHtml(cap)}" style="${pos(plan.image)}" decoding="sync">`);
  }
  if (plan.table) {
    const tb = plan.table;
    const cols = tb.colW.map((w) => `<col style="width:${px(w)}">`).join('');
    const rows = tb.rows
      .map((r, ri) => {
        const head = tb.header && ri === 0;
        const cells = tb.colW.map((_, c) => (head ? `<th>${escapeHtml(r[c] ?? '')}</th>` : `<td>${escapeHtml(r[c] ?? '')}</td>`)).join('');
        return `<tr>${cells}</tr>`;
      })
      .join('');
    const w = tb.colW.reduce((a, b) => a + b, 0);
    parts.push(
      `<table class="tbl" style="left:${px(tb.x)};top:${px(tb.y)};width:${px(w)};font-family:${fontStack(theme.fonts.body)};font-size:${px(tb.size)};line-height:${LINE}"><colgroup>${cols}</colgroup>${rows}</table>`,
    );
  }
  if (plan.numbered) parts.push(`<div class="num" style="${pos(NUMBER_BOX)};font-family:${fontStack(theme.fonts.body)}">${n}</div>`);
  const notesHtml = notes ? `<aside class="notes">${escapeHtml(notes)}</aside>` : '';
  return `<section class="slide layout-${layout}" id="s${n}" data-n="${n}" aria-label="Slide ${n}">${parts.join('')}${notesHtml}</section>`;
}

// Our navigation script: no source text in it, allowed by its hash in the CSP.
const SCRIPT = `(() => {
  const slides = Array.from(document.querySelectorAll('.stage .slide'));
  const stage = document.querySelector('.stage');
  const overview = document.querySelector('.overview');
  let cur = 0;
  const fit = () => {
    const s = Math.min(window.innerWidth / 1280, window.innerHeight / 720);
    document.documentElement.style.setProperty('--scale', String(s));
  };
  const show = (i) => {
    cur = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach((el, k) => el.classList.toggle('current', k === cur));
    document.body.classList.add('presenting');
    if (location.hash !== '#' + (cur + 1)) history.replaceState(null, '', '#' + (cur + 1));
  };
  const toOverview = () => {
    document.body.classList.remove('presenting');
    history.replaceState(null, '', '#overview');
    const t = overview.querySelectorAll('a')[cur];
    if (t) t.focus();
  };
  const fromHash = () => {
    const n = parseInt(location.hash.slice(1), 10);
    if (n >= 1) show(n - 1); else document.body.classList.remove('presenting');
  };
  window.addEventListener('resize', fit);
  window.addEventListener('hashchange', fromHash);
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const presenting = document.body.classList.contains('presenting');
    const next = ['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Spacebar'].includes(e.key);
    const prev = ['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace'].includes(e.key);
    if (!presenting) {
      if (next || e.key === 'Enter' && !document.activeElement.closest('a')) { e.preventDefault(); show(cur); }
      return;
    }
    if (next) { e.preventDefault(); show(cur + 1); }
    else if (prev) { e.preventDefault(); show(cur - 1); }
    else if (e.key === 'Home') { e.preventDefault(); show(0); }
    else if (e.key === 'End') { e.preventDefault(); show(slides.length - 1); }
    else if (e.key === 'Escape') { e.preventDefault(); toOverview(); }
    else if (e.key === 's' || e.key === 'S') document.body.classList.toggle('show-notes');
  });
  stage.addEventListener('click', (e) => { if (!e.target.closest('a')) show(cur + (e.clientX < window.innerWidth / 3 ? -1 : 1)); });
  fit();
  fromHash();
})();`;

function pageHtml(deck: Deck, theme: Theme, slides: string[], titles: string[]): string {
  const pal = theme[theme.deck];
  const scriptHash = createHash('sha256').update(SCRIPT).digest('base64');
  const csp = `default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
  const thumbs = slides
    .map((s, i) => `<li><a href="#${i + 1}"><div class="thumb"><div class="thumb-inner">${s.replace(/ id="s\d+"/, '')}</div></div><span>${i + 1}. ${escapeHtml(titles[i] ?? '')}</span></a></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Folio">
<title>${escapeHtml(deck.title)}</title>
<style>
:root { --bg:${pal.bg}; --fg:${pal.fg}; --muted:${pal.muted}; --accent:${pal.accent}; --surface:${pal.surface}; --border:${pal.border}; --scale:1; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; background: #1b1b1b; }
body { font-family: ${fontStack(theme.fonts.body)}; }
.slide { position: relative; width: 1280px; height: 720px; background: var(--bg); color: var(--fg); overflow: hidden; }
.slide .box { position: absolute; margin: 0; display: flex; flex-direction: column; overflow: visible; }
.slide .box p, .slide .box ul { margin: 0; padding: 0; }
.slide .box ul { list-style: none; }
.slide .box li { position: relative; }
.slide .box li::before { content: "\\2022"; position: absolute; left: 0; }
.slide .visual { position: absolute; object-fit: contain; }
.slide pre.code { display: block; white-space: pre; background: var(--surface); border: 1px solid var(--border); box-sizing: border-box; overflow: hidden; }
.slide .tbl { position: absolute; border-collapse: collapse; table-layout: fixed; color: var(--fg); }
.slide .tbl th, .slide .tbl td { border: 1px solid var(--border); padding: ${px(CELL_PAD_Y)} ${px(CELL_PAD_X)}; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
.slide .tbl th { background: var(--accent); color: var(--bg); }
.slide .tbl tr:nth-child(odd) td { background: var(--surface); }
.slide .band { position: absolute; left: 0; top: 0; width: 1280px; height: ${px(8.64)}; background: var(--accent); }
.slide .rule { position: absolute; left: ${px(36)}; width: ${px(SLIDE_W - 72)}; height: 0; border-top: 1px solid var(--border); }
.slide .num { position: absolute; text-align: right; font-size: ${px(10)}; color: var(--muted); }
.slide .notes { display: none; }
.stage { display: none; position: fixed; inset: 0; overflow: hidden; }
.stage .slide { display: none; position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%) scale(var(--scale)); }
.stage .slide.current { display: block; }
body.presenting .stage { display: block; }
body.presenting .overview { display: none; }
body.show-notes .stage .slide.current .notes { display: block; position: absolute; left: 0; right: 0; bottom: 0; max-height: 40%; overflow: auto; margin: 0; padding: 12px 16px; background: rgba(0,0,0,.85); color: #fff; font-size: 18px; white-space: pre-wrap; }
.overview { padding: 24px; color: #eee; }
.overview h1 { font-size: 24px; margin: 0 0 4px; }
.overview p { margin: 0 0 16px; color: #aaa; font-size: 14px; }
.overview ol { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 16px; }
.overview a { color: #ddd; text-decoration: none; display: block; font-size: 13px; }
.overview a:focus, .overview a:hover { outline: 2px solid var(--accent); outline-offset: 2px; }
.thumb { width: 256px; height: 144px; overflow: hidden; position: relative; margin-bottom: 4px; }
.thumb-inner { transform: scale(0.2); transform-origin: 0 0; width: 1280px; height: 720px; pointer-events: none; }
</style>
</head>
<body>
<main class="overview">
<h1>${escapeHtml(deck.title)}</h1>
<p>${slides.length} slides · press → or Space to present, Esc for this overview, S for speaker notes</p>
<ol>
${thumbs}
</ol>
</main>
<div class="stage">
${slides.join('\n')}
</div>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

export async function exportSlides(deck: Deck, outDir: string, opts: SlidesExportOptions = {}): Promise<SlidesExportResult> {
  const theme = await resolveTheme(deck, opts.theme);
  const measurer = opts.measurer ?? fontMeasurer();
  const { deck: fitted, fixes } = await fitDeck(deck, theme, { ...(opts.maxSlides !== undefined ? { maxSlides: opts.maxSlides } : {}), measurer });
  if (fitted.slides.length === 0) throw new UserInputError(`${outDir}: the deck has no slides with anything to show`);
  const ctx = planContext(fitted, theme, measurer);
  const plans = fitted.slides.map((s) => planSlide(ctx, s));

  await mkdir(path.join(outDir, 'assets'), { recursive: true });
  const images = new Map<string, string>();
  for (const p of plans) {
    if (!p.image || images.has(p.image.path)) continue;
    // Our own file names: nothing from the source decides a path in the output.
    const format = webImageFileHeader(p.image.path)?.format;
    const ext = format === 'jpeg' ? 'jpg' : format === 'gif' || format === 'webp' ? format : 'png';
    const name = `assets/${String(images.size + 1).padStart(3, '0')}-${p.image.visualId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}.${ext}`;
    await copyFile(p.image.path, path.join(outDir, name));
    images.set(p.image.path, name);
  }
  const slides = plans.map((p, i) => slideHtml(p, i + 1, images, theme, speakerNotes(ctx, p)));
  const index = path.join(outDir, 'index.html');
  await writeFileAtomic(index, pageHtml(fitted, theme, slides, fitted.slides.map((s) => s.title)));
  return { index, slideCount: slides.length, fixes, deck: fitted };
}
