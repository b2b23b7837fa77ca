// Figure and table boxes against docling's ground truth (annotated/docling). Docling's boxes have a
// bottom-left origin; ours a top-left one. Per file: each captioned picture/table, whether we found
// it (by label), the caption match, and the box IoU. The report goes to tests/.output/docling-iou.json.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelKey } from '../../engine/compose/outline.js';
import { wordF1 } from '../../engine/text/tokens.js';
import { corpus, corpusDir, outputDir } from '../helpers/corpus.js';
import { ingested } from '../helpers/ingest-cache.js';

interface GtItem {
  label: string;
  prov: { page_no: number; bbox: { l: number; t: number; r: number; b: number; coord_origin: string } }[];
  captions?: { $ref: string }[];
}
interface GtDoc {
  pictures: GtItem[];
  tables: GtItem[];
  texts: { self_ref: string; text: string }[];
  pages: Record<string, { size: { width: number; height: number } }>;
}

type Box = [number, number, number, number];
export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const area = (r: Box) => Math.max(0, r[2] - r[0]) * Math.max(0, r[3] - r[1]);
  return inter === 0 ? 0 : inter / (area(a) + area(b) - inter);
}

interface Row {
  file: string;
  kind: 'figure' | 'table';
  page: number;
  label: string;
  found: boolean;
  iou: number;
  captionF1: number;
}

async function evaluate(pdf: string): Promise<Row[]> {
  const gt = JSON.parse(readFileSync(corpus(`annotated/docling/${pdf.replace(/\.pdf$/, '.groundtruth.json')}`), 'utf8')) as GtDoc;
  const { doc } = await ingested(`annotated/docling/${pdf}`);
  const text = new Map(gt.texts.map((t) => [t.self_ref, t.text]));
  const rows: Row[] = [];
  for (const [kind, items] of [['figure', gt.pictures], ['table', gt.tables]] as const) {
    for (const it of items) {
      const caption = it.captions?.[0] ? (text.get(it.captions[0].$ref) ?? '') : '';
      const key = labelKey(caption.replace(/^\[(표|그림)\s*(\d+)\]/, (_m, w: string, n: string) => `${w === '표' ? 'Table' : 'Figure'} ${n}`));
      if (!key) continue; // uncaptioned pictures (logos, icons) are not what caption-anchored regions look for
      const p = it.prov[0]!;
      const H = gt.pages[String(p.page_no)]!.size.height;
      const box: Box = p.bbox.coord_origin === 'BOTTOMLEFT' ? [p.bbox.l, H - p.bbox.t, p.bbox.r, H - p.bbox.b] : [p.bbox.l, p.bbox.t, p.bbox.r, p.bbox.b];
      const ours = [...doc.figures, ...doc.tables].filter((f) => f.page === p.page_no && labelKey(f.label)?.split(' ')[1] === key.split(' ')[1]);
      const best = ours.map((f) => ({ f, v: iou(f.bbox as Box, box) })).sort((a, b) => b.v - a.v)[0];
      rows.push({
        file: pdf,
        kind,
        page: p.page_no,
        label: key,
        found: best !== undefined,
        iou: best ? Math.round(best.v * 1000) / 1000 : 0,
        captionF1: best ? Math.round(wordF1(best.f.caption, caption).f1 * 1000) / 1000 : 0,
      });
    }
  }
  return rows;
}

describe('docling ground truth: figure and table boxes', () => {
  it('reports IoU and caption match per file, and stays above the measured floor', async () => {
    const files = readdirSync(path.join(corpusDir, 'annotated/docling')).filter((f) => f.endsWith('.pdf')).sort();
    const rows: Row[] = [];
    for (const f of files) rows.push(...(await evaluate(f)));
    const byFile = files.map((f) => {
      const r = rows.filter((x) => x.file === f);
      const found = r.filter((x) => x.found);
      return {
        file: f,
        captioned: r.length,
        found: found.length,
        meanIoU: found.length ? Math.round((found.reduce((s, x) => s + x.iou, 0) / found.length) * 1000) / 1000 : null,
        iouAtLeast085: found.filter((x) => x.iou >= 0.85).length,
        captionsMatching: found.filter((x) => x.captionF1 >= 0.9).length,
      };
    });
    mkdirSync(outputDir, { recursive: true });
    writeFileSync(path.join(outputDir, 'docling-iou.json'), JSON.stringify({ byFile, rows }, null, 1));
    console.table(byFile);
    const found = rows.filter((r) => r.found);
    // Measured: all 17 captioned items found, mean IoU 0.96, every one at ≥ 0.85 (lowest:
    // normal_4pages Table 1 0.852, which keeps its source notes), all 17 captions matching. Before
    // graphics were cut to their clipping path, amt Figure 7-27 ran to the page edge (0.850, mean
    // 0.95). Before numbered section
    // lines ended regions and ruled grids bounded tables: mean 0.90, 14 of 17 (the OTSL Table 1 took
    // the "5.2" heading in, 0.71; redbook Table 3-1 stopped at a sentence-long cell, 0.52). Before
    // graphics came with the text and figures stopped at the sentence that introduces them: 16 of
    // 17 found, mean 0.86.
    expect(found.length).toBe(rows.length);
    expect(found.reduce((s, r) => s + r.iou, 0) / found.length).toBeGreaterThanOrEqual(0.955);
    expect(found.filter((r) => r.iou >= 0.85).length).toBe(found.length);
    expect(found.filter((r) => r.captionF1 >= 0.9).length / found.length).toBeGreaterThanOrEqual(0.9);
  });
});
