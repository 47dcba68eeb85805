/**
 * What the database holds for an import's rows: the live customers owning its emails or
 * having its Encore IDs (with their emails and phones), read in batches and waves so that a
 * million rows never put a million requests in flight, and the read helpers the import's
 * writer and undo share.
 */
import Dexie, { type PromiseExtended, type Table } from 'dexie';
import type { CrmDatabase } from '../../../db/database';
import { captureZone, equalRange, rowsGroupedByIndex } from '../../../db/dbcore-helpers';
import type { ExistingCustomer } from '../../../domain/import/plan';
import type { ImportCandidate } from '../../../domain/import/rows';
import type { CustomerEmail, CustomerPhone, CustomerProfile } from '../../../domain/records';

export const CONTACT_TABLES = ['customer_profiles', 'customer_emails', 'customer_phones'] as const;

/**
 * Rows whose `index` equals any of `keys`, read in the current transaction: one request per
 * distinct key, all in flight together, issued straight to the table's DBCore (the middleware
 * stack, so the guard still sees the lookups it can reuse) rather than through a Dexie
 * Collection per key, whose zone and transaction bookkeeping was most of a lookup's
 * JavaScript (docs/import.md, "Where the time goes"). IndexedDB has no multi-key read of an
 * index, and Dexie's anyOf walks one cursor key by key (measured 15x slower for 2,000
 * addresses). These helpers chain Dexie promises instead of awaiting natively: inside a
 * transaction, Dexie follows native awaits only a few microtasks deep, and nested helpers can
 * outrun it.
 */
export function byIndex<T>(
  table: Table<T, string, unknown>,
  index: string,
  keys: readonly string[],
): PromiseExtended<T[]> {
  const trans = Dexie.currentTransaction?.idbtrans;
  if (!trans) return Dexie.Promise.reject<T[]>(new Error('byIndex needs a transaction'));
  const core = table.db.core.table(table.name);
  const found = core.schema.getIndexByKeyPath(index);
  if (!found) return Dexie.Promise.reject<T[]>(new Error(`${table.name} has no ${index} index`));
  const inZone = captureZone();
  const distinct = [...new Set(keys)];
  return Dexie.Promise.all(
    distinct.map((key) =>
      inZone(() =>
        core.query({
          trans: trans as never,
          values: true,
          query: { index: found, range: equalRange(key) },
        }),
      ),
    ),
  ).then((responses) => responses.flatMap((response) => response.result as T[]));
}
const LOOKUP_BATCH = 2000;
/** Lookup batches in flight at once. */
const LOOKUP_WAVE = 4;

/** Runs `run` over the batches a wave at a time, as one Dexie promise chain (see byIndex). */
function inWaves<T>(
  batches: readonly string[][],
  run: (batch: string[]) => PromiseExtended<T[]>,
): PromiseExtended<T[]> {
  let chain: PromiseExtended<T[]> = Dexie.Promise.resolve([]);
  for (let start = 0; start < batches.length; start += LOOKUP_WAVE) {
    const wave = batches.slice(start, start + LOOKUP_WAVE);
    chain = chain.then((done) =>
      Dexie.Promise.all(wave.map(run)).then((results) => {
        for (const result of results) for (const item of result) done.push(item);
        return done;
      }),
    );
  }
  return chain;
}

/**
 * Rows whose customer_id is one of `ids`, read inside the current transaction by the data
 * layer's rowsGroupedByIndex (a few range reads where the ids sit together: new customers'
 * UUIDv7s, updates taken in id order; one read per id where they are scattered). Wrapped in a
 * Dexie promise so that callers chaining on it stay in the transaction's zone.
 */
export function byCustomerIds<T>(table: Table<T, string, unknown>, ids: readonly string[]) {
  return groupedByIndex<T>(table, 'customer_id', ids).then((grouped) =>
    [...grouped.values()].flat(),
  );
}

/** Rows whose `keyPath` index is one of `keys`, grouped by key (see byCustomerIds). */
export function groupedByIndex<T>(
  table: Table<T, string, unknown>,
  keyPath: string,
  keys: readonly string[],
): PromiseExtended<Map<string, T[]>> {
  const trans = Dexie.currentTransaction?.idbtrans;
  if (!trans)
    return Dexie.Promise.reject<Map<string, T[]>>(new Error('groupedByIndex needs a transaction'));
  const core = table.db.core.table(table.name);
  return Dexie.Promise.resolve(
    rowsGroupedByIndex<T>(captureZone(), core, trans as never, keyPath, keys),
  );
}

