// AMBIENT DECLARATION (hand-written): the `electron` package is an optional dependency and is not
// installed on machines that cannot download its binary, so its types are absent there. This
// declares only the few APIs electron/main and electron/preload use, so they typecheck everywhere.
// Where `electron` is installed its own types are the truth; keep these signatures a subset of them.
declare module 'electron' {
  interface WebContents {
    id: number;
    setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' | 'allow' }): void;
    on(event: 'will-navigate', l: (e: { preventDefault(): void; url: string }) => void): void;
    send(channel: string, ...args: unknown[]): void;
    isDestroyed(): boolean;
  }
  interface WebFrameMain {
    url: string;
  }
  interface IpcMainInvokeEvent {
    sender: WebContents;
    senderFrame: WebFrameMain | null;
  }
  export class BrowserWindow {
    constructor(opts: Record<string, unknown>);
    webContents: WebContents;
    loadFile(file: string): Promise<void>;
    once(event: 'ready-to-show', l: () => void): void;
    show(): void;
    focus(): void;
    restore(): void;
    isMinimized(): boolean;
    static getAllWindows(): BrowserWindow[];
  }
  export const app: {
    requestSingleInstanceLock(): boolean;
    quit(): void;
    on(event: 'second-instance' | 'window-all-closed' | 'activate' | 'before-quit', l: () => void): void;
    on(event: 'web-contents-created', l: (e: unknown, wc: WebContents) => void): void;
    whenReady(): Promise<void>;
    getPath(name: 'userData' | 'documents'): string;
    getVersion(): string;
    isPackaged: boolean;
  };
  export const ipcMain: {
    handle(channel: string, h: (e: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  };
  export const ipcRenderer: {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, l: (e: unknown, ...args: unknown[]) => void): void;
    removeListener(channel: string, l: (e: unknown, ...args: unknown[]) => void): void;
  };
  export const contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  export const shell: { openExternal(url: string): Promise<void>; showItemInFolder(path: string): void };
  export const safeStorage: { isEncryptionAvailable(): boolean; encryptString(s: string): Buffer; decryptString(b: Buffer): string };
  export const dialog: {
    showOpenDialog(w: BrowserWindow, o: Record<string, unknown>): Promise<{ canceled: boolean; filePaths: string[] }>;
    showSaveDialog(w: BrowserWindow, o: Record<string, unknown>): Promise<{ canceled: boolean; filePath?: string }>;
  };
  export const session: {
    defaultSession: {
      webRequest: { onHeadersReceived(l: (d: { url: string; responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void): void };
      setPermissionRequestHandler(h: (wc: unknown, permission: string, cb: (ok: boolean) => void) => void): void;
    };
  };
  export const protocol: {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean } }[]): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  };
  export interface MenuItemConstructorOptions {
    label?: string;
    role?: string;
    type?: 'separator';
    accelerator?: string;
    click?: () => void;
    submenu?: MenuItemConstructorOptions[];
  }
  export const Menu: { buildFromTemplate(t: MenuItemConstructorOptions[]): unknown; setApplicationMenu(m: unknown): void };
}
