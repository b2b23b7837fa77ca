// `npm test`: system tools, typecheck, lint, then vitest; ends with one plain summary line
// ("N passed, N failed") that any CI can read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemDeps } from './system-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const step = (label, cmd, args) => {
  console.log(`\n== ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  return r.status === 0;
};

ensureSystemDeps();
// The corpus tests read real documents from ../shared/corpus beside the repository (as in CI). Without
// it, dozens of tests would fail one by one with the same cause: say it once instead.
const corpusDir = path.resolve(root, '../shared/corpus');
if (!existsSync(path.join(corpusDir, 'MANIFEST.md'))) {
  console.error(`npm test: the test corpus is missing: expected ${corpusDir} (the shared/ folder beside this repository).`);
  process.exit(1);
}
let ok = step('typecheck (tsc -b)', bin('tsc'), ['-b']);
ok = step('lint (eslint)', bin('eslint'), ['.']) && ok;
const outDir = path.join(root, 'tests/.output');
mkdirSync(outDir, { recursive: true });
const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
let testsOk = true;
// Two rounds: everything else two files at a time, then the browser end-to-end tests alone, because
// they measure the UI's responsiveness (long tasks) and must not share the two cores with another
// test file's PDF ingest.
const rounds = extra.length > 0 ? [['all', extra]] : [['unit, corpus and exporters', ['--exclude', 'tests/e2e/**']], ['end-to-end (browser mode)', ['tests/e2e']]];
rounds.forEach(([label, args], i) => {
  const report = path.join(outDir, `vitest-${i + 1}.json`);
  rmSync(report, { force: true });
  const roundOk = step(`tests (vitest): ${label}`, bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args]);
  testsOk = roundOk && testsOk;
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    // A file that fails before its tests run (an error in beforeAll or at import) reports its
    // tests as skipped and none as failed: each such file counts as one failure, named here.
    const brokenFiles = r.testResults.filter((t) => t.status === 'failed' && !t.assertionResults.some((a) => a.status === 'failed'));
    for (const t of brokenFiles) console.log(`failed before its tests ran: ${path.relative(root, t.name)}: ${(t.message ?? '').split('\n')[0]}`);
    const roundFailed = r.numFailedTests + brokenFiles.length;
    passed += r.numPassedTests;
    failed += roundFailed;
    skipped += r.numPendingTests + r.numTodoTests;
    // Vitest failed without a failed test: an unhandled error, or a test process that died (its
    // tests are then reported as pending). That is a failure too, never a green summary.
    if (!roundOk && roundFailed === 0) {
      failed += 1;
      console.log(`vitest exited with an error outside any test (${label}): see "Unhandled Errors" above`);
    }
  } catch {
    failed += 1;
  }
});
if (!ok) failed += 1; // typecheck or lint failed: count it, so the summary cannot read as green.
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok && testsOk && failed === 0 ? 0 : 1);
