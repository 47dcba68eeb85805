/**
 * The session's side of "merge into an existing customer" (domain/import/merge-into.ts): the
 * identities of the rows about to become new customers, for the detection worker to judge
 * (the window asks it: `likelyExisting`), and the chosen customers made known to the plan.
 */
import type { ImportRowIdentity } from '../../../domain/duplicates/import-assist';
import type { ImportPlan } from '../../../domain/import/plan';
import { HELD, MATCHED } from '../../../domain/import/planned-alone';
import type { ImportCandidate } from '../../../domain/import/rows';
import type { ReadDeps } from './session-read';
import { holdRows } from './session-read';
import type { SessionRows } from './session-rows';

/** One row that would become a new customer, as detection reads it. */
export type NewRowIdentity = ImportRowIdentity & {
  row: number;
  /** The row's first email, for the user to recognise it. */
  email: string;
};

/** Rows checked at most: a file of new fans is checked whole, a million-row file in part. */
export const MAX_CHECKED_ROWS = 50_000;

function identityOf(candidate: ImportCandidate): NewRowIdentity {
  return {
    row: candidate.row,
    email: candidate.emails[0]?.address ?? '',
    first_name: candidate.first_name,
    last_name: candidate.last_name,
    date_of_birth: candidate.date_of_birth,
    emails: candidate.emails.map((email) => ({ normalized: email.normalized })),
    phones: candidate.phones.map((phone) => ({ e164: phone.e164 })),
  };
}

/**
 * The rows the plan creates customers from, in row order: the held ones the plan makes new
 * (a group's first row stands for it), then the rows planned alone that match nobody, read
 * from staging. At most `limit`.
 */
export async function newRowIdentities(
  deps: ReadDeps,
  rows: SessionRows,
  plan: ImportPlan,
  skipped: ReadonlySet<number>,
  limit = MAX_CHECKED_ROWS,
): Promise<NewRowIdentity[]> {
  const found: NewRowIdentity[] = [];
  for (const planned of plan.customers)
    if (planned.kind === 'new' && found.length < limit) found.push(identityOf(planned.candidate));
  for (let after = -Infinity; found.length < limit;) {
    const batch = await deps.staging.nextBatch(rows.staging, after);
    if (!batch) break;
    after = batch.row;
    for (const candidate of batch.candidates)
      if (
        !rows.flags.has(candidate.row, HELD) &&
        !rows.flags.has(candidate.row, MATCHED) &&
        !skipped.has(candidate.row) &&
        !candidate.blocked &&
        found.length < limit
      )
        found.push(identityOf(candidate));
  }
  return found.sort((a, b) => a.row - b.row);
}

/**
 * Before the plan sees merge choices: the chosen rows are held in full (a row planned alone
 * is only bits) and the chosen customers read, as the plan reads a customer an Encore ID
 * names. Returns the ids that are live customers (a choice of any other is dropped).
 */
export async function prepareMergeTargets(
  deps: ReadDeps,
  rows: SessionRows,
  picks: ReadonlyMap<number, string>,
): Promise<Set<string>> {
  await holdRows(deps, rows, [...picks.keys()]);
  const ids = [...new Set(picks.values())];
  const found = await deps.lookupExisting([], ids);
  for (const [id, customer] of found.byId) rows.existing.byId.set(id, customer);
  return new Set(found.byId.keys());
}
