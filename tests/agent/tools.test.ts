// The agent's tools on a real one-page paper excerpt (a results table): what a model gets back and
// what lands in the state, including refusals a model must be able to read and act on.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET, newState, toolSpecs, type RunEvent } from '../../engine/agent/index.js';
import { runTool, type ToolContext, type WebSearchProvider } from '../../engine/agent/tools/index.js';
import { ingestFile, writeDocumentFolder, type SourceDocument } from '../../engine/ingest/index.js';
import { SourceIndex } from '../../engine/search/index.js';
import { corpus, outputDir } from '../helpers/corpus.js';

const PDF = corpus('annotated/docling/2305.03393v1-pg9.pdf');
const dir = path.join(outputDir, 'agent-tools');
let doc: SourceDocument;
let docDir: string;

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'docs'), { recursive: true });
  const r = await ingestFile(PDF);
  doc = r.doc;
  docDir = await writeDocumentFolder(path.join(dir, 'docs'), doc, r.assets);
});

function context(opts: { network?: boolean; webSearch?: WebSearchProvider } = {}): { ctx: ToolContext; events: RunEvent['type'][] } {
  const state = newState({
    runId: 'run-test',
    goal: 'g',
    createdAt: new Date().toISOString(),
    provider: { kind: 'offline' },
    network: opts.network === true,
    sources: [{ id: doc.id, title: doc.title, kind: 'pdf', file: doc.file, docDir, path: PDF, pageCount: doc.pageCount }],
    warnings: [],
    limits: { ...DEFAULT_BUDGET },
  });
  const events: RunEvent['type'][] = [];
  const ctx: ToolContext = {
    state,
    docs: new Map([[doc.id, doc]]),
    index: new SourceIndex([doc]),
    runDir: dir,
    signal: new AbortController().signal,
    step: 1,
    ...(opts.webSearch ? { webSearch: opts.webSearch } : {}),
    emit: (type) => events.push(type),
  };
  return { ctx, events };
}

async function ok(name: string, args: Record<string, unknown>, ctx: ToolContext) {
  const r = await runTool(name, args, ctx);
  if (!r.ok) throw new Error(`${name}: ${r.error}`);
  return r.output;
}

