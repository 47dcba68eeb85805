/**
 * Merging customers, and undoing it. Each merge is one Dexie transaction: the bundles are
 * read, planned by the pure planMerge (domain/duplicates/merge-plan.ts) and every planned row
 * written in order; the guard, list projection and change capture see each write as usual,
 * so the outbox carries the merge to the team and the list shows it at once.
 */
import type { Table } from 'dexie';
import type { CrmDatabase } from '../../../db/database';
import { planMerge } from '../../../domain/duplicates/merge-plan';
import type {
  DroppedRow,
  MergeChoices,
  MergeTable,
  MergeUndo,
} from '../../../domain/duplicates/merge-types';
import { undoConflicts, undoWrites } from '../../../domain/duplicates/merge-undo';
import { nowIso } from '../../../domain/ids';
import { fail, ok, type Result } from '../../../domain/result';
import { MERGE_TABLES, readBundles } from './merge-bundles';

export type MergeRequestIds = { survivorId: string; otherIds: readonly string[] };

export type MergeOutcome = {
  survivorId: string;
  mergedIds: string[];
  /** Rows written per table (moves, tombstones, flags and profiles). */
  written: Partial<Record<MergeTable, number>>;
  dropped: DroppedRow[];
  undo: MergeUndo;
};

type AnyRow = { id: string };

function table(db: CrmDatabase, name: MergeTable): Table<AnyRow, string> {
  return db.table(name) as unknown as Table<AnyRow, string>;
}

/** Inside a transaction: plan and write one merge. A refusal is a value; the caller aborts. */
async function mergeInTransaction(
  db: CrmDatabase,
  request: MergeRequestIds,
  choices: MergeChoices,
  at: string,
): Promise<Result<MergeOutcome, string>> {
  const ids = [request.survivorId, ...request.otherIds];
  const { bundles, missing } = await readBundles(db, ids);
  if (missing.length > 0) return fail('A customer of this merge no longer exists');
  const [survivor, ...others] = bundles;
  if (!survivor) return fail('Choose at least two customers to merge');
  const planned = planMerge({ survivor, others }, choices, at);
  if (!planned.ok) return fail(planned.problem.message);
  const { plan } = planned;
  const written: Partial<Record<MergeTable, number>> = {};
  // One at a time, in the plan's order: children first, tombstones before moves.
  for (const change of plan.changes) {
    await table(db, change.table).put(change.after);
    written[change.table] = (written[change.table] ?? 0) + 1;
  }
  return ok({
    survivorId: plan.survivorId,
    mergedIds: plan.mergedIds,
    written,
    dropped: plan.dropped,
    undo: plan.undo,
  });
}

/** Merges `otherIds` into `survivorId`, in one transaction. */
export async function mergeCustomers(
  db: CrmDatabase,
  request: MergeRequestIds,
  choices: MergeChoices = {},
): Promise<Result<MergeOutcome, string>> {
  return db.transaction('rw', [...MERGE_TABLES], () =>
    mergeInTransaction(db, request, choices, nowIso()),
  );
}

/**
 * Several merges (the bulk "merge all high-confidence pairs"), each in its own transaction so
 * one refused group does not hold back the others. Returns the merges done and the refusals.
 */
export async function mergeGroups(
  db: CrmDatabase,
  groups: readonly MergeRequestIds[],
): Promise<{ merged: MergeOutcome[]; refused: { ids: string[]; reason: string }[] }> {
  const merged: MergeOutcome[] = [];
  const refused: { ids: string[]; reason: string }[] = [];
  for (const group of groups) {
    const result = await mergeCustomers(db, group);
    if (result.ok) merged.push(result.value);
    else refused.push({ ids: [group.survivorId, ...group.otherIds], reason: result.error });
  }
  return { merged, refused };
}

export type UndoRefusal = { message: string; rows: { table: MergeTable; id: string }[] };

/**
 * Puts back every row the merges wrote, exactly, in one transaction (the last merge first).
 * Refused, with the rows in the way, when any of them changed since (an edit, a sync).
 */
export async function undoMerges(
  db: CrmDatabase,
  undos: readonly MergeUndo[],
): Promise<Result<void, UndoRefusal>> {
  return db.transaction('rw', [...MERGE_TABLES], async () => {
    const state = new Map<string, unknown>();
    for (const undo of undos)
      for (const change of undo.changes) {
        const row = await table(db, change.table).get(change.after.id);
        state.set(`${change.table}/${change.after.id}`, row);
      }
    const conflicts = conflictsInReverse(undos, state);
    if (conflicts.length > 0)
      return fail({
        message: `Cannot undo the merge: ${conflicts.length} record(s) changed since`,
        rows: conflicts,
      });
    for (const undo of [...undos].reverse())
      for (const write of undoWrites(undo)) await table(db, write.table).put(write.row);
    return ok();
  });
}

/**
 * Checks each merge against the rows as the later merges' undo leaves them: two merges of one
 * batch can move the same relationship (its two ends were in two groups).
 */
function conflictsInReverse(undos: readonly MergeUndo[], state: Map<string, unknown>) {
  const conflicts: { table: MergeTable; id: string }[] = [];
  for (const undo of [...undos].reverse()) {
    conflicts.push(...undoConflicts(undo, (name, id) => state.get(`${name}/${id}`)));
    for (const change of undo.changes)
      state.set(`${change.table}/${change.before.id}`, change.before);
  }
  return conflicts;
}

export function undoMerge(db: CrmDatabase, undo: MergeUndo) {
  return undoMerges(db, [undo]);
}
