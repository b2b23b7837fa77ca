// The Electron entry without Electron (its binary cannot be downloaded here): `electron` is replaced
// by a recording fake, then electron/main/index.ts starts as it would in the app. Checks the window's
// security settings, that IPC from anyone but our page is refused, that navigation and new windows
// are denied (http links go to the system browser), the CSP header, denied permissions, and that API
// keys are stored encrypted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const work = mkdtempSync(path.join(tmpdir(), 'folio-electron-'));
const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const pageUrl = pathToFileURL(path.join(repoRoot, 'dist/app/renderer/index.html')).href;

type Handler = (e: unknown, ...args: unknown[]) => Promise<unknown>;
const rec = vi.hoisted(() => ({
  windows: [] as { opts: Record<string, unknown>; loaded: string[] }[],
  handlers: new Map<string, Handler>(),
  appEvents: new Map<string, (...a: unknown[]) => void>(),
  schemes: [] as unknown[],
  protocols: new Map<string, (r: Request) => Promise<Response>>(),
  headers: null as null | ((d: { url: string; responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
  permission: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
  opened: [] as string[],
  sent: [] as unknown[][],
  menu: null as unknown,
  ready: null as null | (() => void),
  paths: { userData: '', documents: '' },
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { id: 1, send: (...a: unknown[]) => rec.sent.push(a), isDestroyed: () => false, on: () => undefined, setWindowOpenHandler: () => undefined };
    readonly loaded: string[] = [];
    constructor(opts: Record<string, unknown>) {
      rec.windows.push({ opts, loaded: this.loaded });
    }
    async loadFile(f: string) {
      this.loaded.push(f);
    }
    once(_e: string, l: () => void) {
      l();
    }
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
  }
  return {
    BrowserWindow,
    app: {
      requestSingleInstanceLock: () => true,
      quit: () => undefined,
      on: (e: string, l: (...a: unknown[]) => void) => rec.appEvents.set(e, l),
      whenReady: () => new Promise<void>((r) => (rec.ready = r)),
      getPath: (n: 'userData' | 'documents') => rec.paths[n],
      getVersion: () => '0.1.0',
      isPackaged: false,
    },
    ipcMain: { handle: (c: string, h: Handler) => rec.handlers.set(c, h) },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => rec.schemes.push(...s),
      handle: (scheme: string, h: (r: Request) => Promise<Response>) => rec.protocols.set(scheme, h),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (l: typeof rec.headers) => (rec.headers = l) },
        setPermissionRequestHandler: (h: typeof rec.permission) => (rec.permission = h),
      },
    },
    shell: { openExternal: async (u: string) => void rec.opened.push(u), showItemInFolder: () => undefined },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(`enc(${Buffer.from(s).toString('hex')})`),
      decryptString: (b: Buffer) => Buffer.from(b.toString().slice(4, -1), 'hex').toString(),
    },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (rec.menu = m) },
  };
});

beforeAll(async () => {
  rec.paths.userData = path.join(work, 'user-data');
  rec.paths.documents = path.join(work, 'documents');
  await import('../../electron/main/index.ts');
  rec.ready?.();
  await vi.waitFor(() => expect(rec.windows[0]?.loaded.length).toBe(1), { timeout: 30_000 });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const invoke = (frameUrl: string, channel: string, input: unknown, senderId = 1) =>
  rec.handlers.get('folio:invoke')!({ sender: { id: senderId }, senderFrame: { url: frameUrl } }, channel, input);

describe('Electron main', () => {
  it('opens one sandboxed, isolated window without Node, with the preload', () => {
    const prefs = rec.windows[0]!.opts.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/dist\/app\/preload\.cjs$/);
    expect(rec.windows[0]!.loaded[0]).toBe(path.join(repoRoot, 'dist/app/renderer/index.html'));
    expect(rec.menu).toBeTruthy();
  });

  it('answers our page and refuses other frames and other windows', async () => {
    expect(await invoke(pageUrl, 'settings.get', {})).toMatchObject({ ok: true, data: { activeProviderId: 'offline' } });
    expect(await invoke('https://evil.example/', 'settings.get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(pageUrl, 'settings.get', {}, 2)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(pageUrl, 'projects.open', { dir: '/etc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('denies navigation and new windows; http links open in the system browser', () => {
    let navigate: ((e: { preventDefault(): void; url: string }) => void) | undefined;
    let open: ((d: { url: string }) => { action: string }) | undefined;
    rec.appEvents.get('web-contents-created')!({}, { on: (_e: string, l: typeof navigate) => (navigate = l), setWindowOpenHandler: (h: typeof open) => (open = h) });
    const prevented: string[] = [];
    navigate!({ url: 'https://evil.example/', preventDefault: () => prevented.push('evil') });
    navigate!({ url: pageUrl, preventDefault: () => prevented.push('page') });
    expect(prevented).toEqual(['evil']);
    expect(open!({ url: 'https://example.org/paper' })).toEqual({ action: 'deny' });
    expect(open!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(rec.opened).toEqual(['https://example.org/paper']);
  });

  it('sets a strict CSP and denies permission requests', () => {
    let headers: Record<string, string[]> = {};
    rec.headers!({ url: pageUrl, responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/default-src 'none'; script-src 'self'/);
    // A previewed site's files get the site's policy: no script at all, framed only by the app.
    rec.headers!({ url: `folio-site://${'a'.repeat(32)}/index.html`, responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/^default-src 'none'; img-src 'self' data:/);
    expect(headers['Content-Security-Policy']?.[0]).not.toMatch(/script-src/);
    const answers: boolean[] = [];
    rec.permission!({}, 'media', (ok) => answers.push(ok));
    expect(answers).toEqual([false]);
  });

  it('serves previewed sites on folio-site: only under a key the services gave out', async () => {
    expect(rec.schemes).toEqual([{ scheme: 'folio-site', privileges: { standard: true, secure: true } }]);
    const handler = rec.protocols.get('folio-site')!;
    const res = await handler(new Request(`folio-site://${'0'.repeat(32)}/index.html`));
    expect(res.status).toBe(404);
  });

  it('stores API keys encrypted with safeStorage and never returns them', async () => {
    const r = await invoke(pageUrl, 'settings.saveProvider', { provider: { id: 'lab', label: 'Lab', kind: 'openai-compatible', baseUrl: 'https://lab.example/v1', model: 'vl' }, apiKey: 'sk-secret-123' });
    expect(JSON.stringify(r)).not.toContain('sk-secret-123');
    const stored = readFileSync(path.join(rec.paths.userData, 'secrets.json'), 'utf8');
    expect(stored).not.toContain('sk-secret-123');
    expect(JSON.parse(stored)['provider:lab']).toBeTruthy();
  });
});
