/**
 * Streamed saves for exports: the renderer asks once where to save (beginSave), sends the
 * file in chunks (appendSave), then finishSave or abortSave. Main keeps the path; the
 * renderer holds only an opaque handle.
 *
 * Chunks go to a temporary file beside the chosen one, renamed into place on finish: a
 * cancelled or failed export never leaves half a file, nor destroys the file the user chose
 * to overwrite.
 */
import { open, rename, rm } from 'node:fs/promises';

export type SaveTarget = {
  append(chunk: string): Promise<void>;
  /** Closes the file and puts it at its final path. */
  commit(): Promise<void>;
  /** Closes and deletes what was written. */
  discard(): Promise<void>;
};

export type OpenSaveTarget = (filePath: string) => Promise<SaveTarget>;

/** At most this many saves at once: a renderer bug cannot pile up open files. */
export const MAX_OPEN_SAVES = 4;

/**
 * At most this many bytes in one save. A backup of a million customers with their unsent
 * changes is about 4.7 GiB (4.8 KB per customer, docs/backup.md); 16 GiB leaves room for three
 * times that, and stops a renderer stuck in a loop before it fills the disk.
 */
export const MAX_SAVE_BYTES = 16 * 1024 ** 3;

export function partialPathFor(filePath: string): string {
  return `${filePath}.partial`;
}

export const openFileSaveTarget: OpenSaveTarget = async (filePath) => {
  const partial = partialPathFor(filePath);
  const file = await open(partial, 'w');
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await file.close();
  };
  return {
    // appendFile loops until every byte is written, unlike a single write().
    append: (chunk) => file.appendFile(chunk, 'utf8'),
    commit: async () => {
      // On disk before the rename: after a power cut the name holds the whole file or the
      // previous one, never a renamed file whose blocks were still in the cache.
      await file.sync();
      await close();
      await rename(partial, filePath);
    },
    discard: async () => {
      await close().catch(() => undefined);
      await rm(partial, { force: true });
    },
  };
};

type Session = { target: SaveTarget; location: string; bytes: number };

export function createSaveSessions(maxBytes: number = MAX_SAVE_BYTES) {
  const sessions = new Map<string, Session>();

  function get(handle: string): Session {
    const session = sessions.get(handle);
    if (!session) throw new Error('this save is no longer open');
    return session;
  }

  return {
    hasRoom: () => sessions.size < MAX_OPEN_SAVES,
    add(handle: string, location: string, target: SaveTarget): void {
      if (sessions.size >= MAX_OPEN_SAVES) throw new Error('too many saves at once');
      sessions.set(handle, { target, location, bytes: 0 });
    },
    async append(handle: string, chunk: string): Promise<void> {
      const session = get(handle);
      session.bytes += Buffer.byteLength(chunk, 'utf8');
      if (session.bytes > maxBytes) {
        sessions.delete(handle);
        await session.target.discard().catch(() => undefined);
        throw new Error(
          `this file would be larger than ${maxBytes / 1024 ** 3} GiB, the most one save may write; nothing was kept`,
        );
      }
      await session.target.append(chunk);
    },
    async finish(handle: string): Promise<string> {
      const session = get(handle);
      sessions.delete(handle);
      try {
        await session.target.commit();
      } catch (error) {
        await session.target.discard().catch(() => undefined);
        throw error;
      }
      return session.location;
    },
    /** Unknown handles are fine: aborting twice, or after a failed finish, is not an error. */
    async abort(handle: string): Promise<void> {
      const session = sessions.get(handle);
      if (!session) return;
      sessions.delete(handle);
      await session.target.discard();
    },
    /** The window is closing: nothing half-written stays behind. */
    async abortAll(): Promise<void> {
      const all = [...sessions.values()];
      sessions.clear();
      await Promise.all(all.map((session) => session.target.discard().catch(() => undefined)));
    },
    get size() {
      return sessions.size;
    },
  };
}

export type SaveSessions = ReturnType<typeof createSaveSessions>;
