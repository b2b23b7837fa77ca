// Makes outputs self-contained for previews and single-file exports: local images become data:
// URLs and local stylesheets are inlined, reading only files inside the output's own folder.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { isInside, mimeOf } from './fs-util.ts';

const MAX_INLINE = 20 * 1024 * 1024;

async function dataUrl(root: string, baseDir: string, ref: string): Promise<string | null> {
  if (/^(?:[a-z]+:|\/\/|#)/i.test(ref)) return null;
  const file = path.resolve(baseDir, decodeURI(ref.split(/[?#]/)[0] ?? ''));
  if (!isInside(root, file)) return null;
  const bytes = await readFile(file).catch(() => null);
  if (!bytes || bytes.length > MAX_INLINE) return null;
  const mime = file.toLowerCase().endsWith('.svg') ? 'image/svg+xml' : mimeOf(file);
  return `data:${mime};base64,${bytes.toString('base64')}`;
}

/** Markdown with `![alt](local.png)` images inlined. */
export async function inlineMarkdown(mdFile: string, root: string): Promise<string> {
  const md = await readFile(mdFile, 'utf8');
  const dir = path.dirname(mdFile);
  const refs = [...md.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] ?? '');
  const map = new Map<string, string>();
  for (const ref of new Set(refs)) {
    const url = await dataUrl(root, dir, ref);
    if (url) map.set(ref, url);
  }
  return md.replace(/(!\[[^\]]*\]\(\s*<?)([^)\s>]+)(>?(?:\s+"[^"]*")?\s*\))/g, (all, a: string, ref: string, b: string) => {
    const url = map.get(ref);
    return url ? `${a}${url}${b}` : all;
  });
}

/** An HTML page with its local stylesheets and images inlined (scripts stay; previews run with scripts off). */
export async function inlineHtml(htmlFile: string, root: string): Promise<string> {
  const html = await readFile(htmlFile, 'utf8');
  const dir = path.dirname(htmlFile);
  const { document } = parseHTML(html);
  for (const link of [...document.querySelectorAll('link[rel~="stylesheet"][href]')]) {
    const href = link.getAttribute('href') ?? '';
    if (/^(?:[a-z]+:|\/\/)/i.test(href)) continue;
    const file = path.resolve(dir, href);
    if (!isInside(root, file)) continue;
    const css = await readFile(file, 'utf8').catch(() => null);
    if (css === null) continue;
    const style = document.createElement('style');
    style.textContent = await inlineCssUrls(css, path.dirname(file), root);
    link.replaceWith(style);
  }
  for (const img of [...document.querySelectorAll('img[src], source[srcset], image[href]')]) {
    const attr = img.hasAttribute('src') ? 'src' : img.hasAttribute('srcset') ? 'srcset' : 'href';
    const url = await dataUrl(root, dir, img.getAttribute(attr) ?? '');
    if (url) img.setAttribute(attr, url);
  }
  for (const style of [...document.querySelectorAll('style')]) {
    style.textContent = await inlineCssUrls(style.textContent ?? '', dir, root);
  }
  const doctype = /^\s*<!doctype html>/i.test(html) ? '<!DOCTYPE html>\n' : '';
  return doctype + document.documentElement.outerHTML;
}

async function inlineCssUrls(css: string, dir: string, root: string): Promise<string> {
  const refs = [...css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)].map((m) => m[1] ?? '');
  let out = css;
  for (const ref of new Set(refs)) {
    const url = await dataUrl(root, dir, ref);
    if (url) out = out.split(ref).join(url);
  }
  return out;
}

/**
 * The slides of an HTML deck page, each as its own small page (the deck's styles + one slide), for
 * thumbnails. A page with no `section.slide` elements is one slide: itself.
 */
export async function splitSlides(htmlFile: string, root: string): Promise<string[]> {
  const page = await inlineHtml(htmlFile, root);
  const { document } = parseHTML(page);
  const styles = [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
  const stage = document.querySelector('.stage');
  const slides = [...(stage ?? document).querySelectorAll('section.slide')];
  if (slides.length === 0) return [page];
  return slides.map(
    (s) =>
      `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${styles}\nhtml,body{margin:0;background:transparent;overflow:hidden}</style></head><body>${s.outerHTML}</body></html>`,
  );
}
