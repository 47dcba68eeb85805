/**
 * Keeps customers_crm_v true: after any write to a customer's profile, emails, phones or
 * touchpoints, the affected customers' rows are rebuilt with projectCustomerRow inside the
 * same transaction. It lives in the data layer, not in services, so that no writer (import
 * worker, sync pull, future code) can leave the list stale.
 */
import Dexie from 'dexie';
import type { DBCore, DBCoreMutateRequest, DBCoreTransaction, Middleware } from 'dexie';
import { projectCustomerRow } from '../domain/customer-projection';
import type {
  CrmTask,
  CustomerEmail,
  CustomerListRow,
  CustomerPhone,
  CustomerProfile,
  EngagementTouchpoint,
  SearchJournalBatch,
} from '../domain/records';
import type { InZone } from './dbcore-helpers';
import { captureZone, keysToDelete, rowsGroupedByIndex, writtenValues } from './dbcore-helpers';

const CHILD_TABLES = new Set([
  'customer_emails',
  'customer_phones',
  'customer_engagement_metrics',
  // A task counts for its customer (open_task_count); customer_id may be null (deal only).
  'crm_tasks',
]);

/**
 * Children of customers the transaction created, as it added them: each customer's complete
 * set (see projectOnce's `newCustomersComplete`), so their rows need no read of the children.
 */
type KnownChildren = {
  customers: ReadonlySet<string>;
  byTable: ReadonlyMap<string, ReadonlyMap<string, unknown[]>>;
};

export async function rebuildCustomerRows(
  inZone: InZone,
  core: DBCore,
  trans: DBCoreTransaction,
  customerIds: Iterable<string>,
  /** Profiles as this transaction last wrote them: the stored values, no need to read them. */
  written: ReadonlyMap<string, CustomerProfile> = new Map(),
  known: KnownChildren = { customers: new Set(), byTable: new Map() },
): Promise<void> {
  const ids = [...new Set(customerIds)].filter(Boolean);
  if (ids.length === 0) return;
  const profilesTable = core.table('customer_profiles');
  const unknown = ids.filter((id) => !written.has(id));
  const read = (await inZone(() => profilesTable.getMany({ trans, keys: unknown }))) as (
    CustomerProfile | undefined
  )[];
  const readById = new Map(unknown.map((id, index) => [id, read[index]]));
  const profiles = ids.map((id) => written.get(id) ?? readById.get(id));
  const rows: CustomerListRow[] = [];
  const gone: string[] = [];
  // A child written before its profile (the import writes children first) has no row yet and
  // needs none; a hard-deleted profile's row is removed where it is deleted.
  const live: CustomerProfile[] = [];
  profiles.forEach((profile, index) => {
    if (profile?.deleted === 1) gone.push(ids[index] ?? '');
    else if (profile) live.push(profile);
  });
  const liveIds = live.map((profile) => profile.id);
  const toRead = liveIds.filter((id) => !known.customers.has(id));
  const children = async <T>(table: string): Promise<Map<string, T[]>> => {
    const read =
      toRead.length === 0
        ? new Map<string, T[]>()
        : await rowsGroupedByIndex<T>(inZone, core.table(table), trans, 'customer_id', toRead);
    for (const [id, rows] of known.byTable.get(table) ?? [])
      if (known.customers.has(id)) read.set(id, rows as T[]);
    return read;
  };
  const [emails, phones, touchpoints, tasks] = await Promise.all([
    children<CustomerEmail>('customer_emails'),
    children<CustomerPhone>('customer_phones'),
    children<EngagementTouchpoint>('customer_engagement_metrics'),
    children<CrmTask>('crm_tasks'),
  ]);
  for (const profile of live) {
    const row = projectCustomerRow({
      profile,
      emails: emails.get(profile.id) ?? [],
      phones: phones.get(profile.id) ?? [],
      touchpoints: touchpoints.get(profile.id) ?? [],
      tasks: tasks.get(profile.id) ?? [],
    });
    if (row) rows.push(row);
    else gone.push(profile.id);
  }
  const view = core.table('customers_crm_v');
  if (rows.length > 0) await inZone(() => view.mutate({ type: 'put', trans, values: rows }));
  if (gone.length > 0) await inZone(() => view.mutate({ type: 'delete', trans, keys: gone }));
  await journal(inZone, core, trans, [...rows.map((row) => row.customer_id), ...gone]);
}

