/**
 * The list's read asked early: from the search box's input event, before React renders the
 * keystroke (use-customers.ts). The list's render that follows takes it only when it asks
 * exactly the same read (the same query at the same version: no write nor index change in
 * between); otherwise it is dropped and the list reads its own. Never an answer to another
 * query or an older version.
 */
import type { CustomerListQuery } from '../../services/crm/customers/customer-list-query';

/**
 * Every field of the query and the version the read depends on. JSON, not a join: a join
 * writes null as '' (the owner filter's "anyone" and "no owner" would be one key).
 */
export function listReadKey(
  query: CustomerListQuery,
  writes: string,
  version: number | string,
): string {
  return JSON.stringify([
    query.search,
    query.lifecycle,
    query.tag,
    query.optIn,
    query.ownerId,
    query.sort,
    query.direction,
    writes,
    version,
  ]);
}

export type EarlyReads<T> = {
  /** Keeps this read for `key` (replacing any earlier one). */
  ask(key: string, read: Promise<T>): void;
  /** The read kept for `key`, once; null (and the kept one dropped) for any other key. */
  take(key: string): Promise<T> | null;
};

export function createEarlyReads<T>(): EarlyReads<T> {
  let kept: { key: string; read: Promise<T> } | null = null;
  return {
    ask(key, read) {
      read.catch(() => undefined); // the list's own read reports a failure
      kept = { key, read };
    },
    take(key) {
      const taken = kept;
      kept = null;
      return taken?.key === key ? taken.read : null;
    },
  };
}
