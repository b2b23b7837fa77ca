// Settings: appearance, deck theme, network, execution provider and model providers. Stored as JSON
// in the app data folder; API keys go to the host's secret store and only `hasKey` reaches the UI.
import path from 'node:path';
import { z } from 'zod';
import type { ProviderConfig } from '../../../engine/providers/index.ts';
import { ProviderSettings, Settings, type ProviderCheck } from '../../contract/contract.ts';
import { endpointOf } from '../../contract/endpoints.ts';
import { ContractError } from '../../contract/wrapper.ts';
import type { EventBus } from '../event-bus.ts';
import { readJson, writeJsonAtomic } from '../fs-util.ts';
import type { Host } from '../host.ts';
import { checkProvider } from '../provider-check.ts';

const Stored = Settings.omit({ providers: true }).extend({ providers: z.array(ProviderSettings) });
type Stored = z.infer<typeof Stored>;

const OFFLINE: ProviderSettings = { id: 'offline', label: 'Offline (no model)', kind: 'offline' };

export const DEFAULT_SETTINGS: Stored = {
  appearance: 'system',
  deckTheme: 'paper',
  network: false,
  allowLocalNetwork: false,
  executionProvider: 'cpu',
  activeProviderId: 'offline',
  providers: [OFFLINE],
};


export class SettingsController {
  readonly #host: Host;
  readonly #bus: EventBus;
  #stored: Stored = DEFAULT_SETTINGS;
  #loaded = false;

  constructor(host: Host, bus: EventBus) {
    this.#host = host;
    this.#bus = bus;
  }

