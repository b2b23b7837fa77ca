// Settings slice: providers and keys (only hasKey comes back), appearance, the effective provider.
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../electron/contract/contract.ts';
import { settingsSelectors } from '../../renderer/store/settings/selectors.ts';
import { fakeStore } from './fake-client.ts';

const base: Settings = { appearance: 'system', deckTheme: 'paper', network: false, allowLocalNetwork: false, executionProvider: 'cpu', activeProviderId: 'offline', providers: [{ id: 'offline', label: 'Offline', kind: 'offline', hasKey: false }] };

describe('settings slice', () => {
  it('saves a provider with its key and keeps only whether a key is stored', async () => {
    const { store, calls } = fakeStore({
      'settings.saveProvider': (i) => {
        const { provider } = i as { provider: Settings['providers'][number] };
        return { ...base, providers: [...base.providers, { ...provider, hasKey: true }] };
      },
    });
    const ok = await store.getState().saveProvider({ id: 'lab', label: 'Lab', kind: 'openai-compatible', baseUrl: 'https://lab.example/v1', model: 'vl-7b' }, 'sk-secret');
    expect(ok).toBe('saved');
    expect(calls[0]?.input).toMatchObject({ apiKey: 'sk-secret' });
    expect(JSON.stringify(store.getState().settings)).not.toContain('sk-secret');
    expect(settingsSelectors.providers(store.getState()).find((p) => p.id === 'lab')?.hasKey).toBe(true);
  });

  it('reports a refused change', async () => {
    const { store } = fakeStore({
      'settings.set': () => {
        throw new Error('no provider "x"');
      },
    });
    await store.getState().updateSettings({ activeProviderId: 'x' });
    expect(store.getState().settingsError).toBe('no provider "x"');
  });

  it('picks the effective provider and appearance', () => {
    const { store } = fakeStore({});
    store.setState({ settings: base });
    expect(settingsSelectors.effectiveProviderId(store.getState(), 'gone')).toBe('offline');
    expect(settingsSelectors.appearance(store.getState(), true)).toBe('dark');
    store.setState({ settings: { ...base, appearance: 'light' } });
    expect(settingsSelectors.appearance(store.getState(), true)).toBe('light');
  });

  it('says what a run contacts: nothing offline, a loopback model even with the network off, a remote one only with it', () => {
    const { store } = fakeStore({});
    const providers: Settings['providers'] = [
      ...base.providers,
      { id: 'ollama', label: 'Ollama', kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5vl', hasKey: false },
      { id: 'zai', label: 'GLM', kind: 'openai-compatible', baseUrl: 'https://api.z.ai/api/paas/v4', model: 'glm-5v-turbo', hasKey: true },
    ];
    store.setState({ settings: { ...base, providers } });
    const st = () => store.getState();
    expect(settingsSelectors.contacts(st(), 'offline')).toEqual({ text: 'This run contacts nothing: it all stays on this computer.', blocked: false });
    expect(settingsSelectors.contacts(st(), 'ollama')).toEqual({ text: 'This run contacts the model at 127.0.0.1:11434 (this computer).', blocked: false });
    expect(settingsSelectors.contacts(st(), 'zai')).toMatchObject({ text: expect.stringMatching(/api\.z\.ai, and the network is off/), blocked: true });
    store.setState({ settings: { ...base, providers, network: true } });
    expect(settingsSelectors.contacts(st(), 'zai')).toEqual({ text: 'This run contacts the model at api.z.ai and web pages the run opens.', blocked: false });
  });
});
