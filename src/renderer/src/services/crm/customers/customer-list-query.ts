/**
 * The customer list's read side. Search and filters are answered by the customer search index
 * (workers/search-client.ts: a Web Worker in the app): it gives the ordered ids of a window,
 * exact counts and the window's rows from customers_crm_v (one bulkGet, in the worker).
 * The unfiltered list needs no index: its windows are read from the sort indexes, so the list
 * shows at once on a cold start while the search index loads.
 */
import type { CrmDatabase } from '../../../db/database';
import type { CustomerListRow, Lifecycle } from '../../../domain/records';
import { parseQueryWords } from '../../../domain/search/query-words';
import { customerSearch } from '../../../workers/search-client';
export type CustomerSort = 'name' | 'created' | 'last_touch' | 'updated' | 'score';
export type SortDirection = 'asc' | 'desc';

export type CustomerListQuery = {
  search: string;
  lifecycle: Lifecycle | null;
  tag: string | null;
  optIn: 'email' | 'sms' | null;
  /** A member id, '' for "no owner", null for anyone. */
  ownerId: string | null;
  sort: CustomerSort;
  direction: SortDirection;
};

export const DEFAULT_LIST_QUERY: CustomerListQuery = {
  search: '',
  lifecycle: null,
  tag: null,
  optIn: null,
  ownerId: null,
  sort: 'name',
  direction: 'asc',
};

const SORT_INDEX: Record<CustomerSort, keyof CustomerListRow & string> = {
  name: 'sort_name',
  created: 'created_at',
  last_touch: 'last_touch_at',
  updated: 'updated_at',
  // The engagement score: L sorts as the score does at any moment (engagement-score.ts).
  score: 'engagement_log',
};

/** Rows read with the first answer; later windows are read as the list scrolls. */
export const FIRST_WINDOW = 40;

/** The list's row height (px) and the rows it renders beyond those in view (virtualizer). */
export const LIST_ROW_HEIGHT = 36;
export const LIST_OVERSCAN = 6;

/**
 * Rows a search's first answer reads: those that can be in view (the list is never taller
 * than the window: the header and the bar above it leave a few rows to spare), at most
 * FIRST_WINDOW. Each row read is most of a keystroke's time in the worker (one IndexedDB get
 * each). The overscan is not read with it: the answer renders the rows in view only, and the
 * overscan rows it lacks after that frame are read as a scrolled window (CustomerTable).
 */
export function firstMatchWindow(viewportHeight: number): number {
  const fits = Math.ceil(Math.max(0, viewportHeight) / LIST_ROW_HEIGHT);
  return Math.min(FIRST_WINDOW, Math.max(LIST_OVERSCAN * 2, fits));
}

export function hasFilters(query: CustomerListQuery): boolean {
  return (
    query.lifecycle !== null || query.tag !== null || query.optIn !== null || query.ownerId !== null
  );
}

/** No search words and no filter: every customer, read straight from a sort index. */
export function isUnfiltered(query: CustomerListQuery): boolean {
  return parseQueryWords(query.search).length === 0 && !hasFilters(query);
}

/** A window of matches: ids from `offset`, their rows, and where close matches start. */
export type MatchWindow = {
  offset: number;
  ids: string[];
  rows: Map<string, CustomerListRow>;
  /** Index within `ids` of the first close (typo) match; ids.length when none. */
  firstCloseIndex: number;
};

/**
 * What the list shows. `all`: no search or filter, the table reads windows from the sort
 * index (listWindow). `indexing`: a search or filter while the index loads: the list says so
 * rather than show a partial answer. `matches`: exact counts and the first window.
 * `query` is the query this answers: while a newer one runs, the list keeps showing this one.
 */
export type CustomerListResult =
  | {
      kind: 'all';
      query: CustomerListQuery;
      /**
       * The first rows in the sort order: the list shows them at once. No count here: counting
       * a large table walks all of it (seconds at a million rows in Chromium), so the page
       * takes the count from its own live query and the rows never wait for it.
       */
      first: CustomerListRow[];
    }
  | { kind: 'indexing'; query: CustomerListQuery; indexed: number }
  | {
      kind: 'matches';
      query: CustomerListQuery;
      exactCount: number;
      closeCount: number;
      first: MatchWindow;
    };

function sortedIndex(db: CrmDatabase, sort: CustomerSort, direction: SortDirection) {
  const ordered = db.customers_crm_v.orderBy(SORT_INDEX[sort]);
  return direction === 'desc' ? ordered.reverse() : ordered;
}

/**
 * A window of the matches, or null while the index loads. `seenSeq`: the search journal's last
 * seq the page has seen (the list asks again when it changes); the worker skips its journal
 * read when it has applied that far.
 */
export async function matchWindow(
  db: CrmDatabase,
  query: CustomerListQuery,
  offset: number,
  limit: number,
  seenSeq?: number,
): Promise<(MatchWindow & { exactCount: number; closeCount: number }) | null> {
  // The rows come with the ids, read by the search host (in the worker): one round trip.
  const answer = await customerSearch(db).queryWithRows(query, { offset, limit }, seenSeq);
  if (answer.state === 'indexing') return null;
  const { ids, firstCloseIndex, exactCount, closeCount } = answer.result;
  const rows = new Map<string, CustomerListRow>();
  for (const row of answer.rows) if (row) rows.set(row.customer_id, row);
  return { offset, ids, firstCloseIndex, exactCount, closeCount, rows };
}