describe('agent tools', () => {
  it('every tool has an object JSON schema; network tools only when allowed', () => {
    const off = toolSpecs({ network: false });
    for (const t of off) expect(t.parameters).toMatchObject({ type: 'object' });
    expect(off.map((t) => t.name)).not.toContain('web_search');
    expect(toolSpecs({ network: true }).map((t) => t.name)).toEqual(expect.arrayContaining(['read_webpage', 'open_url', 'web_search']));
    const crop = off.find((t) => t.name === 'crop_image')!.parameters as { properties: Record<string, unknown>; required: string[] };
    expect(crop.required).toEqual(expect.arrayContaining(['sourceId', 'page', 'box']));
  });

  it('add_note keeps exact quotes with the block box and refuses quotes not on the page', async () => {
    const { ctx } = context();
    const quote = 'We have chosen the PubTabNet data set to perform HPO, since it includes a highly diverse set of tables.';
    await ok('add_note', { text: 'HPO used PubTabNet', evidence: [{ sourceId: doc.id, page: 1, quote }] }, ctx);
    const e = ctx.state.notes[0]!.evidence[0]!;
    const block = doc.pages[0]!.blocks.find((b) => b.id === e.blockId)!;
    expect(block.text).toContain(quote);
    expect(e.bbox).toEqual(block.bbox);
    const bad = await runTool('add_note', { text: 'x', evidence: [{ sourceId: doc.id, page: 1, quote: 'OTSL is ten times slower than HTML' }] }, ctx);
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/^quote not found on page 1 of 2305\.03393v1-pg9\.pdf/) });
    const nopage = await runTool('add_note', { text: 'x', evidence: [{ sourceId: doc.id, page: 2, quote }] }, ctx);
    expect(nopage).toEqual({ ok: false, error: expect.stringMatching(/has no page 2 \(it has 1\)/) });
    expect(await runTool('add_note', { text: 'x' }, ctx)).toEqual({ ok: false, error: expect.stringMatching(/^invalid arguments for add_note: evidence/) });
    expect(ctx.state.notes).toHaveLength(1);
  });

  it('read_page returns blocks and a page image; view_figure the table cells and crop', async () => {
    const { ctx, events } = context();
    const page = await ok('read_page', { sourceId: doc.id, page: 1 }, ctx);
    expect((page.result as { blocks: unknown[] }).blocks.length).toBeGreaterThan(3);
    const img = await loadImage(await readFile(path.join(dir, page.images![0]!.path)));
    expect(img.width / img.height).toBeCloseTo(doc.pages[0]!.width / doc.pages[0]!.height, 1);
    const fig = await ok('view_figure', { sourceId: doc.id, ref: 'Table 1' }, ctx);
    expect((fig.result as { rows: string[][] }).rows.flat().join(' ')).toMatch(/OTSL/);
    expect(fig.images).toHaveLength(1);
    expect(events.filter((e) => e === 'read')).toHaveLength(2);
  });

  it('crop_image maps a 0–1000 box onto the page and select_visual keeps it; table refs are de-duplicated', async () => {
    const { ctx } = context();
    const out = await ok('crop_image', { sourceId: doc.id, page: 1, box: [0, 0, 500, 250] }, ctx);
    const { width: pw, height: ph } = doc.pages[0]!;
    expect(ctx.state.crops[0]!.bbox).toEqual([0, 0, Math.round(pw * 50) / 100, Math.round(ph * 25) / 100]);
    const img = await loadImage(await readFile(path.join(dir, out.images![0]!.path)));
    expect(img.width).toBeCloseTo((pw / 2) * 2, -1);
    await ok('select_visual', { cropId: 'crop1', why: 'the header' }, ctx);
    await ok('select_visual', { sourceId: doc.id, ref: 'Table 1', why: 'results' }, ctx);
    const again = await ok('select_visual', { sourceId: doc.id, ref: doc.tables[0]!.id, why: 'results' }, ctx);
    expect(again.result).toMatchObject({ note: 'already selected' });
    expect(ctx.state.visuals.map((v) => v.kind)).toEqual(['crop', 'table']);
    expect(await runTool('crop_image', { sourceId: doc.id, page: 1, box: [0, 0, 1200, 10] }, ctx)).toEqual({ ok: false, error: 'a norm1000 box has coordinates 0–1000' });
  });

  it('ocr_region reads the text inside a region of the page image', async () => {
    const { ctx } = context();
    const table = doc.tables[0]!;
    const out = await ok('ocr_region', { sourceId: doc.id, page: 1, box: table.bbox, units: 'points' }, ctx);
    const r = out.result as { text: string; lines: { bbox: number[] }[] };
    expect(r.text).toMatch(/OTSL/);
    expect(r.text).toMatch(/HTML/);
    for (const l of r.lines) {
      expect(l.bbox[0]).toBeGreaterThanOrEqual(table.bbox[0] - 1);
      expect(l.bbox[3]).toBeLessThanOrEqual(table.bbox[3] + 1);
    }
  });

  it('network tools say clearly why they cannot run', async () => {
    expect(await runTool('read_webpage', { url: 'https://example.org/' }, context().ctx)).toEqual({ ok: false, error: expect.stringMatching(/network access is off for this run/) });
    expect(await runTool('web_search', { query: 'otsl' }, context({ network: true }).ctx)).toEqual({ ok: false, error: expect.stringMatching(/no web search provider is configured/) });
    const search: WebSearchProvider = { name: 'fixed', search: async (q) => [{ title: q, url: 'https://example.org/', snippet: 's' }] };
    const found = await ok('web_search', { query: 'otsl' }, context({ network: true, webSearch: search }).ctx);
    expect(found.result).toEqual({ results: [{ title: 'otsl', url: 'https://example.org/', snippet: 's' }] });
    expect(await runTool('open_url', { url: 'file:///etc/passwd' }, context({ network: true }).ctx)).toEqual({ ok: false, error: 'only http(s) URLs can be opened' });
    expect(await runTool('nope', {}, context().ctx)).toEqual({ ok: false, error: expect.stringMatching(/^unknown tool "nope"/) });
  });
});
