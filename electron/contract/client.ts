// The renderer side of the contract: a typed client over a transport (the preload's window.folio or
// the HTTP bridge) that unwraps results and rebuilds failures as ContractError by code. Type-only
// imports of the schemas: the renderer's bundle carries no zod.
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload, Result } from './contract.ts';
import { ContractError } from './errors.ts';

/** How the renderer reaches the main side: the preload's window.folio, or the HTTP bridge. */
export interface Transport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}

export interface Client {
  call<C extends Channel>(channel: C, ...input: Record<string, never> extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>]): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
}

/** A typed client over a transport: unwraps results and rebuilds failures as ContractError with their code. */
export function createClient(transport: Transport): Client {
  return {
    async call(channel, ...rest) {
      const res = await transport.invoke(channel, rest[0] ?? {});
      if (!res.ok) throw new ContractError(res.error.code, res.error.message);
      return res.data as never;
    },
    on(event, cb) {
      return transport.on(event, (payload) => cb(payload as never));
    },
  };
}
