import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIpcHandlers, type IpcDeps, type SenderFrame } from '../../src/main/ipc-handlers';
import { createSyncTokenStore } from '../../src/main/sync-token-store';
import { decodeIpcError } from '../../src/shared/ipc';

const frame: SenderFrame = { url: 'http://localhost:5173/#/settings', processId: 4, routingId: 1 };

function handlersWith(store: IpcDeps['syncTokenStore'], trusted = true) {
  const deps = {
    isTrustedSender: () => trusted,
    syncTokenStore: store,
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
    const handlers = handlersWith(store);
    for (const bad of ['short', 'has spaces in the token', 42, 'x'.repeat(501)]) {
      const error = await handlers.setSyncToken(frame, bad).catch((e: unknown) => e);
      expect(decodeIpcError(error).code).toBe('invalid-argument');
    }
    const untrusted = handlersWith(store, false);
    const refused = await untrusted.getSyncToken(frame, undefined).catch((e: unknown) => e);
    expect(decodeIpcError(refused).code).toBe('forbidden-sender');
    expect(store.write).not.toHaveBeenCalled();
    expect(store.read).not.toHaveBeenCalled();
  });

  it('without OS encryption there is no store: saving fails clearly, nothing is written', async () => {
    dir = await mkdtemp(join(tmpdir(), 'encore-token-'));
    const store = createSyncTokenStore(
      { ...fakeSafeStorage, isEncryptionAvailable: () => false },
      dir,
    );
    expect(store).toBeUndefined();
    const handlers = handlersWith(store);
    const error = await handlers
      .setSyncToken(frame, 'enc_secret_token_value')
      .catch((e: unknown) => e);
    expect(decodeIpcError(error)).toMatchObject({
      code: 'failed',
      message: expect.stringMatching(/no secure storage/),
    });
    expect(await handlers.getSyncToken(frame, undefined)).toBeNull();
  });
});
