// Checks rendered pages against the files actually written: every src and internal href must
// resolve to a file in the site (and a fragment to an id on that page). A broken link is unwrapped
// to its text and an image that does not resolve is removed, each with a logged fix. Also a last
// guard that nothing executable or remote slipped into the markup.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { FolioError } from '../../errors.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { classifyHref } from './html.js';

function unescapeAttr(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function ids(html: string): Set<string> {
  const out = new Set<string>();
  for (const m of html.matchAll(/\sid="([^"]*)"/g)) out.add(unescapeAttr(m[1]!));
  return out;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/**
 * Fixes links in place. `pages` maps a page file name (index.html) to its HTML; `root` is the
 * folder already holding the copied assets and sources.
 */
export async function verifyLinks(pages: Map<string, string>, root: string, fixes: string[]): Promise<void> {
  const idsOf = new Map([...pages].map(([f, h]) => [f, ids(h)] as const));
  const fileOk = new Map<string, boolean>();
  const resolves = async (from: string, href: string): Promise<string | null> => {
    const c = classifyHref(href);
    if (!c) return 'unsafe address';
    if (c.kind === 'external') return null;
    const hash = href.indexOf('#');
    const rawPath = hash >= 0 ? href.slice(0, hash) : href;
    let frag: string;
    let rel: string;
    try {
      frag = hash >= 0 ? decodeURIComponent(href.slice(hash + 1)) : '';
      rel = decodeURIComponent(rawPath.split('?')[0]!) || from;
    } catch {
      return 'malformed address';
    }
    const target = path.posix.normalize(rel);
    if (target.startsWith('..') || path.posix.isAbsolute(target)) return 'points outside the site';
    if (pages.has(target)) {
      if (frag && !idsOf.get(target)!.has(frag)) return `no element #${frag} on ${target}`;
      return null;
    }
    if (!fileOk.has(target)) fileOk.set(target, await isFile(path.join(root, ...target.split('/'))));
    if (!fileOk.get(target)) return `${target} was not written`;
    return null;
  };

  for (const [file, html] of pages) {
    let out = '';
    let last = 0;
    // Our anchors never nest, so each <a ...>…</a> pair can be taken as it comes.
    for (const m of html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)) {
      const href = /\shref="([^"]*)"/.exec(m[1]!)?.[1];
      if (href === undefined) continue;
      const problem = await resolves(file, unescapeAttr(href));
      if (!problem) continue;
      fixes.push(`${file}: link to ${unescapeAttr(href)} does not resolve (${problem}); kept as plain text`);
      out += html.slice(last, m.index) + `<span>${m[2]!}</span>`;
      last = m.index + m[0].length;
    }
    let fixed = out + html.slice(last);
    out = '';
    last = 0;
    for (const m of fixed.matchAll(/<img\b[^>]*>/g)) {
      const src = /\ssrc="([^"]*)"/.exec(m[0])?.[1];
      const problem = src === undefined ? 'no src' : await resolves(file, unescapeAttr(src));
      const external = src !== undefined && classifyHref(unescapeAttr(src))?.kind === 'external';
      if (!problem && !external) continue;
      fixes.push(`${file}: image ${src ?? ''} does not resolve (${problem ?? 'remote image'}); removed`);
      out += fixed.slice(last, m.index);
      last = m.index + m[0].length;
    }
    fixed = out + fixed.slice(last);
    pages.set(file, fixed);
  }
}

/** Defence in depth: the rendered markup holds our one script and no handler or script URL. */
export function assertInert(file: string, html: string): void {
  const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)];
  const problems: string[] = [];
  if (scripts.length !== 1 || scripts[0]![1] !== CLIENT_SCRIPT) problems.push(`${scripts.length} script elements`);
  const tags = html.replace(/<script\b[\s\S]*?<\/script>|<style\b[\s\S]*?<\/style>/gi, '');
  // Text and attribute values are escaped, so a raw "<" starts a tag of ours and attribute values
  // hold no raw quote: tokenising attributes this way sees exactly what a browser sees.
  for (const m of tags.matchAll(/<([a-z][a-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*"[^"]*")?)*)\s*\/?>/gi)) {
    const tag = m[1]!.toLowerCase();
    if (['iframe', 'object', 'embed', 'link', 'base', 'form', 'svg', 'math', 'frame', 'frameset', 'applet'].includes(tag)) problems.push(`forbidden element <${tag}>`);
    for (const a of m[2]!.matchAll(/\s+([^\s"'>/=]+)(?:\s*=\s*"([^"]*)")?/g)) {
      const name = a[1]!.toLowerCase();
      const value = unescapeAttr(a[2] ?? '');
      if (name.startsWith('on')) problems.push(`event handler ${name} on <${tag}>`);
      if (['href', 'src', 'action', 'formaction', 'srcset', 'poster', 'data', 'xlink:href'].includes(name) && value && !classifyHref(value)) problems.push(`unsafe ${name} on <${tag}>`);
      if (name === 'src' && classifyHref(value)?.kind === 'external') problems.push(`remote resource on <${tag}>`);
      if (tag === 'meta' && name === 'http-equiv' && value.toLowerCase() === 'refresh') problems.push('meta refresh');
    }
  }
  // Anything left that looks like markup but did not tokenise is a renderer bug.
  const stray = tags.replace(/<([a-z][a-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*"[^"]*")?)*)\s*\/?>|<\/[a-z][a-z0-9-]*>|<!doctype html>/gi, '');
  if (/[<>]/.test(stray)) problems.push(`unescaped markup near ${JSON.stringify(stray.slice(Math.max(0, stray.search(/[<>]/) - 30), stray.search(/[<>]/) + 30))}`);
  if (problems.length) throw new FolioError('INTERNAL', `site exporter: ${file} failed its safety check: ${problems.slice(0, 3).join('; ')}`);
}
