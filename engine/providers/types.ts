// The one interface every model provider implements: chat with multimodal content, tools,
// streaming deltas and usage accounting. Images travel as bytes here; each provider encodes them
// as its wire format needs (data URIs for OpenAI-compatible servers).

export type ContentPart =
  | { type: 'text'; text: string }
  | {
      type: 'image';
      mime: 'image/png' | 'image/jpeg';
      data: Uint8Array;
      /** What the image is, for providers or logs that cannot show it ("page 3 of tracemonkey"). */
      label?: string;
    };

export interface ToolCall {
  id: string;
  name: string;
  /** Parsed JSON arguments (an object). */
  args: Record<string, unknown>;
}

export type ChatMessage =
  | { role: 'user'; content: string | ContentPart[] }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[]; reasoning?: string }
  | { role: 'tool'; toolCallId: string; name: string; content: string | ContentPart[] };

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments (type: object). */
  parameters: Record<string, unknown>;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export interface ChatRequest {
  system?: string;
  messages: ChatMessage[];
  tools?: ToolSpec[];
  temperature?: number;
  maxTokens?: number;
}

export interface ChatDelta {
  text?: string;
  reasoning?: string;
}

export interface ChatOptions {
  signal?: AbortSignal;
  /** Streaming deltas as they arrive (text and reasoning). */
  onDelta?: (d: ChatDelta) => void;
  /** One-line notices about how the provider talks to the server (e.g. falling back to the text protocol). */
  onNotice?: (message: string) => void;
}

export interface ChatResponse {
  text: string;
  reasoning?: string;
  toolCalls: ToolCall[];
  usage: Usage;
  finishReason: 'stop' | 'tool_calls' | 'length' | 'other';
  /** Request body bytes sent for this answer (all attempts that reached the server's answer). */
  sentBytes?: number;
  /** 'text' when tool calls were read from the answer text (a model without tool calling). */
  protocol?: 'tools' | 'text' | 'none';
}

export interface ProviderLimits {
  maxImagesPerRequest: number;
  maxImageBytes: number;
  maxImageSide: number;
}

export interface Provider {
  readonly kind: 'offline' | 'openai-compatible';
  /** "offline" or the model id. */
  readonly model: string;
  readonly limits: ProviderLimits;
  chat(req: ChatRequest, opts?: ChatOptions): Promise<ChatResponse>;
  /** Plain text completion for writers: no tools, images allowed in messages. */
  complete(req: { system?: string; messages: ChatMessage[] }, opts?: ChatOptions): Promise<string>;
}
