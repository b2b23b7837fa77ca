// Brings the Debian tools the tests use. As root, missing ones are installed with apt-get;
// otherwise this stops at once with the exact command to run.
import { execFileSync, spawnSync } from 'node:child_process';

const NEEDED = [{ bin: 'pdftotext', pkg: 'poppler-utils' }];

export function ensureSystemDeps() {
  const missing = NEEDED.filter(({ bin }) => spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0);
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((m) => m.pkg))];
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`The tests need ${missing.map((m) => m.bin).join(', ')}. Install with:\n  sudo sh -c '${cmd}'`);
    process.exit(1);
  }
  console.error(`Installing ${pkgs.join(' ')} (${cmd})`);
  execFileSync('sh', ['-c', cmd], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
