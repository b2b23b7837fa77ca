// The Content-Security-Policy of the app window and the browser-mode page. Scripts and connections
// only from the app itself; images may be data: URLs (page images, figures); previews of HTML slides
// run in sandboxed srcdoc iframes, which inherit this policy: their inline styles are allowed, their
// scripts are not. A generated site is previewed from its own files (sandboxed iframe, SITE_CSP).
import { SITE_SCHEME } from '../contract/contract.ts';

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  `frame-src 'self' about: data: ${SITE_SCHEME}:`,
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The policy sent with every file of a previewed site: its own images, styles and fonts, nothing
 * else; no scripts at all (the iframe's sandbox has no allow-scripts either), no forms, no plugins.
 * `ancestors` is who may frame it: the app page's origin.
 */
export function siteCsp(ancestors: string): string {
  return [
    "default-src 'none'",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "media-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

/** The renderer's page; the bundle's script and stylesheet sit beside it. */
export function indexHtml(opts: { scriptSrc: string; styleHref: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP.replace(/; frame-ancestors [^;]+/, '')}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Folio</title>
<link rel="stylesheet" href="${opts.styleHref}">
</head>
<body>
<div id="root"></div>
<script defer src="${opts.scriptSrc}"></script>
</body>
</html>
`;
}
