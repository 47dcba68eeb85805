/**
 * Changes to many customers at once: tag, untag, set owner, set lifecycle stage, delete. Each
 * chunk of customers is one Dexie transaction (a chunk commits whole or not at all, and a big
 * selection does not hold the database for seconds); the receipt of the whole change is one
 * undo that puts back every customer it touched, unless someone changed it since.
 */
import type { CrmDatabase } from '../../../db/database';
import type { BulkBefore, BulkChange, BulkFields } from '../../../domain/customers/bulk-change';
import {
  bulkPatch,
  checkBulkChange,
  fieldsBefore,
  undoable,
} from '../../../domain/customers/bulk-change';
import { nowIso } from '../../../domain/ids';
import type { CustomerProfile } from '../../../domain/records';
import { fail, ok, type Result } from '../../../domain/result';
import { bindDb } from '../../bind-db';
import type { CustomerListQuery } from './customer-list-query';
import { queryCustomerIds } from './customer-list-query';
import { findEmailOwner } from './customer-service';

export const BULK_CHUNK = 250;

const TABLES = ['customer_profiles', 'customer_emails', 'customer_phones'] as const;

/** What a bulk change did: how many it changed, and what its undo needs. */
export type BulkReceipt = { change: BulkChange; changed: BulkBefore[]; unchanged: number };

/** What an undo did: how many it put back, and how many it spared (changed since, or taken). */
export type BulkUndoReport = { restored: number; spared: number };

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    out.push(items.slice(start, start + size));
  return out;
}

async function ownerExists(db: CrmDatabase, ownerId: string | null): Promise<boolean> {
  if (ownerId === null) return true;
  const member = await db.team_members.get(ownerId);
  return member !== undefined && member.deleted === 0;
}

/** One chunk, one transaction: each live profile gets the change and a fresh stamp. */
async function applyChunk(
  db: CrmDatabase,
  ids: readonly string[],
  change: BulkChange,
): Promise<{ changed: BulkBefore[]; unchanged: number }> {
  return db.transaction('rw', [...TABLES], async () => {
    const profiles = await db.customer_profiles.bulkGet([...ids]);
    const changed: BulkBefore[] = [];
    let unchanged = 0;
    const stamp = nowIso();
    for (const profile of profiles) {
      if (!profile || profile.deleted === 1) continue;
      const patch = bulkPatch(profile, change);
      if (!patch) {
        unchanged += 1;
        continue;
      }
      await db.customer_profiles.update(profile.id, { ...patch, updated_at: stamp });
      changed.push({ id: profile.id, before: fieldsBefore(profile, patch), after: patch });
    }
    return { changed, unchanged };
  });
}

async function apply(
  db: CrmDatabase,
  ids: readonly string[],
  change: BulkChange,
  chunkSize = BULK_CHUNK,
): Promise<Result<BulkReceipt, string>> {
  const checked = checkBulkChange(change);
  if (!checked.ok) return checked;
  if (ids.length === 0) return fail('Select customers first');
  if (checked.value.kind === 'owner' && !(await ownerExists(db, checked.value.ownerId)))
    return fail('That team member no longer exists');
  const receipt: BulkReceipt = { change: checked.value, changed: [], unchanged: 0 };
  for (const chunk of chunks([...new Set(ids)], chunkSize)) {
    const done = await applyChunk(db, chunk, checked.value);
    receipt.changed.push(...done.changed);
    receipt.unchanged += done.unchanged;
  }
  return ok(receipt);
}

/** A deleted customer comes back only when none of its emails went to someone else since. */
async function emailsFree(db: CrmDatabase, customerId: string): Promise<boolean> {
  const emails = await db.customer_emails
    .where('customer_id')
    .equals(customerId)
    .filter((email) => email.deleted === 0)
    .toArray();
  const owner = await findEmailOwner(
    db,
    emails.map((email) => email.address_normalized),
    customerId,
  );
  return owner === null;
}

async function undoChunk(db: CrmDatabase, entries: readonly BulkBefore[]): Promise<number> {
  return db.transaction('rw', [...TABLES], async () => {
    const current = await db.customer_profiles.bulkGet(entries.map((entry) => entry.id));
    const stamp = nowIso();
    let restored = 0;
    for (const [index, entry] of entries.entries()) {
      const profile: CustomerProfile | undefined = current[index];
      if (!undoable(profile, entry)) continue;
      if (entry.before.deleted === 0 && !(await emailsFree(db, entry.id))) continue;
      const back: Partial<BulkFields> = entry.before;
      await db.customer_profiles.update(entry.id, { ...back, updated_at: stamp });
      restored += 1;
    }
    return restored;
  });
}

/** Undo of apply(): one call for the whole change, whatever its size. */
async function undo(
  db: CrmDatabase,
  receipt: BulkReceipt,
  chunkSize = BULK_CHUNK,
): Promise<Result<BulkUndoReport, string>> {
  let restored = 0;
  for (const chunk of chunks(receipt.changed, chunkSize)) restored += await undoChunk(db, chunk);
  return ok({ restored, spared: receipt.changed.length - restored });
}

/** Every id the list's query matches, in list order: "select all matches". */
async function matchingIds(db: CrmDatabase, query: CustomerListQuery): Promise<string[]> {
  return queryCustomerIds(db, query);
}

export function createCustomerBulkService(db: CrmDatabase) {
  return bindDb(db, { apply, undo, matchingIds });
}

export type CustomerBulkService = ReturnType<typeof createCustomerBulkService>;
