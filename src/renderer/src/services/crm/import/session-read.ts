/**
 * Reading and staging an import's rows (the `read` half of the session): the file is read in
 * batches, each row converted and staged, and only what the plan needs is kept in memory
 * (session-rows.ts). Rows the plan must see in full are read back from staging here too.
 */
import { readCsvRows, uniqueHeaderNames, type ByteSource, type CsvRowBatch } from '@shared/csv';
import { CsvReadError } from '@shared/csv';
import {
  customerKey,
  HAS_ID,
  HELD,
  matchedAloneBits,
  touchedCustomers,
} from '../../../domain/import/planned-alone';
import { convertRow, unreadableRow, type ImportCandidate } from '../../../domain/import/rows';
import { keysOf, type createExistingLookup } from './import-lookup';
import type { ImportStaging } from './import-staging';
import type { ReadProgress, ImportSettings } from './session-types';
import {
  claimKeys,
  dedupeKeys,
  hold,
  inRange,
  keepExistingOf,
  knownToDatabase,
  rowCount,
  type SessionRows,
} from './session-rows';

/** What reading needs from outside: the file, the choices, the staging area, the database. */
export type ReadDeps = {
  source: ByteSource;
  settings: ImportSettings;
  staging: ImportStaging;
  lookupExisting: ReturnType<typeof createExistingLookup>;
  /** Bytes per read batch (and so per staged record); tests make it small. */
  chunkBytes?: number;
  /** Rows matching the database held in full before they are planned alone. */
  holdBudget: number;
};

function rowSettings(settings: ImportSettings) {
  const { mapping, defaultRegion, dateFormat } = settings;
  return { mapping, defaultRegion, dateFormat };
}

/**
 * One batch of read rows: records their keys (holding rows that share one with another
 * row), looks their emails and ids up in the database and records the customers they name
 * (holding rows that name the same customer), holds the rows that match the database or
 * records them to be planned alone once the budget is spent, and stages them all.
 */
async function stageBatch(
  deps: ReadDeps,
  rows: SessionRows,
  read: ImportCandidate[],
  heldLater: Set<number>,
): Promise<void> {
  const inBatch = new Map(read.map((c) => [c.row, c]));
  for (const c of read) {
    if (c.encore_id !== null) rows.flags.add(c.row, HAS_ID);
    const shared = claimKeys(rows, c, dedupeKeys(c), inBatch, heldLater);
    if (shared || c.issues.length > 0 || c.blocked) hold(rows, c);
  }
  const found = await deps.lookupExisting(...keysOf(read));
  for (const c of read) {
    if (!knownToDatabase(c, found)) continue;
    const customers = touchedCustomers(c, found).map(customerKey);
    const shared = claimKeys(rows, c, customers, inBatch, heldLater);
    if (rows.flags.has(c.row, HELD)) continue;
    const bits = shared || rows.held.size < deps.holdBudget ? null : matchedAloneBits(c, found);
    if (bits === null) hold(rows, c);
    else rows.flags.add(c.row, bits);
  }
  for (const c of read) if (rows.held.has(c.row)) keepExistingOf(rows, c, found);
  await deps.staging.put(rows.staging, read);
}

/** The candidates of one batch of records: the header row sets the headers and the range. */
function convertBatch(deps: ReadDeps, rows: SessionRows, batch: CsvRowBatch): ImportCandidate[] {
  const { headerRow } = deps.settings;
  const read: ImportCandidate[] = [];
  const take = (candidate: ImportCandidate, cells: string[]) => {
    read.push(candidate);
    rows.range.last = candidate.row;
    if (candidate.issues.length > 0) rows.issueCells.set(candidate.row, cells);
  };
  batch.rows.forEach((cells, i) => {
    const index = batch.firstRow + i;
    if (index < headerRow) return;
    if (index === headerRow) {
      rows.headers = uniqueHeaderNames(cells);
      rows.range = { first: index + 2, last: index + 1 };
      return;
    }
    take(convertRow(cells, index + 1, rowSettings(deps.settings)), cells);
  });
  const broken = batch.unreadable;
  if (broken && broken.row - 1 === headerRow)
    throw new CsvReadError('unterminated-quote', broken.reason);
  if (broken && broken.row - 1 > headerRow) {
    const settings = rowSettings(deps.settings);
    const candidate = unreadableRow(broken.cells, broken.row, settings, broken.reason);
    // An unreadable row always counts as having issues: its cells are kept.
    take(candidate, broken.cells);
    rows.issueCells.set(candidate.row, broken.cells);
  }
  return read;
}

