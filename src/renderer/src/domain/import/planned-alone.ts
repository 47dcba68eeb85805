/**
 * Rows planned alone, from a few bits each. A large import keeps in memory only the rows whose
 * plan depends on other rows (services/crm/import-service.ts holds those in full); every other
 * row's part of the plan is decided by the row alone, so the session records it in a byte per
 * row (RowFlags) and counts it from there:
 *   - a row the database does not know becomes a new customer;
 *   - a row matching one database customer that no other row of the file touches (no shared
 *     email or Encore ID, no other row matching that customer) is that customer's update,
 *     unchanged or skipped, depending only on the merge policy: three answers, three bits.
 * The rows are read back from staging to be written, and a matched row is planned again then,
 * against the database as it is at that moment, by the same buildPlan.
 */
import { buildPlan, type ExistingIndex, type MergePolicy, type PlanCounts } from './plan';
import type { RowFlags } from './row-index';
import type { ImportCandidate } from './rows';

/** The row is held in memory in full (planned with the other held rows). */
export const HELD = 1;
/** The row has an Encore ID. */
export const HAS_ID = 2;
/** The row matches one database customer and is planned alone (never set with HELD's meaning). */
export const MATCHED = 4;
/** ...found by the row's Encore ID. */
export const BY_ID = 8;
/** ...and changes that customer under "fill blanks only". */
export const CHANGES_IF_FILL = 16;
/** ...and changes that customer under "overwrite". */
export const CHANGES_IF_OVERWRITE = 32;

/** The key a row claims for a database customer it touches (see touchedCustomers). */
export const customerKey = (id: string) => `customer:${id}`;

/** Database customers a row names: the owner of its Encore ID and the owners of its emails. */
export function touchedCustomers(candidate: ImportCandidate, index: ExistingIndex): string[] {
  const ids = new Set<string>();
  if (candidate.encore_id !== null) {
    const owner = index.byId.get(candidate.encore_id);
    if (owner) ids.add(owner.id);
  }
  for (const email of candidate.emails) {
    const owner = index.byEmail.get(email.normalized);
    if (owner) ids.add(owner.id);
  }
  return [...ids];
}

/**
 * The bits of a row that matches a database customer and that no other row touches, or null
 * when the row must be planned in full: its plan blocks it (an Encore ID and an email naming
 * two people) or makes it a new customer (its Encore ID is a deleted customer's).
 */
export function matchedAloneBits(candidate: ImportCandidate, index: ExistingIndex): number | null {
  if (candidate.blocked || candidate.issues.length > 0) return null;
  let bits = MATCHED;
  for (const policy of ['fill-blanks', 'overwrite', 'skip'] as const) {
    const plan = buildPlan([candidate], index, policy);
    const planned = plan.customers[0];
    if (plan.conflicts.size > 0 || !planned || planned.kind === 'new') return null;
    if (plan.counts.matched_by_id > 0) bits |= BY_ID;
    if (planned.kind === 'update') bits |= changeBit(policy);
  }
  return bits;
}

function changeBit(policy: MergePolicy): number {
  return policy === 'overwrite'
    ? CHANGES_IF_OVERWRITE
    : policy === 'fill-blanks'
      ? CHANGES_IF_FILL
      : 0;
}

/** Whether a row planned alone from `bits` is written (as an update) under `policy`. */
export function writesUpdate(bits: RowFlags, row: number, policy: MergePolicy): boolean {
  return policy !== 'skip' && bits.has(row, MATCHED) && bits.has(row, changeBit(policy));
}

/** What the rows in [first, last] not held add to the plan of the held rows, under `policy`. */
export function aloneCounts(
  flags: RowFlags,
  first: number,
  last: number,
  policy: MergePolicy,
): Pick<
  PlanCounts,
  | 'rows_read'
  | 'new'
  | 'restored_ids'
  | 'updated'
  | 'unchanged'
  | 'skipped_existing'
  | 'matched_by_id'
> {
  const notHeld = (all: number, none = 0) => flags.count(first, last, all, none | HELD);
  const alone = notHeld(0);
  const matched = notHeld(MATCHED);
  const updated = policy === 'skip' ? 0 : notHeld(MATCHED | changeBit(policy));
  return {
    rows_read: alone,
    new: alone - matched,
    restored_ids: notHeld(HAS_ID, MATCHED),
    updated,
    unchanged: policy === 'skip' ? 0 : matched - updated,
    skipped_existing: policy === 'skip' ? matched : 0,
    matched_by_id: notHeld(MATCHED | BY_ID),
  };
}

/** The counts of the held rows' plan plus those of the rows planned alone. */
export function withAloneCounts(
  counts: PlanCounts,
  alone: ReturnType<typeof aloneCounts>,
): PlanCounts {
  const sum = { ...counts };
  for (const key of Object.keys(alone) as (keyof typeof alone)[]) sum[key] += alone[key];
  return sum;
}
