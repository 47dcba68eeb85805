/**
 * What makes the customer list answer again: any write to a list row (its search journal
 * entry), and any change of the search index's state (loading, rebuilding, ready). Queries
 * go to the search worker, so they are plain async reads keyed on that version, not Dexie
 * live queries (a live query cannot follow a worker's answer).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import { useAfterFirstScreen } from '../../app/first-screen';
import { getDb } from '../../db/instance';
import { customerSearch } from '../../workers/search-client';

let indexChanges = 0;
let subscribed = false;
const listeners = new Set<() => void>();

function subscribeIndex(listener: () => void): () => void {
  if (!subscribed) {
    subscribed = true;
    customerSearch(getDb()).subscribe(() => {
      indexChanges += 1;
      listeners.forEach((notify) => notify());
    });
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const subscribeNothing = () => () => undefined;

/**
 * Changes whenever a list row is written (`writes`) or the index changes state (`index`).
 * Neither is read, and the search worker is not started, before the first screen is shown
 * (app/first-screen.ts), unless `now`: a search or filter needs the index at once.
 */
export function useSearchVersionParts(now = false): {
  writes: string;
  index: number;
  /** The journal's last seq seen here (undefined until read): the worker need not read it. */
  seenSeq: number | undefined;
} {
  const active = useAfterFirstScreen() || now;
  const journal = useLiveQuery(
    () => (active ? getDb().search_journal.orderBy(':id').lastKey() : undefined),
    [active],
  );
  const index = useSyncExternalStore(
    active ? subscribeIndex : subscribeNothing,
    () => indexChanges,
  );
  return {
    writes: String(journal),
    index,
    seenSeq: typeof journal === 'number' ? journal : undefined,
  };
}

/** Changes whenever a list row is written or the index changes state. */
export function useSearchVersion(now = false): string {
  const { writes, index } = useSearchVersionParts(now);
  return `${writes}:${index}`;
}

/** Orders every read of useAsyncValue: a later read has a larger number. */
let readsStarted = 0;

/**
 * The value of an async read, run again when `deps` change. The previous value stays until
 * the new one arrives (the list keeps showing the last answer while typing), and an answer
 * older than the one shown is dropped (an older answer arriving first is shown until the
 * newer one comes: the first rows never wait for a read started after them). The read
 * starts while the component renders, not after the commit: a keystroke's worker round trip and bulkGet then run while
 * React renders and commits the keystroke itself. `null` reads nothing (value undefined).
 * `initial`: the value of the first render, until the first read answers (the first paint's
 * read, handed to the list: app/first-paint/first-read.ts).
 */
export function useAsyncValue<T>(
  read: (() => Promise<T>) | null,
  deps: readonly unknown[],
  initial?: () => T | undefined,
  /**
   * Render the answer in the task that received it (flushSync), not in a scheduler task after
   * it: a keystroke's first page, where that hop (and whatever queued meanwhile) is visible.
   */
  urgent = false,
): T | undefined {
  const [value, setValue] = useState<T | undefined>(initial);
  const reads = useRef({ shown: 0, mounted: false });
  const pending = useMemo(() => {
    if (read === null) return null;
    const promise = read();
    // A render React throws away never subscribes: its failure must not go unhandled.
    promise.catch(() => undefined);
    readsStarted += 1;
    return { promise, order: readsStarted };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the read depends on
  }, deps);
  useEffect(() => {
    const seen = reads.current;
    seen.mounted = true;
    return () => {
      seen.mounted = false;
    };
  }, []);
  useEffect(() => {
    if (pending === null) return;
    const seen = reads.current;
    // Not cancelled when a newer read starts: this answer shows until a newer one lands.
    pending.promise.then(
      (next) => {
        if (!seen.mounted || pending.order <= seen.shown) return;
        seen.shown = pending.order;
        if (urgent) flushSync(() => setValue(() => next));
        else setValue(() => next);
      },
      (error: unknown) => console.error(error),
    );
  }, [pending, urgent]);
  return value;
}
