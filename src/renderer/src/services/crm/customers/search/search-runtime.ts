/**
 * Keeps a search host current while it runs: follows the journal with a live query (Dexie
 * tells every window and worker of the same database about a write, wherever it was made),
 * applies new entries once a burst of writes pauses (and, while a sync pulls page after page,
 * once the pull ends or within a maximum delay: catch-up-schedule.ts), and saves a snapshot
 * once the index is idle and no sync burst runs. Once after each start, later (auditMs), it
 * audits the index against a count of the list rows: the one table walk, kept off the start
 * so search is ready without it.
 */
import { liveQuery } from 'dexie';
import type { CrmDatabase } from '../../../../db/database';
import { followSyncBursts } from '../../../../sync/sync-burst';
import type { CatchUpTiming, ScheduleClock } from './catch-up-schedule';
import { CatchUpSchedule } from './catch-up-schedule';
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
    catchUpTiming?: CatchUpTiming;
    catchUpClock?: ScheduleClock;
    /** Where sync bursts are heard (tests pass their own). */
    followBursts?: (onMessage: (active: boolean) => void) => () => void;
  } = {},
): SearchRuntime {
  const onError = options.onError ?? ((error: unknown) => console.error('search:', error));
  // A snapshot's save (a large Blob, then a trim of the journal: a write the next pulled page
  // waits behind) waits for the sync burst to end as well.
  const saveUnlessSyncing = async () => {
    if (catchUps.holding()) schedule.poke();
    else await host.save();
  };
  const schedule = scheduleSnapshots(saveUnlessSyncing, options.idleSaveMs, onError);
  const catchUps = new CatchUpSchedule(
    () => {
      host
        .catchUp()
        .then((changed) => changed && schedule.poke())
        .catch(onError);
    },
    options.catchUpTiming,
    options.catchUpClock,
  );
  const follow = options.followBursts ?? ((onMessage) => followSyncBursts(db.name, onMessage));
  const stopFollowingBursts = follow((active) => catchUps.burst(active));
  let lastStart: unknown = null;
  const unsubscribeHost = host.subscribe(() => {
    // A fresh rebuild is worth saving at once: the next start then loads instead of building.
    const start = host.diagnostics().lastStart;
    if (host.ready && start !== lastStart) {
      lastStart = start;
      if (start?.kind === 'rebuild') schedule.poke();
    }
  });
  const subscription = liveQuery(() => db.search_journal.orderBy(':id').lastKey()).subscribe({
    next: () => catchUps.changed(),
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
      stopFollowingBursts();
      catchUps.stop();
      unsubscribeHost();
      schedule.stop();
    },
    flush: () => schedule.flush(),
  };
}
