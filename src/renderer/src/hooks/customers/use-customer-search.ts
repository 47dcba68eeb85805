/**
 * What makes the customer list answer again: any write to a list row (its search journal
 * entry), and any change of the search index's state (loading, rebuilding, ready). Queries
 * go to the search worker, so they are plain async reads keyed on that version, not Dexie
 * live queries (a live query cannot follow a worker's answer).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, useSyncExternalStore } from 'react';
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
 * that arrives after a newer read started is dropped.
 */
export function useAsyncValue<T>(read: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let current = true;
    read().then(
      (next) => current && setValue(() => next),
      (error: unknown) => console.error(error),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the read depends on
  }, deps);
  return value;
}
