import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIpcHandlers, type IpcDeps, type SenderFrame } from '../../src/main/ipc-handlers';
import { createSyncTokenStore, type SyncTokenStorage } from '../../src/main/sync-token-store';
import { decodeIpcError } from '../../src/shared/ipc';

const frame: SenderFrame = { url: 'http://localhost:5173/#/settings', processId: 4, routingId: 1 };

function handlersWith(
  storage: SyncTokenStorage | { store: IpcDeps['syncTokenStore'] },
  trusted = true,
) {
  const deps = {
    isTrustedSender: () => trusted,
    syncTokenStore: storage.store,
    syncTokenUnavailable: 'unavailable' in storage ? storage.unavailable : undefined,
  } as unknown as IpcDeps;
  return createIpcHandlers(deps);
}

// A stand-in for safeStorage: reversible, but never the plain text on disk.
const fakeSafeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (text: string) => Buffer.from(text, 'utf8').reverse(),
  decryptString: (data: Buffer) => Buffer.from(data).reverse().toString('utf8'),
};

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('sync token capability', () => {
  it('saves the token encrypted, reads it back, and forgets it on null', async () => {
    dir = await mkdtemp(join(tmpdir(), 'encore-token-'));
    const handlers = handlersWith(createSyncTokenStore(fakeSafeStorage, dir));
    expect(await handlers.getSyncToken(frame, undefined)).toBeNull();
    await handlers.setSyncToken(frame, 'enc_secret_token_value');
    const onDisk = await readFile(join(dir, 'sync-token.bin'), 'utf8');
    expect(onDisk).not.toContain('enc_secret_token_value');
    expect(await handlers.getSyncToken(frame, undefined)).toBe('enc_secret_token_value');
    await handlers.setSyncToken(frame, null);
    expect(await handlers.getSyncToken(frame, undefined)).toBeNull();
  });

  it('refuses malformed tokens and untrusted senders before touching the store', async () => {
    const store = { read: vi.fn(async () => 'x'), write: vi.fn(async () => undefined) };
    const handlers = handlersWith({ store });
    for (const bad of ['short', 'has spaces in the token', 42, 'x'.repeat(501)]) {
      const error = await handlers.setSyncToken(frame, bad).catch((e: unknown) => e);
      expect(decodeIpcError(error).code).toBe('invalid-argument');
    }
    const untrusted = handlersWith({ store }, false);
    const refused = await untrusted.getSyncToken(frame, undefined).catch((e: unknown) => e);
    expect(decodeIpcError(refused).code).toBe('forbidden-sender');
    expect(store.write).not.toHaveBeenCalled();
    expect(store.read).not.toHaveBeenCalled();
  });

  it('without OS encryption there is no store: saving fails clearly, nothing is written', async () => {
    dir = await mkdtemp(join(tmpdir(), 'encore-token-'));
    const storage = createSyncTokenStore(
      { ...fakeSafeStorage, isEncryptionAvailable: () => false },
      dir,
    );
    expect(storage.store).toBeUndefined();
    const handlers = handlersWith(storage);
    const error = await handlers
      .setSyncToken(frame, 'enc_secret_token_value')
      .catch((e: unknown) => e);
    expect(decodeIpcError(error)).toMatchObject({
      code: 'failed',
      message: expect.stringMatching(/no secure storage/),
    });
    expect(await handlers.getSyncToken(frame, undefined)).toBeNull();
  });

  it("on Linux with safeStorage's basic_text backend, refuses the token and says how to fix it", async () => {
    dir = await mkdtemp(join(tmpdir(), 'encore-token-'));
    // A token kept under basic_text by an earlier build: as good as plain text.
    await writeFile(join(dir, 'sync-token.bin'), 'obfuscated');
    const basicText = { ...fakeSafeStorage, getSelectedStorageBackend: () => 'basic_text' };
    const storage = createSyncTokenStore(basicText, dir, 'linux');
    expect(storage.store).toBeUndefined();
    await expect(stat(join(dir, 'sync-token.bin'))).rejects.toThrow();
    const handlers = handlersWith(storage);
    const error = await handlers
      .setSyncToken(frame, 'enc_secret_token_value')
      .catch((e: unknown) => e);
    expect(decodeIpcError(error)).toMatchObject({
      code: 'failed',
      message: expect.stringMatching(/no keyring.*GNOME Keyring.*KWallet/s),
    });
    await expect(readFile(join(dir, 'sync-token.bin'))).rejects.toThrow();
    expect(await handlers.getSyncToken(frame, undefined)).toBeNull();
    // Forgetting still works: there is nothing to encrypt.
    await expect(handlers.setSyncToken(frame, null)).resolves.toBeUndefined();
  });

  it('with a real keyring on Linux (gnome_libsecret), keeps the token encrypted', async () => {
    dir = await mkdtemp(join(tmpdir(), 'encore-token-'));
    const keyring = { ...fakeSafeStorage, getSelectedStorageBackend: () => 'gnome_libsecret' };
    const handlers = handlersWith(createSyncTokenStore(keyring, dir, 'linux'));
    await handlers.setSyncToken(frame, 'enc_secret_token_value');
    expect(await handlers.getSyncToken(frame, undefined)).toBe('enc_secret_token_value');
  });
});
