/**
 * Saves the search snapshot when the index has been idle for a while: after a burst of
 * changes (an import, a sync pull) one save, not one per change. A save that fails is tried
 * again at the next change; the journal keeps every change until a snapshot covers it.
 */
export type SnapshotSchedule = {
  /** Something changed: save once nothing else has changed for `idleMs`. */
  poke(): void;
  /** Saves now if a save is pending (before closing). */
  flush(): Promise<void>;
  stop(): void;
};

export function scheduleSnapshots(
  save: () => Promise<void>,
  idleMs = 5_000,
  onError: (error: unknown) => void = () => undefined,
): SnapshotSchedule {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    timer = null;
    running = running.then(save).catch(onError);
    return running;
  };
  return {
    poke() {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => void run(), idleMs);
    },
    async flush() {
      if (timer === null) return running;
      clearTimeout(timer);
      return run();
    },
    stop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
