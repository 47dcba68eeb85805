/**
 * The sync token at rest: encrypted with Electron's safeStorage (Keychain, DPAPI, or the
 * Linux secret service) in userData/sync-token.bin. When the OS offers no real encryption
 * there is no store and the token is refused, never written in plain text.
 *
 * On Linux without a keyring (no GNOME Keyring, KWallet or other secret service running, or
 * one that is locked), safeStorage falls back to the `basic_text` backend: it "encrypts" with
 * a key written in Chromium's source, which anyone can undo. That counts as no encryption.
 */
import { rmSync } from 'node:fs';
import { rename, rm, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
  /** Linux only (Electron's safeStorage has it everywhere, but only Linux has basic_text). */
  getSelectedStorageBackend?(): string;
};

export type SyncTokenStore = {
  read(): Promise<string | null>;
  write(token: string | null): Promise<void>;
};

export type SyncTokenStorage =
  { store: SyncTokenStore } | { store: undefined; unavailable: string };

export const NO_KEYRING_MESSAGE =
  'this computer has no keyring to encrypt the sync token with, so Encore will not keep it (it would be stored as readable text). ' +
  'Install and unlock a keyring, such as GNOME Keyring (the gnome-keyring package) or KWallet, then restart Encore CRM and enter the token again.';

export const NO_ENCRYPTION_MESSAGE =
  'this computer offers no secure storage for the sync token, so Encore will not keep it. Make sure you are signed in to your operating system account, then restart Encore CRM.';

export function createSyncTokenStore(
  safeStorage: SafeStorageLike,
  userDataDir: string,
  platform: string = process.platform,
): SyncTokenStorage {
  const file = join(userDataDir, 'sync-token.bin');
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    // A token saved this way before is as good as plain text: do not leave it on disk.
    try {
      rmSync(file, { force: true });
    } catch {
      // Unreadable folder: nothing we could have read the token from either.
    }
    return { store: undefined, unavailable: NO_KEYRING_MESSAGE };
  }
  if (!safeStorage.isEncryptionAvailable())
    return { store: undefined, unavailable: NO_ENCRYPTION_MESSAGE };
  return {
    store: {
      async read() {
        try {
          return safeStorage.decryptString(await readFile(file));
        } catch {
          return null; // none saved, or saved under another OS account: ask again
        }
      },
      async write(token) {
        if (token === null) {
          await rm(file, { force: true });
          return;
        }
        await writeFile(`${file}.tmp`, safeStorage.encryptString(token));
        await rename(`${file}.tmp`, file);
      },
    },
  };
}
