/**
 * The marker that says a staged restore is due (restore-commit.ts swaps it in). Apart from
 * the restore code so the start can ask "is one due?" without loading that code.
 */
export type PendingRestore = {
  staging: string;
  fileName: string;
  /** When the backup was made. */
  backupCreatedAt: string;
  customers: number;
};

/** Where the marker lives: localStorage in the app (synchronous, survives a crash). */
export type RestoreMarker = {
  read(): PendingRestore | null;
  write(pending: PendingRestore): void;
  clear(): void;
};

const MARKER_KEY = 'encore.pending-restore';

export function storageMarker(storage: Storage): RestoreMarker {
  return {
    read() {
      try {
        const value = JSON.parse(storage.getItem(MARKER_KEY) ?? 'null') as PendingRestore | null;
        return value && typeof value.staging === 'string' ? value : null;
      } catch {
        return null;
      }
    },
    write: (pending) => storage.setItem(MARKER_KEY, JSON.stringify(pending)),
    clear: () => storage.removeItem(MARKER_KEY),
  };
}

/** Whether a restore is staged: the start loads the restore code only then. */
export function hasPendingRestore(storage: Storage): boolean {
  return storageMarker(storage).read() !== null;
}
