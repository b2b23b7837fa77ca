// A scripted contract client for store tests: answers from a table, records calls, and fails on a
// channel the test did not script (so an unexpected call is a test failure, not a silent undefined).
import type { Channel, ChannelOutput, EventName, EventPayload } from '../../electron/contract/contract.ts';
import { ContractError, type Client } from '../../electron/contract/wrapper.ts';
import { createAppStore, type AppStore, type StoreDeps } from '../../renderer/store/index.ts';

type Answers = { [C in Channel]?: (input: unknown) => ChannelOutput<C> | Promise<ChannelOutput<C>> };

export function fakeStore(answers: Answers, extra: Omit<StoreDeps, 'client'> = {}): { store: AppStore; client: Client; calls: { channel: string; input: unknown }[]; emit: <E extends EventName>(e: E, p: EventPayload<E>) => void } {
  const calls: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const client: Client = {
    async call(channel, ...rest) {
      const input = rest[0];
      calls.push({ channel, input });
      const fn = answers[channel] as ((i: unknown) => unknown) | undefined;
      if (!fn) throw new Error(`unexpected call ${channel}`);
      return (await fn(input)) as never;
    },
    on(event, cb) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(cb as (p: unknown) => void);
      return () => set.delete(cb as (p: unknown) => void);
    },
  };
  const store = createAppStore({ client, ...extra });
  return { store, client, calls, emit: (e, p) => listeners.get(e)?.forEach((l) => l(p)) };
}

export function fail(code: string, message: string): never {
  throw new ContractError(code, message);
}
