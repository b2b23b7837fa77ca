// Kill and resume: a run in a child process is killed mid-run (SIGKILL, no chance to clean up),
// resumed from its folder, and must end in the same state as an uninterrupted run driven by the
// same scripted model. The scripted model also checks what the agent sends: tool schemas, the page
// image as a data URI on the step after read_page, the crop on the step after crop_image.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadState, resumeResearch, runResearch, type ResearchState } from '../../engine/agent/index.js';
import { corpus, outputDir, repoRoot } from '../helpers/corpus.js';
import { answer, startScriptedServer, type ReceivedRequest, type ScriptedServer, type Turn } from '../providers/scripted-server.js';

const PDF = corpus('annotated/docling/2305.03393v1-pg9.pdf');
const SRC = '2305-03393v1-pg9';
const GOAL = 'How do the authors evaluate OTSL against HTML?';
const QUOTE = 'We have chosen the PubTabNet data set to perform HPO, since it includes a highly diverse set of tables.';
const dir = path.join(outputDir, 'agent-resume');
const provider = (url: string) => ({ kind: 'openai-compatible' as const, baseUrl: url, model: 'scripted-vl', retryBaseMs: 10 });

function lastUserImages(r: ReceivedRequest): number {
  const last = r.body.messages.at(-1);
  if (last?.role !== 'user' || !Array.isArray(last.content)) return 0;
  return (last.content as { type: string }[]).filter((p) => p.type === 'image_url').length;
}

const slow = 300;
const turns: Turn[] = [
  {
    name: 'list',
    expect: (r) => {
      const names = r.body.tools?.map((t) => t.function.name) ?? [];
      for (const n of ['list_sources', 'search_sources', 'read_page', 'view_figure', 'crop_image', 'ocr_region', 'add_note', 'select_visual', 'update_plan', 'finish']) expect(names).toContain(n);
      // Network tools are offered only when the run allows network access.
      expect(names).not.toContain('read_webpage');
      expect(String(r.body.messages[0]?.role)).toBe('system');
    },
    reply: { kind: 'sse', delayMs: slow, chunks: answer({ calls: [{ name: 'list_sources', args: {} }], usage: [100, 10] }) },
  },
  {
    name: 'plan',
    reply: { kind: 'sse', delayMs: slow, chunks: answer({ reasoning: 'One question.', calls: [{ name: 'update_plan', args: { items: [{ id: 'p1', title: 'How is OTSL evaluated?', kind: 'question' }] } }], usage: [200, 20] }) },
  },
  {
    name: 'search',
    reply: { kind: 'sse', delayMs: slow, chunks: answer({ calls: [{ name: 'search_sources', args: { query: 'TED score OTSL HTML', planItem: 'p1' } }], usage: [300, 20] }) },
  },
  {
    name: 'read',
    expect: (r) => expect(lastUserImages(r)).toBe(0),
    reply: { kind: 'sse', delayMs: slow, chunks: answer({ calls: [{ name: 'read_page', args: { sourceId: SRC, page: 1, planItem: 'p1' } }], usage: [400, 20] }) },
  },
  {
    name: 'note',
    expect: (r) => expect(lastUserImages(r)).toBe(1),
    reply: {
      kind: 'sse',
      delayMs: slow,
      chunks: answer({
        calls: [
          { name: 'add_note', args: { text: 'HPO was run on PubTabNet for its diverse tables.', planItem: 'p1', evidence: [{ sourceId: SRC, page: 1, quote: QUOTE }] }, id: 'n-a' },
          { name: 'add_note', args: { text: 'A made-up quote is refused.', evidence: [{ sourceId: SRC, page: 1, quote: 'OTSL is ten times slower than HTML.' }] }, id: 'n-b' },
          { name: 'select_visual', args: { sourceId: SRC, ref: 'Table 1', why: 'TED scores of OTSL vs HTML', planItem: 'p1' }, id: 'v-a' },
        ],
        usage: [500, 60],
      }),
    },
  },
  {
    name: 'crop',
    expect: (r) => {
      const tool = r.body.messages.filter((m) => m.role === 'tool').map((m) => String(m.content));
      expect(tool.some((t) => /^error: quote not found on page 1/.test(t))).toBe(true);
    },
    reply: { kind: 'sse', delayMs: slow, chunks: answer({ calls: [{ name: 'crop_image', args: { sourceId: SRC, page: 1, box: [80, 300, 920, 560], units: 'norm1000' } }], usage: [600, 20] }) },
  },
  {
    name: 'keep crop',
    expect: (r) => expect(lastUserImages(r)).toBe(1),
    reply: {
      kind: 'sse',
      delayMs: slow,
      chunks: answer({
        calls: [
          { name: 'select_visual', args: { cropId: 'crop1', why: 'the table region', planItem: 'p1' } },
          { name: 'update_plan', args: { items: [{ id: 'p1', title: 'How is OTSL evaluated?', status: 'done', why: 'TED on PubTabNet' }] } },
        ],
        usage: [700, 30],
      }),
    },
  },
  {
    name: 'finish',
    reply: { kind: 'sse', delayMs: slow, chunks: answer({ calls: [{ name: 'finish', args: { summary: 'OTSL is evaluated by TED against HTML.', openQuestions: ['Timing on GPUs?'] } }], usage: [800, 20] }) },
  },
];