/**
 * Tells the search index which customers' rows changed, in the same transaction, so the index
 * can never miss a committed change: ONE search_journal entry naming every customer of this
 * rebuild (a pulled page, an import chunk), not one per customer. Per customer, the journal was
 * a third of the records a first sync wrote besides the rows themselves (docs/sync.md).
 */
async function journal(
  inZone: InZone,
  core: DBCore,
  trans: DBCoreTransaction,
  customerIds: readonly string[],
): Promise<void> {
  if (customerIds.length === 0) return;
  const entry: SearchJournalBatch = { customer_ids: [...new Set(customerIds)] };
  await inZone(() => core.table('search_journal').mutate({ type: 'add', trans, values: [entry] }));
}

/**
 * Transactions inside projectOnce: their affected customers, rebuilt once at its end, and the
 * profiles they wrote (full rows: Dexie's update() reaches DBCore as a put of the whole row).
 */
type Deferred = {
  ids: Set<string>;
  core: DBCore | null;
  profiles: Map<string, CustomerProfile>;
  /** With `newCustomersComplete`: the customers whose profile the body added... */
  created: Set<string> | null;
  /** ...the children the body added, per table and customer... */
  addedChildren: Map<string, Map<string, unknown[]>>;
  /** ...and customers with a child written otherwise (put, delete): their children are read. */
  otherChildWrites: Set<string>;
  isNew: (customerId: string) => boolean;
};
const deferred = new WeakMap<object, Deferred>();

/** What projectOnce's body promises about the customers it creates. */
export type ProjectOnceOptions = {
  /**
   * Every customer whose profile the body adds (`add`, never `put`) had no emails, phones,
   * touchpoints or tasks before the body: the body adds all of them. Their rows are then built
   * from the children the body added, without reading the children back (the import's new
   * customers, the demo seed). Customers whose children the body puts or deletes are read.
   * A function limits the promise to the customers it accepts (ids made now, not restored).
   */
  newCustomersComplete?: boolean | ((customerId: string) => boolean);
};

/**
 * Runs `body` (inside a rw transaction over the customer tables) and rebuilds the list rows of
 * every customer it touched once, at its end, instead of after each bulk write. A bulk writer
 * that writes a customer's emails, phones and profile in three calls (the import) then projects
 * each row once, not three times. The rebuild happens before the transaction can commit, so no
 * row is ever stale outside it; if `body` throws, the transaction aborts and nothing is kept.
 */
export async function projectOnce<T>(
  body: () => Promise<T>,
  options: ProjectOnceOptions = {},
): Promise<T> {
  const trans = Dexie.currentTransaction?.idbtrans;
  if (!trans) throw new Error('projectOnce must run inside a transaction');
  const inZone = captureZone();
  const state: Deferred = {
    ids: new Set(),
    core: null,
    profiles: new Map(),
    created: options.newCustomersComplete ? new Set() : null,
    isNew:
      typeof options.newCustomersComplete === 'function'
        ? options.newCustomersComplete
        : () => true,
    addedChildren: new Map(),
    otherChildWrites: new Set(),
  };
  deferred.set(trans, state);
  let result: T;
  try {
    result = await body();
  } finally {
    deferred.delete(trans);
  }
  if (state.core) {
    const complete = new Set(
      [...(state.created ?? [])].filter((id) => !state.otherChildWrites.has(id)),
    );
    await rebuildCustomerRows(
      inZone,
      state.core,
      trans as unknown as DBCoreTransaction,
      state.ids,
      state.profiles,
      { customers: complete, byTable: state.addedChildren },
    );
  }
  return result;
}

