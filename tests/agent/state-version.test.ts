// Saved research runs carry their schema version. A run saved by a newer Folio is refused with a
// message that says so (it used to read "not a research state of schema version 1 (schemaVersion:
// Invalid input: expected 1)"), both in loadState and from `folio research --resume`.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadState, runResearch, STATE_FILE, STATE_SCHEMA_VERSION } from '../../engine/agent/index.js';
import { migrateState } from '../../engine/agent/state.js';
import { corpus, outputDir, repoRoot } from '../helpers/corpus.js';

const runDir = path.join(outputDir, 'state-version', 'run');
let saved: Record<string, unknown>;

beforeAll(async () => {
  rmSync(path.dirname(runDir), { recursive: true, force: true });
  await runResearch({ goal: 'What is it about?', sources: [corpus('annotated/docling/2305.03393v1-pg9.pdf')], runDir, provider: { kind: 'offline' }, budget: { steps: 4 } });
  saved = JSON.parse(readFileSync(path.join(runDir, STATE_FILE), 'utf8')) as Record<string, unknown>;
}, 60_000);

const withVersion = (v: unknown): void => writeFileSync(path.join(runDir, STATE_FILE), JSON.stringify({ ...saved, schemaVersion: v }));

describe('research state versions', () => {
  it('the current version loads as saved', async () => {
    withVersion(STATE_SCHEMA_VERSION);
    expect((await loadState(runDir)).runId).toBe(saved.runId);
    expect(migrateState(saved, 'x')).toEqual(saved);
  });

  it('a newer version is refused, naming the file and both versions', async () => {
    withVersion(STATE_SCHEMA_VERSION + 1);
    await expect(loadState(runDir)).rejects.toThrow(new RegExp(`state\\.json: saved by a newer Folio \\(research state schema ${STATE_SCHEMA_VERSION + 1}; this Folio reads up to ${STATE_SCHEMA_VERSION}\\)`));
  });

  it('an older version with no migration step is named as too old; a missing version fails the schema check', async () => {
    withVersion(0);
    await expect(loadState(runDir)).rejects.toThrow(/schema 0 is older than this Folio can read/);
    withVersion(undefined);
    await expect(loadState(runDir)).rejects.toThrow(/not a research state of schema version/);
  });

  it('folio research --resume says the same and exits non-zero', async () => {
    withVersion(STATE_SCHEMA_VERSION + 1);
    const r = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'electron/bin/folio.mjs'), 'research', '--resume', runDir], { cwd: repoRoot }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/saved by a newer Folio/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
