// Bad input to a research run: each case gives a clear message and a non-zero exit, and where a run
// had started, its state is saved (status, error) so a person can see what happened and resume.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadState, resumeResearch, runResearch } from '../../engine/agent/index.js';
import { ModelBehaviorError, SourceError, UserInputError } from '../../engine/errors.js';
import { ingestFile, writeDocumentFolder } from '../../engine/ingest/index.js';
import { corpus, outputDir, repoRoot } from '../helpers/corpus.js';
import { answer, startScriptedServer, type ScriptedServer } from '../providers/scripted-server.js';

const run = promisify(execFile);
const dir = path.join(outputDir, 'agent-bad');
let docDir = '';

async function folio(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [path.join(repoRoot, 'electron/bin/folio.mjs'), 'research', ...args], { cwd: repoRoot, env, timeout: 170_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'docs'), { recursive: true });
  const r = await ingestFile(corpus('annotated/docling/2305.03393v1-pg9.pdf'), { crops: false });
  docDir = await writeDocumentFolder(path.join(dir, 'docs'), r.doc, r.assets);
});

describe('research: bad input', () => {
  it('an empty goal, no sources, or a zero budget are refused before anything starts', async () => {
    const base = { sources: [docDir], runDir: path.join(dir, 'never'), provider: { kind: 'offline' as const } };
    await expect(runResearch({ ...base, goal: '   ' })).rejects.toThrow(/the goal is empty/);
    await expect(runResearch({ ...base, goal: 'x', sources: [] })).rejects.toThrow(UserInputError);
    await expect(runResearch({ ...base, goal: 'x', budget: { steps: 0 } })).rejects.toThrow(/steps must be more than 0/);
    await expect(runResearch({ ...base, goal: 'x', budget: { tokens: 0 } })).rejects.toThrow(/tokens must be more than 0/);
    expect(existsSync(path.join(dir, 'never', 'state.json'))).toBe(false);

    const cli = await folio([docDir, '--goal', '', '--out', path.join(dir, 'never')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/folio: research: the goal is empty/);
    const none = await folio(['--goal', 'x', '--out', path.join(dir, 'never')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no sources given/);
    const zero = await folio([docDir, '--goal', 'x', '--out', path.join(dir, 'never'), '--max-steps', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--max-steps must be a whole number of at least 1/);
  });

  it('every source failing to read names each file and why', async () => {
    const notPdf = path.join(dir, 'notes.txt');
    writeFileSync(notPdf, 'just text');
    const err = await runResearch({ goal: 'x', sources: [path.join(dir, 'missing.pdf'), notPdf], runDir: path.join(dir, 'nosrc'), provider: { kind: 'offline' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toMatch(/missing\.pdf: file not found/);
    expect((err as Error).message).toMatch(/notes\.txt: unsupported file type/);
  });

  it('a missing API key stops the CLI before the run starts, naming the variable', async () => {
    const env = { ...process.env };
    delete env.ZAI_API_KEY;
    const r = await folio([docDir, '--goal', 'x', '--out', path.join(dir, 'nokey'), '--preset', 'glm-5v-turbo'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no API key: set the environment variable ZAI_API_KEY/);
    expect(existsSync(path.join(dir, 'nokey', 'state.json'))).toBe(false);
  });

  it('a provider answering garbage fails the run with ModelBehaviorError, state saved', async () => {
    server = await startScriptedServer([{ name: 'garbage', reply: { kind: 'raw', contentType: 'text/html', body: '<html><body>502 Bad Gateway</body></html>' } }]);
    const runDir = path.join(dir, 'garbage');
    const r = await folio([docDir, '--goal', 'Evaluate OTSL', '--out', runDir, '--base-url', server.url, '--model', 'm'], { ...process.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/folio: the server answered something that is not a chat completion/);
    const s = await loadState(runDir);
    expect(s.status).toBe('failed');
    expect(s.error?.code).toBe('MODEL_BEHAVIOR');
    expect(s.step).toBe(0);
    expect(readFileSync(path.join(runDir, 'trace.jsonl'), 'utf8')).toMatch(/"type":"error"/);
    server.assertDone();
  });

  it('a provider answering nothing, or only text twice, is a ModelBehaviorError', async () => {
    // Prose to the first request with tools offered: the provider asks once more with tool_choice
    // "required"; prose again reads as a server that ignores `tools`, so it asks with the tool list in
    // the prompt; prose twice more ends the run.
    server = await startScriptedServer([
      { name: 'empty', reply: { kind: 'sse', chunks: [{ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }] } },
      { name: 'chat 1', expect: (r) => expect(r.body.tools?.length).toBeGreaterThan(0), reply: { kind: 'sse', chunks: answer({ text: 'I think the answer is 42.' }) } },
      { name: 'chat 1, tool_choice required', expect: (r) => expect(r.body.tool_choice).toBe('required'), reply: { kind: 'sse', chunks: answer({ text: 'As I said, 42.' }) } },
      {
        name: 'chat 1 again, text protocol',
        expect: (r) => {
          expect(r.body.tools).toBeUndefined();
          expect(String(r.body.messages[0]?.content)).toMatch(/one action in a fenced JSON block[\s\S]*- add_note:/);
        },
        reply: { kind: 'sse', chunks: answer({ text: 'It is 42.' }) },
      },
      { name: 'chat 2', reply: { kind: 'sse', chunks: answer({ text: 'Really, 42.' }) } },
    ]);
    const p = { kind: 'openai-compatible' as const, baseUrl: server.url, model: 'm' };
    await expect(runResearch({ goal: 'x', sources: [docDir], runDir: path.join(dir, 'empty'), provider: p })).rejects.toThrow(/answered nothing/);
    const err = await runResearch({ goal: 'x', sources: [docDir], runDir: path.join(dir, 'chatty'), provider: p }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelBehaviorError);
    expect((err as Error).message).toMatch(/stopped calling tools without calling finish/);
    const s = await loadState(path.join(dir, 'chatty'));
    expect(s).toMatchObject({ status: 'failed', step: 1 });
    server.assertDone();
  });

  it('cancelling through the AbortSignal saves the run as interrupted; resume finishes it', async () => {
    const runDir = path.join(dir, 'cancel');
    const ac = new AbortController();
    const s = await runResearch({
      goal: 'How are OTSL and HTML compared?',
      sources: [docDir],
      runDir,
      provider: { kind: 'offline' },
      signal: ac.signal,
      onEvent: (e) => {
        if (e.type === 'state-update' && e.step === 3) ac.abort(new Error('stopped by the test'));
      },
    });
    expect(s).toMatchObject({ status: 'interrupted', step: 3, stopReason: 'stopped by the test' });
    expect((await loadState(runDir)).status).toBe('interrupted');
    const done = await resumeResearch(runDir);
    expect(done.status).toBe('finished');
    expect(done.log.map((l) => l.step)).toEqual(Array.from({ length: done.step }, (_, i) => i + 1));
  });

  it('the same research command again continues a cancelled run (README); another goal, or a finished run, is refused', async () => {
    const runDir = path.join(dir, 'same-command');
    const goal = 'How are OTSL and HTML compared?';
    const ac = new AbortController();
    const first = await runResearch({
      goal,
      sources: [docDir],
      runDir,
      provider: { kind: 'offline' },
      signal: ac.signal,
      onEvent: (e) => {
        if (e.type === 'state-update' && e.step === 2) ac.abort(new Error('stopped by the test'));
      },
    });
    expect(first).toMatchObject({ status: 'interrupted', step: 2 });
    const notesBefore = first.notes.map((n) => n.id);
    await expect(runResearch({ goal: 'Something else', sources: [docDir], runDir, provider: { kind: 'offline' } })).rejects.toThrow(/already holds a research run with another goal/);
    const done = await runResearch({ goal, sources: [docDir], runDir, provider: { kind: 'offline' } });
    expect(done.status).toBe('finished');
    // Continued, not started over: the steps run on from 2 and the notes made before are kept once.
    expect(done.log.map((l) => l.step)).toEqual(Array.from({ length: done.step }, (_, i) => i + 1));
    expect(done.notes.map((n) => n.id).slice(0, notesBefore.length)).toEqual(notesBefore);
    expect(new Set(done.notes.map((n) => n.id)).size).toBe(done.notes.length);
    expect(readFileSync(path.join(runDir, 'trace.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"run-start"'))).toHaveLength(2);
    await expect(runResearch({ goal, sources: [docDir], runDir, provider: { kind: 'offline' } })).rejects.toThrow(/already holds a research run that has ended \(finished\)/);
  });

  it('a run out of budget exits non-zero with its findings saved, and --resume with more steps finishes it', async () => {
    const runDir = path.join(dir, 'budget');
    const r = await folio([docDir, '--goal', 'How are OTSL and HTML compared?', '--out', runDir, '--max-steps', '4', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/research stopped: step limit reached \(4\/4\).*--resume/);
    const s = await loadState(runDir);
    expect(s).toMatchObject({ status: 'budget-exhausted', step: 4 });
    const again = await folio(['--resume', runDir, '--max-steps', '30', '--quiet']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/state\.json {2}\(finished: finish called/);
    const done = await loadState(runDir);
    expect(done.status).toBe('finished');
    expect(done.notes.length).toBeGreaterThan(0);
    expect(done.step).toBeGreaterThan(4);
    // Running into an existing run folder is refused rather than mixing two runs.
    const clash = await folio([docDir, '--goal', 'x', '--out', runDir]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/already holds a research run/);
  });
});
