// The model-provider flags, read one way by every command (`folio run`, `folio research`, `folio export`):
// --provider, --preset, --base-url, --model, --api-key-env, --thinking/--no-thinking, --timeout.
// Any model flag means a model provider, so `--model m` alone asks for a base URL instead of running
// offline without a word; with --provider offline the model flags are a mistake worth saying.
import { UserInputError } from '../../engine/errors.js';
import { resolveConfig, type ProviderConfig } from '../../engine/providers/index.js';

export type ProviderFlags = {
  provider?: string | undefined;
  preset?: string | undefined;
  'base-url'?: string | undefined;
  model?: string | undefined;
  'api-key-env'?: string | undefined;
  thinking?: boolean | undefined;
  'no-thinking'?: boolean | undefined;
  timeout?: string | undefined;
};

/** The provider the flags ask for; undefined when no provider flag was given (the caller's default). */
export function providerFromFlags(v: ProviderFlags, command: string): ProviderConfig | undefined {
  const remote = v.preset !== undefined || v['base-url'] !== undefined || v.model !== undefined || v['api-key-env'] !== undefined || v.thinking === true || v['no-thinking'] === true;
  const kind = v.provider ?? (remote ? 'openai-compatible' : undefined);
  if (kind === undefined) return undefined;
  if (kind === 'offline') {
    if (remote) throw new UserInputError(`${command}: --preset, --base-url, --model, --api-key-env and --thinking are for --provider openai-compatible`);
    return { kind: 'offline' };
  }
  if (kind !== 'openai-compatible') throw new UserInputError(`${command}: unknown provider "${kind}" (offline or openai-compatible)`);
  const thinking = v.thinking === true ? true : v['no-thinking'] === true ? false : undefined;
  const timeoutMs = v.timeout !== undefined ? Number(v.timeout) * 1000 : undefined;
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs >= 1000)) throw new UserInputError(`${command}: --timeout is the seconds to wait for one model answer, at least 1 (got ${v.timeout})`);
  try {
    return resolveConfig({
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(v.preset !== undefined ? { preset: v.preset } : {}),
      ...(v['base-url'] !== undefined ? { baseUrl: v['base-url'] } : {}),
      ...(v.model !== undefined ? { model: v.model } : {}),
      ...(v['api-key-env'] !== undefined ? { apiKeyEnv: v['api-key-env'] } : {}),
      ...(thinking !== undefined ? { thinking } : {}),
    });
  } catch (err) {
    if (err instanceof UserInputError) throw new UserInputError(`${command}: ${err.message}`);
    throw err;
  }
}
