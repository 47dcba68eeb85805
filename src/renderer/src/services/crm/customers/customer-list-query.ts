/**
 * The customer list's read side over customers_crm_v: search, filters and sort resolve to an
 * ordered list of ids; the virtualized list then reads only the rows it shows.
 */
import type { CrmDatabase } from '../../../db/database';
import type { CustomerListRow, Lifecycle } from '../../../domain/records';
import { parseSearchQuery, tokensMatchQuery } from '../../../domain/search-tokens';

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

function matchesFilters(row: CustomerListRow, query: CustomerListQuery): boolean {
  if (query.lifecycle && row.lifecycle !== query.lifecycle) return false;
  if (query.tag && !row.tags.includes(query.tag)) return false;
  if (query.optIn === 'email' && row.email_opt_in !== 1) return false;
  if (query.optIn === 'sms' && row.sms_opt_in !== 1) return false;
  if (query.ownerId !== null && row.owner_id !== query.ownerId) return false;
  return true;
}

export function hasFilters(query: CustomerListQuery): boolean {
  return (
    query.lifecycle !== null || query.tag !== null || query.optIn !== null || query.ownerId !== null
  );
}

export function compareRows(
  sort: CustomerSort,
  direction: SortDirection,
): (a: CustomerListRow, b: CustomerListRow) => number {
  const field = SORT_INDEX[sort];
  const sign = direction === 'asc' ? 1 : -1;
  return (a, b) => {
    // Numbers (the score) compare as numbers, as the index orders them; the rest as text.
    const left = typeof a[field] === 'number' ? (a[field] as number) : String(a[field]);
    const right = typeof b[field] === 'number' ? (b[field] as number) : String(b[field]);
    if (left !== right) return left < right ? -sign : sign;
    // Ties follow the id in the same direction, as the index does when read in reverse.
    return a.customer_id < b.customer_id ? -sign : a.customer_id > b.customer_id ? sign : 0;
  };
}

/** The narrowest indexed filter, so that only its rows are read. */
function filteredCollection(db: CrmDatabase, query: CustomerListQuery) {
  const view = db.customers_crm_v;
  if (query.tag) return view.where('tags').equals(query.tag);
  if (query.ownerId !== null) return view.where('owner_id').equals(query.ownerId);
  if (query.lifecycle) return view.where('lifecycle').equals(query.lifecycle);
  if (query.optIn === 'email') return view.where('email_opt_in').equals(1);
  return view.where('sms_opt_in').equals(1);
}

/**
 * What the list shows. With a search or filter the query reads the matching rows anyway, so
 * they come sorted and complete (`matches`). Without, only the total is read (`all`) and the
 * table reads the window it shows straight from the sort index (listWindow): clearing the
 * search over 100,000 customers then costs a count, not 100,000 keys.
 * `query` is the query this answers: while a newer one runs, the list keeps showing this one.
 */
export type CustomerListResult =
  | { kind: 'matches'; query: CustomerListQuery; ids: string[]; rows: Map<string, CustomerListRow> }
  | { kind: 'all'; query: CustomerListQuery; total: number };

function isUnfiltered(query: CustomerListQuery): boolean {
  return parseSearchQuery(query.search).length === 0 && !hasFilters(query);
}

function sortedIndex(db: CrmDatabase, sort: CustomerSort, direction: SortDirection) {
  const ordered = db.customers_crm_v.orderBy(SORT_INDEX[sort]);
  return direction === 'desc' ? ordered.reverse() : ordered;
}

async function matchingRows(db: CrmDatabase, query: CustomerListQuery): Promise<CustomerListRow[]> {
  const words = parseSearchQuery(query.search);
  let rows: CustomerListRow[];
  if (words.length > 0) {
    // The longest word is the most selective prefix: scan the token index with it only.
    const probe = words.reduce((longest, word) => (word.length > longest.length ? word : longest));
    const keys = await db.customers_crm_v.where('search_tokens').startsWith(probe).primaryKeys();
    const found = await db.customers_crm_v.bulkGet([...new Set(keys)]);
    rows = found.filter(
      (row): row is CustomerListRow =>
        row !== undefined &&
        tokensMatchQuery(row.search_tokens, words) &&
        matchesFilters(row, query),
    );
  } else {
    rows = (await filteredCollection(db, query).toArray()).filter((row) =>
      matchesFilters(row, query),
    );
  }
  return rows.sort(compareRows(query.sort, query.direction));
}

export async function queryCustomerList(
  db: CrmDatabase,
  query: CustomerListQuery,
): Promise<CustomerListResult> {
  if (isUnfiltered(query)) return { kind: 'all', query, total: await db.customers_crm_v.count() };
  const rows = await matchingRows(db, query);
  return {
    kind: 'matches',
    query,
    ids: rows.map((row) => row.customer_id),
    rows: new Map(rows.map((row) => [row.customer_id, row])),
  };
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

/** Every id of the list in order (exports, tests). */
export async function queryCustomerIds(
  db: CrmDatabase,
  query: CustomerListQuery,
): Promise<string[]> {
  if (isUnfiltered(query)) return sortedIndex(db, query.sort, query.direction).primaryKeys();
  return (await matchingRows(db, query)).map((row) => row.customer_id);
}

export async function listRowsByIds(
  db: CrmDatabase,
  ids: readonly string[],
): Promise<(CustomerListRow | undefined)[]> {
  return db.customers_crm_v.bulkGet([...ids]);
}

export async function listTags(db: CrmDatabase): Promise<string[]> {
  return (await db.customers_crm_v.orderBy('tags').uniqueKeys()).map(String);
}

export async function countCustomers(db: CrmDatabase): Promise<number> {
  return db.customers_crm_v.count();
}

export type CustomerOption = { id: string; name: string; detail: string };

/**
 * Customers matching a search (the list's own search: names, emails, any part of a phone), for
 * pickers and the palette: the first `limit` in list order.
 */
export async function searchCustomerOptions(
  db: CrmDatabase,
  search: string,
  limit = 8,
): Promise<CustomerOption[]> {
  if (search.trim() === '') return [];
  const ids = (await queryCustomerIds(db, { ...DEFAULT_LIST_QUERY, search })).slice(0, limit);
  const rows = await listRowsByIds(db, ids);
  return rows
    .filter((row) => row !== undefined)
    .map((row) => ({
      id: row.customer_id,
      name: row.display_name,
      detail: row.primary_email ?? row.primary_phone ?? '',
    }));
}