/** Reads the whole file into `rows` (staged), then reads back the rows found to share a key. */
export async function readRows(
  deps: ReadDeps,
  rows: SessionRows,
  options: { signal?: AbortSignal; onProgress?: (p: ReadProgress) => void } = {},
): Promise<void> {
  const heldLater = new Set<number>();
  let headerSeen = false;
  const reading = readCsvRows(deps.source, deps.settings.dialect, {
    signal: options.signal,
    chunkBytes: deps.chunkBytes,
  });
  // The next batch is read and converted (JavaScript: parsing, libphonenumber) while the
  // previous one's lookups and staging wait on IndexedDB; batches are still staged one after
  // another, in file order, so which row claims a key first is as before.
  let staging: Promise<void> = Promise.resolve();
  for await (const batch of reading) {
    const read = convertBatch(deps, rows, batch);
    headerSeen ||= batch.firstRow + batch.rows.length > deps.settings.headerRow;
    await staging;
    options.onProgress?.({
      bytesRead: batch.bytesRead,
      totalBytes: batch.totalBytes,
      rows: Math.max(0, rowCount(rows)),
    });
    staging = read.length > 0 ? stageBatch(deps, rows, read, heldLater) : Promise.resolve();
    // Awaited on the next turn or after the loop; not an unhandled rejection meanwhile.
    staging.catch(() => undefined);
  }
  await staging;
  const name = deps.source.name;
  if (!headerSeen || rowCount(rows) <= 0)
    throw new CsvReadError(
      'no-data-rows',
      headerSeen
        ? `"${name}" has a header row but no rows of data below it.`
        : `"${name}" has fewer rows than the chosen header row.`,
    );
  // Earlier rows found to share a key with a later one: now read back in full.
  await holdRows(deps, rows, [...heldLater]);
}

/** Reads staged rows into memory (rows the plan must now see in full). */
export async function holdRows(
  deps: ReadDeps,
  rows: SessionRows,
  wanted: readonly number[],
): Promise<void> {
  const missing = [...new Set(wanted.filter((row) => inRange(rows, row)))].filter(
    (row) => !rows.held.has(row),
  );
  const read = await deps.staging.get(
    rows.staging,
    missing.sort((a, b) => a - b),
  );
  // Their database customers too: a row planned alone kept only its bits.
  const found = await deps.lookupExisting(...keysOf(read));
  for (const candidate of read) {
    hold(rows, candidate);
    keepExistingOf(rows, candidate, found);
  }
}

/**
 * The original cells of rows the plan found a conflict in: only rows with issues of their
 * own are kept while reading, so the file is read once more for the others (rare).
 */
export async function keepCellsOf(
  deps: ReadDeps,
  rows: SessionRows,
  wanted: readonly number[],
): Promise<void> {
  const missing = new Set(wanted.filter((row) => !rows.issueCells.has(row)));
  if (missing.size === 0) return;
  for await (const batch of readCsvRows(deps.source, deps.settings.dialect)) {
    batch.rows.forEach((cells, i) => {
      const row = batch.firstRow + i + 1;
      if (missing.has(row)) rows.issueCells.set(row, cells);
    });
  }
}

/** Fix one cell of a row with issues; the row is read again with the same mapping. */
export async function fixRow(
  deps: ReadDeps,
  rows: SessionRows,
  fix: { row: number; column: number; value: string },
): Promise<void> {
  const { row, column, value } = fix;
  if (!inRange(rows, row)) throw new Error(`Row ${row} is not in this import`);
  await holdRows(deps, rows, [row]);
  await keepCellsOf(deps, rows, [row]);
  const cells = [...(rows.issueCells.get(row) ?? [])];
  cells[column] = value;
  const candidate = convertRow(cells, row, rowSettings(deps.settings));
  hold(rows, candidate);
  rows.issueCells.set(row, cells);
  await deps.staging.replace(rows.staging, candidate);
  const found = await deps.lookupExisting(...keysOf([candidate]));
  keepExistingOf(rows, candidate, found);
  // A new email, id or customer may be another row's: that row is planned in full from now on.
  const keys = [...dedupeKeys(candidate), ...touchedCustomers(candidate, found).map(customerKey)];
  await holdRows(
    deps,
    rows,
    keys.flatMap((key) => rows.keyIndex.claim(key, row) ?? []),
  );
}
