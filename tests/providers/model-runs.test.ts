// Whole runs with a model, against the scripted OpenAI-compatible server: research-report with tool
// calling and with a model that has none (Ollama's 400, then the text protocol), where the model
// writes the report from the run's evidence and sees the images of the visuals it places, each
// labelled. Also checks that a run's system prompt and tool list are byte-identical across requests.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runSkill } from '../../skills/registry.js';
import type { SkillEvent } from '../../skills/types.js';
import { corpus } from '../helpers/corpus.js';
import { answer, ollamaNoTools, startScriptedServer, textAction, type ReceivedRequest, type ScriptedServer, type Turn } from './scripted-server.js';

const PDF = corpus('annotated/docling/2305.03393v1-pg9.pdf');
const SRC = '2305-03393v1-pg9';
const GOAL = 'How do the authors evaluate OTSL against HTML?';
const QUOTE = 'We have chosen the PubTabNet data set to perform HPO, since it includes a highly diverse set of tables.';
const WRITTEN = 'The authors tune the model on PubTabNet because its tables are diverse';
const tmp = (p: string) => mkdtempSync(path.join(os.tmpdir(), `folio-${p}-`));
const provider = (url: string) => ({ kind: 'openai-compatible' as const, baseUrl: url, model: 'scripted-vl', retryBaseMs: 10, timeoutMs: 20_000 });

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const actions: [string, Record<string, unknown>][] = [
  ['list_sources', {}],
  ['update_plan', { items: [{ id: 'p1', title: 'How is OTSL evaluated?', kind: 'question' }] }],
  ['read_page', { sourceId: SRC, page: 1, planItem: 'p1' }],
  ['add_note', { text: 'HPO was run on PubTabNet for its diverse tables.', planItem: 'p1', evidence: [{ sourceId: SRC, page: 1, quote: QUOTE }] }],
  ['select_visual', { sourceId: SRC, ref: 'Table 1', why: 'TED scores of OTSL vs HTML', planItem: 'p1' }],
  ['update_plan', { items: [{ id: 'p1', title: 'How is OTSL evaluated?', status: 'done', why: 'TED on PubTabNet' }] }],
  ['finish', { summary: 'OTSL is evaluated by TED against HTML [n1].', openQuestions: [] }],
];

/** The writer: one answer for every section, a cited sentence and one that cites nothing. */
const writer: Turn = {
  name: 'writer',
  expect: (r) => expect(r.body.tools).toBeUndefined(),
  reply: { kind: 'sse', chunks: answer({ text: `${WRITTEN} [1]. This sentence rests on nothing.` }) },
};

const isAgent = (r: ReceivedRequest): boolean => String(r.body.messages[0]?.content).startsWith('You are a careful research assistant');
const parts = (r: ReceivedRequest): { type: string; text?: string }[] => r.body.messages.flatMap((m) => (Array.isArray(m.content) ? (m.content as { type: string; text?: string }[]) : []));

async function runReport(turns: Turn[]): Promise<{ md: string; html: string; requests: ReceivedRequest[]; events: SkillEvent[] }> {
  server = await startScriptedServer(turns, { rest: writer });
  const out = tmp('rr-model');
  const events: SkillEvent[] = [];
  const r = await runSkill('research-report', { inputs: [PDF], goal: GOAL, options: { outputs: 'md,html' }, provider: provider(server.url), outDir: out, onEvent: (e) => events.push(e) });
  server.assertDone();
  const md = readFileSync(r.outputs.find((o) => o.kind === 'markdown')!.path, 'utf8');
  const html = readFileSync(r.outputs.find((o) => o.kind === 'site')!.path, 'utf8');
  return { md, html, requests: server.requests, events };
}

