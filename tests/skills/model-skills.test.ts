// Skills with an OpenAI-compatible model, against the scripted server: doc-writing rewrites each
// section for the audience and tone from numbered quotes and keeps every paragraph cited (an uncited
// one is dropped); image-caption and visual-grounding send the image as a data URI and use the answer.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { composeDocument } from '../../engine/compose/document.js';
import { parseCitedParagraphs } from '../../engine/compose/model-writer.js';
import { writeDocumentFolder } from '../../engine/ingest/index.js';
import { runSkill } from '../../skills/registry.js';
import { corpus } from '../helpers/corpus.js';
import { ingested } from '../helpers/ingest-cache.js';
import { pptxSlides, readZip } from '../export-deck/zip.js';
import { answer, startScriptedServer, type ReceivedRequest, type ScriptedServer } from '../providers/scripted-server.js';

const tmp = (p: string) => mkdtempSync(path.join(os.tmpdir(), `folio-${p}-`));
let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const provider = (url: string) => ({ kind: 'openai-compatible' as const, baseUrl: url, model: 'scripted-vl', apiKey: 'test-key', timeoutMs: 20_000 });
const userText = (req: ReceivedRequest): string => {
  const c = req.body.messages.at(-1)!.content;
  return typeof c === 'string' ? c : (c as { type: string; text?: string }[]).map((p) => p.text ?? '').join('\n');
};

describe('parseCitedParagraphs', () => {
  it('maps [n], [n, m] and [n–m] to citation ids and drops paragraphs that cite nothing', () => {
    const r = parseCitedParagraphs('First claim [1]. Second [2, 3].\n\nNo source here.\n\n- Range claim [1–3].', ['a', 'b', 'c']);
    expect(r.passages).toEqual([
      { text: 'First claim. Second.', cites: ['a', 'b', 'c'] },
      { text: 'Range claim.', cites: ['a', 'b', 'c'] },
    ]);
    expect(r.dropped).toBe(1);
  });
});

describe('doc-writing with a model', () => {
  it('writes each section from numbered quotes for the audience and tone, every paragraph cited', async () => {
    const rel = 'papers/unstructured_multi-column_DPR.pdf';
    const { doc, assets } = await ingested(rel, true);
    const dir = await writeDocumentFolder(tmp('dw-doc'), doc, assets);
    // A short write-up keeps the 4 sections that matter most (issue 23: it no longer copies every section).
    const sections = composeDocument(doc, dir, { density: 0.5, reportSections: 4 }).report.sections.filter((s) => s.paragraphs.length > 0);
    server = await startScriptedServer(
      sections.map((s, i) => ({
        name: `section ${s.heading}`,
        expect: (req) => {
          const t = userText(req);
          expect(t).toContain(`Section: ${s.heading}`);
          expect(t).toMatch(/for student readers in a blog tone/);
          expect(t).toMatch(/^\[1\] \(Dense Passage Retrieval for Open-Domain Question Answering, p\. \d+\) /m);
        },
        reply: { kind: 'sse', chunks: answer({ text: `Plain words about part ${i + 1} [1]. More [2].\n\nA paragraph with no source.` }) },
      })),
    );
    const out = tmp('dw');
    const events: { type: string; message: string }[] = [];
    const r = await runSkill('doc-writing', {
      inputs: [corpus(rel)],
      options: { length: 'short', audience: 'student', tone: 'blog' },
      provider: provider(server.url),
      outDir: out,
      onEvent: (e) => events.push(e),
    });
    server.assertDone();
    const md = readFileSync(r.outputs[0]!.path, 'utf8');
    expect(md).toMatch(/generator: Folio with scripted-vl/);
    expect(md).not.toMatch(/Extractive write-up/);
    expect(md).toContain('Plain words about part 1. More.');
    expect(md).not.toContain('A paragraph with no source');
    expect((md.match(/\[\\\[1, p\. \d+\\\]\]/g) ?? []).length).toBeGreaterThanOrEqual(sections.length);
    expect(events.some((e) => e.type === 'verify' && /cited no source/.test(e.message))).toBe(true);
  });
});

