// Settings: appearance, deck theme, network, execution provider, model providers with their API
// keys (write-only: the key never comes back, only whether one is stored), and the project folder.
import { useRef, useState } from 'react';
import type { ProviderSettings } from '../../electron/contract/contract.ts';
import { useActions, useApp } from '../context.ts';
import { useDialogFocus } from '../lib/a11y.ts';

export function SettingsDialog() {
  const a = useActions();
  const open = useApp((s) => s.settingsOpen);
  const settings = useApp((s) => s.settings);
  const app = useApp((s) => s.app);
  const project = useApp((s) => s.project);
  const recent = useApp((s) => s.recentProjects);
  const error = useApp((s) => s.settingsError);
  const first = useRef<HTMLSelectElement>(null);
  const [draft, setDraft] = useState<ProviderSettings>({ id: '', label: '', kind: 'openai-compatible', baseUrl: '', model: '' });
  // Uncontrolled on purpose: React mirrors a controlled input's value into the DOM attribute, and
  // an API key has no business in the DOM.
  const keyInput = useRef<HTMLInputElement>(null);
  const [dir, setDir] = useState('');
  /** The id of the provider being edited in the form; null: the form adds a new one. */
  const [editing, setEditing] = useState<string | null>(null);
  /** A save that met a provider of the same name, waiting for "Replace" or "Cancel". */
  const [clash, setClash] = useState<{ provider: ProviderSettings; key: string | undefined; name: string } | null>(null);
  const check = useApp((s) => s.providerCheck);

  const dialogRef = useRef<HTMLDivElement>(null);
  useDialogFocus(dialogRef, open && settings !== null, first);
  if (!open || !settings) return null;

  const EMPTY: ProviderSettings = { id: '', label: '', kind: 'openai-compatible', baseUrl: '', model: '' };
  const resetForm = (): void => {
    setDraft(EMPTY);
    setEditing(null);
    setClash(null);
    if (keyInput.current) keyInput.current.value = '';
  };
  const draftWithId = (): ProviderSettings => ({ ...draft, id: editing ?? (draft.label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'provider') });
  // An empty key field keeps the stored key (edit), or means no key (add).
  const typedKey = (): string | undefined => keyInput.current?.value || undefined;
  const saveDraft = async (): Promise<void> => {
    const provider = draftWithId();
    const key = typedKey();
    // Adding asks before replacing one of the same name; an edit replaces itself.
    const r = await a.saveProvider(provider, key, editing ? 'replace' : 'refuse');
    if (r === 'saved') resetForm();
    if (r === 'conflict') {
      const name = settings.providers.find((p) => p.id === provider.id || p.label.trim().toLowerCase() === provider.label.trim().toLowerCase())?.label ?? provider.label;
      setClash({ provider, key, name });
    }
  };
  const replace = async (): Promise<void> => {
    if (!clash) return;
    if ((await a.saveProvider(clash.provider, clash.key, 'replace')) === 'saved') resetForm();
  };
  const edit = (p: ProviderSettings): void => {
    setEditing(p.id);
    setClash(null);
    setDraft({ id: p.id, label: p.label, kind: p.kind, baseUrl: p.baseUrl ?? '', model: p.model ?? '', ...(p.preset ? { preset: p.preset } : {}) });
    if (keyInput.current) keyInput.current.value = '';
    document.getElementById('prov-label')?.focus();
  };
  const editingHasKey = settings.providers.find((p) => p.id === editing)?.hasKey ?? false;

  return (
    <div className="modal-backdrop" onClick={() => a.setSettingsOpen(false)}>
      <div className="modal settings" ref={dialogRef} role="dialog" aria-modal="true" aria-labelledby="settings-title" onClick={(e) => e.stopPropagation()}>
        <div className="modal-head">
          <h2 id="settings-title">Settings</h2>
          <div className="spacer" />
          <button type="button" onClick={() => a.setSettingsOpen(false)}>
            Close
          </button>
        </div>
        <div className="settings-body">
          <fieldset>
            <legend>General</legend>
            <div className="grid2">
              <div>
                <label htmlFor="appearance">Appearance</label>
                <select id="appearance" ref={first} value={settings.appearance} onChange={(e) => void a.updateSettings({ appearance: e.target.value as 'system' | 'light' | 'dark' })}>
                  <option value="system">Follow the system</option>
                  <option value="light">Light</option>
                  <option value="dark">Dark</option>
                </select>
              </div>
              <div>
                <label htmlFor="deck-theme">Default theme</label>
                <select id="deck-theme" value={settings.deckTheme} onChange={(e) => void a.updateSettings({ deckTheme: e.target.value })}>
                  {(app?.themes ?? []).map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="ep">Models run on</label>
                <select id="ep" value={settings.executionProvider} onChange={(e) => void a.updateSettings({ executionProvider: e.target.value as 'cpu' | 'cuda' | 'auto' })}>
                  <option value="cpu">CPU</option>
                  <option value="cuda">NVIDIA GPU (CUDA)</option>
                  <option value="auto">GPU when available</option>
                </select>
              </div>
              <div className="check">
                <input id="network" type="checkbox" checked={settings.network} onChange={(e) => void a.updateSettings({ network: e.target.checked })} />
                <label htmlFor="network">Allow network (web pages, online models)</label>
              </div>
              <div className="check">
                <input id="local-network" type="checkbox" checked={settings.allowLocalNetwork} disabled={!settings.network} onChange={(e) => void a.updateSettings({ allowLocalNetwork: e.target.checked })} />
                <label htmlFor="local-network">Also read web pages on this computer or the local network (localhost, intranet)</label>
              </div>
            </div>
          </fieldset>
          <fieldset>
            <legend>Model providers</legend>
            <ul className="providers">
              {settings.providers.map((p) => (
                <li key={p.id}>
                  <input type="radio" name="active-provider" id={`prov-${p.id}`} checked={settings.activeProviderId === p.id} onChange={() => void a.updateSettings({ activeProviderId: p.id })} />
                  <label htmlFor={`prov-${p.id}`}>
                    {p.label}
                    {p.model ? <span className="muted"> — {p.model}</span> : null}
                  </label>
                  {p.kind !== 'offline' && <span className="small muted">{p.hasKey ? 'key stored' : 'no key'}</span>}
                  {p.kind !== 'offline' && (
                    <span className="row">
                      <button type="button" className="link" aria-label={`Edit ${p.label}`} onClick={() => edit(p)}>
                        Edit
                      </button>
                      <button type="button" className="link" aria-label={`Test ${p.label}`} disabled={check?.running} onClick={() => void a.testProvider(p, undefined)}>
                        Test
                      </button>
                      <button type="button" className="link" aria-label={`Remove ${p.label}`} onClick={() => void a.removeProvider(p.id).then(() => editing === p.id && resetForm())}>
                        Remove
                      </button>
                    </span>
                  )}
                </li>
              ))}
            </ul>
            <div className="grid2">
              <div>
                <label htmlFor="prov-preset">Preset</label>
                <select
                  id="prov-preset"
                  value={draft.preset ?? ''}
                  onChange={(e) => {
                    const p = app?.presets.find((x) => x.id === e.target.value);
                    setDraft(p ? { ...draft, preset: p.id, label: draft.label || p.label, baseUrl: p.baseUrl, model: p.model ?? draft.model ?? '' } : { ...draft, preset: undefined });
                  }}
                >
                  <option value="">Custom endpoint</option>
                  {(app?.presets ?? []).map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="prov-label">Name</label>
                <input id="prov-label" value={draft.label} onChange={(e) => setDraft({ ...draft, label: e.target.value })} placeholder="My provider" />
              </div>
              <div>
                <label htmlFor="prov-model">Model</label>
                <input id="prov-model" value={draft.model ?? ''} onChange={(e) => setDraft({ ...draft, model: e.target.value })} placeholder="a vision-language model" />
              </div>
              <div>
                <label htmlFor="prov-url">Base URL (OpenAI-compatible)</label>
                <input id="prov-url" type="url" value={draft.baseUrl ?? ''} onChange={(e) => setDraft({ ...draft, baseUrl: e.target.value })} placeholder="https://…/v1" />
              </div>
              <div>
                <label htmlFor="prov-key">API key</label>
                <input id="prov-key" ref={keyInput} type="password" autoComplete="off" placeholder={editing && editingHasKey ? 'stored key kept unless you type a new one' : ''} />
              </div>
            </div>
            <div className="row wrap">
              <button type="button" disabled={!draft.label || !draft.baseUrl || !draft.model} onClick={() => void saveDraft()}>
                {editing ? 'Save changes' : 'Add provider'}
              </button>
              <button
                type="button"
                className="ghost"
                disabled={!draft.baseUrl || !draft.model || check?.running}
                // A typed key is tested; else the stored one when editing, else none.
                onClick={() => void a.testProvider({ ...draftWithId(), label: draft.label || draft.baseUrl || 'this endpoint' }, typedKey() ?? (editing ? undefined : null))}
              >
                Test connection
              </button>
              {editing && (
                <button type="button" className="ghost" onClick={resetForm}>
                  Cancel edit
                </button>
              )}
            </div>
            {clash && (
              <div className="confirm" role="alertdialog" aria-labelledby="clash-text" data-testid="provider-clash">
                <p id="clash-text">
                  A provider named “{clash.name}” exists already. Replace it with this one? Its stored key is forgotten.
                </p>
                <div className="row">
                  <button type="button" autoFocus onClick={() => void replace()}>
                    Replace
                  </button>
                  <button type="button" className="ghost" onClick={() => setClash(null)}>
                    Keep the old one
                  </button>
                </div>
              </div>
            )}
            <p className={`small ${check?.result ? (check.result.ok ? 'ok-text' : 'error-text') : 'muted'}`} role="status" data-testid="provider-check">
              {check ? (check.running ? `Testing ${check.label}…` : check.result ? `${check.label}: ${check.result.message}` : '') : ''}
            </p>
            <p className="small muted">{app?.mode === 'browser' ? 'In browser mode keys are kept in memory until the server stops.' : 'Keys are encrypted with the system keychain.'}</p>
          </fieldset>
          <fieldset>
            <legend>Project</legend>
            <p className="small">
              {project?.name} <span className="muted">— {project?.dir}</span>
            </p>
            {app?.nativeDialogs ? (
              <div className="row">
                <button type="button" onClick={() => void a.openProject()}>
                  Open project…
                </button>
                <button type="button" onClick={() => void a.createProject('New research')}>
                  New project…
                </button>
              </div>
            ) : (
              <form
                className="row"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (dir.trim()) void a.openProject(dir.trim());
                }}
              >
                <label htmlFor="project-dir" className="sr-only">
                  Project folder
                </label>
                <input id="project-dir" value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/path/to/project folder" />
                <button type="submit" className="nowrap">Open</button>
              </form>
            )}
            {recent.length > 1 && (
              <ul className="recent">
                {recent
                  .filter((r) => r.dir !== project?.dir)
                  .map((r) => (
                    <li key={r.dir}>
                      <button type="button" className="link" onClick={() => void a.openProject(r.dir)}>
                        {r.name}
                      </button>{' '}
                      <span className="small muted">{r.dir}</span>
                    </li>
                  ))}
              </ul>
            )}
          </fieldset>
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
