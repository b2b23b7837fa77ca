// Starts `npm run serve`'s server on a project folder for an end-to-end test and waits for the
// address it prints (with its token). Everything it writes goes into `log`, for failure messages.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export async function startServe(repoRoot: string, work: string, log: string[]): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, ['--import', 'tsx', 'electron/server/main.ts', '--project', path.join(work, 'project'), '--data-dir', path.join(work, 'data')], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log.join('')}`)), 60_000);
    const onData = (d: Buffer): void => {
      log.push(d.toString());
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(log.join(''));
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', onData);
    server.once('exit', (code) => reject(new Error(`serve exited (${code}):\n${log.join('')}`)));
  });
  return { server, url };
}
