/**
 * The plan of a session (the `planned` half): the held rows planned together, the rest planned
 * alone from their bits, the issues and the error report, and the plan laid out in the order
 * it is written, a chunk at a time.
 */
import {
  buildPlan,
  emptyExistingIndex,
  type ExistingIndex,
  type ImportPlan,
  type MergePolicy,
  type PlannedCustomer,
} from '../../../domain/import/plan';
import {
  aloneCounts,
  customerKey,
  HELD,
  MATCHED,
  withAloneCounts,
  writesUpdate,
} from '../../../domain/import/planned-alone';
import {
  countsWithMerges,
  mergedIntoExisting,
  withMergeTargets,
} from '../../../domain/import/merge-into';
import type { ImportCandidate, RowIssue } from '../../../domain/import/rows';
import type { ImportErrorRow } from '../../../domain/records';
import { keysOf } from './import-lookup';
import { NOT_WRITTEN, type NotWritten, type WriteChunk } from './import-writer';
import type { ReadDeps } from './session-read';
import { heldInOrder, type SessionRows } from './session-rows';
import type { Analysis, IssueRow } from './session-types';

/**
 * What the user chose on the plan: how to merge, which rows to leave out, and which rows go
 * into an existing customer instead of a new one (row -> customer id, merge-into.ts).
 */
export type PlanChoices = {
  policy: MergePolicy;
  skipped: Set<number>;
  mergeInto: Map<number, string>;
};

/** The plan of the held rows, plus the rows planned alone. */
export function makePlan(rows: SessionRows, choices: PlanChoices): ImportPlan {
  const held = withMergeTargets(heldInOrder(rows), choices.mergeInto, (id) =>
    rows.existing.byId.has(id),
  );
  const partial = buildPlan(held, rows.existing, choices.policy, choices.skipped);
  const merged = mergedIntoExisting(partial.customers, choices.mergeInto);
  const alone = aloneCounts(rows.flags, rows.range.first, rows.range.last, choices.policy);
  return { ...partial, counts: withAloneCounts(countsWithMerges(partial.counts, merged), alone) };
}

/** A row's issues: its own, and the plan's (an Encore ID and an email that disagree). */
function issuesOf(c: ImportCandidate, plan: ImportPlan | null) {
  const conflict = plan?.conflicts.get(c.row);
  return conflict
    ? { issues: [...c.issues, conflict] as RowIssue[], blocked: true }
    : { issues: c.issues, blocked: c.blocked };
}

export function analysisOf(rows: SessionRows, plan: ImportPlan, choices: PlanChoices): Analysis {
  const issueRows: IssueRow[] = heldInOrder(rows)
    .filter((c) => c.issues.length > 0 || plan.conflicts.has(c.row))
    .map((c) => ({
      row: c.row,
      person: {
        name: `${c.first_name} ${c.last_name}`.trim(),
        email: c.emails[0]?.address ?? '',
      },
      cells: rows.issueCells.get(c.row) ?? [],
      ...issuesOf(c, plan),
      skipped: choices.skipped.has(c.row),
    }));
  const mergeInto = [...choices.mergeInto].map(([row, customerId]) => ({ row, customerId }));
  const merged = mergedIntoExisting(plan.customers, choices.mergeInto);
  return { headers: rows.headers, plan: plan.counts, issueRows, mergeInto, merged };
}

function errorReason(c: ImportCandidate, plan: ImportPlan | null, skipped: boolean): string {
  const { issues, blocked } = issuesOf(c, plan);
  const outcome = skipped
    ? 'Skipped by you'
    : blocked
      ? 'Not imported'
      : issues.every((issue) => issue.kind === 'control-chars')
        ? 'Imported'
        : 'Imported without the invalid value';
  return [outcome, ...issues.map((issue) => issue.message)].join('; ');
}

/** The error report's rows: every row with an issue, skipped or in conflict, in file order. */
export function errorRows(
  rows: SessionRows | null,
  plan: ImportPlan | null,
  skipped: ReadonlySet<number>,
): ImportErrorRow[] {
  if (!rows) return [];
  return heldInOrder(rows)
    .filter((c) => c.issues.length > 0 || skipped.has(c.row) || plan?.conflicts.has(c.row))
    .map((c) => ({
      row: c.row,
      cells: rows.issueCells.get(c.row) ?? [],
      reason: errorReason(c, plan, skipped.has(c.row)),
    }));
}