function checkWritten(md: string, requests: ReceivedRequest[], skipAgent = 0): void {
  // The model's words, cited to a page; its uncited sentence is gone.
  expect(md).toContain(WRITTEN);
  expect(md).not.toContain('rests on nothing');
  // The finish summary's note markers became citations, not literal text.
  expect(md).toContain('OTSL is evaluated by TED against HTML');
  expect(md).not.toContain('[n1]');
  expect(md).toMatch(new RegExp(`${WRITTEN}\\. \\[\\\\\\[1, p\\. 1\\\\\\]\\]`));
  // The writer saw Table 1 as an image, right after a text part naming it (id, source, page).
  const writes = requests.filter((r) => !isAgent(r));
  expect(writes.length).toBeGreaterThan(0);
  const withImage = writes.find((r) => parts(r).some((p) => p.type === 'image_url'));
  expect(withImage).toBeDefined();
  const ps = parts(withImage!);
  const at = ps.findIndex((p) => p.type === 'image_url');
  expect(ps[at - 1]?.text).toMatch(/^Image: v1: Table 1 — .+, p\. 1/);
  // The system prompt is the same for every agent request (after a switch to the text protocol).
  const agent = requests.filter(isAgent).slice(skipAgent);
  expect(new Set(agent.map((r) => JSON.stringify(r.body.messages[0]))).size).toBe(1);
}

describe('research-report with a model', () => {
  it('the model researches with tool calls and writes the report; images are labelled; the system prompt and tools never change', async () => {
    const turns: Turn[] = actions.map(([name, args], i) => ({
      name: `${i} ${name}`,
      ...(name === 'add_note'
        ? {
            // The page image of read_page follows the tool reply in a user message that names the call, labelled.
            expect: (r: ReceivedRequest) => {
              const ps = parts(r);
              const at = ps.findIndex((p) => p.type === 'image_url');
              expect(ps.some((p) => /^Images returned by call call_0 \(read_page\):/.test(p.text ?? ''))).toBe(true);
              expect(ps[at - 1]?.text).toMatch(/^Image: .+ page 1$/);
              expect(String(JSON.stringify(r.body.messages.at(-1)))).toMatch(/Budget left/);
            },
          }
        : {}),
      reply: { kind: 'sse', chunks: answer({ reasoning: `Step ${i}.`, calls: [{ name, args }] }) },
    }));
    const { md, html, requests, events } = await runReport(turns);
    checkWritten(md, requests);
    expect(html).toContain(WRITTEN);
    // The writer streams into the trace as the agent does: per section one request id, its text as
    // it comes, and a closing 'done' with the totals (the CLI line and the app's run panel show it).
    const writing = events.filter((e) => e.type === 'model-stream' && String(e.request).startsWith('write:'));
    const requestsWritten = new Set(writing.map((e) => e.request));
    expect(requestsWritten.size).toBe(requests.filter((r) => !isAgent(r)).length);
    for (const id of requestsWritten) {
      const mine = writing.filter((e) => e.request === id);
      expect(mine.at(-1)).toMatchObject({ phase: 'done', message: expect.stringMatching(/^the model on ".+" answered in \d+\.\d s \(0 chars reasoning, \d+ chars text\)$/) });
      expect(mine.filter((e) => e.phase === 'text').map((e) => e.delta).join('')).toContain(WRITTEN);
    }
    // The agent's own requests keep their step ids.
    expect(events.some((e) => e.type === 'model-stream' && e.request === 'step-1')).toBe(true);
    const agent = requests.filter(isAgent);
    expect(agent).toHaveLength(actions.length);
    expect(new Set(agent.map((r) => JSON.stringify(r.body.tools))).size).toBe(1);
  });

  it('a model without tool calling (Ollama 400 "does not support tools") completes the report through the text protocol', async () => {
    const turns: Turn[] = [
      { name: 'tools refused', expect: (r) => expect(r.body.tools?.length).toBeGreaterThan(0), reply: ollamaNoTools() },
      ...actions.map(([name, args], i): Turn => ({
        name: `text ${i} ${name}`,
        expect: (r) => {
          expect(r.body.tools).toBeUndefined();
          expect(r.body.messages.some((m) => m.role === 'tool')).toBe(false);
        },
        // Tolerant parsing: one answer with a trailing comma in its JSON.
        reply: { kind: 'sse', chunks: i === 3 ? answer({ text: `Noting it.\n\`\`\`json\n{"tool": "${name}", "arguments": ${JSON.stringify(args)},}\n\`\`\`` }) : textAction(name, args) },
      })),
    ];
    const { md, requests } = await runReport(turns);
    checkWritten(md, requests, 1);
    const agent = requests.filter(isAgent);
    expect(String(agent[1]!.body.messages[0]!.content)).toMatch(/one action in a fenced JSON block/);
  });
});

