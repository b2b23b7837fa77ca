// The image skills end to end with the built-in OCR models: OCR (CER on a rendered paper page),
// table recognition (the cell grid of pek_table_001.png, and a PDF's tables), visual grounding (boxes
// inside the image, on the right words, drawn) and captioning (offline, says how it was made).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadImage } from '@napi-rs/canvas';
import { characterErrorRate } from '../../engine/models/ocr/metrics.js';
import { runSkill } from '../../skills/registry.js';
import { corpus, pdftotext } from '../helpers/corpus.js';

const tmp = (p: string) => mkdtempSync(path.join(os.tmpdir(), `folio-${p}-`));

describe('table-recognition', () => {
  it('recovers the 12×4 grid of pek_table_001.png, wrapped cells kept whole', async () => {
    const out = tmp('table');
    const r = await runSkill('table-recognition', { inputs: [corpus('images/pek_table_001.png')], outDir: out });
    const rows = (JSON.parse(readFileSync(r.outputs.find((o) => o.kind === 'json')!.path, 'utf8')) as { rows: string[][] }).rows;
    expect(rows).toHaveLength(12);
    for (const row of rows) expect(row).toHaveLength(4);
    expect(rows[0]![0]).toBe('Quantity \\ Unit System');
    expect(rows[0]![1]).toBe('International System SI (kg-m-s)');
    const angle = rows.find((x) => x[0]!.startsWith('Angle'))!;
    expect(angle[1]).toBe('radian (rad), which is dimensionless');
    expect(rows.find((x) => x[0]!.startsWith('Moment'))![0]).toBe('Moment or torque, rotational action');
    expect(rows.find((x) => x[0]!.startsWith('Time'))!.slice(1)).toEqual(['second (s)', 'second (s)', 'second (s)']);
    const csv = readFileSync(r.outputs.find((o) => o.kind === 'csv')!.path, 'utf8');
    expect(csv.split('\r\n')[6]).toMatch(/^"Translational damping constant, c",N\/\(m\/s\) = N-s\/m,/);
  });

  it('takes a PDF table’s grid from its text positions', async () => {
    const out = tmp('table-pdf');
    const r = await runSkill('table-recognition', { inputs: [corpus('papers/unstructured_multi-column_DPR.pdf')], outDir: out, options: { table: 'Table 1' } });
    const t = JSON.parse(readFileSync(r.outputs.find((o) => o.kind === 'json')!.path, 'utf8')) as { label: string; rows: string[][] };
    expect(t.label).toBe('Table 1');
    expect(t.rows.length).toBeGreaterThanOrEqual(5);
    expect(t.rows.flat().join(' ')).toMatch(/Natural Questions/);
  });
});

describe('ocr', () => {
  it('reads a 150-DPI render of a DPR page with CER ≤ 3 % and writes boxes inside the image', async () => {
    const dir = tmp('ocr');
    const png = path.join(dir, 'dpr-p3');
    execFileSync('pdftoppm', ['-r', '150', '-f', '3', '-l', '3', '-png', '-singlefile', corpus('papers/unstructured_multi-column_DPR.pdf'), png]);
    const r = await runSkill('ocr', { inputs: [`${png}.png`], outDir: path.join(dir, 'out') });
    const json = JSON.parse(readFileSync(r.outputs.find((o) => o.kind === 'json')!.path, 'utf8')) as { pages: { width: number; height: number; text: string; lines: { bbox: number[] }[] }[] };
    const page = json.pages[0]!;
    const cer = characterErrorRate(page.text, pdftotext(corpus('papers/unstructured_multi-column_DPR.pdf'), { first: 3, last: 3 }));
    expect(cer).toBeLessThanOrEqual(0.03);
    for (const l of page.lines) {
      expect(l.bbox[0]).toBeGreaterThanOrEqual(0);
      expect(l.bbox[3]).toBeLessThanOrEqual(page.height + 1);
      expect(l.bbox[2]).toBeLessThanOrEqual(page.width + 1);
    }
    expect(readFileSync(r.outputs.find((o) => o.kind === 'markdown')!.path, 'utf8')).toMatch(/Dense Passage Retriever|passage/);
  });
});

describe('visual-grounding', () => {
  it('grounds a quoted phrase and a plain request in the table image, boxes inside it, drawn on a PNG', async () => {
    const out = tmp('ground');
    const r = await runSkill('visual-grounding', { inputs: [corpus('images/pek_table_001.png')], goal: 'find "pound force"', outDir: out });
    const j = JSON.parse(readFileSync(r.outputs.find((o) => o.kind === 'json')!.path, 'utf8')) as { width: number; height: number; boxes: { text: string; bbox: number[]; bbox_1000: number[] }[] };
    expect(j.width).toBe(2191);
    expect(j.boxes).toHaveLength(2);
    for (const b of j.boxes) {
      expect(b.text.toLowerCase()).toBe('pound force');
      expect(b.bbox[0]).toBeGreaterThanOrEqual(0);
      expect(b.bbox[2]).toBeLessThanOrEqual(j.width);
      expect(b.bbox[3]).toBeLessThanOrEqual(j.height);
      // The force row is the fifth band of twelve: boxes sit a third of the way down.
      expect(b.bbox_1000[1]).toBeGreaterThan(280);
      expect(b.bbox_1000[3]).toBeLessThan(420);
      expect(b.bbox_1000[0]).toBeGreaterThan(500);
    }
    const png = await loadImage(readFileSync(r.outputs.find((o) => o.kind === 'png')!.path));
    expect(png.width).toBeGreaterThan(500);

    const r2 = await runSkill('visual-grounding', { inputs: [corpus('images/pek_table_001.png')], goal: 'rotational inertia', outDir: tmp('ground2') });
    const j2 = JSON.parse(readFileSync(r2.outputs.find((o) => o.kind === 'json')!.path, 'utf8')) as { boxes: { text: string }[] };
    expect(j2.boxes[0]!.text).toMatch(/^Rotational inertia/);
  });
});

describe('image-caption', () => {
  it('captions a chart offline from OCR and layout, and says a vision model gives a real caption', async () => {
    const out = tmp('caption');
    const r = await runSkill('image-caption', { inputs: [corpus('images/pek_table_001.png')], outDir: out });
    const c = (JSON.parse(readFileSync(r.outputs.find((o) => o.kind === 'json')!.path, 'utf8')) as { captions: { caption: string; kind: string; generator: string }[] }).captions[0]!;
    expect(c.kind).toBe('table');
    expect(c.caption).toMatch(/^A table \(2191×1046 px\)/);
    expect(c.caption).toMatch(/Quantity/);
    expect(c.generator).toMatch(/vision-language model/);
  });
});
