import { type Channel, type ChannelInput, type ChannelOutput, type ChannelParsedInput, type ErrorInfo, type EventName, type EventPayload, type Result } from './contract.ts';
/** Codes the wrapper itself produces (the engine's own codes pass through unchanged). */
export declare const WRAPPER_CODES: {
    readonly badInput: "BAD_INPUT";
    readonly forbidden: "FORBIDDEN";
    readonly unknownChannel: "UNKNOWN_CHANNEL";
    readonly internal: "INTERNAL";
};
/** An error that carries a stable code across the boundary. Handlers may throw it or any error with `code`. */
export declare class ContractError extends Error {
    readonly code: string;
    constructor(code: string, message: string);
}
export type Handlers = {
    [C in Channel]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>>;
};
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
export declare function errorInfo(err: unknown): ErrorInfo;
/** Builds the main-side entry point: checks the sender, parses input, runs the handler, validates output. */
export declare function createDispatcher(handlers: Handlers, opts: DispatchOptions): Dispatch;
/** How the renderer reaches the main side: the preload's window.folio, or the HTTP bridge. */
export interface Transport {
    invoke(channel: string, input: unknown): Promise<Result<unknown>>;
    on(event: string, cb: (payload: unknown) => void): () => void;
}
export interface Client {
    call<C extends Channel>(channel: C, ...input: keyof ChannelInput<C> extends never ? [input?: ChannelInput<C>] : [input: ChannelInput<C>]): Promise<ChannelOutput<C>>;
    on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
}
/** A typed client over a transport: unwraps results and rebuilds failures as ContractError with their code. */
export declare function createClient(transport: Transport): Client;
export declare function isResult(v: unknown): v is Result<unknown>;
