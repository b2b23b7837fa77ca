// table-recognition: a table image (OCR) or a PDF's tables (text positions) → Markdown, CSV, JSON.
import path from 'node:path';
import { z } from 'zod';
import { UserInputError } from '../../engine/errors.js';
import { mdLine } from '../../engine/export/markdown/escape.js';
import { labelKey } from '../../engine/compose/outline.js';
import { writeJsonAtomic, writeTextAtomic } from '../lib/output.js';
import { ocrInput } from '../lib/ocr.js';
import { prepareInputs } from '../lib/prepare.js';
import type { SkillOutput } from '../types.js';
import { sourceKindOfFile } from '../../engine/ingest/kind.js';
import { defineSkill } from '../types.js';
import { gridFromLines, toCsv, toMarkdown } from './grid.js';

export default defineSkill({
  id: 'table-recognition',
  inputSchema: z.object({ table: z.string().optional() }),
  async run(ctx) {
    const input = ctx.inputs[0]!;
    const tables: { name: string; label: string; caption?: string; page: number; rows: string[][]; extra?: Record<string, unknown> }[] = [];
    if ((await sourceKindOfFile(input)) === 'pdf') {
      const [src] = await prepareInputs(ctx);
      const want = ctx.options.table ? labelKey(ctx.options.table) : undefined;
      if (ctx.options.table && !want) throw new UserInputError(`--table: "${ctx.options.table}" is not a table label (like "Table 3")`);
      for (const t of src!.doc.tables) {
        if (want && labelKey(t.label) !== want) continue;
        if (t.rows.length === 0) continue;
        tables.push({ name: '', label: t.label, caption: t.caption, page: t.page, rows: t.rows, extra: { bbox: t.bbox, ...(t.continues ? { continues: t.continues } : {}) } });
      }
      if (tables.length === 0) throw new UserInputError(`${path.basename(input)}: ${want ? `no ${ctx.options.table} found` : 'no captioned table with a text grid found'}`);
    } else {
      const [page] = await ocrInput(ctx, input, { pages: [1] });
      const grid = gridFromLines(page!.frame.result.lines);
      if (grid.rows.length === 0) throw new UserInputError(`${path.basename(input)}: no text found, so no table to recognise`);
      tables.push({ name: '', label: 'Table', page: 1, rows: grid.rows, extra: { columns: grid.columns, bands: grid.bands, width: page!.frame.result.width, height: page!.frame.result.height } });
    }
    const outputs: SkillOutput[] = [];
    for (const [i, t] of tables.entries()) {
      const base = tables.length === 1 ? 'table' : `table-${i + 1}`;
      const md = path.join(ctx.outDir, `${base}.md`);
      const csv = path.join(ctx.outDir, `${base}.csv`);
      const json = path.join(ctx.outDir, `${base}.json`);
      await writeTextAtomic(csv, toCsv(t.rows));
      await writeJsonAtomic(json, { source: path.basename(input), label: t.label, caption: t.caption, page: t.page, rows: t.rows, ...t.extra });
      await writeTextAtomic(md, `${t.caption ? `**${mdLine(t.caption)}**\n\n` : ''}${toMarkdown(t.rows)}`);
      const size = `${t.rows.length}×${Math.max(...t.rows.map((r) => r.length))}`;
      outputs.push({ kind: 'markdown', path: md, label: `${t.label} ${size} (Markdown)` }, { kind: 'csv', path: csv, label: `${t.label} (CSV)` }, { kind: 'json', path: json, label: `${t.label} (JSON)` });
    }
    return { outputs, summary: `Recognised ${tables.length} table${tables.length === 1 ? '' : 's'}: ${tables.map((t) => `${t.label} (${t.rows.length} rows)`).join(', ')}` };
  },
});
