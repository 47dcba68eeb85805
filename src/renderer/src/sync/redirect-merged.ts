/**
 * Edits pulled for a customer merged away here land on its survivor (docs/duplicates.md).
 * Another laptop that had not seen the merge can push a touchpoint, a task, a phone... for
 * the merged-away customer; after a pull, the rows of the customers the page touched that
 * point at a tombstone with `merged_into` are moved to the survivor, in an ordinary (captured)
 * transaction, so the move is pushed and every laptop converges on the survivor. A row that
 * would repeat one the survivor has is tombstoned instead, as the merge itself does.
 */
import type { RemoteRow } from '../../../shared/sync/protocol';
import type { CrmDatabase } from '../db/database';
import { followMerges } from '../domain/duplicates/merged-id';
import { nowIso } from '../domain/ids';
import type { CustomerProfile } from '../domain/records';

const CUSTOMER_ID_TABLES = [
  'customer_emails',
  'customer_phones',
  'customer_engagement_metrics',
  'crm_tasks',
  'deal_participants',
] as const;
type ChildTable = (typeof CUSTOMER_ID_TABLES)[number];

/** The customer ids a pulled page mentions (profiles, and the customer ends of child rows). */
export function customersOfPage(rows: readonly RemoteRow[]): Set<string> {
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.table === 'customer_profiles') ids.add(row.row_id);
    for (const field of ['customer_id', 'from_customer_id', 'to_customer_id']) {
      const value = row.data[field];
      if (typeof value === 'string' && value !== '') ids.add(value);
    }
  }
  return ids;
}

type Profiles = Map<string, CustomerProfile | undefined>;

/** Where each merged-away customer of `ids` landed (chains followed), and crosswise loops. */
export async function mergedTrails(db: CrmDatabase, ids: readonly string[]) {
  // One read for the page's customers (a first sync brings thousands); chains read on.
  const read = await db.customer_profiles.bulkGet([...ids]);
  const profiles: Profiles = new Map(ids.map((id, index) => [id, read[index]]));
  const lookup = async (id: string) => {
    if (!profiles.has(id)) profiles.set(id, await db.customer_profiles.get(id));
    return profiles.get(id);
  };
  const targets = new Map<string, string>();
  let loops: string[] = [];
  for (const id of ids) {
    const first = await lookup(id);
    if (!first?.merged_into || first.deleted !== 1) continue;
    // Chains are short (a merge of a merge); read each step once.
    const seen = new Map<string, string | null>();
    let current: string | null | undefined = id;
    while (current && !seen.has(current)) {
      const profile = await lookup(current);
      const next = profile?.deleted === 1 ? (profile.merged_into ?? null) : null;
      seen.set(current, next);
      current = next;
    }
    const trail = followMerges(id, (key) => seen.get(key));
    if (trail.cycle) loops = [...loops, trail.id];
    if (trail.id !== id) targets.set(id, trail.id);
  }
  return { targets, loops };
}

type Keyed = { id: string; customer_id: string; deleted: 0 | 1 };

function duplicateKey(name: ChildTable, row: Record<string, unknown>): string | null {
  if (name === 'customer_emails') return `e:${String(row['address_normalized'])}`;
  if (name === 'customer_phones') return `p:${String(row['e164'])}`;
  if (name === 'deal_participants') return `d:${String(row['deal_id'])}:${String(row['role'])}`;
  return null;
}

async function moveChildren(
  db: CrmDatabase,
  name: ChildTable,
  from: string,
  to: string,
  at: string,
) {
  const table = db.table(name);
  const rows = (await table.where('customer_id').equals(from).toArray()) as Keyed[];
  const live = rows.filter((row) => row.deleted === 0);
  if (live.length === 0) return 0;
  const theirs = ((await table.where('customer_id').equals(to).toArray()) as Keyed[]).filter(
    (row) => row.deleted === 0,
  );
  const taken = new Set(theirs.map((row) => duplicateKey(name, row)).filter(Boolean));
  for (const row of live) {
    const key = duplicateKey(name, row);
    if (key && taken.has(key)) await table.update(row.id, { deleted: 1, updated_at: at });
    else {
      if (key) taken.add(key);
      // The survivor keeps its primary email and phone; a moved one is secondary.
      const flag = 'is_primary' in row && theirs.length > 0 ? { is_primary: 0 } : {};
      await table.update(row.id, { customer_id: to, updated_at: at, ...flag });
    }
  }
  return live.length;
}

async function moveLinks(db: CrmDatabase, from: string, to: string, at: string) {
  const rows = [
    ...(await db.customer_relationships.where('from_customer_id').equals(from).toArray()),
    ...(await db.customer_relationships.where('to_customer_id').equals(from).toArray()),
  ].filter((row) => row.deleted === 0);
  let moved = 0;
  for (const row of rows) {
    const next = {
      from_customer_id: row.from_customer_id === from ? to : row.from_customer_id,
      to_customer_id: row.to_customer_id === from ? to : row.to_customer_id,
    };
    const twin = await db.customer_relationships
      .where('[from_customer_id+to_customer_id+type]')
      .equals([next.from_customer_id, next.to_customer_id, row.type])
      .filter((other) => other.deleted === 0 && other.id !== row.id)
      .first();
    if (next.from_customer_id === next.to_customer_id || twin)
      await db.customer_relationships.update(row.id, { deleted: 1, updated_at: at });
    else await db.customer_relationships.update(row.id, { ...next, updated_at: at });
    moved += 1;
  }
  return moved;
}

/**
 * Which of `ids` name a customer merged away here: one read of the `merged_into` index's keys
 * (the merged-away customers, few beside a workspace), so a pull whose customers were never
 * merged (a first sync: every one of them) reads no profile at all.
 */
export async function mergedAwayAmong(db: CrmDatabase, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const merged = new Set(
    (await db.customer_profiles.where('merged_into').above('').primaryKeys()).map(String),
  );
  return ids.filter((id) => merged.has(id));
}

/**
 * Moves to their survivor the live rows of any of `customerIds` that was merged away.
 * Returns how many rows moved (or were tombstoned as repeats).
 */
export async function redirectMergedCustomers(
  db: CrmDatabase,
  customerIds: Iterable<string>,
): Promise<number> {
  const ids = [...customerIds];
  if (ids.length === 0) return 0;
  const tables = ['customer_profiles', ...CUSTOMER_ID_TABLES, 'customer_relationships'];
  return db.transaction('rw', tables, async () => {
    const merged = await mergedAwayAmong(db, ids);
    if (merged.length === 0) return 0;
    const { targets, loops } = await mergedTrails(db, merged);
    const at = nowIso();
    // Two laptops merged crosswise: everyone revives the loop's smallest id.
    for (const id of loops)
      await db.customer_profiles.update(id, { deleted: 0, merged_into: null, updated_at: at });
    let moved = 0;
    for (const [from, to] of targets) {
      for (const name of CUSTOMER_ID_TABLES) moved += await moveChildren(db, name, from, to, at);
      moved += await moveLinks(db, from, to, at);
    }
    return moved;
  });
}
