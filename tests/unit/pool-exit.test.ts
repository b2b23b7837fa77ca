// After a crop render hits the pool's time limit, the replacement worker the pool starts is
// terminated at close, but its 30 s "opening took too long" timer stayed: the CLI printed its result
// and then sat idle for 30 s before it exited. The process must end as soon as the pool is closed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../bench/fuzz/run.js';

const SCRIPT = `
import { readFileSync } from 'node:fs';
import { PagePool } from './engine/ingest/pdf/pool.ts';
const pool = await PagePool.open({ file: 'tracemonkey.pdf', data: new Uint8Array(readFileSync(process.argv[1])), taskTimeoutMs: 1 });
const r = await pool.render(1, [0, 0, 612, 792], 300).then(() => 'rendered', (e) => e.code);
await pool.close();
process.stdout.write('closed ' + r + '\\n');
`;

describe('page pool', () => {
  it('lets the process exit promptly after a render timed out and the pool closed', async () => {
    const pdf = path.resolve(ROOT, '../shared/corpus/papers/pdfjs_tracemonkey.pdf');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT, pdf], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let closedAt = 0;
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('closed') && closedAt === 0) closedAt = Date.now();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const idle = Date.now() - closedAt;
    expect(out.trim()).toBe('closed SOURCE_TIMEOUT');
    expect(code).toBe(0);
    // Before the fix: about 30,000 ms.
    expect(idle).toBeLessThan(5000);
  }, 90_000);
});
