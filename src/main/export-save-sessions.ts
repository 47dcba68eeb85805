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
      await close();
      await rename(partial, filePath);
    },
    discard: async () => {
      await close().catch(() => undefined);
      await rm(partial, { force: true });
    },
  };
};

type Session = { target: SaveTarget; location: string };

export function createSaveSessions() {
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
      sessions.set(handle, { target, location });
    },
    append: (handle: string, chunk: string) => get(handle).target.append(chunk),
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
