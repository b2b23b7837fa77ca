// Model providers: one interface (chat with text + images, tools, streaming, usage), two kinds —
// `offline` (the embedded deterministic default) and `openai-compatible` (any chat/completions
// server, with presets for GLM-5V-Turbo on Z.ai, BigModel, OpenAI, OpenRouter, Ollama, vLLM, SGLang,
// LM Studio). API keys come from the config or the environment and are never logged or saved.
import { ProviderError, UserInputError } from '../errors.js';
import { OfflineProvider } from './offline.js';
import { OpenAICompatibleProvider } from './openai-compatible.js';
import { PRESETS } from './presets.js';

export type * from './types.js';
export { PRESETS, GLM_LIMITS, type Preset } from './presets.js';
export { boxFormatFor, parseBoxes, qwenResizedSize, stripBoxTokens, toSourceBox, type BoxFormat, type BoxOptions, type GroundedBox } from './grounding.js';
export { fitImage, imageSize } from './images.js';
export { parseToolArgs } from './json-repair.js';
export { OfflineProvider } from './offline.js';
export { OpenAICompatibleProvider } from './openai-compatible.js';
export { streamMeter, type ModelStreamUpdate, type StreamMeter, type StreamPhase } from './stream-meter.js';
export { createWebSearch, webSearchFrom, WEB_SEARCH_KINDS, type WebHit, type WebSearchConfig, type WebSearchProvider } from './web-search.js';

export type ProviderConfig =
  | { kind: 'offline' }
  | {
      kind: 'openai-compatible';
      /** A PRESETS id; fills baseUrl, model, key variable, thinking style and image limits. */
      preset?: string;
      baseUrl: string;
      model: string;
      /** The key itself (from the app's key store). Never saved in the run state. */
      apiKey?: string;
      /** Environment variable to read the key from (default: the preset's). */
      apiKeyEnv?: string;
      /** Reasoning on/off where the server supports a switch; unset leaves the server's default. */
      thinking?: boolean;
      /** Time limit per request attempt (default 120 s). */
      timeoutMs?: number;
      maxRetries?: number;
      retryBaseMs?: number;
      /** Stream with server-sent events (default true). */
      stream?: boolean;
    };

/** Fills a partial openai-compatible config from its preset (CLI flags override preset defaults). */
export function resolveConfig(c: { preset?: string; baseUrl?: string; model?: string; apiKeyEnv?: string; thinking?: boolean; timeoutMs?: number }): ProviderConfig {
  const preset = c.preset !== undefined ? PRESETS[c.preset] : undefined;
  if (c.preset !== undefined && !preset) throw new UserInputError(`unknown preset "${c.preset}" (presets: ${Object.keys(PRESETS).join(', ')})`);
  const baseUrl = c.baseUrl ?? preset?.baseUrl;
  if (!baseUrl) throw new UserInputError('openai-compatible provider: give --preset or --base-url');
  const model = c.model ?? preset?.model ?? '';
  if (!model) throw new UserInputError(`openai-compatible provider: give --model (${preset ? `the ${preset.label} preset has no default model` : 'no preset chosen'})`);
  return {
    kind: 'openai-compatible',
    ...(c.preset !== undefined ? { preset: c.preset } : {}),
    baseUrl,
    model,
    ...(c.apiKeyEnv !== undefined ? { apiKeyEnv: c.apiKeyEnv } : preset?.apiKeyEnv ? { apiKeyEnv: preset.apiKeyEnv } : {}),
    ...(c.thinking !== undefined ? { thinking: c.thinking } : {}),
    ...(c.timeoutMs !== undefined ? { timeoutMs: c.timeoutMs } : {}),
  };
}

export function createProvider(config: ProviderConfig, env: NodeJS.ProcessEnv = process.env): OfflineProvider | OpenAICompatibleProvider {
  if (config.kind === 'offline') return new OfflineProvider();
  const preset = config.preset !== undefined ? PRESETS[config.preset] : undefined;
  if (config.preset !== undefined && !preset) throw new UserInputError(`unknown preset "${config.preset}" (presets: ${Object.keys(PRESETS).join(', ')})`);
  let base: URL;
  try {
    base = new URL(config.baseUrl);
  } catch {
    throw new UserInputError(`not a valid base URL: ${config.baseUrl}`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new UserInputError(`base URL must be http(s): ${config.baseUrl}`);
  if (!config.model) throw new UserInputError('openai-compatible provider: no model id given');
  const keyVar = config.apiKeyEnv ?? preset?.apiKeyEnv;
  const apiKey = config.apiKey ?? (keyVar ? env[keyVar] : undefined);
  // Hosted presets need a key; a plain base URL (a local server) may run without one.
  if (!apiKey && keyVar) throw new ProviderError(`no API key: set the environment variable ${keyVar}${config.apiKeyEnv ? '' : ' (or name another with --api-key-env)'}`);
  return new OpenAICompatibleProvider({
    baseUrl: config.baseUrl,
    model: config.model,
    ...(apiKey ? { apiKey } : {}),
    ...(config.thinking !== undefined ? { thinking: config.thinking } : {}),
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.maxRetries !== undefined ? { maxRetries: config.maxRetries } : {}),
    ...(config.retryBaseMs !== undefined ? { retryBaseMs: config.retryBaseMs } : {}),
    ...(config.stream !== undefined ? { stream: config.stream } : {}),
    ...(preset ? { preset } : {}),
    limits: preset?.limits ?? { maxImagesPerRequest: 20, maxImageBytes: 10 * 1024 * 1024, maxImageSide: 4096 },
  });
}

/** What a run may save about its provider: never the key itself. */
export function savedConfig(config: ProviderConfig): ProviderConfig {
  if (config.kind === 'offline') return config;
  const { apiKey: _key, ...rest } = config;
  return rest;
}
