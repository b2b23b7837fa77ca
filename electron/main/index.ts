// The Electron main process: single-instance lock, one window, the application menu, and the shared
// services behind IPC. Kept thin: everything the app does lives in electron/services (the same code
// the browser mode runs). Security: contextIsolation and sandbox on, no Node in the page, a strict
// CSP, navigation and new windows denied (links open in the system browser), every IPC sender
// checked, API keys encrypted with safeStorage.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session, shell, type MenuItemConstructorOptions } from 'electron';
import { SITE_SCHEME } from '../contract/contract.ts';
import { AppServices } from '../services/app-services.ts';
import { pdfInPreviewPage } from '../services/controllers/export.ts';
import { CSP, siteCsp } from '../services/csp.ts';
import type { Host } from '../services/host.ts';
import { SafeStorageSecrets } from './secrets.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
/** Built by `npm run app:build` (electron/main/build.ts): the renderer page and the preload bundle. */
const appDir = path.join(repo, 'dist/app');
const pageFile = path.join(appDir, 'renderer/index.html');
const pageUrl = pathToFileURL(pageFile).href;

let win: BrowserWindow | null = null;

// A previewed site is served from its own files under folio-site://<key>/… (a standard, secure
// scheme, so its relative links and 'self' work); it must be registered before the app is ready.
protocol.registerSchemesAsPrivileged([{ scheme: SITE_SCHEME, privileges: { standard: true, secure: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // Every web contents: no navigation away from the app, no new windows; http(s) links go to the browser.
  app.on('web-contents-created', (_e, wc) => {
    wc.on('will-navigate', (e) => {
      if (e.url !== pageUrl) e.preventDefault();
    });
    wc.setWindowOpenHandler(({ url }) => {
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  app.whenReady().then(start, (err: unknown) => {
    console.error('folio: Electron failed to start:', err);
    app.quit();
  });
}

async function start(): Promise<void> {
  const framed = siteCsp("'self' file:");
  session.defaultSession.webRequest.onHeadersReceived((d, cb) =>
    cb({ responseHeaders: { ...(d.responseHeaders ?? {}), 'Content-Security-Policy': [d.url.startsWith(`${SITE_SCHEME}:`) ? framed : CSP] } }),
  );
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));

  const dataDir = app.getPath('userData');
  await mkdir(dataDir, { recursive: true });
  const recent = await readFile(path.join(dataDir, 'recent-projects.json'), 'utf8').then((t) => JSON.parse(t) as { dir: string }[], () => []);
  const projectDir = recent[0]?.dir ?? path.join(app.getPath('documents'), 'Folio', 'My research');

  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1000,
    minHeight: 640,
    show: false,
    title: 'Folio',
    backgroundColor: '#f6f6f4',
    webPreferences: {
      preload: path.join(appDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win = window;

  const host: Host = {
    mode: 'electron',
    dialogs: {
      async pickFiles() {
        const r = await dialog.showOpenDialog(window, {
          title: 'Add sources',
          properties: ['openFile', 'multiSelections'],
          filters: [{ name: 'Documents', extensions: ['pdf', 'png', 'jpg', 'jpeg', 'webp', 'gif', 'bmp', 'tif', 'tiff', 'html', 'htm'] }],
        });
        return r.canceled ? [] : r.filePaths;
      },
      async pickFolder(title) {
        const r = await dialog.showOpenDialog(window, { title, properties: ['openDirectory', 'createDirectory'] });
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      async saveAs(name) {
        const r = await dialog.showSaveDialog(window, { defaultPath: name });
        return r.canceled || !r.filePath ? null : r.filePath;
      },
    },
    secrets: new SafeStorageSecrets(path.join(dataDir, 'secrets.json')),
    reveal: async (p) => {
      shell.showItemInFolder(p);
      return true;
    },
    dataDir,
    allowTypedPaths: false,
  };

  const services = await AppServices.start({
    host,
    projectDir,
    // Only our own page in our own window may call: checked on every request.
    isTrustedSender: (s) => s.url === pageUrl,
  });
  protocol.handle(SITE_SCHEME, async (request) => {
    const u = new URL(request.url);
    try {
      const rel = decodeURIComponent(u.pathname.slice(1));
      const found = await services.exports.siteFile(u.hostname, rel);
      if (found.type === 'application/pdf' && request.headers.get('sec-fetch-dest') === 'iframe') {
        return new Response(pdfInPreviewPage(rel), { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': framed } });
      }
      return new Response(await readFile(found.file), { headers: { 'Content-Type': found.type, 'Content-Security-Policy': framed, 'X-Content-Type-Options': 'nosniff' } });
    } catch {
      return new Response('not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    }
  });
  ipcMain.handle('folio:invoke', async (e, channel, input) => {
    const trusted = e.sender.id === window.webContents.id;
    return services.dispatch(String(channel), input, { url: trusted ? (e.senderFrame?.url ?? '') : '' });
  });
  services.bus.on((event, payload) => {
    if (!window.webContents.isDestroyed()) window.webContents.send('folio:event', event, payload);
  });
  app.on('before-quit', () => void services.close());

  Menu.setApplicationMenu(Menu.buildFromTemplate(menu(window)));
  window.once('ready-to-show', () => window.show());
  await window.loadFile(pageFile);
}

function menu(window: BrowserWindow): MenuItemConstructorOptions[] {
  // Menu commands go to the page, which carries them out as its own shortcuts: one place acts.
  const command = (c: 'add-sources' | 'run' | 'cancel' | 'settings') => () => window.webContents.send('folio:event', 'app.command', { command: c });
  return [
    {
      label: 'File',
      submenu: [
        { label: 'Add Sources…', accelerator: 'CmdOrCtrl+O', click: command('add-sources') },
        { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: command('settings') },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: 'Run',
      submenu: [
        { label: 'Run', accelerator: 'CmdOrCtrl+Enter', click: command('run') },
        { label: 'Cancel', click: command('cancel') },
      ],
    },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { label: 'Help', submenu: [{ label: 'Folio on the web', click: () => void shell.openExternal('https://github.com/') }] },
  ];
}