/** What must match between two runs: everything but ids, times and where the run folder is. */
function comparable(s: ResearchState): unknown {
  const c = structuredClone(s) as Partial<ResearchState> & Record<string, unknown>;
  delete c.runId;
  delete c.createdAt;
  c.sources = s.sources.map((x) => ({ ...x, docDir: path.basename(x.docDir) }));
  c.budget = { limits: s.budget.limits, used: { ...s.budget.used, seconds: 0 } };
  c.log = s.log.map((l) => ({ ...l, t: 0, ms: 0 }));
  return c;
}

let server: ScriptedServer;
beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  server = await startScriptedServer(turns, { mode: 'by-turn' });
});
afterAll(async () => {
  await server.close();
});

describe('kill and resume', () => {
  it('a run killed mid-step resumes to the same final state as an uninterrupted run', async () => {
    const killedDir = path.join(dir, 'killed');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'tests/agent/fixtures/child-run.ts'), JSON.stringify({ goal: GOAL, sources: [PDF], runDir: killedDir, baseUrl: server.url })], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    // Kill it once step 3 is saved: the next model call is in flight (the scripted model is slow).
    const trace = path.join(killedDir, 'trace.jsonl');
    const t0 = Date.now();
    for (;;) {
      if (existsSync(trace) && /"type":"state-update","runId":"[^"]+","step":3,/.test(readFileSync(trace, 'utf8'))) break;
      if (child.exitCode !== null) throw new Error(`child ended before it could be killed: ${stderr}`);
      if (Date.now() - t0 > 120_000) throw new Error('child made no progress');
      await new Promise((ok) => setTimeout(ok, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBeNull();
    const atKill = await loadState(killedDir);
    expect(atKill.status).toBe('running');
    expect(atKill.step).toBeGreaterThanOrEqual(3);
    expect(atKill.step).toBeLessThan(8);

    const resumed = await resumeResearch(killedDir, { provider: provider(server.url) });
    const whole = await runResearch({ goal: GOAL, sources: [PDF], runDir: path.join(dir, 'whole'), provider: provider(server.url) });

    expect(whole.status).toBe('finished');
    expect(resumed.status).toBe('finished');
    expect(comparable(resumed)).toEqual(comparable(whole));
    // And the state says what the scripted model did.
    expect(whole.notes).toHaveLength(1);
    expect(whole.notes[0]?.evidence[0]).toMatchObject({ sourceId: SRC, page: 1, quote: QUOTE });
    expect(whole.notes[0]?.evidence[0]?.bbox).toHaveLength(4);
    expect(whole.visuals.map((v) => v.kind)).toEqual(['table', 'crop']);
    expect(existsSync(path.join(dir, 'whole', whole.visuals[1]!.image!))).toBe(true);
    expect(whole.plan.items[0]).toMatchObject({ id: 'p1', status: 'done' });
    expect(whole.openQuestions).toEqual(['Timing on GPUs?']);
    expect(whole.budget.used.tokens).toBe(100 + 10 + 200 + 20 + 300 + 20 + 400 + 20 + 500 + 60 + 600 + 20 + 700 + 30 + 800 + 20);
    expect(whole.budget.used.images).toBe(2);
    server.assertDone();
  });
});
