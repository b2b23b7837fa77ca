// The one validating wrapper every handler goes through on the main side: checks the sender, parses
// the input with the channel's zod schema, runs the handler, validates its output, and turns any
// failure into {code, message} (only those cross a process boundary). Its mirror on the renderer
// side is client.ts. Imports zod and the contract only.
import { z } from 'zod';
import { WRAPPER_CODES } from './errors.ts';
import {
  channels,
  isChannel,
  type Channel,
  type ChannelOutput,
  type ChannelParsedInput,
  type ErrorInfo,
  type Result,
} from './contract.ts';

export type Handlers = { [C in Channel]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> };

/** Who sent a request: an Electron frame URL, or the bridge's verdict on a token. */
export interface Sender {
  /** The URL of the page that sent the request (Electron senderFrame.url, the bridge's Origin). */
  url: string;
  /** Set by the HTTP bridge: whether the request carried the per-run token. */
  tokenOk?: boolean;
}

export interface DispatchOptions {
  isTrustedSender: (sender: Sender) => boolean;
  /** Called for errors that are not the person's fault (no stable code): logged, not swallowed. */
  onInternalError?: (channel: string, err: unknown) => void;
}

export type Dispatch = (channel: string, rawInput: unknown, sender: Sender) => Promise<Result<unknown>>;

export function errorInfo(err: unknown): ErrorInfo {
  if (err instanceof z.ZodError) return { code: WRAPPER_CODES.badInput, message: describeZodError(err) };
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    // Node's own error codes (ENOENT…) are not part of the contract: report them as internal.
    if (typeof code === 'string' && /^[A-Z][A-Z_]+$/.test(code) && !code.startsWith('E') && !code.startsWith('ERR_')) {
      return { code, message: err.message };
    }
    return { code: WRAPPER_CODES.internal, message: err.message };
  }
  return { code: WRAPPER_CODES.internal, message: String(err) };
}

function describeZodError(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Builds the main-side entry point: checks the sender, parses input, runs the handler, validates output. */
export function createDispatcher(handlers: Handlers, opts: DispatchOptions): Dispatch {
  return async (channel, rawInput, sender) => {
    if (!opts.isTrustedSender(sender)) {
      return { ok: false, error: { code: WRAPPER_CODES.forbidden, message: `${channel}: request from an untrusted sender` } };
    }
    if (!isChannel(channel)) {
      return { ok: false, error: { code: WRAPPER_CODES.unknownChannel, message: `unknown channel "${channel}"` } };
    }
    const spec = channels[channel];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: WRAPPER_CODES.badInput, message: `${channel}: ${describeZodError(parsed.error)}` } };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      const out = await handler(parsed.data);
      // Validating the output too keeps a main-side bug from reaching the UI as a malformed value.
      const checked = spec.output.safeParse(out);
      if (!checked.success) {
        opts.onInternalError?.(channel, checked.error);
        return { ok: false, error: { code: WRAPPER_CODES.internal, message: `${channel}: the app sent back a malformed answer (${describeZodError(checked.error)})` } };
      }
      return { ok: true, data: checked.data };
    } catch (err) {
      const info = errorInfo(err);
      if (info.code === WRAPPER_CODES.internal) opts.onInternalError?.(channel, err);
      return { ok: false, error: info };
    }
  };
}

export { ContractError, WRAPPER_CODES } from './errors.ts';
export { createClient, type Client, type Transport } from './client.ts';
