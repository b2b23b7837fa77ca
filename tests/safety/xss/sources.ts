// Hostile sources made from the payload corpus: a two-page PDF whose metadata title, title line,
// headings, paragraphs, table caption and table cells carry the payloads, an HTML page that carries
// them both as markup and as text, and a corpus image under a file name that is itself a payload.
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ALL, PAYLOADS } from './payloads.js';
import { buildPdf } from '../../helpers/pdf-builder.js';

/** A file name a payload can live in (no slash, no newline). */
export const HOSTILE_NAME = 'x"><img src=x onerror=alert(40)> [n41](javascript:alert(41)) <svg onload=alert(42)>';

const pdfString = (s: string): string => `(${s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, ' ')})`;

function textAt(x: number, y: number, size: number, s: string): string {
  return `BT /F1 ${size} Tf ${x} ${y} Td ${pdfString(s)} Tj ET`;
}

export function hostilePdf(): Buffer {
  const p1: string[] = [textAt(60, 740, 20, `Hostile paper ${PAYLOADS[14]} ${PAYLOADS[0]}`), textAt(60, 712, 11, `A. Author ${PAYLOADS[1]}`)];
  let y = 680;
  p1.push(textAt(60, y, 13, `Abstract ${PAYLOADS[10]}`));
  y -= 20;
  // One payload a line, each line a sentence so the readers keep it as a paragraph.
  for (const pl of PAYLOADS.slice(0, 14)) {
    p1.push(textAt(60, y, 10, `The method reads ${pl} as text and shows it as written.`));
    y -= 14;
  }
  y -= 10;
  p1.push(textAt(60, y, 13, `1 Introduction ${PAYLOADS[2]}`));
  y -= 20;
  for (const pl of PAYLOADS.slice(14)) {
    p1.push(textAt(60, y, 10, `Evaluation of ${pl} shows the result holds.`));
    y -= 14;
  }
  const p2: string[] = [textAt(60, 740, 13, `2 Results ${PAYLOADS[12]}`), textAt(60, 716, 10, `Table 1: Results ${PAYLOADS[10]} ${PAYLOADS[13]}`)];
  const rows = [
    ['Benchmark', 'Speedup', 'Note'],
    [PAYLOADS[1]!, '2.5', PAYLOADS[10]!],
    [PAYLOADS[5]!, '3.1', PAYLOADS[17]!],
    [PAYLOADS[18]!, '4.0', PAYLOADS[13]!],
    ['crypto', '1.2', PAYLOADS[0]!],
  ];
  rows.forEach((r, i) => r.forEach((c, j) => p2.push(textAt(60 + j * 170, 690 - i * 16, 9, c))));
  p2.push(textAt(60, 590, 10, `The table shows ${ALL.slice(0, 300)} across runs.`));
  p2.push(textAt(60, 560, 13, 'References'));
  p2.push(textAt(60, 540, 9, `[1] B. Writer. ${PAYLOADS[15]} In Proc. ${PAYLOADS[6]}, 2020.`));

  const info = `<< /Title ${pdfString(`Meta ${PAYLOADS[14]} ${PAYLOADS[1]}`)} /Author ${pdfString(PAYLOADS[15]!)} /Subject ${pdfString(PAYLOADS[5]!)} >>`;
  return Buffer.from(buildPdf([p1, p2].map((lines) => ({ width: 612, height: 792, content: lines.join('\n') })), { info }));
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Payloads as live markup (what a hostile page is) and as text (what a page about XSS shows). */
export function hostileHtml(): string {
  const asText = PAYLOADS.map((p) => `<p>The article quotes ${esc(p)} as an example of an attack.</p>`).join('\n');
  const live = PAYLOADS.join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc(`Page ${PAYLOADS[14]} ${PAYLOADS[1]}`)}</title>
<meta name="author" content="${esc(PAYLOADS[15]!)}"><meta property="og:title" content="${esc(`OG ${PAYLOADS[0]}`)}"></head>
<body><article>
<h1>Hostile article ${esc(PAYLOADS[0]!)} ${PAYLOADS[1]}</h1>
<p>By <a href="java&#x09;script:alert(50)">an author</a> and <a href="javascript:alert(51)">another</a>.</p>
${asText}
<h2>Live markup ${esc(PAYLOADS[2]!)}</h2>
<p>These are in the page as markup. ${live}</p>
<figure><img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==" alt="${esc(`alt ${PAYLOADS[1]}`)}"><figcaption>Figure 1: ${esc(PAYLOADS[10]!)}</figcaption></figure>
<table><caption>Table 1: ${esc(PAYLOADS[13]!)}</caption><tr><th>${esc(PAYLOADS[0]!)}</th><th>b</th></tr><tr><td>${esc(PAYLOADS[10]!)}</td><td><a href="javascript:alert(52)">x</a></td></tr></table>
<p>More text so that the reader keeps this page: the article explains each example at length, and why a tool that shows pages must treat all of it as text.</p>
</article></body></html>
`;
}

/** Writes the sources into dir: returns their paths (the PDF and image under hostile names). */
export function writeHostileSources(dir: string, image: string): { pdf: string; html: string; image: string } {
  const pdf = path.join(dir, `${HOSTILE_NAME}.pdf`);
  const html = path.join(dir, `${HOSTILE_NAME}.html`);
  const img = path.join(dir, `${HOSTILE_NAME}${path.extname(image)}`);
  writeFileSync(pdf, hostilePdf());
  writeFileSync(html, hostileHtml());
  copyFileSync(image, img);
  return { pdf, html, image: img };
}
