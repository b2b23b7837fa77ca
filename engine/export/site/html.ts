// Escaping and URL policy for the site exporter. Every string that came from a source goes through
// text() or attr(); every href goes through safeHref(). Nothing from a source is ever emitted raw.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function esc(s: string): string {
  // Control characters other than tab/newline have no business in a page and can confuse parsers.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Builds ` name="value"` pairs; undefined/false values are left out, true gives a bare attribute. */
export function attrs(a: Record<string, string | number | boolean | undefined>): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined || v === false) continue;
    if (!/^[a-z][a-z0-9-]*$/.test(k) || k.startsWith('on')) throw new Error(`site: refusing attribute name "${k}"`);
    out += v === true ? ` ${k}` : ` ${k}="${esc(String(v))}"`;
  }
  return out;
}

export type HrefKind = 'internal' | 'external';

/**
 * Classifies a link target: a relative link that stays inside the site, an http(s)/mailto link to
 * elsewhere (a plain hyperlink: nothing is fetched until the reader clicks), or null for anything
 * else (javascript:, data:, file:, protocol-relative //host, paths that climb out of the site).
 */
export function classifyHref(href: string): { kind: HrefKind; href: string } | null {
  const h = href.trim();
  if (h === '' || h.startsWith('//') || h.startsWith('\\')) return null;
  let u: URL;
  const base = 'file:///__folio_site__/';
  try {
    u = new URL(h, base);
  } catch {
    return null;
  }
  if (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:') {
    // Only when the author wrote the scheme; a relative path never turns into a remote URL.
    return /^(https?|mailto):/i.test(h) ? { kind: 'external', href: u.href } : null;
  }
  if (u.protocol === 'file:' && u.href.startsWith(base) && !/^[a-z][a-z0-9+.-]*:/i.test(h)) {
    return { kind: 'internal', href: h };
  }
  return null;
}

/** A filesystem- and URL-safe slug (lower-case ASCII letters, digits, dashes). */
export function slugify(s: string, fallback = 'section'): string {
  const slug = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || fallback;
}

/** Hands out slugs that are unique within one namespace (ids on a page, files in a folder). */
export class SlugSet {
  private readonly used = new Set<string>();
  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.used.add(r);
  }
  take(base: string): string {
    let s = base;
    for (let i = 2; this.used.has(s); i++) s = `${base}-${i}`;
    this.used.add(s);
    return s;
  }
}