/** Error report rows for rows a change since the plan kept out, in row order. */
export function notWrittenErrors(
  rows: SessionRows,
  notWritten: readonly NotWritten[],
): ImportErrorRow[] {
  const reasons = new Map<number, string>();
  for (const { rows: numbers, reason } of notWritten)
    for (const row of numbers) reasons.set(row, reason);
  return [...reasons]
    .sort(([a], [b]) => a - b)
    .map(([row, reason]) => ({ row, cells: rows.issueCells.get(row) ?? [], reason }));
}

/**
 * A matched row planned alone, planned again as it is written, against the database as it
 * is then: the update (or, by now, unchanged) of the customer it named when read, or why
 * it is not written (that customer deleted or no longer its match, or its Encore ID and an
 * email now naming two people: someone changed them meanwhile).
 */
function replanAlone(
  rows: SessionRows,
  candidate: ImportCandidate,
  found: ExistingIndex,
  policy: MergePolicy,
): PlannedCustomer | NotWritten {
  const again = buildPlan([candidate], found, policy);
  const planned = again.customers[0];
  const numbers = [candidate.row];
  if (again.conflicts.size > 0) return { rows: numbers, reason: NOT_WRITTEN.twoPeople };
  // The customers a row named when read are recorded against it (it was the only row
  // naming them): any other customer is a change made since.
  if (
    !planned ||
    planned.kind === 'new' ||
    rows.keyIndex.firstRow(customerKey(planned.existingId)) !== candidate.row
  )
    return { rows: numbers, reason: NOT_WRITTEN.customerChanged };
  return planned;
}

/** Updates in the existing customers' id order, then new customers, from the held rows. */
function heldInWriteOrder(plan: ImportPlan): PlannedCustomer[] {
  return [
    ...plan.customers
      .flatMap((c) => (c.kind === 'update' ? [c] : []))
      .sort((a, b) => (a.existingId < b.existingId ? -1 : a.existingId > b.existingId ? 1 : 0)),
    ...plan.customers.filter((c) => c.kind === 'new'),
  ];
}

/** The rows planned alone, read from staging a batch at a time in row order. */
async function* aloneInWriteOrder(
  deps: ReadDeps,
  rows: SessionRows,
  policy: MergePolicy,
): AsyncGenerator<PlannedCustomer | NotWritten> {
  // The next staged batch is read while the chunks of this one are written.
  let reading = deps.staging.nextBatch(rows.staging, -Infinity);
  for (;;) {
    const batch = await reading;
    if (!batch) break;
    reading = deps.staging.nextBatch(rows.staging, batch.row);
    // A cancelled import leaves this read unawaited: its failure must not go unhandled.
    reading.catch(() => undefined);
    const alone = batch.candidates.filter((c) => !rows.flags.has(c.row, HELD));
    const updating = alone.filter((c) => writesUpdate(rows.flags, c.row, policy));
    const found =
      updating.length > 0 ? await deps.lookupExisting(...keysOf(updating)) : emptyExistingIndex();
    for (const candidate of alone) {
      if (!rows.flags.has(candidate.row, MATCHED))
        yield { kind: 'new', rows: [candidate.row], candidate, id: candidate.encore_id };
      else if (writesUpdate(rows.flags, candidate.row, policy))
        yield replanAlone(rows, candidate, found, policy);
    }
  }
}

/**
 * The plan in the order it is written, a chunk at a time: updates in the existing customers'
 * id order, then new customers planned from held rows (a chunk's customers then sit together
 * in every customer_id index: a few range reads instead of one per customer), then the rows
 * planned alone (matched ones planned again, see replanAlone). A chunk's `late` rows are
 * counted with it but not written.
 */
export async function* chunksToWrite(
  deps: ReadDeps,
  rows: SessionRows,
  plan: ImportPlan,
  options: { chunkSize: number; policy: MergePolicy },
): AsyncGenerator<WriteChunk> {
  let chunk: WriteChunk = { planned: [], late: [] };
  const size = () => chunk.planned.length + chunk.late.length;
  async function* all() {
    yield* heldInWriteOrder(plan);
    yield* aloneInWriteOrder(deps, rows, options.policy);
  }
  for await (const entry of all()) {
    if ('reason' in entry) chunk.late.push(entry);
    else chunk.planned.push(entry);
    if (size() === options.chunkSize) {
      yield chunk;
      chunk = { planned: [], late: [] };
    }
  }
  if (size() > 0) yield chunk;
}

/** How many customers writing the plan creates or updates (the job's total). */
export function writeTotal(rows: SessionRows, plan: ImportPlan, policy: MergePolicy): number {
  const alone = aloneCounts(rows.flags, rows.range.first, rows.range.last, policy);
  return (
    plan.customers.filter((c) => c.kind === 'update' || c.kind === 'new').length +
    alone.new +
    alone.updated
  );
}
