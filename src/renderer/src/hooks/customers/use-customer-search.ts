/**
 * What makes the customer list answer again: any write to a list row (its search journal
 * entry), and any change of the search index's state (loading, rebuilding, ready). Queries
 * go to the search worker, so they are plain async reads keyed on that version, not Dexie
 * live queries (a live query cannot follow a worker's answer).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
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

/** Changes whenever a list row is written or the index changes state. */
export function useSearchVersion(): string {
  const journal = useLiveQuery(() => getDb().search_journal.orderBy(':id').lastKey(), []);
  const index = useSyncExternalStore(subscribeIndex, () => indexChanges);
  return `${String(journal)}:${index}`;
}

/**
 * The value of an async read, run again when `deps` change. The previous value stays until
 * the new one arrives (the list keeps showing the last answer while typing), and an answer
 * that arrives after a newer read started is dropped. The read starts while the component
 * renders, not after the commit: a keystroke's worker round trip and bulkGet then run while
 * React renders and commits the keystroke itself. `null` reads nothing (value undefined).
 */
export function useAsyncValue<T>(
  read: (() => Promise<T>) | null,
  deps: readonly unknown[],
): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const pending = useMemo(() => {
    if (read === null) return null;
    const promise = read();
    // A render React throws away never subscribes: its failure must not go unhandled.
    promise.catch(() => undefined);
    return promise;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the read depends on
  }, deps);
  useEffect(() => {
    if (pending === null) return;
    let current = true;
    pending.then(
      (next) => current && setValue(() => next),
      (error: unknown) => console.error(error),
    );
    return () => {
      current = false;
    };
  }, [pending]);
  return value;
}
