// What the services need from whoever hosts them (Electron main or the browser-mode bridge): native
// dialogs, a secret store for API keys, "show in folder", and where app data lives. The services
// themselves never import electron, so both hosts share them unchanged.

export interface Dialogs {
  /** Files the person chose, or [] when cancelled. */
  pickFiles(): Promise<string[]>;
  /** A folder the person chose, or null. */
  pickFolder(title: string): Promise<string | null>;
  /** Where to save a file (suggested name), or null when cancelled. */
  saveAs(name: string): Promise<string | null>;
}

/** Keeps API keys. Electron encrypts them with safeStorage; the bridge keeps them in memory only. */
export interface SecretStore {
  get(id: string): Promise<string | null>;
  set(id: string, secret: string | null): Promise<void>;
}

export interface Host {
  mode: 'electron' | 'browser';
  /** null: the host has no native dialogs (browser mode: the page uploads files instead). */
  dialogs: Dialogs | null;
  secrets: SecretStore;
  /** Shows a file in the system file manager; false when the host cannot. */
  reveal(absPath: string): Promise<boolean>;
  /** Folder for settings and the recent-projects list. */
  dataDir: string;
  /** Browser mode on 127.0.0.1: the person may type a project folder path. */
  allowTypedPaths: boolean;
}

/** Keeps secrets for this process only: nothing reaches the disk in clear. */
export class MemorySecretStore implements SecretStore {
  readonly #map = new Map<string, string>();
  async get(id: string): Promise<string | null> {
    return this.#map.get(id) ?? null;
  }
  async set(id: string, secret: string | null): Promise<void> {
    if (secret === null || secret === '') this.#map.delete(id);
    else this.#map.set(id, secret);
  }
}
