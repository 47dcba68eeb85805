/**
 * planMerge: two or more customers into one, as the exact rows to write in one transaction
 * and the record that undoes it. Pure: the service reads the bundles in its transaction,
 * writes `plan.changes` in order, and keeps `plan.undo`.
 */
import type { IsoDateTime } from '../records';
import { mergedAwayProfile, mergedProfile } from './merge-profile';
import { moveRelationships } from './merge-links';
import { moveParticipants, moveRows, uniteContacts } from './merge-rows';
import type { Moved } from './merge-rows';
import type {
  CustomerBundle,
  DroppedRow,
  MergeChoices,
  MergeProblem,
  MergeResult,
  MergeRows,
  MergeTable,
  RowChange,
} from './merge-types';
import { mergeProblem } from './merge-validation';
import { sameRecord } from './merge-undo';

export type MergeRequest = { survivor: CustomerBundle; others: CustomerBundle[] };

function asChanges<T extends MergeTable>(table: T, moved: Moved<MergeRows[T]>): RowChange[] {
  // Tombstones first: a moved row never meets the row it replaces in the same write.
  const ordered = [
    ...moved.changes.filter((change) => change.after.deleted === 1),
    ...moved.changes.filter((change) => change.after.deleted === 0),
  ];
  return ordered.map((change) => ({ table, ...change }) as RowChange);
}

function asDropped(table: MergeTable, moved: Moved<unknown>): DroppedRow[] {
  return moved.dropped.map((drop) => ({ table, ...drop }));
}

export function planMerge(
  request: MergeRequest,
  choices: MergeChoices,
  at: IsoDateTime,
): MergeResult {
  const bundles = [request.survivor, ...request.others];
  const problem: MergeProblem | null = mergeProblem(bundles, choices);
  if (problem) return { ok: false, problem };
  const survivorId = request.survivor.profile.id;

  const moves = {
    customer_relationships: moveRelationships(bundles, at),
    deal_participants: moveParticipants(bundles, at),
    crm_tasks: moveRows(bundles, (bundle) => bundle.tasks, at),
    customer_engagement_metrics: moveRows(bundles, (bundle) => bundle.touchpoints, at),
    customer_phones: uniteContacts(
      bundles,
      (bundle) => bundle.phones,
      (row) => row.e164,
      'same-number',
      choices.primaryPhoneId,
      at,
    ),
    customer_emails: uniteContacts(
      bundles,
      (bundle) => bundle.emails,
      (row) => row.address_normalized,
      'same-address',
      choices.primaryEmailId,
      at,
    ),
  };
  const changes: RowChange[] = [];
  const dropped: DroppedRow[] = [];
  for (const [table, moved] of Object.entries(moves) as [MergeTable, Moved<never>][]) {
    changes.push(...asChanges(table, moved));
    dropped.push(...asDropped(table, moved));
  }

  const before = request.survivor.profile;
  const after = mergedProfile(bundles, choices, at);
  if (!sameRecord({ ...after, updated_at: '' }, { ...before, updated_at: '' }))
    changes.push({ table: 'customer_profiles', before, after });
  for (const other of request.others)
    changes.push({
      table: 'customer_profiles',
      before: other.profile,
      after: mergedAwayProfile(other.profile, survivorId, at),
    });

  const mergedIds = request.others.map((other) => other.profile.id);
  return {
    ok: true,
    plan: {
      survivorId,
      mergedIds,
      at,
      changes,
      dropped,
      undo: { survivorId, mergedIds, at, changes },
    },
  };
}
