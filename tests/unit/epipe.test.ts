// `folio skills | head -1`: the reader closes the pipe after one line. The CLI must exit quietly,
// not die with an uncaught EPIPE stack trace on stderr.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../helpers/corpus.js';

it('folio skills into a pipe closed after the first line exits quietly', async () => {
  const bin = path.join(repoRoot, 'electron/bin/folio.mjs');
  // The shell runs the real pipeline; `set -o pipefail` makes its status folio's when head is fine.
  const child = spawn('bash', ['-c', `set -o pipefail; for i in 1 2 3 4 5 6 7 8; do node "${bin}" skills; done | head -1`], {
    cwd: repoRoot,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(stdout.split('\n').filter(Boolean)).toHaveLength(1);
  expect(stderr).not.toMatch(/EPIPE|Error|at /);
  expect(code).toBe(0);
}, 120_000);
