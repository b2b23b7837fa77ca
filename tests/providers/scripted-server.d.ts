import { type IncomingMessage } from 'node:http';
export interface ReceivedRequest {
    body: {
        model?: string;
        stream?: boolean;
        messages: {
            role: string;
            content: unknown;
            tool_calls?: unknown[];
            tool_call_id?: string;
        }[];
        tools?: {
            type: string;
            function: {
                name: string;
                description?: string;
                parameters: Record<string, unknown>;
            };
        }[];
        thinking?: unknown;
        [k: string]: unknown;
    };
    headers: IncomingMessage['headers'];
}
export type Reply = {
    kind: 'sse';
    chunks: unknown[];
    delayMs?: number;
    truncate?: boolean;
} | {
    kind: 'json';
    body: unknown;
    delayMs?: number;
} | {
    kind: 'status';
    status: number;
    headers?: Record<string, string>;
    body?: string;
} | {
    kind: 'raw';
    contentType: string;
    body: string;
} | {
    kind: 'hang';
    ms: number;
};
export interface Turn {
    /** Shown in failure messages. */
    name: string;
    /** Assertions on the request; a throw is recorded as a failure. */
    expect?: (req: ReceivedRequest) => void;
    reply: Reply;
}
export interface ScriptedServer {
    url: string;
    requests: ReceivedRequest[];
    failures: string[];
    /** Throws if any check failed, any call was unexpected, or any turn was not used. */
    assertDone(): void;
    close(): Promise<void>;
}
/** Streams a model answer: optional reasoning, text, and tool calls (arguments split over chunks). */
export declare function answer(opts: {
    text?: string;
    reasoning?: string;
    calls?: {
        name: string;
        args?: unknown;
        rawArgs?: string;
        id?: string;
    }[];
    usage?: [number, number];
}): unknown[];
/**
 * `mode: 'sequence'` answers turn after turn. `mode: 'by-turn'` answers by how many assistant
 * messages the request carries, so a resumed run that repeats an interrupted step gets the same
 * answer again (the way a deterministic model would).
 */
export declare function startScriptedServer(turns: Turn[], opts?: {
    mode?: 'sequence' | 'by-turn';
}): Promise<ScriptedServer>;
