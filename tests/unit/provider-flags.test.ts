// `folio run` and `folio research` read the model flags one way (issue 25): `--model m` alone used to
// run `folio run` offline without a word while `folio research` refused; now both ask for a base URL.
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { providerFromFlags } from '../../electron/cli/provider-flags.js';
import { corpus, outputDir, repoRoot } from '../helpers/corpus.js';

const run = promisify(execFile);

async function folio(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const r = await run(process.execPath, [path.join(repoRoot, 'electron/bin/folio.mjs'), ...args], { cwd: repoRoot, timeout: 60_000 });
    return { code: 0, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe('providerFromFlags', () => {
  it('no provider flag: the caller decides (undefined)', () => {
    expect(providerFromFlags({}, 'run')).toBeUndefined();
  });
  it('--model alone asks for a base URL, naming the command', () => {
    expect(() => providerFromFlags({ model: 'qwen2.5vl' }, 'run')).toThrow(/^run: openai-compatible provider: give --preset or --base-url/);
  });
  it('--base-url and --model make an openai-compatible config', () => {
    expect(providerFromFlags({ 'base-url': 'http://127.0.0.1:11434/v1', model: 'qwen2.5vl:7b', 'no-thinking': true, timeout: '30' }, 'research')).toEqual({
      kind: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'qwen2.5vl:7b',
      thinking: false,
      timeoutMs: 30_000,
    });
  });
  it('model flags with --provider offline are refused', () => {
    expect(() => providerFromFlags({ provider: 'offline', model: 'm' }, 'run')).toThrow(/--provider openai-compatible/);
  });
  it('an unknown provider and a bad timeout are named', () => {
    expect(() => providerFromFlags({ provider: 'llama' }, 'run')).toThrow(/unknown provider "llama"/);
    expect(() => providerFromFlags({ 'base-url': 'http://x/v1', model: 'm', timeout: 'soon' }, 'run')).toThrow(/--timeout .* \(got soon\)/);
  });
});

describe('the CLI commands agree', () => {
  const pdf = corpus('annotated/docling/2305.03393v1-pg9.pdf');
  it.each([
    ['run', ['run', 'research-report', pdf, '--goal', 'What is it about?', '--model', 'm']],
    ['research', ['research', pdf, '--goal', 'What is it about?', '--model', 'm']],
  ])('folio %s --model m (no base URL) exits non-zero before writing anything', async (_name, args) => {
    const out = path.join(outputDir, `provider-flags-${_name}`);
    rmSync(out, { recursive: true, force: true });
    const r = await folio([...args, '--out', out]);
    expect(r.stderr).toMatch(/give --preset or --base-url/);
    expect(r.code).not.toBe(0);
    expect(existsSync(path.join(out, 'report.md'))).toBe(false);
  }, 70_000);
});

describe('folio run takes the short flags folio research takes', () => {
  it('-g, -o and -q are --goal, --out and --quiet; another short flag is named', async () => {
    const { splitRunArgs } = await import('../../electron/cli/skills.js');
    const r = splitRunArgs(['research-report', 'a.pdf', '-g', 'Why?', '-o', 'out/x', '-q']);
    expect(r.positionals).toEqual(['research-report', 'a.pdf']);
    expect(Object.fromEntries(r.flags)).toEqual({ goal: 'Why?', out: 'out/x', quiet: true });
    expect(() => splitRunArgs(['pdf-to-ppt', 'a.pdf', '-x'])).toThrow(/^-x: not a flag Folio knows/);
  });
});
