// Runs one input through the real `folio ingest` CLI as a child process, with a time limit, and
// measures the peak resident memory of its whole process tree (the CLI, its worker threads, and the
// decoder and model-host child processes), then sorts the outcome into one of the table's columns.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FOLIO = path.join(ROOT, 'electron/bin/folio.mjs');

export type Outcome = 'ok' | 'typed error' | 'unnamed error' | 'crash' | 'over time' | 'over 1 GB';
export const OUTCOMES: readonly Outcome[] = ['ok', 'typed error', 'unnamed error', 'crash', 'over time', 'over 1 GB'];

export interface RunResult {
  file: string;
  outcome: Outcome;
  exitCode: number | null;
  signal: string | null;
  /** Peak RSS of the process tree, MB. */
  peakMb: number;
  ms: number;
  /** The error line(s) the CLI printed (warnings left out). */
  message: string;
  stderr: string;
}

export interface RunOptions {
  outDir: string;
  timeoutMs: number;
  /** Memory counted as "over 1 GB" (MB). */
  limitMb?: number;
  /** The tree is killed above this (MB), so one bomb cannot take the machine. */
  killMb?: number;
  extraArgs?: string[];
}

/** RSS (kB) of a process and its descendants, and each one's high-water mark. */
function treeMemory(pid: number, hwm: Map<number, number>): number {
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    let status: string;
    try {
      status = readFileSync(`/proc/${p}/status`, 'utf8');
    } catch {
      continue;
    }
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const peak = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    total += rss;
    hwm.set(p, Math.max(hwm.get(p) ?? 0, peak));
    try {
      for (const t of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim();
        if (kids) stack.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // The process ended between the reads.
    }
  }
  return total;
}

export async function runIngest(file: string, opts: RunOptions): Promise<RunResult> {
  const limitMb = opts.limitMb ?? 1024;
  const killMb = opts.killMb ?? 1536;
  const name = path.basename(file);
  const t0 = performance.now();
  const child = spawn(process.execPath, [FOLIO, 'ingest', file, '--out', opts.outDir, ...(opts.extraArgs ?? [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that a kill reaches the decoder and model-host children too.
    detached: true,
    env: { ...process.env, FOLIO_CLI_TSX: process.env.FOLIO_CLI_TSX ?? '' },
  });
  const err: Buffer[] = [];
  child.stderr.on('data', (b: Buffer) => err.push(b));
  child.stdout.resume();
  const hwm = new Map<number, number>();
  let maxSum = 0;
  let timedOut = false;
  let killedForMemory = false;
  const killTree = (): void => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const poll = setInterval(() => {
    maxSum = Math.max(maxSum, treeMemory(child.pid!, hwm));
    if (maxSum / 1024 > killMb) {
      killedForMemory = true;
      killTree();
    }
  }, 50);
  const timer = setTimeout(() => {
    timedOut = true;
    killTree();
  }, opts.timeoutMs);
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (c, s) => resolve({ code: c, signal: s }));
  });
  clearInterval(poll);
  clearTimeout(timer);
  // A process left behind in the group (a decoder child) must not outlive the run.
  killTree();
  const ms = performance.now() - t0;
  const peakKb = Math.max(maxSum, ...hwm.values(), 0);
  const stderr = Buffer.concat(err).toString('utf8');
  // Warnings and the model host's notice (which execution provider it fell back to) are not failures.
  const errorLines = stderr.split('\n').filter((l) => l.startsWith('folio: ') && !/^folio: (warning|models): /.test(l));
  const result: RunResult = { file: name, outcome: 'ok', exitCode: code, signal, peakMb: Math.round(peakKb / 1024), ms: Math.round(ms), message: errorLines.join(' | '), stderr };
  result.outcome = classify(result, { timedOut, killedForMemory, limitMb, outDir: opts.outDir });
  return result;
}

const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

export function classify(r: RunResult, x: { timedOut: boolean; killedForMemory: boolean; limitMb: number; outDir: string }): Outcome {
  if (x.timedOut) return 'over time';
  if (x.killedForMemory || r.peakMb > x.limitMb) return 'over 1 GB';
  if (r.signal !== null || STACK_LINE.test(r.stderr) || /internal error/i.test(r.stderr) || (r.exitCode !== 0 && r.exitCode !== 1 && r.exitCode !== 2)) return 'crash';
  if (r.exitCode === 0) {
    const id = readdirSync(x.outDir).find((d) => existsSync(path.join(x.outDir, d, 'document.json')));
    return id ? 'ok' : 'unnamed error';
  }
  // One line per failure, and it names the file: `folio: <file>: what is wrong`.
  const lines = r.message.split(' | ').filter(Boolean);
  return lines.length === 1 && lines[0]!.startsWith(`folio: ${r.file}: `) ? 'typed error' : 'unnamed error';
}
