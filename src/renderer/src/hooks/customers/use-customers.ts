/**
 * The UI's read side: live queries over Dexie. Components re-render when the rows they read
 * change, whoever changed them (a form, an import, a sync pull).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { readByFirstPaint } from '../../app/first-paint/first-read';
import { useAfterFirstScreen } from '../../app/first-screen';
import { getDb } from '../../db/instance';
import type {
  CustomerEmail,
  CustomerPhone,
  CustomerProfile,
  EngagementTouchpoint,
} from '../../domain/records';
import type {
  CustomerListQuery,
  CustomerListResult,
  CustomerSort,
  SortDirection,
} from '../../services/crm/customers/customer-list-query';
import {
  countCustomers,
  FIRST_WINDOW,
  firstMatchWindow,
  LIST_ROW_HEIGHT,
  isUnfiltered,
  listTags,
  listWindow,
  matchWindow,
  queryCustomerList,
  searchCustomerOptions,
  type CustomerOption,
} from '../../services/crm/customers/customer-list-query';
import { useAsyncValue, useSearchVersion, useSearchVersionParts } from './use-customer-search';
import { createEarlyReads, listReadKey } from './early-list-read';

/**
 * The first paint's read as the list's first answer, when it read what this query asks: the
 * first window of the unfiltered list by name, ascending. React's list then shows (and takes
 * over from the picture) in its first commit; its own read replaces it with the same rows.
 */
function firstAnswerFromPaint(query: CustomerListQuery): CustomerListResult | undefined {
  const read = readByFirstPaint();
  const same =
    read !== null &&
    read.firstWindow === FIRST_WINDOW &&
    isUnfiltered(query) &&
    query.sort === 'name' &&
    query.direction === 'asc';
  return same ? { kind: 'all', query, first: read.rows } : undefined;
}

/** What the list last read with (its version and journal seq): an early ask reads the same. */
let listVersion: { writes: string; index: number; seenSeq: number | undefined } | null = null;
/** The read asked from the search box's input event, taken by the list's render that follows. */
const earlyReads = createEarlyReads<CustomerListResult>();

const matchRowsInView = () =>
  firstMatchWindow(globalThis.innerHeight ?? FIRST_WINDOW * LIST_ROW_HEIGHT);

/**
 * Asks for the list's answer to `query` now, from the search box's input event, before React
 * renders the keystroke: the worker works while the page renders and the typed character's
 * frame is drawn (the keystroke's render used to come first). The list's render that follows
 * takes this read when it asks the same query at the same version (early-list-read.ts).
 */
export function askCustomerListEarly(query: CustomerListQuery): void {
  const version = listVersion;
  if (version === null) return;
  const unfiltered = isUnfiltered(query);
  earlyReads.ask(
    listReadKey(query, version.writes, unfiltered ? 'sort index' : version.index),
    queryCustomerList(getDb(), query, version.seenSeq, matchRowsInView()),
  );
}

/**
 * The list's answer: counts and its first window (search and filters by the search index).
 * Unfiltered, it is one read of the sort index, which the index's state does not change: the
 * first rows at start never wait for the search worker (it starts after them).
 */
export function useCustomerList(query: CustomerListQuery): CustomerListResult | undefined {
  const unfiltered = isUnfiltered(query);
  const { writes, index, seenSeq } = useSearchVersionParts(!unfiltered);
  listVersion = { writes, index, seenSeq };
  const version = unfiltered ? 'sort index' : index;
  return useAsyncValue(
    () =>
      earlyReads.take(listReadKey(query, writes, version)) ??
      // A search reads the rows that can be in view, not a fixed 40 (the rest as it scrolls).
      queryCustomerList(getDb(), query, seenSeq, matchRowsInView()),
    [query, writes, version],
    () => firstAnswerFromPaint(query),
    true,
  );
}