  async get(): Promise<Settings> {
    await this.#load();
    const providers = await Promise.all(
      this.#stored.providers.map(async (p) => ({ ...p, hasKey: (await this.#host.secrets.get(secretId(p.id))) !== null })),
    );
    return { ...this.#stored, providers };
  }

  async set(patch: Partial<Omit<Settings, 'providers'>>): Promise<Settings> {
    await this.#load();
    const next = { ...this.#stored, ...patch };
    if (!next.providers.some((p) => p.id === next.activeProviderId)) {
      throw new ContractError('USER_INPUT', `no provider "${next.activeProviderId}" (add it in Settings → Providers first)`);
    }
    return this.#commit(next);
  }

  async saveProvider(provider: ProviderSettings, apiKey: string | null | undefined, onConflict: 'replace' | 'refuse' = 'replace'): Promise<Settings> {
    await this.#load();
    if (provider.id === OFFLINE.id) throw new ContractError('USER_INPUT', 'the offline provider cannot be changed');
    if (provider.kind === 'openai-compatible' && (!provider.baseUrl || !provider.model)) {
      throw new ContractError('USER_INPUT', `${provider.label}: an OpenAI-compatible provider needs a base URL and a model`);
    }
    const same = (p: ProviderSettings): boolean => p.id === provider.id || p.label.trim().toLowerCase() === provider.label.trim().toLowerCase();
    const clash = this.#stored.providers.find(same);
    if (clash && clash.id === OFFLINE.id) throw new ContractError('USER_INPUT', `"${provider.label}" is the offline provider's name; choose another`);
    if (clash && onConflict === 'refuse') throw new ContractError('CONFLICT', `a provider named "${clash.label}" exists already`);
    // undefined: keep the stored key; null or '': forget it.
    if (apiKey !== undefined) await this.#host.secrets.set(secretId(provider.id), apiKey);
    // Replaced where it was in the list (an edit keeps its place); a replaced provider of another id loses its key.
    const at = clash ? this.#stored.providers.indexOf(clash) : -1;
    if (clash && clash.id !== provider.id) await this.#host.secrets.set(secretId(clash.id), null);
    const rest = this.#stored.providers.filter((p) => !same(p));
    const providers = at >= 0 ? [...rest.slice(0, at), provider, ...rest.slice(at)] : [...rest, provider];
    const activeProviderId = clash && this.#stored.activeProviderId === clash.id ? provider.id : this.#stored.activeProviderId;
    return this.#commit({ ...this.#stored, providers, activeProviderId });
  }

  /** "Test connection": the provider's endpoint under the network setting (a loopback server works offline). */
  async testProvider(provider: ProviderSettings, apiKey: string | null | undefined, fetchImpl?: typeof fetch): Promise<ProviderCheck> {
    await this.#load();
    if (provider.kind === 'offline') return { ok: true, message: 'The offline provider runs on this computer and needs no connection.', ms: 0 };
    if (!provider.baseUrl || !provider.model) throw new ContractError('USER_INPUT', `${provider.label}: a base URL and a model are needed to test the connection`);
    const endpoint = endpointOf(provider.baseUrl);
    if (!this.#stored.network && !endpoint?.local) {
      return { ok: false, code: 'NETWORK_OFF', message: `${endpoint?.host ?? provider.baseUrl} is on the network, which is off (Settings → Network); nothing was sent`, ms: 0 };
    }
    const key = apiKey === undefined ? await this.#host.secrets.get(secretId(provider.id)) : apiKey;
    return checkProvider({ baseUrl: provider.baseUrl, model: provider.model, apiKey: key }, fetchImpl);
  }

  async removeProvider(id: string): Promise<Settings> {
    await this.#load();
    if (id === OFFLINE.id) throw new ContractError('USER_INPUT', 'the offline provider cannot be removed');
    await this.#host.secrets.set(secretId(id), null);
    const providers = this.#stored.providers.filter((p) => p.id !== id);
    const activeProviderId = this.#stored.activeProviderId === id ? OFFLINE.id : this.#stored.activeProviderId;
    return this.#commit({ ...this.#stored, providers, activeProviderId });
  }

  /** The configuration a run gets, API key included: stays on the main side. */
  async providerConfig(id: string | undefined): Promise<{ id: string; config: ProviderConfig }> {
    await this.#load();
    const pid = id ?? this.#stored.activeProviderId;
    const p = this.#stored.providers.find((x) => x.id === pid);
    if (!p) throw new ContractError('USER_INPUT', `no provider "${pid}" (see Settings → Providers)`);
    if (p.kind === 'offline' || !p.baseUrl || !p.model) return { id: p.id, config: { kind: 'offline' } };
    // A model server on this computer (Ollama, vLLM, LM Studio on 127.0.0.1) is not the network.
    if (!this.#stored.network && !endpointOf(p.baseUrl)?.local) {
      throw new ContractError('USER_INPUT', `${p.label} (${endpointOf(p.baseUrl)?.host ?? p.baseUrl}) needs the network, which is off (Settings → Network); a model server on this computer (127.0.0.1) works offline`);
    }
    const apiKey = await this.#host.secrets.get(secretId(p.id));
    return {
      id: p.id,
      config: { kind: 'openai-compatible', ...(p.preset ? { preset: p.preset } : {}), baseUrl: p.baseUrl, model: p.model, ...(apiKey ? { apiKey } : {}) },
    };
  }

  async network(): Promise<boolean> {
    await this.#load();
    return this.#stored.network;
  }

  /** What the app may fetch: the network at all, and loopback/intranet hosts among it. */
  async fetchPolicy(): Promise<{ network: boolean; allowPrivate: boolean }> {
    await this.#load();
    return { network: this.#stored.network, allowPrivate: this.#stored.allowLocalNetwork };
  }

  async #commit(next: Stored): Promise<Settings> {
    this.#stored = Stored.parse(next);
    await writeJsonAtomic(this.#file(), this.#stored);
    const out = await this.get();
    this.#bus.emit('settings.changed', out);
    return out;
  }

  async #load(): Promise<void> {
    if (this.#loaded) return;
    const stored = await readJson(this.#file(), Stored).catch((err: unknown) => {
      // A damaged settings file must not lock the person out of the app: start from defaults, say so.
      console.error(`folio: ${err instanceof Error ? err.message : String(err)}; using default settings`);
      return null;
    });
    if (stored) {
      const providers = stored.providers.some((p) => p.id === OFFLINE.id) ? stored.providers : [OFFLINE, ...stored.providers];
      this.#stored = { ...stored, providers };
    }
    this.#loaded = true;
  }

  #file(): string {
    return path.join(this.#host.dataDir, 'settings.json');
  }
}

function secretId(providerId: string): string {
  return `provider:${providerId}`;
}
