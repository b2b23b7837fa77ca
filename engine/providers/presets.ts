// Known OpenAI-compatible endpoints. Any base URL works; a preset only fills defaults (URL, model,
// where the key lives, how thinking is switched, image limits).
import type { ProviderLimits } from './types.js';

export interface Preset {
  id: string;
  label: string;
  baseUrl: string;
  /** Default model id ('' where the server decides what it serves and the user must say). */
  model: string;
  /** Environment variable holding the API key; undefined for local servers that need none. */
  apiKeyEnv?: string;
  /** How the request body switches reasoning on or off. */
  thinking: 'glm' | 'chat-template-kwargs' | 'none';
  /** Servers known to accept stream_options.include_usage. */
  streamUsage: boolean;
  limits: ProviderLimits;
}

/** GLM-V limits from the Z.ai API docs: jpg/png ≤ 5 MB, ≤ 6000 px per side, ≤ 50 images per request. */
export const GLM_LIMITS: ProviderLimits = { maxImagesPerRequest: 50, maxImageBytes: 5 * 1024 * 1024, maxImageSide: 6000 };
const GENERIC_LIMITS: ProviderLimits = { maxImagesPerRequest: 20, maxImageBytes: 10 * 1024 * 1024, maxImageSide: 4096 };

export const PRESETS: Record<string, Preset> = {
  'glm-5v-turbo': {
    id: 'glm-5v-turbo',
    label: 'GLM-5V-Turbo on Z.ai',
    baseUrl: 'https://api.z.ai/api/paas/v4',
    model: 'glm-5v-turbo',
    apiKeyEnv: 'ZAI_API_KEY',
    thinking: 'glm',
    streamUsage: false,
    limits: GLM_LIMITS,
  },
  bigmodel: {
    id: 'bigmodel',
    label: 'GLM on BigModel (open.bigmodel.cn)',
    baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
    model: 'glm-5v-turbo',
    apiKeyEnv: 'ZHIPUAI_API_KEY',
    thinking: 'glm',
    streamUsage: false,
    limits: GLM_LIMITS,
  },
  openai: {
    id: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4.1-mini',
    apiKeyEnv: 'OPENAI_API_KEY',
    thinking: 'none',
    streamUsage: true,
    limits: { maxImagesPerRequest: 50, maxImageBytes: 20 * 1024 * 1024, maxImageSide: 4096 },
  },
  openrouter: {
    id: 'openrouter',
    label: 'OpenRouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    model: '',
    apiKeyEnv: 'OPENROUTER_API_KEY',
    thinking: 'none',
    streamUsage: true,
    limits: GENERIC_LIMITS,
  },
  ollama: { id: 'ollama', label: 'Ollama (local)', baseUrl: 'http://127.0.0.1:11434/v1', model: '', thinking: 'none', streamUsage: false, limits: GENERIC_LIMITS },
  vllm: { id: 'vllm', label: 'vLLM (local)', baseUrl: 'http://127.0.0.1:8000/v1', model: '', thinking: 'chat-template-kwargs', streamUsage: true, limits: GENERIC_LIMITS },
  sglang: { id: 'sglang', label: 'SGLang (local)', baseUrl: 'http://127.0.0.1:30000/v1', model: '', thinking: 'chat-template-kwargs', streamUsage: true, limits: GENERIC_LIMITS },
  lmstudio: { id: 'lmstudio', label: 'LM Studio (local)', baseUrl: 'http://127.0.0.1:1234/v1', model: '', thinking: 'none', streamUsage: false, limits: GENERIC_LIMITS },
};