/** A window of the matches as the list scrolls (null while the index loads). */
export function useMatchWindow(query: CustomerListQuery, offset: number, limit: number) {
  const { writes, index, seenSeq } = useSearchVersionParts(limit !== 0);
  const version = `${writes}:${index}`;
  // Nothing to read while the first window covers what is in view (limit 0): no round trip,
  // no second render after each answer.
  return useAsyncValue(
    limit === 0
      ? null
      : async () => ({
          query,
          window: await matchWindow(getDb(), query, offset, limit, seenSeq),
        }),
    [query, offset, limit, version],
  );
}

/** A window of the unfiltered list, read from the sort index. */
export function useListWindow(
  sort: CustomerSort,
  direction: SortDirection,
  offset: number,
  limit: number,
) {
  // The offset travels with the rows: while a scrolled-to window loads, the previous one is
  // still placed at its own rows, never shifted onto the new indexes.
  // Nothing to read for an empty window (a search's answer is shown): no IndexedDB read, and
  // no second render of the table when it answers (undefined, as while loading).
  return useLiveQuery(
    async () =>
      limit === 0
        ? undefined
        : {
            offset,
            sort,
            direction,
            rows: await listWindow(getDb(), sort, direction, offset, limit),
          },
    [sort, direction, offset, limit],
  );
}

/**
 * Every customer, counted by the search index: undefined while it loads (the page says
 * "counting…"), then exact after each write (one worker round trip, no table walk).
 */
export function useTotalCustomers(): number | undefined {
  const version = useSearchVersion();
  // Asked once the first screen is shown: asking starts the search worker.
  const later = useAfterFirstScreen();
  const counted = useAsyncValue(later ? () => countCustomers(getDb()) : null, [version, later]);
  return counted ?? undefined;
}

/** The tag filter's options, from the search index (after the first screen). */
export function useTags(): string[] {
  const version = useSearchVersion();
  const later = useAfterFirstScreen();
  return useAsyncValue(later ? () => listTags(getDb()) : null, [version, later]) ?? [];
}

export type CustomerRecord = {
  profile: CustomerProfile;
  emails: CustomerEmail[];
  phones: CustomerPhone[];
  touchpoints: EngagementTouchpoint[];
};

/** undefined while loading, null when the customer does not exist or was deleted. */
export function useCustomer(id: string): CustomerRecord | null | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    const profile = await db.customer_profiles.get(id);
    if (!profile || profile.deleted === 1) return null;
    const [emails, phones, touchpoints] = await Promise.all([
      db.customer_emails
        .where('customer_id')
        .equals(id)
        .filter((e) => e.deleted === 0)
        .toArray(),
      db.customer_phones
        .where('customer_id')
        .equals(id)
        .filter((p) => p.deleted === 0)
        .toArray(),
      db.customer_engagement_metrics
        .where('customer_id')
        .equals(id)
        .filter((t) => t.deleted === 0)
        .toArray(),
    ]);
    const byPrimaryThenAge = <T extends { is_primary: 0 | 1; created_at: string }>(a: T, b: T) =>
      b.is_primary - a.is_primary || a.created_at.localeCompare(b.created_at);
    return {
      profile,
      emails: emails.sort(byPrimaryThenAge),
      phones: phones.sort(byPrimaryThenAge),
      touchpoints: touchpoints.sort((a, b) => b.occurred_at.localeCompare(a.occurred_at)),
    };
  }, [id]);
}

/** Customers matching a search, for the pickers (participants, relationships): at most `limit`. */
export function useCustomerMatches(search: string, limit = 8): CustomerOption[] {
  const { writes, index, seenSeq } = useSearchVersionParts(true);
  // The journal's seq seen here goes with the query, as the list's does: the worker reads the
  // journal only when it has not applied that far.
  return (
    useAsyncValue(
      () => searchCustomerOptions(getDb(), search.trim(), limit, seenSeq),
      [search, limit, `${writes}:${index}`],
    ) ?? []
  );
}
