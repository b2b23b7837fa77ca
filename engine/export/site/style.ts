// The site's one stylesheet, built from a Theme (palettes and fonts from assets/themes). It is
// inlined in every page under a CSP hash, so the site needs no network and no second file.
import type { Palette, Theme } from '../../compose/theme.js';

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FALLBACK: Palette = { bg: '#ffffff', fg: '#1f2328', muted: '#57606a', accent: '#0b5cad', surface: '#f3f5f8', border: '#d0d7de' };

function vars(p: Palette): string {
  // Theme files are ours, but a colour goes into CSS, so only plain hex colours get through.
  const c = (k: keyof Palette): string => (HEX.test(p[k]) ? p[k] : FALLBACK[k]);
  return `--bg:${c('bg')};--fg:${c('fg')};--muted:${c('muted')};--accent:${c('accent')};--surface:${c('surface')};--border:${c('border')};`;
}

function family(name: string, generic: string, extra: string[]): string {
  const safe = /^[A-Za-z0-9 -]{1,40}$/.test(name) ? [`"${name}"`] : [];
  return [...safe, ...extra.filter((e) => e !== `"${name}"`), generic].join(',');
}

export function siteCss(theme: Theme): string {
  const headingStack = /serif|georgia|times|garamond|palatino|cambria/i.test(theme.fonts.heading) && !/sans/i.test(theme.fonts.heading)
    ? family(theme.fonts.heading, 'serif', ['"Iowan Old Style"', '"Palatino Linotype"', '"Book Antiqua"', '"DejaVu Serif"', '"Times New Roman"'])
    : family(theme.fonts.heading, 'sans-serif', ['"Helvetica Neue"', 'Helvetica', '"Liberation Sans"', '"DejaVu Sans"']);
  const body = family(theme.fonts.body, 'sans-serif', ['system-ui', '-apple-system', '"Segoe UI"', '"Helvetica Neue"', 'Helvetica', '"Liberation Sans"', '"DejaVu Sans"']);
  const mono = family(theme.fonts.mono, 'monospace', ['ui-monospace', 'SFMono-Regular', 'Menlo', 'Consolas', '"DejaVu Sans Mono"', '"Liberation Mono"']);
  return `
:root{${vars(theme.light)}--font-heading:${headingStack};--font-body:${body};--font-mono:${mono};color-scheme:light}
@media (prefers-color-scheme: dark){:root:not([data-theme="light"]){${vars(theme.dark)}color-scheme:dark}}
:root[data-theme="dark"]{${vars(theme.dark)}color-scheme:dark}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%;scroll-padding-top:4.5rem;scroll-behavior:smooth}
@media (prefers-reduced-motion: reduce){html{scroll-behavior:auto}}
body{margin:0;background:var(--bg);color:var(--fg);font-family:var(--font-body);font-size:1.0625rem;line-height:1.65;overflow-wrap:break-word;-webkit-font-smoothing:antialiased}
a{color:var(--accent);text-decoration-thickness:1px;text-underline-offset:2px}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px;border-radius:3px}
h1,h2,h3{font-family:var(--font-heading);line-height:1.25;font-weight:700;letter-spacing:-0.01em}
.skip{position:absolute;left:-999px;top:0;background:var(--accent);color:var(--bg);padding:.5rem 1rem;z-index:100}
.skip:focus{left:.5rem;top:.5rem}
.topbar{position:sticky;top:0;z-index:30;background:color-mix(in srgb,var(--bg) 88%,transparent);backdrop-filter:saturate(1.4) blur(8px);-webkit-backdrop-filter:saturate(1.4) blur(8px);border-bottom:1px solid var(--border)}
.topbar-inner{max-width:76rem;margin:0 auto;padding:.55rem 1.25rem;display:flex;align-items:center;gap:1rem;min-height:3.25rem}
.brand{flex:1 1 auto;min-width:0;font-family:var(--font-heading);font-weight:700;font-size:1rem;color:var(--fg);text-decoration:none;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.theme-toggle{flex:none;display:inline-flex;align-items:center;gap:.4rem;font:inherit;font-size:.85rem;color:var(--fg);background:var(--surface);border:1px solid var(--border);border-radius:999px;padding:.3rem .8rem;cursor:pointer}
.theme-toggle:hover{border-color:var(--accent)}
.theme-toggle .icon{width:1rem;height:1rem;display:inline-block;border-radius:50%;background:linear-gradient(90deg,var(--fg) 50%,transparent 50%);border:1.5px solid var(--fg)}
.hero{background:linear-gradient(180deg,var(--surface),var(--bg));border-bottom:1px solid var(--border);padding:3.25rem 1.25rem 2.5rem;text-align:center}
.hero-inner{max-width:52rem;margin:0 auto}
.hero h1{font-size:clamp(1.75rem,1.1rem + 2.6vw,2.75rem);margin:0 0 .6rem}
.hero .subtitle{font-size:1.15rem;color:var(--muted);margin:0 0 1rem}
.authors{list-style:none;margin:0 auto 1.25rem;padding:0;display:flex;flex-wrap:wrap;justify-content:center;gap:.2rem 1.1rem;max-width:46rem;font-size:1rem}
.authors li{max-width:100%}
.hero-links{display:flex;flex-wrap:wrap;justify-content:center;gap:.6rem;margin-top:1.25rem}
.button{display:inline-flex;align-items:center;gap:.4rem;padding:.45rem 1.05rem;border-radius:999px;background:var(--fg);color:var(--bg);font-size:.92rem;font-weight:600;text-decoration:none;border:1px solid var(--fg)}
.button:hover{background:var(--accent);border-color:var(--accent);color:var(--bg)}
.page-title{max-width:76rem;margin:0 auto;padding:2.25rem 1.25rem .5rem}
.page-title h1{font-size:clamp(1.6rem,1.1rem + 2vw,2.3rem);margin:0}
.layout{max-width:76rem;margin:0 auto;padding:0 1.25rem 3rem;display:grid;grid-template-columns:minmax(0,1fr);gap:0 3rem}
main{min-width:0;max-width:52rem}
.toc{position:sticky;top:3.25rem;z-index:20;margin:0 -1.25rem;background:var(--bg);border-bottom:1px solid var(--border);font-size:.92rem}
.toc-toggle{display:flex;width:100%;align-items:center;justify-content:space-between;font:inherit;font-weight:600;color:var(--fg);background:none;border:0;padding:.7rem 1.25rem;cursor:pointer}
.toc-toggle::after{content:"";width:.5rem;height:.5rem;border-right:2px solid var(--muted);border-bottom:2px solid var(--muted);transform:rotate(45deg);transition:transform .15s}
.toc.open .toc-toggle::after{transform:rotate(-135deg)}
.toc-panel{display:none;padding:0 1.25rem 1rem;max-height:70vh;overflow:auto}
.toc.open .toc-panel,html:not(.js) .toc-panel{display:block}
.toc.open{box-shadow:0 10px 24px -12px rgba(0,0,0,.35)}
.toc h2{font-family:var(--font-body);font-size:.75rem;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:.75rem 0 .35rem}
.toc ol{list-style:none;margin:0;padding:0}
.toc li a{display:block;padding:.28rem .75rem;color:var(--muted);text-decoration:none;border-left:2px solid var(--border);line-height:1.35}
.toc li a:hover{color:var(--fg);border-left-color:var(--muted)}
.toc li a[aria-current]{color:var(--accent);border-left-color:var(--accent);font-weight:600}
@media (min-width:64rem){
 .layout{grid-template-columns:14rem minmax(0,1fr);padding-top:1rem}
 .toc{top:4.5rem;align-self:start;margin:2rem 0 0;border:0;background:none;max-height:calc(100vh - 5.5rem);overflow:auto}
 .toc-toggle{display:none}
 .toc-panel{display:block;padding:0;max-height:none;overflow:visible}
}
section.block{padding-top:2rem}
section.block>h2{font-size:1.6rem;margin:0 0 1rem;padding-bottom:.4rem;border-bottom:1px solid var(--border)}
main p{margin:0 0 1rem;max-width:70ch}
.block-abstract p{max-width:none}
@media (min-width:40rem){.block-abstract p{text-align:justify;hyphens:auto;-webkit-hyphens:auto}}
.block-abstract{background:var(--surface);border:1px solid var(--border);border-radius:12px;padding:1.1rem 1.15rem;margin-top:1.5rem}
@media (min-width:40rem){.block-abstract{padding:1.4rem 1.6rem}}
.block-abstract h2{border:0!important;padding:0!important;margin-bottom:.6rem!important;font-size:1.35rem!important}
.block-list ul{margin:0;padding-left:1.3rem;max-width:70ch}
.block-list li{margin:.45rem 0;padding-left:.2rem}
.block-list li::marker{color:var(--accent)}
.cites{font-size:.78em;color:var(--muted);margin-left:.15em}
.cites a{text-decoration:none;font-weight:600}
.cites a:hover{text-decoration:underline}
figure{margin:1.75rem 0}
.fig{width:fit-content;max-width:100%;margin-left:auto;margin-right:auto}
.fig>figcaption{contain:inline-size}
.fig-frame{display:flex;justify-content:center;background:#fff;border:1px solid var(--border);border-radius:10px;padding:.4rem}
@media (min-width:40rem){.fig-frame{padding:.75rem}}
a.fig-frame:hover{border-color:var(--accent)}
.fig-frame img{display:block;max-width:100%;height:auto}
figcaption{font-size:.9rem;line-height:1.55;color:var(--muted);margin:.65rem .25rem 0}
.fig-label{font-weight:700;color:var(--fg)}
.fig-source{display:block;margin-top:.2rem;font-size:.85rem}
.figs{display:grid;grid-template-columns:minmax(0,1fr);gap:0 1.5rem;margin:1.5rem 0}
.figs figure{margin-top:0;margin-bottom:1.75rem}
@media (min-width:40rem){.figs{grid-template-columns:repeat(2,minmax(0,1fr))}.figs .fig-wide{grid-column:1/-1}}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1.5rem}
.gallery figure{margin:0;display:flex;flex-direction:column}
.gallery .fig{width:auto}
.gallery .fig-frame{height:13rem;align-items:center}
.gallery .fig-frame img{max-height:100%;width:auto;object-fit:contain}
.gallery .fig-text{display:-webkit-box;-webkit-line-clamp:4;-webkit-box-orient:vertical;overflow:hidden}
.gallery .table-figure{grid-column:1/-1}
.table-wrap{overflow-x:auto;margin:0 0 .25rem;border:1px solid var(--border);border-radius:10px}
table{border-collapse:collapse;width:100%;font-size:.9rem;font-variant-numeric:tabular-nums;line-height:1.4}
th,td{padding:.5rem .75rem;text-align:left;vertical-align:top;border-bottom:1px solid var(--border)}
thead th{background:var(--surface);font-weight:700;white-space:nowrap}
thead tr:last-child th{border-bottom:2px solid var(--border)}
tbody tr:last-child td{border-bottom:0}
tbody tr:hover td{background:color-mix(in srgb,var(--surface) 60%,transparent)}
td.num,th.num{text-align:right}
table.dense{font-size:.82rem}
table.dense th,table.dense td{padding:.4rem .45rem}
td.best strong{color:var(--fg)}
.table-figure figcaption{margin-top:.6rem}
.bibtex-box{position:relative}
pre{font-family:var(--font-mono);font-size:.85rem;line-height:1.5;background:var(--surface);border:1px solid var(--border);border-radius:10px;padding:1rem 1.1rem;overflow-x:auto;margin:0}
figure.eq{margin:1rem 0;text-align:center}figure.eq img{max-width:100%;height:auto}figure.eq figcaption{font-size:.8rem;color:var(--muted)}
figure.code{margin:1rem 0}figure.code .cites{display:block;text-align:right;font-size:.8rem;margin-top:.25rem}
.bibtex-box pre{padding-right:5.5rem;white-space:pre-wrap;overflow-wrap:anywhere}
.copy{position:absolute;top:.55rem;right:.55rem;font:inherit;font-size:.8rem;font-weight:600;color:var(--fg);background:var(--bg);border:1px solid var(--border);border-radius:6px;padding:.25rem .7rem;cursor:pointer}
.copy:hover{border-color:var(--accent);color:var(--accent)}
.refs{list-style:none;padding:0;margin:0;font-size:.95rem}
.refs li{display:grid;grid-template-columns:2.6rem minmax(0,1fr);padding:.55rem 0;border-bottom:1px solid var(--border)}
.refs li:target{background:var(--surface)}
.ref-n{color:var(--muted);font-variant-numeric:tabular-nums}
.ref-quote{display:block;margin-top:.25rem;color:var(--muted);font-size:.88rem;font-style:italic}
.sources{padding-left:1.2rem;font-size:.95rem}
.sources li{margin:.35rem 0}
.sources .meta{color:var(--muted)}
.pager{display:flex;justify-content:space-between;gap:1rem;margin-top:3rem;padding-top:1.25rem;border-top:1px solid var(--border)}
.pager a{display:block;max-width:48%;text-decoration:none;padding:.6rem .9rem;border:1px solid var(--border);border-radius:10px}
.pager a:hover{border-color:var(--accent)}
.pager small{display:block;color:var(--muted)}
.pager .next{margin-left:auto;text-align:right}
.site-footer{border-top:1px solid var(--border);color:var(--muted);font-size:.85rem;padding:1.5rem 1.25rem 2.5rem;text-align:center}
.site-footer p{margin:.2rem auto;max-width:60rem}
.clipboard-fallback{position:fixed;top:0;left:0;width:1px;height:1px;opacity:0}
@media print{.topbar,.toc,.copy,.pager{display:none}.layout{display:block}.fig-frame{border:0}}
`.trim();
}