describe('a long run with a model', () => {
  it('streams reasoning into model-stream events, and what each step sends stays about flat over 30 steps', async () => {
    const { runResearch } = await import('../../engine/agent/index.js');
    const turns: Turn[] = [
      ...Array.from({ length: 29 }, (_, i): Turn => ({
        name: `read ${i}`,
        reply: { kind: 'sse', chunks: answer({ reasoning: `Looking again at the page, pass ${i}. `.repeat(3), calls: [{ name: 'read_page', args: { sourceId: SRC, page: 1 } }] }) },
      })),
      { name: 'finish', reply: { kind: 'sse', chunks: answer({ calls: [{ name: 'finish', args: { summary: 'Read it.' } }] }) } },
    ];
    server = await startScriptedServer(turns);
    const events: { type: string; phase?: string; delta?: string }[] = [];
    const state = await runResearch({ goal: GOAL, sources: [PDF], runDir: path.join(tmp('long'), 'run'), provider: provider(server.url), budget: { steps: 40 }, onEvent: (e) => events.push(e) });
    server.assertDone();
    expect(state.status).toBe('finished');
    const streamed = events.filter((e) => e.type === 'model-stream');
    expect(streamed.filter((e) => e.phase === 'reasoning').map((e) => e.delta).join('')).toContain('Looking again at the page, pass 28.');
    expect(streamed.filter((e) => e.phase === 'done')).toHaveLength(30);
    const bytes = state.log.map((l) => l.bytes ?? 0);
    expect(bytes.every((b) => b > 0)).toBe(true);
    // Each step carries one page image and shortened old results: step 29 sends at most ~1.5x step 5.
    expect(bytes[28]!).toBeLessThan(1.5 * bytes[4]!);
    // And the bytes the server got are what the log says.
    const got = server.requests.map((r) => Buffer.byteLength(JSON.stringify(r.body)));
    expect(got).toEqual(bytes);
    // Prefix-cache stability: how many leading messages each request shares, byte for byte, with the one before.
    const same = server.requests.slice(1).map((r, i) => {
      const prev = server!.requests[i]!.body.messages;
      let k = 0;
      while (k < prev.length && JSON.stringify(r.body.messages[k]) === JSON.stringify(prev[k])) k++;
      return { shared: k, prev: prev.length };
    });
    // Between the batches in which old results are shortened (every 6 steps), a request is the one
    // before it plus the new messages: only the previous step's image message and the state message
    // at the end differ. (Shortening one result per step changed an early message at every step.)
    const resets = same.map((x, i) => (x.shared < x.prev - 2 ? i + 2 : 0)).filter(Boolean);
    expect(resets).toEqual([13, 19, 25]); // the requests of steps 13, 19 and 25
    // (Text only: the one page image per request is new every step either way.)
    const size = (x: unknown): number => JSON.stringify(x).replace(/data:image\/\w+;base64,[A-Za-z0-9+/=]+/g, '').length;
    const fresh = server.requests.slice(1).reduce((n, r, i) => n + r.body.messages.slice(same[i]!.shared).reduce((m, x) => m + size(x), 0), 0);
    const all = server.requests.slice(1).reduce((n, r) => n + size(r.body.messages), 0);
    console.log(`prefix reuse: ${Math.round((100 * (all - fresh)) / all)}% of ${Math.round(all / 1024)} KiB of message text over ${same.length} requests`);
  });
});

