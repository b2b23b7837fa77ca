// API keys in the Electron app: encrypted with safeStorage (the OS keychain) and kept in a JSON file
// of base64 ciphertexts in the user data folder. Without OS encryption keys are kept in memory only.
import { readFile } from 'node:fs/promises';
import { safeStorage } from 'electron';
import { writeJsonAtomic } from '../services/fs-util.ts';
import { MemorySecretStore, type SecretStore } from '../services/host.ts';

export class SafeStorageSecrets implements SecretStore {
  readonly #file: string;
  readonly #fallback = new MemorySecretStore();

  constructor(file: string) {
    this.#file = file;
  }

  async get(id: string): Promise<string | null> {
    if (!safeStorage.isEncryptionAvailable()) return this.#fallback.get(id);
    const enc = (await this.#read())[id];
    return enc ? safeStorage.decryptString(Buffer.from(enc, 'base64')) : null;
  }

  async set(id: string, secret: string | null): Promise<void> {
    if (!safeStorage.isEncryptionAvailable()) return this.#fallback.set(id, secret);
    const all = await this.#read();
    if (secret) all[id] = safeStorage.encryptString(secret).toString('base64');
    else delete all[id];
    await writeJsonAtomic(this.#file, all);
  }

  async #read(): Promise<Record<string, string>> {
    return readFile(this.#file, 'utf8').then((t) => JSON.parse(t) as Record<string, string>, () => ({}));
  }
}