/** Notes what a write inside projectOnce tells about the customers it creates. */
function noteCreated(later: Deferred, table: string, req: DBCoreMutateRequest, written: unknown[]) {
  if (!later.created) return;
  if (table === 'customer_profiles') {
    if (req.type === 'add')
      for (const value of written) {
        const { id } = value as { id: string };
        if (later.isNew(id)) later.created.add(id);
      }
    return;
  }
  if (req.type !== 'add') return; // the caller marks the customers of other writes
  let byCustomer = later.addedChildren.get(table);
  if (!byCustomer) later.addedChildren.set(table, (byCustomer = new Map()));
  for (const value of written) {
    const owner = (value as { customer_id?: string | null }).customer_id ?? '';
    // A copy: the caller may change its object after the write (a child row is flat).
    const copy = { ...(value as object) };
    const list = byCustomer.get(owner);
    if (list) list.push(copy);
    else byCustomer.set(owner, [copy]);
  }
}

export const projectionMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'encore-list-projection',
  level: 1.2, // see guard-middleware.ts for why below 2
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        const isProfile = name === 'customer_profiles';
        if (!isProfile && !CHILD_TABLES.has(name)) return table;
        return {
          ...table,
          async mutate(req) {
            const inZone = captureZone();
            const affected = new Set<string>();
            // Deletes and moves of a child between customers touch the old owner: read it first.
            // An add cannot replace a row, so only puts and deletes have a previous owner.
            const previousKeys =
              req.type === 'add'
                ? []
                : req.type === 'put'
                  ? isProfile
                    ? []
                    : (req.keys ?? req.values.map((value) => (value as { id: string }).id))
                  : await keysToDelete(inZone, table, req);
            if (
              isProfile &&
              (req.type === 'delete' || req.type === 'deleteRange') &&
              previousKeys.length > 0
            ) {
              const response = await inZone(() => table.mutate(req));
              await inZone(() =>
                down
                  .table('customers_crm_v')
                  .mutate({ type: 'delete', trans: req.trans, keys: previousKeys }),
              );
              await journal(inZone, down, req.trans, previousKeys.map(String));
              const later = deferred.get(req.trans);
              for (const key of previousKeys) {
                later?.ids.delete(String(key));
                later?.profiles.delete(String(key));
              }
              return response;
            }
            if (previousKeys.length > 0) {
              if (isProfile) previousKeys.forEach((key) => affected.add(String(key)));
              else {
                const previous = await inZone(() =>
                  table.getMany({ trans: req.trans, keys: previousKeys }),
                );
                for (const row of previous)
                  if (row) affected.add((row as { customer_id: string | null }).customer_id ?? '');
              }
            }
            const response = await inZone(() => table.mutate(req));
            for (const value of writtenValues(req, response.failures)) {
              const record = value as { id: string; customer_id?: string };
              affected.add(isProfile ? record.id : (record.customer_id ?? ''));
            }
            const later = deferred.get(req.trans);
            if (later) {
              affected.forEach((id) => later.ids.add(id));
              later.core = down;
              noteCreated(later, name, req, writtenValues(req, response.failures));
              // A child put or deleted (old and new owners): those customers are read as before.
              if (!isProfile && req.type !== 'add')
                affected.forEach((id) => later.otherChildWrites.add(id));
              if (isProfile)
                for (const value of writtenValues(req, response.failures)) {
                  // A copy: the caller may change its object after the write.
                  const profile = structuredClone(value) as CustomerProfile;
                  later.profiles.set(profile.id, profile);
                }
              return response;
            }
            await rebuildCustomerRows(inZone, down, req.trans, affected);
            return response;
          },
        };
      },
    };
  },
};
