// One run at a time in an output folder. Two `folio research --out X` both exited 0 with their
// trace.jsonl interleaved and state.json from whichever wrote last: the "already holds a run" check
// was a check-then-write race. The lock is a file made complete under a temporary name and then
// hard-linked into place, which fails atomically when it exists. It names the holder's pid; a lock
// whose pid is no longer running (a run killed with kill -9) is taken over.
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UserInputError } from './errors.js';

export const LOCK_FILE = '.folio-run.lock';

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  what: string;
}

export interface RunLock {
  readonly file: string;
  release(): Promise<void>;
}

/** Takes the lock on `dir` (which must exist) for `what` ("research"), or throws a UserInputError saying who holds it. */
export async function acquireRunLock(dir: string, what: string): Promise<RunLock> {
  const file = path.join(dir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), what };
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(tmp, JSON.stringify(mine) + '\n');
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(tmp, file);
        return held(file, mine);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = await readLock(file);
      if (holder === 'gone') continue;
      if (holder !== null && isRunning(holder)) throw busy(dir, holder);
      // Stale (its process ended) or unreadable: move it aside under a name of our own, then make
      // sure what was moved is what we judged stale; another process may have replaced it between.
      const aside = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
      try {
        await rename(file, aside);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw err;
      }
      const moved = await readLock(aside);
      if (moved !== 'gone' && moved !== null && isRunning(moved)) {
        // A live lock taken in the meantime: put it back and give way.
        await link(aside, file).catch(() => undefined);
        await unlink(aside).catch(() => undefined);
        throw busy(dir, moved);
      }
      await unlink(aside).catch(() => undefined);
    }
    throw new UserInputError(`${dir}: could not take the run lock (${LOCK_FILE}): other runs keep starting there`);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

function held(file: string, mine: LockInfo): RunLock {
  let released = false;
  // A run that ends without release (an uncaught error, process.exit) leaves no lock behind; one
  // killed with SIGKILL does, and the next run takes it over.
  const onExit = (): void => {
    try {
      // Synchronous, as 'exit' handlers must be.
      if ((JSON.parse(readFileSync(file, 'utf8')) as LockInfo).pid === mine.pid) unlinkSync(file);
    } catch {
      // Already gone or replaced: nothing of ours to remove.
    }
  };
  process.once('exit', onExit);
  return {
    file,
    async release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      const now = await readLock(file);
      if (now !== 'gone' && now !== null && now.pid === mine.pid && now.startedAt === mine.startedAt) await unlink(file).catch(() => undefined);
    },
  };
}

/** The lock's content; null when unreadable as a lock, 'gone' when there is no file. */
async function readLock(file: string): Promise<LockInfo | null | 'gone'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? (v as LockInfo) : null;
  } catch {
    return null;
  }
}

/** Whether the lock's process still runs. A lock from another machine (a shared folder) is taken as held. */
function isRunning(l: LockInfo): boolean {
  if (l.host !== os.hostname()) return true;
  try {
    process.kill(l.pid, 0);
    // A process killed with kill -9 stays a zombie until its parent reaps it (a container whose
    // init does not reap, a shell that has not waited yet): it holds nothing and runs nothing.
    try {
      if (/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${l.pid}/stat`, 'utf8'))) return false;
    } catch {
      // No /proc (macOS): the signal test alone decides.
    }
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function busy(dir: string, l: LockInfo): UserInputError {
  const who = l.host === os.hostname() ? `process ${l.pid}` : `process ${l.pid} on ${l.host}`;
  return new UserInputError(`${dir} is in use by another ${l.what} run (${who}, started ${l.startedAt}); wait for it to end, or choose another --out`);
}
