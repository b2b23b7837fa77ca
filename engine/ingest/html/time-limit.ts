// A time limit for synchronous work. Parsing and Readability cannot be interrupted by an
// AbortSignal, so the work runs inside vm.runInContext, whose watchdog terminates whatever
// JavaScript is running when the limit passes, even functions defined outside the context.
// The work must return plain data and leave no shared state half-updated: on a timeout all of
// it is thrown away.
import vm from 'node:vm';

export class TimeLimitExceeded extends Error {
  constructor(readonly ms: number) {
    super(`took longer than ${ms} ms`);
  }
}

export function runWithTimeLimit<T>(fn: () => T, timeoutMs: number): T {
  const box: { fn: () => T; out?: T } = { fn };
  try {
    vm.runInContext('box.out = box.fn()', vm.createContext({ box }), { timeout: Math.max(1, Math.round(timeoutMs)) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new TimeLimitExceeded(timeoutMs);
    throw err;
  }
  return box.out as T;
}