/** The first window read at start, before React draws anything (app/boot.ts); taken once. */
let prefetched: {
  db: CrmDatabase;
  sort: CustomerSort;
  direction: SortDirection;
  rows: Promise<CustomerListRow[]>;
} | null = null;

/**
 * Starts reading the unfiltered list's first window now (one indexed read), so the rows are
 * on their way while the app renders its shell; the list's first query takes this read.
 */
export function prefetchFirstWindow(db: CrmDatabase, query: CustomerListQuery): void {
  if (!isUnfiltered(query)) return;
  const rows = listWindow(db, query.sort, query.direction, 0, FIRST_WINDOW);
  rows.catch(() => undefined); // the list's own read reports a failure
  prefetched = { db, sort: query.sort, direction: query.direction, rows };
}

function takePrefetched(db: CrmDatabase, query: CustomerListQuery) {
  const taken = prefetched;
  prefetched = null;
  return taken?.db === db && taken.sort === query.sort && taken.direction === query.direction
    ? taken.rows
    : null;
}

export async function queryCustomerList(
  db: CrmDatabase,
  query: CustomerListQuery,
  seenSeq?: number,
  matchRows = FIRST_WINDOW,
): Promise<CustomerListResult> {
  if (isUnfiltered(query))
    return {
      kind: 'all',
      query,
      first: await (takePrefetched(db, query) ??
        listWindow(db, query.sort, query.direction, 0, FIRST_WINDOW)),
    };
  const window = await matchWindow(db, query, 0, matchRows, seenSeq);
  if (window) {
    const { exactCount, closeCount, ...first } = window;
    return { kind: 'matches', query, exactCount, closeCount, first };
  }
  // No count of the table here: this answer is read again after every write while the index
  // loads, and counting walks every row (seconds at a million). The page says "counting…".
  const diagnostics = await customerSearch(db).diagnostics();
  return { kind: 'indexing', query, indexed: diagnostics.rebuilt };
}

/** The rows from `offset` in the list's sort order, with no search or filter. */
export async function listWindow(
  db: CrmDatabase,
  sort: CustomerSort,
  direction: SortDirection,
  offset: number,
  limit: number,
): Promise<CustomerListRow[]> {
  return sortedIndex(db, sort, direction).offset(offset).limit(limit).toArray();
}

/**
 * Every id of the list in order, exact then close matches (exports, tests). `seenSeq`: the
 * journal's last seq the caller has seen (as matchWindow): the worker then reads the journal
 * only when it has not applied that far.
 */
export async function queryCustomerIds(
  db: CrmDatabase,
  query: CustomerListQuery,
  seenSeq?: number,
): Promise<string[]> {
  if (isUnfiltered(query))
    return (await sortedIndex(db, query.sort, query.direction).primaryKeys()) as string[];
  return customerSearch(db).allIds(query, seenSeq);
}

export async function listRowsByIds(
  db: CrmDatabase,
  ids: readonly string[],
): Promise<(CustomerListRow | undefined)[]> {
  return db.customers_crm_v.bulkGet([...ids]);
}

/** The tag filter's options: distinct tags of live customers, from the index. */
export async function listTags(db: CrmDatabase): Promise<string[]> {
  const engine = customerSearch(db);
  await engine.whenReady();
  return engine.tags();
}

/**
 * How many customers the list holds, from the search index (exact: it has applied every
 * committed write before it answers), or null while the index loads. Never a count of
 * customers_crm_v: IndexedDB counts a table by walking every row (3.4-4.1 s for 200,000 rows
 * in Chromium), and the page asks again after every write.
 */
export async function countCustomers(db: CrmDatabase): Promise<number | null> {
  const answer = await customerSearch(db).query(DEFAULT_LIST_QUERY, { offset: 0, limit: 0 });
  return answer.state === 'ready' ? answer.result.exactCount : null;
}

export type CustomerOption = { id: string; name: string; detail: string };

/**
 * Customers matching a search (the list's own search: names, emails, any part of a phone), for
 * pickers and the palette: the first `limit` in list order. One round trip: the worker reads
 * the rows (or takes them from its row cache); `seenSeq` as in matchWindow.
 */
export async function searchCustomerOptions(
  db: CrmDatabase,
  search: string,
  limit = 8,
  seenSeq?: number,
): Promise<CustomerOption[]> {
  if (parseQueryWords(search).length === 0) return [];
  const engine = customerSearch(db);
  await engine.whenReady();
  const answer = await engine.queryWithRows(
    { ...DEFAULT_LIST_QUERY, search },
    { offset: 0, limit },
    seenSeq,
  );
  const rows = answer.state === 'ready' ? answer.rows : [];
  return rows
    .filter((row) => row !== undefined)
    .map((row) => ({
      id: row.customer_id,
      name: row.display_name,
      detail: row.primary_email ?? row.primary_phone ?? '',
    }));
}