describe('document skills with a model see the visuals they place', () => {
  const DPR = corpus('papers/unstructured_multi-column_DPR.pdf');
  const bullets: Turn = { name: 'writer', reply: { kind: 'sse', chunks: answer({ text: `- ${WRITTEN} [1]\n- Uncited bullet here` }) } };
  const labelled = (requests: ReceivedRequest[]): string[] =>
    requests.flatMap((r) => {
      const ps = parts(r);
      return ps.flatMap((p, i) => (p.type === 'image_url' ? [ps[i - 1]?.text ?? ''] : []));
    });

  for (const skill of ['pdf-to-ppt', 'pdf-to-web', 'doc-writing'] as const) {
    it(`${skill}: the model's text, cited; the writer got each placed figure or table image after its label`, async () => {
      server = await startScriptedServer([], { rest: bullets });
      const out = tmp(`${skill}-m`);
      const r = await runSkill(skill, { inputs: [DPR], options: skill === 'pdf-to-ppt' ? { slides: 8 } : {}, provider: provider(server.url), outDir: out });
      server.assertDone();
      const labels = labelled(server.requests);
      expect(labels.length).toBeGreaterThan(0);
      for (const l of labels) expect(l).toMatch(/^Image: \S+: (?:(?:Figure|Table) \d+|Equation(?: \(\d+\))?) — Dense Passage Retrieval for Open-Domain Question Answering, p\. \d+/);
      const file = r.outputs.find((o) => o.kind === (skill === 'pdf-to-ppt' ? 'slides' : skill === 'pdf-to-web' ? 'site' : 'markdown'))!.path;
      const text = skill === 'pdf-to-ppt' ? readFileSync(path.join(out, 'deck.json'), 'utf8') : readFileSync(file, 'utf8');
      expect(text).toContain(WRITTEN);
      expect(text).not.toContain('Uncited bullet');
    });
  }
});

describe('boxes from each model family, end to end', () => {
  const IMG = corpus('images/pek_table_001.png');
  it('GLM: reasoning streamed, 0–1000 box tokens read, a box out of range reported', async () => {
    const { glmAnswer } = await import('./scripted-server.js');
    server = await startScriptedServer([
      { name: 'glm', reply: { kind: 'sse', chunks: glmAnswer({ reasoning: 'The header row spans the top of the table.', text: 'Header: <|begin_of_box|>[[0,0,1000,80]]<|end_of_box|> and <|begin_of_box|>[[0,0,1500,90]]<|end_of_box|>' }) } },
    ]);
    const events: { type: string; message: string }[] = [];
    const out = tmp('glm-gr');
    const r = await runSkill('visual-grounding', { inputs: [IMG], goal: 'the header row', provider: { ...provider(server.url), model: 'glm-5v-turbo' }, outDir: out, onEvent: (e) => events.push(e) });
    server.assertDone();
    const j = JSON.parse(readFileSync(r.outputs.find((o) => o.kind === 'json')!.path, 'utf8')) as { boxes: { bbox_1000: number[] }[] };
    expect(j.boxes.map((b) => b.bbox_1000)).toEqual([[0, 0, 1000, 80]]);
    expect(events.some((e) => e.type === 'warning' && /\[0,0,1500,90\] outside 0–1000/.test(e.message))).toBe(true);
  });

  it('Qwen2.5-VL: absolute pixels of the image sent, converted with its resized size', async () => {
    server = await startScriptedServer([{ name: 'qwen', reply: { kind: 'sse', chunks: answer({ text: '```json\n[{"bbox_2d": [0, 0, 2184, 83], "label": "header row"}]\n```' }) } }]);
    const r = await runSkill('visual-grounding', { inputs: [IMG], goal: 'the header row', provider: { ...provider(server.url), model: 'qwen2.5vl:7b' }, outDir: tmp('qwen-gr') });
    server.assertDone();
    expect(String(server.requests[0]!.body.messages[0]!.content)).toMatch(/pixel coordinates of the image/);
    const j = JSON.parse(readFileSync(r.outputs.find((o) => o.kind === 'json')!.path, 'utf8')) as { boxes: { bbox_1000: number[] }[] };
    expect(j.boxes.map((b) => b.bbox_1000)).toEqual([[0, 0, 1000, 80.1]]);
  });
});