/** The normalized emails and the Encore IDs of rows: what lookupExisting takes. */
export function keysOf(candidates: readonly ImportCandidate[]): [string[], string[]] {
  return [
    candidates.flatMap((c) => c.emails.map((e) => e.normalized)),
    candidates.flatMap((c) => (c.encore_id === null ? [] : [c.encore_id])),
  ];
}

export type MutableIndex = {
  byEmail: Map<string, ExistingCustomer>;
  byId: Map<string, ExistingCustomer>;
  deletedIds: Set<string>;
};

function batched(keys: readonly string[]): string[][] {
  const unique = [...new Set(keys)];
  const batches: string[][] = [];
  for (let start = 0; start < unique.length; start += LOOKUP_BATCH)
    batches.push(unique.slice(start, start + LOOKUP_BATCH));
  return batches;
}

/**
 * The live customers owning any of these normalized addresses (keyed by address) or having
 * any of these Encore IDs (keyed by id), and which of the ids are deleted customers'.
 */
async function lookupExisting(
  db: CrmDatabase,
  addresses: readonly string[],
  ids: readonly string[] = [],
): Promise<MutableIndex> {
  const result: MutableIndex = { byEmail: new Map(), byId: new Map(), deletedIds: new Set() };
  const wanted = new Set(addresses);
  await db.transaction('r', [...CONTACT_TABLES], () =>
    // Who owns the addresses: one read per address, a few batches in flight at a time (a
    // million requests at once stalled Chromium), then the owners in id order, so that each
    // batch's contact points are a few ranges.
    inWaves(batched(addresses), (batch) =>
      byIndex<CustomerEmail>(db.customer_emails, 'address_normalized', batch),
    ).then((emails) => {
      const owners = emails.filter((email) => email.deleted === 0);
      const ownerIds = [...new Set(owners.map((email) => email.customer_id))].sort();
      return Dexie.Promise.all([
        inWaves(batched(ownerIds), (batch) =>
          db.customer_profiles
            .bulkGet(batch)
            .then((found) =>
              withContactPoints(
                db,
                found.filter(
                  (profile): profile is CustomerProfile =>
                    profile !== undefined && profile.deleted === 0,
                ),
              ),
            )
            .then((customers) => {
              for (const customer of customers)
                for (const address of customer.emails)
                  if (wanted.has(address)) result.byEmail.set(address, customer);
              return [];
            }),
        ),
        inWaves(batched(ids), (batch) => lookupIds(db, batch, result).then(() => [])),
      ]);
    }),
  );
  return result;
}

function lookupIds(db: CrmDatabase, batch: string[], result: MutableIndex): PromiseExtended<void> {
  return db.customer_profiles.bulkGet(batch).then((profiles) => {
    const found = profiles.filter((profile): profile is CustomerProfile => !!profile);
    for (const profile of found) if (profile.deleted === 1) result.deletedIds.add(profile.id);
    return withContactPoints(
      db,
      found.filter((profile) => profile.deleted === 0),
    ).then((live) => {
      for (const customer of live) result.byId.set(customer.id, customer);
    });
  });
}

/** Live profiles with their live emails and phones. */
function withContactPoints(
  db: CrmDatabase,
  profiles: CustomerProfile[],
): PromiseExtended<ExistingCustomer[]> {
  const liveIds = profiles.map((profile) => profile.id);
  return Dexie.Promise.all([
    byCustomerIds<CustomerEmail>(db.customer_emails, liveIds),
    byCustomerIds<CustomerPhone>(db.customer_phones, liveIds),
  ]).then(([allEmails, allPhones]) => contactPointsOf(profiles, allEmails, allPhones));
}

function contactPointsOf(
  profiles: CustomerProfile[],
  allEmails: CustomerEmail[],
  allPhones: CustomerPhone[],
): ExistingCustomer[] {
  // Grouped once: a filter per customer would be quadratic in the batch.
  const group = <T extends { customer_id: string; deleted: 0 | 1 }>(items: T[]) => {
    const byCustomer = new Map<string, T[]>();
    for (const item of items)
      if (item.deleted === 0)
        byCustomer.set(item.customer_id, [...(byCustomer.get(item.customer_id) ?? []), item]);
    return byCustomer;
  };
  const emailsOf = group(allEmails);
  const phonesOf = group(allPhones);
  return profiles.map((profile) => ({
    id: profile.id,
    profile,
    emails: (emailsOf.get(profile.id) ?? []).map((e) => e.address_normalized),
    phones: (phonesOf.get(profile.id) ?? []).map((p) => p.e164),
  }));
}

/** Looks up what the database holds for a batch of rows (see lookupExisting). */
export function createExistingLookup(db: CrmDatabase) {
  return (addresses: readonly string[], ids: readonly string[] = []) =>
    lookupExisting(db, addresses, ids);
}
