// Picks how the renderer reaches the main side: the preload's window.folio inside Electron, or the
// browser-mode HTTP bridge (POST /api/<channel>, server-sent events on /events).
import { SITE_SCHEME, sitePreviewPath, type Result } from '../electron/contract/contract.ts';
import type { Transport } from '../electron/contract/client.ts';

export interface AppTransport extends Transport {
  kind: 'electron' | 'browser';
  /** Browser mode: lets the browser download a project file (exports). Electron saves via a dialog instead. */
  download?(path: string, name: string): void;
  /** Where a previewed site's page is loaded from (export.preview gives its key and page). */
  siteUrl(key: string, page: string): string;
}

declare global {
  interface Window {
    folio?: Transport;
  }
}

export function pickTransport(): AppTransport {
  if (window.folio) {
    return { kind: 'electron', invoke: window.folio.invoke, on: window.folio.on, siteUrl: (key, page) => `${SITE_SCHEME}://${key}/${page.split('/').map(encodeURIComponent).join('/')}` };
  }
  return httpTransport();
}

function httpTransport(): AppTransport {
  const params = new URLSearchParams(location.search);
  const token = params.get('token') ?? sessionStorage.getItem('folio-token') ?? '';
  if (token) sessionStorage.setItem('folio-token', token);
  // The token stays out of the address bar (screenshots, shared screens); the cookie and
  // sessionStorage keep reloads working.
  if (params.has('token')) history.replaceState(null, '', location.pathname);
  const headers = { 'x-folio-token': token };
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let source: EventSource | null = null;
  const ensureSource = (): EventSource => {
    if (source) return source;
    source = new EventSource('/events');
    return source;
  };

  return {
    kind: 'browser',
    async invoke(channel, input): Promise<Result<unknown>> {
      let res: Response;
      try {
        const data = (input as { data?: unknown } | null)?.data;
        if (data instanceof Uint8Array) {
          const name = String((input as { name?: unknown }).name ?? '');
          res = await fetch(`/api/${channel}?name=${encodeURIComponent(name)}`, {
            method: 'POST',
            headers: { ...headers, 'Content-Type': 'application/octet-stream' },
            body: data as Uint8Array<ArrayBuffer>,
          });
        } else {
          res = await fetch(`/api/${channel}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(input ?? {}) });
        }
      } catch (err) {
        return { ok: false, error: { code: 'DISCONNECTED', message: `Folio is not reachable (${err instanceof Error ? err.message : String(err)}); is \`npm run serve\` still running?` } };
      }
      const body: unknown = await res.json().catch(() => null);
      if (body && typeof body === 'object' && 'ok' in body) return body as Result<unknown>;
      return { ok: false, error: { code: 'DISCONNECTED', message: `the bridge answered ${res.status}` } };
    },
    on(event, cb) {
      const es = ensureSource();
      let set = listeners.get(event);
      if (!set) {
        const fresh = new Set<(p: unknown) => void>();
        listeners.set(event, fresh);
        es.addEventListener(event, (e) => {
          const payload: unknown = JSON.parse((e as MessageEvent<string>).data);
          for (const l of fresh) l(payload);
        });
        set = fresh;
      }
      set.add(cb);
      return () => set.delete(cb);
    },
    siteUrl: (key, page) => sitePreviewPath(key, page),
    download(path, name) {
      const a = document.createElement('a');
      a.href = `/download?path=${encodeURIComponent(path)}`;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
    },
  };
}
