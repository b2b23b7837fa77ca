// `folio ocr <image|pdf> [--json] [--pages 1-3]`: reads the text of an image or of PDF pages
// with the OCR engine and prints it in reading order, or as JSON with boxes and confidences.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserInputError } from '../../engine/errors.js';
import { ModelHost, type OcrFrame } from '../../engine/models/host.js';
import { parseProvider } from '../../engine/models/ort.js';
import { sourceKindOf } from '../../engine/ingest/kind.js';
import { openPdfPages, parsePageList } from '../../engine/ingest/render.js';
import { readSourceFile } from '../../engine/ingest/source-file.js';

interface PageOut {
  page: number;
  frame: OcrFrame;
  dpi?: number;
}

export async function ocrCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      pages: { type: 'string' },
      dpi: { type: 'string' },
      provider: { type: 'string' },
      'no-cls': { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new UserInputError('ocr: give one image or PDF file (folio ocr <file> [--json] [--pages 1-3])');
  const file = positionals[0]!;
  const name = path.basename(file);
  const dpi = values.dpi !== undefined ? Number(values.dpi) : 200;
  if (!Number.isFinite(dpi) || dpi < 50 || dpi > 600) throw new UserInputError(`ocr: --dpi must be between 50 and 600 (got ${values.dpi})`);
  const provider = values.provider !== undefined && values.provider !== 'auto' ? parseProvider(values.provider) : undefined;
  if (provider === null) throw new UserInputError(`ocr: --provider must be cpu, cuda, dml, coreml or auto (got ${values.provider})`);
  const wanted = parsePageList(values.pages);
  const bytes = await readSourceFile(file, name);
  const isPdf = sourceKindOf(name, bytes) === 'pdf';
  const host = new ModelHost(provider ? { provider } : {});
  const options = { cls: values['no-cls'] !== true };
  const pages: PageOut[] = [];
  const t0 = performance.now();
  try {
    if (isPdf) {
      const pdf = await openPdfPages(file);
      try {
        const n = pdf.pageCount;
        const list = (wanted ?? Array.from({ length: n }, (_, i) => i + 1)).filter((p) => p <= n);
        if (list.length === 0) throw new UserInputError(`ocr: ${name} has ${n} pages; none of --pages ${values.pages} exist`);
        for (const p of list) {
          const img = await pdf.render(p, { dpi });
          const r = await host.ocrImage(img.png, name, { ...options, firstOnly: true });
          pages.push({ page: p, frame: r.frames[0]!, dpi });
        }
      } finally {
        await pdf.close();
      }
    } else {
      const r = await host.ocrImage(bytes, name, { ...options, firstOnly: wanted !== null && wanted.length === 1 && wanted[0] === 1 });
      for (const f of r.frames) if (!wanted || wanted.includes(f.index)) pages.push({ page: f.index, frame: f });
      if (pages.length === 0) throw new UserInputError(`ocr: ${name} has ${r.frames.length} image${r.frames.length === 1 ? '' : 's'}; none of --pages ${values.pages} exist`);
    }
  } finally {
    await host.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  if (values.json) {
    const json = {
      file: name,
      kind: isPdf ? 'pdf' : 'image',
      seconds: Math.round(seconds * 1000) / 1000,
      pages: pages.map(({ page, frame, dpi: d }) => ({
        page,
        width: frame.width,
        height: frame.height,
        unit: 'px',
        ...(d !== undefined ? { dpi: d } : {}),
        providers: frame.result.providers,
        timings: roundAll(frame.result.timings),
        blocks: frame.result.blocks.map((b) => ({
          text: b.text,
          bbox: b.bbox.map(r1),
          confidence: r3(b.confidence),
          lines: b.lineIndices.map((i) => {
            const l = frame.result.lines[i]!;
            return { text: l.text, confidence: r3(l.confidence), bbox: l.bbox.map(r1), quad: l.quad.map(([x, y]) => [r1(x), r1(y)]), ...(l.vertical ? { vertical: true } : {}) };
          }),
        })),
      })),
    };
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return 0;
  }
  const many = pages.length > 1;
  const parts = pages.map(({ page, frame }) => (many ? `--- page ${page} ---\n` : '') + frame.result.text);
  process.stdout.write(parts.join('\n\n') + '\n');
  const prov = pages[0]?.frame.result.providers.recognition ?? 'cpu';
  process.stderr.write(`folio: ${name}: ${pages.length} page${many ? 's' : ''}, ${pages.reduce((a, p) => a + p.frame.result.lines.length, 0)} lines, ${seconds.toFixed(2)} s on ${prov}\n`);
  return 0;
}

function r1(v: number): number {
  return Math.round(v * 10) / 10;
}
function r3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
function roundAll<T extends object>(o: T): Record<keyof T, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(Number(v))])) as Record<keyof T, number>;
}
