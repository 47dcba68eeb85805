/**
 * What a session knows of the rows it read, in one typed object. Reading stages each row's
 * candidate in IndexedDB and keeps in memory only what the plan needs from every row: a 64-bit
 * hash per dedupe key (and per database customer a row names) with the first row that had it,
 * and a byte per row. The rows whose content the plan must see (rows with issues, rows sharing
 * an email or Encore ID or a database customer with another row, rows skipped by the user) are
 * held in full, and so are rows matching the database up to a budget; every other row is
 * planned alone from its bits (domain/import/planned-alone.ts) and read back from staging when
 * written. A million-row file then plans in tens of megabytes, not gigabytes.
 */
import type { ExistingIndex } from '../../../domain/import/plan';
import { HELD } from '../../../domain/import/planned-alone';
import { FirstRowIndex, RowFlags } from '../../../domain/import/row-index';
import type { ImportCandidate } from '../../../domain/import/rows';
import type { MutableIndex } from './import-lookup';

export type SessionRows = {
  /** The key of this read's rows in import_staging. */
  staging: string;
  headers: string[];
  /** Rows the plan reads in full, by row number. */
  held: Map<number, ImportCandidate>;
  flags: RowFlags;
  keyIndex: FirstRowIndex;
  /** Row numbers of the data rows read (first > last: none). */
  range: { first: number; last: number };
  /** The original cells of rows with issues (and of rows an error report names). */
  issueCells: Map<number, string[]>;
  /** What the database holds for the held rows' emails and Encore IDs. */
  existing: MutableIndex;
  /** Lets the staging lock go; null once let go. */
  releaseStaging: (() => void) | null;
};

export function emptyRows(staging: string): SessionRows {
  return {
    staging,
    headers: [],
    held: new Map(),
    flags: new RowFlags(),
    keyIndex: new FirstRowIndex(),
    range: { first: 0, last: -1 },
    issueCells: new Map(),
    existing: { byEmail: new Map(), byId: new Map(), deletedIds: new Set() },
    releaseStaging: null,
  };
}

export function rowCount(rows: SessionRows): number {
  return rows.range.last - rows.range.first + 1;
}

export function inRange(rows: SessionRows, row: number): boolean {
  return row >= rows.range.first && row <= rows.range.last;
}

export function heldInOrder(rows: SessionRows): ImportCandidate[] {
  return [...rows.held.values()].sort((a, b) => a.row - b.row);
}

export function hold(rows: SessionRows, candidate: ImportCandidate): void {
  rows.flags.add(candidate.row, HELD);
  rows.held.set(candidate.row, candidate);
}

/** What a row is deduplicated by: its Encore ID and its normalized emails. */
export function dedupeKeys(candidate: ImportCandidate): string[] {
  const keys = candidate.emails.map((email) => `email:${email.normalized}`);
  if (candidate.encore_id !== null) keys.push(`id:${candidate.encore_id}`);
  return keys;
}

/** Whether the database has a live owner of one of the row's emails, or its Encore ID. */
export function knownToDatabase(candidate: ImportCandidate, found: ExistingIndex): boolean {
  const id = candidate.encore_id;
  return (
    (id !== null && (found.byId.has(id) || found.deletedIds.has(id))) ||
    candidate.emails.some((email) => found.byEmail.has(email.normalized))
  );
}

/** What the database holds for a held row's emails and Encore ID, kept for the plan. */
export function keepExistingOf(rows: SessionRows, c: ImportCandidate, found: ExistingIndex): void {
  for (const email of c.emails) {
    const owner = found.byEmail.get(email.normalized);
    if (owner) rows.existing.byEmail.set(email.normalized, owner);
  }
  const id = c.encore_id;
  if (id === null) return;
  const owner = found.byId.get(id);
  if (owner) rows.existing.byId.set(id, owner);
  if (found.deletedIds.has(id)) rows.existing.deletedIds.add(id);
}

/**
 * Records that row `c` has these keys. A key an earlier row had makes both rows held: the
 * earlier one now if it is in this batch (`inBatch`), else once reading ends (`heldLater`).
 * Returns whether any key was shared.
 */
export function claimKeys(
  rows: SessionRows,
  c: ImportCandidate,
  keys: readonly string[],
  inBatch: ReadonlyMap<number, ImportCandidate>,
  heldLater: Set<number>,
): boolean {
  let shared = false;
  for (const key of keys) {
    const first = rows.keyIndex.claim(key, c.row);
    if (first === null) continue;
    shared = true;
    if (rows.flags.has(first, HELD)) continue;
    const earlier = inBatch.get(first);
    if (earlier) hold(rows, earlier);
    else {
      rows.flags.add(first, HELD);
      heldLater.add(first);
    }
  }
  return shared;
}
