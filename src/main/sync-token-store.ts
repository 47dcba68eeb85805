/**
 * The sync token at rest: encrypted with Electron's safeStorage (Keychain, DPAPI, or the
 * Linux secret service) in userData/sync-token.bin. When the OS offers no encryption, there
 * is no store and the token is refused, never written in plain text.
 */
import { rename, rm, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
};

export function createSyncTokenStore(
  safeStorage: SafeStorageLike,
  userDataDir: string,
): { read(): Promise<string | null>; write(token: string | null): Promise<void> } | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  const file = join(userDataDir, 'sync-token.bin');
  return {
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
  };
}
