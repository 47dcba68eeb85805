/**
 * Keeps a search host current while it runs: follows the journal with a live query (Dexie
 * tells every window and worker of the same database about a write, wherever it was made),
 * applies new entries as they come, and saves a snapshot once the index is idle. Once after
 * each start, later (auditMs), it audits the index against a count of the list rows: the one
 * table walk, kept off the start so search is ready without it.
 *
 * While an import or the demo seed writes, the catch-up waits for the end of the write (or
 * at most 20 s: defer-while-importing.ts) instead of running after every chunk; a query still
 * catches up first (SearchHost.query), so an answer never misses a committed write.
 */
import { liveQuery } from 'dexie';
import type { CrmDatabase } from '../../../../db/database';
import type { DeferClock, DeferTiming } from '../../import/defer-while-importing';
import { DeferredRefresh, IMPORT_DEFER_TIMING } from '../../import/defer-while-importing';
import { bulkWriteInProgress } from '../../import/import-locks';
import type { SearchHost } from './search-host';
import { scheduleSnapshots } from './snapshot-schedule';

/** Late enough that a cold start's list and first searches are not sharing IndexedDB with it. */
const AUDIT_AFTER_START_MS = 30_000;

export type SearchRuntime = { stop(): void; flush(): Promise<void> };

export function runSearch(
  db: CrmDatabase,
  host: SearchHost,
  options: {
    idleSaveMs?: number;
    auditMs?: number;
    onError?: (error: unknown) => void;
    /** Whether a bulk write is in progress (default: a bulk-write lock held on this database). */
    bulkWriting?: () => boolean | Promise<boolean>;
    deferTiming?: DeferTiming;
    clock?: DeferClock;
    /** Each write seen after the first answer (the journal's last key changed): a WritePacer's. */
    onWrite?: () => void;
  } = {},
): SearchRuntime {
  const onError = options.onError ?? ((error: unknown) => console.error('search:', error));
  const schedule = scheduleSnapshots(() => host.save(), options.idleSaveMs, onError);
  let lastStart: unknown = null;
  const unsubscribeHost = host.subscribe(() => {
    // A fresh rebuild is worth saving at once: the next start then loads instead of building.
    const start = host.diagnostics().lastStart;
    if (host.ready && start !== lastStart) {
      lastStart = start;
      if (start?.kind === 'rebuild') schedule.poke();
    }
  });
  const catchUp = new DeferredRefresh(
    () => host.catchUp().then((changed) => changed && schedule.poke()),
    options.bulkWriting ?? (() => bulkWriteInProgress(db.name)),
    options.deferTiming ?? IMPORT_DEFER_TIMING,
    onError,
    options.clock,
  );
  // A write appends to the journal, so only a last key above the one seen before is a write: the
  // host's own trim of the journal (after a snapshot or a rebuild) also wakes this query, and told
  // as a write it paused a rebuild for nothing (and made the runtime's test flaky).
  let lastKey: number | undefined;
  let seen = false;
  const subscription = liveQuery(() => db.search_journal.orderBy(':id').lastKey()).subscribe({
    next: (key) => {
      const seq = typeof key === 'number' ? key : undefined;
      if (seen && seq !== undefined && (lastKey === undefined || seq > lastKey))
        options.onWrite?.();
      lastKey = seq;
      seen = true;
      catchUp.poke();
    },
    error: onError,
  });
  let auditTimer: ReturnType<typeof setTimeout> | undefined;
  host
    .start()
    .then(() => {
      auditTimer = setTimeout(
        () => void host.audit().catch(onError),
        options.auditMs ?? AUDIT_AFTER_START_MS,
      );
    })
    .catch(onError);
  return {
    stop() {
      clearTimeout(auditTimer);
      subscription.unsubscribe();
      catchUp.stop();
      unsubscribeHost();
      schedule.stop();
    },
    flush: () => schedule.flush(),
  };
}