describe('pdf-to-ppt with a model', () => {
  it('with no usable slide plan from the model, rewrites content-slide bullets from numbered quotes, keeps them cited, and writes them into the PPTX', async () => {
    const rel = 'papers/unstructured_multi-column_DPR.pdf';
    const { doc, assets } = await ingested(rel, true);
    const dir = await writeDocumentFolder(tmp('ppt-doc'), doc, assets);
    const content = new Set(['bullets', 'visual-right', 'visual-half', 'visual-top', 'visual-full', 'table']);
    const slides = composeDocument(doc, dir, { slides: 8 }).deck.slides.filter((x) => content.has(x.layout) && x.bullets.some((b) => b.cites.length > 0));
    // The slide plan (issue 22) comes first: prose twice (the plan and its repair) keeps the offline slides.
    const prose = { kind: 'sse' as const, chunks: answer({ text: 'A deck on dense retrieval would start with the problem.' }) };
    server = await startScriptedServer([
      { name: 'slide plan', reply: prose },
      { name: 'slide plan repair', reply: prose },
      ...slides.map((x, i) => ({
        name: `slide ${x.title}`,
        expect: (req: ReceivedRequest) => expect(userText(req)).toContain(`Slide: ${x.title}`),
        reply: { kind: 'sse' as const, chunks: answer({ text: `- Model bullet ${i + 1} about retrieval [1]\n- A bullet with no source\n- Second point [2]` }) },
      })),
    ]);
    const out = tmp('ppt-m');
    const r = await runSkill('pdf-to-ppt', { inputs: [corpus(rel)], options: { slides: 8 }, provider: provider(server.url), outDir: out });
    server.assertDone();
    const xml = pptxSlides(readZip(r.outputs.find((o) => o.kind === 'pptx')!.path)).join('\n');
    expect(xml).toContain('Model bullet 1 about retrieval');
    expect(xml).not.toContain('A bullet with no source');
    const deck = JSON.parse(readFileSync(path.join(out, 'deck.json'), 'utf8')) as { generator: { writer: string; model: string } };
    expect(deck.generator).toEqual({ writer: 'model', model: 'scripted-vl' });
  });
});

describe('pdf-to-web with a model', () => {
  it('rewrites the section text as cited prose on the project page', async () => {
    const rel = 'papers/unstructured_multi-column_DPR.pdf';
    const { doc, assets } = await ingested(rel, true);
    const dir = await writeDocumentFolder(tmp('web-doc'), doc, assets);
    const sections = composeDocument(doc, dir, {}).report.sections.filter((x) => x.paragraphs.length > 0);
    server = await startScriptedServer([
      // The section order (issue 22) comes first: the document's own.
      { name: 'section order', reply: (req: ReceivedRequest) => ({ kind: 'sse', chunks: answer({ text: JSON.stringify({ order: [...userText(req).matchAll(/^(S\d+): /gm)].map((m) => m[1]) }) }) }) },
      ...sections.map((x, i) => ({ name: `section ${x.heading}`, reply: { kind: 'sse' as const, chunks: answer({ text: `Readable prose for part ${i + 1} [1].` }) } })),
    ]);
    const r = await runSkill('pdf-to-web', { inputs: [corpus(rel)], provider: provider(server.url), outDir: tmp('web-m') });
    server.assertDone();
    const html = readFileSync(r.outputs[0]!.path, 'utf8');
    expect(html).toContain('Readable prose for part 1.');
    expect(html).toContain(`Readable prose for part ${sections.length}.`);
    expect(html).toMatch(/Open-domain question answering relies on efficient passage retrieval/);
  });
});

describe('image skills with a model', () => {
  it('image-caption sends the image as a data URI and keeps the model’s caption', async () => {
    server = await startScriptedServer([
      {
        name: 'caption',
        expect: (req) => {
          const parts = req.body.messages.at(-1)!.content as { type: string; image_url?: { url: string } }[];
          expect(parts.find((p) => p.type === 'image_url')?.image_url?.url).toMatch(/^data:image\/png;base64,/);
          expect(userText(req)).toMatch(/Quantity/);
        },
        reply: { kind: 'sse', chunks: answer({ text: 'A table comparing units of mass, length and force across three unit systems.' }) },
      },
    ]);
    const r = await runSkill('image-caption', { inputs: [corpus('images/pek_table_001.png')], provider: provider(server.url), outDir: tmp('cap-m') });
    server.assertDone();
    const c = (JSON.parse(readFileSync(r.outputs[0]!.path, 'utf8')) as { captions: { caption: string; generator: string }[] }).captions[0]!;
    expect(c.caption).toBe('A table comparing units of mass, length and force across three unit systems.');
    expect(c.generator).toBe('written by scripted-vl from the image');
  });

  it('visual-grounding maps the model’s 0–1000 boxes to source pixels', async () => {
    server = await startScriptedServer([
      { name: 'ground', reply: { kind: 'sse', chunks: answer({ text: '```json\n[{"label": "header row", "bbox_2d": [0, 0, 1000, 80]}]\n```' }) } },
    ]);
    const r = await runSkill('visual-grounding', { inputs: [corpus('images/pek_table_001.png')], goal: 'the header row', provider: provider(server.url), outDir: tmp('gr-m') });
    server.assertDone();
    const j = JSON.parse(readFileSync(r.outputs.find((o) => o.kind === 'json')!.path, 'utf8')) as { boxes: { label: string; bbox: number[]; bbox_1000: number[] }[] };
    expect(j.boxes).toEqual([{ label: 'header row', bbox: [0, 0, 2191, 83.68], bbox_1000: [0, 0, 1000, 80], score: 1 }]);
  });
});
