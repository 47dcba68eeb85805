/**
 * What the conflict rules did, kept on this computer (sync_state) so nothing is resolved
 * silently: Settings → Sync lists it under "Resolved on sync". Customers who lost an address
 * to another are also recorded as proposed duplicates, for the duplicates review to offer
 * merging (shape documented in docs/sync.md).
 */
import type { CrmDatabase } from '../db/database';
import type { CrmTaskAssignment, CustomerEmail, CustomerRelationship } from '../domain/records';
import { nowIso } from '../domain/ids';
import type { ConflictRule, ConflictTable, Fix } from './conflict-rules';
import { SYNC_KEYS } from './sync-state';

/** At most this many entries are kept (the oldest go first). */
const KEEP = 200;

export type ResolvedConflict = {
  rule: ConflictRule;
  table: ConflictTable;
  /** The row the rule changed, and the one that kept its place. */
  row_id: string;
  kept_id: string;
  /** What it concerns: the task (assignments) and the customers (links, emails). */
  task_id: string | null;
  customer_ids: string[];
  /** The members involved: the one who lost the role, then the one who kept it. */
  member_ids: string[];
  /** The address both customers claimed (emails). */
  address: string | null;
  /** The fix's clock: the same on every laptop that resolved this conflict. */
  hlc: string;
  resolved_at: string;
};

/** Two customers that claimed one email address: probably one person, to be merged. */
export type ProposedDuplicate = {
  /** The two customers, in id order (the pair's identity). */
  customer_ids: [string, string];
  reason: 'same-email';
  address: string;
  /** The customer who kept the address. */
  kept_by: string;
  proposed_at: string;
};

type Row = Record<string, unknown> & { id: string };
type AnyFix = { table: ConflictTable; fix: Fix<Row> };

async function listAt<T>(db: CrmDatabase, key: string): Promise<T[]> {
  const saved = await db.sync_state.get(key);
  return Array.isArray(saved?.value) ? (saved.value as T[]) : [];
}

function entryOf({ table, fix }: AnyFix, at: string): ResolvedConflict {
  const kept = fix.kept;
  const base = {
    rule: fix.rule,
    table,
    row_id: fix.row.id,
    kept_id: fix.kept.id,
    hlc: fix.hlc,
    resolved_at: at,
  };
  if (table === 'crm_task_assignments') {
    const row = fix.row as unknown as CrmTaskAssignment;
    const winner = kept as unknown as CrmTaskAssignment | undefined;
    return {
      ...base,
      task_id: row.task_id,
      customer_ids: [],
      member_ids: [row.member_id, ...(winner ? [winner.member_id] : [])],
      address: null,
    };
  }
  if (table === 'customer_relationships') {
    const row = fix.row as unknown as CustomerRelationship;
    return {
      ...base,
      task_id: null,
      customer_ids: [row.from_customer_id, row.to_customer_id],
      member_ids: [],
      address: null,
    };
  }
  const row = fix.row as unknown as CustomerEmail;
  const winner = kept as unknown as CustomerEmail | undefined;
  return {
    ...base,
    task_id: null,
    customer_ids: [row.customer_id, ...(winner ? [winner.customer_id] : [])],
    member_ids: [],
    address: row.address,
  };
}

function duplicateOf(entry: ResolvedConflict): ProposedDuplicate | null {
  const [loser, keeper] = entry.customer_ids;
  if (entry.rule !== 'later-email-claim' || !loser || !keeper) return null;
  const pair = [loser, keeper].sort() as [string, string];
  return {
    customer_ids: pair,
    reason: 'same-email',
    address: entry.address ?? '',
    kept_by: keeper,
    proposed_at: entry.resolved_at,
  };
}

/** Appends the fixes to the log and their customer pairs to the proposed duplicates. */
export async function recordFixes(db: CrmDatabase, fixes: readonly AnyFix[]): Promise<void> {
  const at = nowIso();
  const entries = fixes.map((fix) => entryOf(fix, at));
  const log = await listAt<ResolvedConflict>(db, SYNC_KEYS.resolvedConflicts);
  await db.sync_state.put({
    key: SYNC_KEYS.resolvedConflicts,
    value: [...log, ...entries].slice(-KEEP),
  });
  const proposed = entries.flatMap((entry) => duplicateOf(entry) ?? []);
  if (proposed.length === 0) return;
  const known = await listAt<ProposedDuplicate>(db, SYNC_KEYS.proposedDuplicates);
  const pairs = new Set(known.map((item) => item.customer_ids.join('/')));
  const fresh = proposed.filter((item) => {
    const key = item.customer_ids.join('/');
    if (pairs.has(key)) return false;
    pairs.add(key);
    return true;
  });
  await db.sync_state.put({
    key: SYNC_KEYS.proposedDuplicates,
    value: [...known, ...fresh].slice(-KEEP * 5),
  });
}

/** The log, newest first. */
export async function readResolvedConflicts(db: CrmDatabase): Promise<ResolvedConflict[]> {
  return (await listAt<ResolvedConflict>(db, SYNC_KEYS.resolvedConflicts)).reverse();
}

export async function readProposedDuplicates(db: CrmDatabase): Promise<ProposedDuplicate[]> {
  return listAt<ProposedDuplicate>(db, SYNC_KEYS.proposedDuplicates);
}
