/**
 * CSV import use cases: read and analyse a file (streamed), plan the dedupe, write the plan in
 * chunked transactions (import-writer.ts); past imports (undo, interrupted, error report) are
 * import-jobs.ts. Runs in the import worker (workers/import-worker.ts) on its own connection
 * to the same database, and in unit tests. What the database holds for the rows is read by
 * import-lookup.ts.
 */
import { readCsvRows, uniqueHeaderNames, type ByteSource, type CsvDialect } from '@shared/csv';
import { CsvReadError } from '@shared/csv';
import type { CrmDatabase } from '../../db/database';
import { newId, nowIso } from '../../domain/ids';
import type { ColumnMapping } from '../../domain/import/mapping';
import {
  buildPlan,
  emptyExistingIndex,
  type ExistingIndex,
  type ImportPlan,
  type MergePolicy,
  type PlannedCustomer,
} from '../../domain/import/plan';
import {
  aloneCounts,
  customerKey,
  HAS_ID,
  HELD,
  MATCHED,
  matchedAloneBits,
  touchedCustomers,
  withAloneCounts,
  writesUpdate,
} from '../../domain/import/planned-alone';
import { FirstRowIndex, RowFlags } from '../../domain/import/row-index';
import {
  convertRow,
  unreadableRow,
  type ImportCandidate,
  type RowIssue,
} from '../../domain/import/rows';
import type { DateFormat } from '../../domain/import/values';
import { createWriteEstimator } from '../../domain/import/write-estimate';
import type { ImportErrorRow, ImportJob, ImportJobChunk } from '../../domain/records';
import { createImportJobs } from './import/import-jobs';
import { holdImportLock } from './import/import-locks';
import { createExistingLookup, keysOf, type MutableIndex } from './import/import-lookup';
import { createImportStaging } from './import/import-staging';
import {
  createChunkWriter,
  NOT_WRITTEN,
  type NotWritten,
  type WriteChunk,
} from './import/import-writer';

export type ImportSettings = {
  dialect: CsvDialect;
  /** 0-based index, among the file's non-blank records, of the header row. */
  headerRow: number;
  mapping: ColumnMapping[];
  defaultRegion: string;
  dateFormat: DateFormat;
};

export type IssueRow = {
  row: number;
  cells: string[];
  issues: RowIssue[];
  blocked: boolean;
  skipped: boolean;
};

export type Analysis = {
  headers: string[];
  plan: ImportPlan['counts'];
  /** Rows with at least one issue, in file order. */
  issueRows: IssueRow[];
};

export type ReadProgress = { bytesRead: number; totalBytes: number; rows: number };

export type WriteProgress = {
  done: number;
  total: number;
  rowsPerSecond: number;
  secondsLeft: number | null;
};

export type CommitResult = { status: 'finished' | 'cancelled' | 'failed'; job: ImportJob };

/**
 * Rows matching the database that a session holds in full (about 2.3 KB each with the
 * customer they match, bench/import-memory-bench.mjs) before it plans such rows alone (see
 * domain/import/planned-alone.ts). Held matches are written in the customers' id order, which
 * keeps a chunk's reads to a few ranges; matches planned alone are written in file order. A
 * re-import of a million-row export then stays within about 230 MB for them.
 */
const HOLD_BUDGET = 100_000;

/** What a row is deduplicated by: its Encore ID and its normalized emails. */
function dedupeKeys(candidate: ImportCandidate): string[] {
  const keys = candidate.emails.map((email) => `email:${email.normalized}`);
  if (candidate.encore_id !== null) keys.push(`id:${candidate.encore_id}`);
  return keys;
}

/** Whether the database has a live owner of one of the row's emails, or its Encore ID. */
function knownToDatabase(candidate: ImportCandidate, found: ExistingIndex): boolean {
  const id = candidate.encore_id;
  return (
    (id !== null && (found.byId.has(id) || found.deletedIds.has(id))) ||
    candidate.emails.some((email) => found.byEmail.has(email.normalized))
  );
}

export function createImportService(db: CrmDatabase) {
  const chunks = db.table<ImportJobChunk, string>('import_job_chunks');
  const staging = createImportStaging(db);

  const lookupExisting = createExistingLookup(db);
  const writeChunk = createChunkWriter(db);

  /**
   * One import in the making. Reading stages each row's candidate in IndexedDB and keeps in
   * memory only what the plan needs from every row: a 64-bit hash per dedupe key (and per
   * database customer a row names) with the first row that had it, and a byte per row. The
   * rows whose content the plan must see (rows with issues, rows sharing an email or Encore ID
   * or a database customer with another row, rows skipped by the user) are held in full, and
   * so are rows matching the database up to HOLD_BUDGET of them; every other row is planned
   * alone from its bits (domain/import/planned-alone.ts) and read back from staging when
   * written. A million-row file then plans in tens of megabytes, not gigabytes.
   */
  function createSession(
    source: ByteSource,
    settings: ImportSettings,
    readOptions: {
      /** Bytes per read batch (and so per staged record); tests make it small. */
      chunkBytes?: number;
      /** Rows matching the database held in full before they are planned alone. */
      holdBudget?: number;
    } = {},
  ) {
    const holdBudget = readOptions.holdBudget ?? HOLD_BUDGET;
    let headers: string[] = [];
    let session = newId();
    let releaseStaging: (() => void) | null = null;
    let state: 'new' | 'analysed' | 'written' | 'disposed' = 'new';
    /** Rows the plan reads in full, by row number. */
    let held = new Map<number, ImportCandidate>();
    let flags = new RowFlags();
    let keyIndex = new FirstRowIndex();
    let rowRange = { first: 0, last: -1 };
    const issueCells = new Map<number, string[]>();
    const skipped = new Set<number>();
    let existing: MutableIndex = { byEmail: new Map(), byId: new Map(), deletedIds: new Set() };
    let policy: MergePolicy = 'fill-blanks';
    let plan: ImportPlan | null = null;

    function rowSettings() {
      return {
        mapping: settings.mapping,
        defaultRegion: settings.defaultRegion,
        dateFormat: settings.dateFormat,
      };
    }

    function rowCount(): number {
      return rowRange.last - rowRange.first + 1;
    }

    function heldInOrder(): ImportCandidate[] {
      return [...held.values()].sort((a, b) => a.row - b.row);
    }

    function hold(candidate: ImportCandidate): void {
      flags.add(candidate.row, HELD);
      held.set(candidate.row, candidate);
    }

    /** Reads staged rows into memory (rows the plan must now see in full). */
    async function holdRows(rows: readonly number[]): Promise<void> {
      if (state === 'written' || state === 'disposed')
        throw new Error('This import is finished. Choose the file again to import it again.');
      const missing = [
        ...new Set(rows.filter((row) => row >= rowRange.first && row <= rowRange.last)),
      ].filter((row) => !held.has(row));
      const read = await staging.get(
        session,
        missing.sort((a, b) => a - b),
      );
      // Their database customers too: a row planned alone kept only its bits.
      const found = await lookupExisting(...keysOf(read));
      for (const candidate of read) {
        hold(candidate);
        keepExistingOf(candidate, found);
      }
    }

    /** A row's issues: its own, and the plan's (an Encore ID and an email that disagree). */
    function issuesOf(c: ImportCandidate): { issues: RowIssue[]; blocked: boolean } {
      const conflict = plan?.conflicts.get(c.row);
      return conflict
        ? { issues: [...c.issues, conflict], blocked: true }
        : { issues: c.issues, blocked: c.blocked };
    }

    function issueRows(): IssueRow[] {
      return heldInOrder()
        .filter((c) => c.issues.length > 0 || plan?.conflicts.has(c.row))
        .map((c) => ({
          row: c.row,
          cells: issueCells.get(c.row) ?? [],
          ...issuesOf(c),
          skipped: skipped.has(c.row),
        }));
    }

    /** The plan of the held rows, plus the rows planned alone. */
    function replan(): Analysis {
      const partial = buildPlan(heldInOrder(), existing, policy, skipped);
      const alone = aloneCounts(flags, rowRange.first, rowRange.last, policy);
      plan = { ...partial, counts: withAloneCounts(partial.counts, alone) };
      return { headers, plan: plan.counts, issueRows: issueRows() };
    }

    /**
     * The original cells of rows the plan found a conflict in: only rows with issues of their
     * own are kept while reading, so the file is read once more for the others (rare).
     */
    async function keepCellsOf(rows: readonly number[]): Promise<void> {
      const wanted = new Set(rows.filter((row) => !issueCells.has(row)));
      if (wanted.size === 0) return;
      for await (const batch of readCsvRows(source, settings.dialect)) {
        batch.rows.forEach((cells, i) => {
          const row = batch.firstRow + i + 1;
          if (wanted.has(row)) issueCells.set(row, cells);
        });
      }
    }

    async function replanKeepingCells(): Promise<Analysis> {
      const analysis = replan();
      await keepCellsOf([...(plan?.conflicts.keys() ?? [])]);
      return { ...analysis, issueRows: issueRows() };
    }

    /** What the database holds for a held row's emails and Encore ID, kept for the plan. */
    function keepExistingOf(c: ImportCandidate, found: ExistingIndex): void {
      for (const email of c.emails) {
        const owner = found.byEmail.get(email.normalized);
        if (owner) existing.byEmail.set(email.normalized, owner);
      }
      const id = c.encore_id;
      if (id === null) return;
      const owner = found.byId.get(id);
      if (owner) existing.byId.set(id, owner);
      if (found.deletedIds.has(id)) existing.deletedIds.add(id);
    }

    /**
     * Records that row `c` has these keys. A key an earlier row had makes both rows held: the
     * earlier one now if it is in this batch (`inBatch`), else once reading ends (`heldLater`).
     * Returns whether any key was shared.
     */
    function claimKeys(
      c: ImportCandidate,
      keys: readonly string[],
      inBatch: ReadonlyMap<number, ImportCandidate>,
      heldLater: Set<number>,
    ): boolean {
      let shared = false;
      for (const key of keys) {
        const first = keyIndex.claim(key, c.row);
        if (first === null) continue;
        shared = true;
        if (flags.has(first, HELD)) continue;
        const earlier = inBatch.get(first);
        if (earlier) hold(earlier);
        else {
          flags.add(first, HELD);
          heldLater.add(first);
        }
      }
      return shared;
    }

    /**
     * One batch of read rows: records their keys (holding rows that share one with another
     * row), looks their emails and ids up in the database and records the customers they name
     * (holding rows that name the same customer), holds the rows that match the database or
     * records them to be planned alone once the budget is spent, and stages them all.
     */
    async function stageBatch(read: ImportCandidate[], heldLater: Set<number>): Promise<void> {
      const inBatch = new Map(read.map((c) => [c.row, c]));
      for (const c of read) {
        if (c.encore_id !== null) flags.add(c.row, HAS_ID);
        const shared = claimKeys(c, dedupeKeys(c), inBatch, heldLater);
        if (shared || c.issues.length > 0 || c.blocked) hold(c);
      }
      const found = await lookupExisting(...keysOf(read));
      for (const c of read) {
        if (!knownToDatabase(c, found)) continue;
        const customers = touchedCustomers(c, found).map(customerKey);
        const shared = claimKeys(c, customers, inBatch, heldLater);
        if (flags.has(c.row, HELD)) continue;
        const bits = shared || held.size < holdBudget ? null : matchedAloneBits(c, found);
        if (bits === null) hold(c);
        else flags.add(c.row, bits);
      }
      for (const c of read) if (held.has(c.row)) keepExistingOf(c, found);
      await staging.put(session, read);
    }

    async function analyse(
      options: { signal?: AbortSignal; onProgress?: (p: ReadProgress) => void } = {},
    ): Promise<Analysis> {
      await dispose();
      session = newId();
      state = 'new';
      releaseStaging = await staging.hold(session);
      await staging.dropAbandoned(session);
      held = new Map();
      flags = new RowFlags();
      keyIndex = new FirstRowIndex();
      rowRange = { first: 0, last: -1 };
      existing = { byEmail: new Map(), byId: new Map(), deletedIds: new Set() };
      issueCells.clear();
      const heldLater = new Set<number>();
      let headerSeen = false;
      for await (const batch of readCsvRows(source, settings.dialect, {
        signal: options.signal,
        chunkBytes: readOptions.chunkBytes,
      })) {
        const read: ImportCandidate[] = [];
        batch.rows.forEach((cells, i) => {
          const index = batch.firstRow + i;
          if (index < settings.headerRow) return;
          if (index === settings.headerRow) {
            headers = uniqueHeaderNames(cells);
            headerSeen = true;
            rowRange = { first: index + 2, last: index + 1 };
            return;
          }
          const candidate = convertRow(cells, index + 1, rowSettings());
          read.push(candidate);
          rowRange.last = candidate.row;
          if (candidate.issues.length > 0) issueCells.set(candidate.row, cells);
        });
        const broken = batch.unreadable;
        if (broken && broken.row - 1 === settings.headerRow)
          throw new CsvReadError('unterminated-quote', broken.reason);
        if (broken && broken.row - 1 > settings.headerRow) {
          const candidate = unreadableRow(broken.cells, broken.row, rowSettings(), broken.reason);
          read.push(candidate);
          rowRange.last = candidate.row;
          issueCells.set(candidate.row, broken.cells);
        }
        if (read.length > 0) await stageBatch(read, heldLater);
        options.onProgress?.({
          bytesRead: batch.bytesRead,
          totalBytes: batch.totalBytes,
          rows: Math.max(0, rowCount()),
        });
      }
      if (!headerSeen || rowCount() <= 0)
        throw new CsvReadError(
          'no-data-rows',
          headerSeen
            ? `"${source.name}" has a header row but no rows of data below it.`
            : `"${source.name}" has fewer rows than the chosen header row.`,
        );
      state = 'analysed';
      // Earlier rows found to share a key with a later one: now read back in full.
      await holdRows([...heldLater]);
      return replanKeepingCells();
    }

    /** Fix one cell of a row with issues; the row is read again with the same mapping. */
    async function fixCell(row: number, column: number, value: string): Promise<Analysis> {
      if (row < rowRange.first || row > rowRange.last)
        throw new Error(`Row ${row} is not in this import`);
      await holdRows([row]);
      await keepCellsOf([row]);
      const cells = [...(issueCells.get(row) ?? [])];
      cells[column] = value;
      const candidate = convertRow(cells, row, rowSettings());
      hold(candidate);
      issueCells.set(row, cells);
      await staging.replace(session, candidate);
      const found = await lookupExisting(...keysOf([candidate]));
      keepExistingOf(candidate, found);
      // A new email, id or customer may be another row's: that row is planned in full from now on.
      const keys = [
        ...dedupeKeys(candidate),
        ...touchedCustomers(candidate, found).map(customerKey),
      ];
      await holdRows(keys.flatMap((key) => keyIndex.claim(key, row) ?? []));
      return replanKeepingCells();
    }

    async function setSkipped(row: number, skip: boolean): Promise<Analysis> {
      await holdRows([row]);
      if (skip) skipped.add(row);
      else skipped.delete(row);
      return replan();
    }

    function setPolicy(next: MergePolicy): Analysis {
      policy = next;
      return replan();
    }

    /** Drops the staged rows and lets the session's lock go (a new analysis, or done). */
    async function dispose(): Promise<void> {
      if (state === 'analysed') state = 'disposed';
      if (!releaseStaging) return;
      const release = releaseStaging;
      releaseStaging = null;
      try {
        await staging.drop(session);
      } finally {
        release();
      }
    }

    /**
     * A matched row planned alone, planned again as it is written, against the database as it
     * is then: the update (or, by now, unchanged) of the customer it named when read, or why
     * it is not written (that customer deleted or no longer its match, or its Encore ID and an
     * email now naming two people: someone changed them meanwhile).
     */
    function replanAlone(
      candidate: ImportCandidate,
      found: ExistingIndex,
      writePolicy: MergePolicy,
    ): PlannedCustomer | NotWritten {
      const again = buildPlan([candidate], found, writePolicy);
      const planned = again.customers[0];
      const rows = [candidate.row];
      if (again.conflicts.size > 0) return { rows, reason: NOT_WRITTEN.twoPeople };
      // The customers a row named when read are recorded against it (it was the only row
      // naming them): any other customer is a change made since.
      if (
        !planned ||
        planned.kind === 'new' ||
        keyIndex.firstRow(customerKey(planned.existingId)) !== candidate.row
      )
        return { rows, reason: NOT_WRITTEN.customerChanged };
      return planned;
    }

    /**
     * The plan in the order it is written, a chunk at a time: updates in the existing
     * customers' id order, then new customers planned from held rows, then the rows planned
     * alone, read from staging a batch at a time in row order (matched ones planned again, see
     * replanAlone). A chunk's `late` rows are counted with it but not written.
     */
    async function* chunksToWrite(
      current: ImportPlan,
      chunkSize: number,
      writePolicy: MergePolicy,
    ): AsyncGenerator<WriteChunk> {
      let chunk: WriteChunk = { planned: [], late: [] };
      function* add(entry: PlannedCustomer | NotWritten) {
        if ('reason' in entry) chunk.late.push(entry);
        else chunk.planned.push(entry);
        if (chunk.planned.length + chunk.late.length === chunkSize) {
          yield chunk;
          chunk = { planned: [], late: [] };
        }
      }
      const planned = [
        ...current.customers
          .flatMap((c) => (c.kind === 'update' ? [c] : []))
          .sort((a, b) => (a.existingId < b.existingId ? -1 : a.existingId > b.existingId ? 1 : 0)),
        ...current.customers.filter((c) => c.kind === 'new'),
      ];
      for (const customer of planned) yield* add(customer);
      // The next staged batch is read while the chunks of this one are written.
      let reading = staging.nextBatch(session, -Infinity);
      for (;;) {
        const batch = await reading;
        if (!batch) break;
        reading = staging.nextBatch(session, batch.row);
        // A cancelled import leaves this read unawaited: its failure must not go unhandled.
        reading.catch(() => undefined);
        const alone = batch.candidates.filter((c) => !flags.has(c.row, HELD));
        const updating = alone.filter((c) => writesUpdate(flags, c.row, writePolicy));
        const found =
          updating.length > 0 ? await lookupExisting(...keysOf(updating)) : emptyExistingIndex();
        for (const candidate of alone) {
          if (!flags.has(candidate.row, MATCHED))
            yield* add({ kind: 'new', rows: [candidate.row], candidate, id: candidate.encore_id });
          else if (writesUpdate(flags, candidate.row, writePolicy))
            yield* add(replanAlone(candidate, found, writePolicy));
        }
      }
      if (chunk.planned.length + chunk.late.length > 0) yield chunk;
    }

    function errorRows(): ImportErrorRow[] {
      return heldInOrder()
        .filter((c) => c.issues.length > 0 || skipped.has(c.row) || plan?.conflicts.has(c.row))
        .map((c) => {
          const { issues, blocked } = issuesOf(c);
          return {
            row: c.row,
            cells: issueCells.get(c.row) ?? [],
            reason: [
              skipped.has(c.row)
                ? 'Skipped by you'
                : blocked
                  ? 'Not imported'
                  : issues.every((issue) => issue.kind === 'control-chars')
                    ? 'Imported'
                    : 'Imported without the invalid value',
              ...issues.map((issue) => issue.message),
            ].join('; '),
          };
        });
    }

    /** Error report rows for rows a change since the plan kept out, in row order. */
    async function notWrittenErrors(notWritten: readonly NotWritten[]): Promise<ImportErrorRow[]> {
      const reasons = new Map<number, string>();
      for (const { rows, reason } of notWritten) for (const row of rows) reasons.set(row, reason);
      if (reasons.size === 0) return [];
      await keepCellsOf([...reasons.keys()]);
      return [...reasons]
        .sort(([a], [b]) => a - b)
        .map(([row, reason]) => ({ row, cells: issueCells.get(row) ?? [], reason }));
    }

    async function commit(options: {
      fileName: string;
      resumeJobId?: string;
      chunkSize?: number;
      signal?: AbortSignal;
      onProgress?: (p: WriteProgress) => void;
    }): Promise<CommitResult> {
      const current = plan;
      // The policy the plan was made with: a change of policy now would not reach it.
      const planPolicy = policy;
      if (!current || state === 'new') throw new Error('Analyse the file before importing it');
      if (state !== 'analysed')
        throw new Error('This import is finished. Choose the file again to import it again.');
      state = 'written';
      // The error report carries the original cells of every row it names.
      await keepCellsOf([...current.conflicts.keys()]);
      // Updates in id order, then new customers (see chunksToWrite): a chunk's customers then
      // sit together in every customer_id index, and their reads (here and in the list
      // projection) are a few ranges instead of one read per customer.
      const alone = aloneCounts(flags, rowRange.first, rowRange.last, planPolicy);
      const total =
        current.customers.filter((c) => c.kind === 'update' || c.kind === 'new').length +
        alone.new +
        alone.updated;
      const now = nowIso();
      const previousJob = options.resumeJobId
        ? await db.import_jobs.get(options.resumeJobId)
        : undefined;
      const job: ImportJob = {
        id: previousJob?.id ?? newId(),
        created_at: previousJob?.created_at ?? now,
        updated_at: now,
        file_name: options.fileName,
        file_size: source.size,
        status: 'running',
        mapping: settings,
        policy,
        counts: {
          ...current.counts,
          created: previousJob?.counts['created'] ?? 0,
          written_updates: previousJob?.counts['written_updates'] ?? 0,
          conflicts: 0,
        },
        committed: 0,
        total,
        headers,
        error_count: 0,
        message: null,
      };
      const errors = errorRows();
      job.error_count = errors.length;
      // Held until the job's final status is written: other tabs then know it is not cut off.
      const releaseLock = await holdImportLock(job.id);
      try {
        await db.transaction('rw', ['import_jobs', 'import_job_chunks'], async () => {
          // A resumed job reports the errors of this run; its undo chunks stay.
          await chunks
            .where('job_id')
            .equals(job.id)
            .filter((chunk) => chunk.errors !== null)
            .delete();
          await chunks.add({ id: newId(), job_id: job.id, undo: null, errors });
          await db.import_jobs.put(job);
        });
        // Cancel aborts the chunk in flight (see writeChunk), so chunks can be large enough to
        // write efficiently and still stop within a second.
        const chunkSize = options.chunkSize ?? 1000;
        let status: CommitResult['status'] = 'finished';
        // Rows a change since the plan kept out, from the chunks written (see writeChunk).
        const notWritten: NotWritten[] = [];
        try {
          let done = 0;
          const estimator = createWriteEstimator(total);
          let chunkStarted = performance.now();
          for await (const chunk of chunksToWrite(current, chunkSize, planPolicy)) {
            if (options.signal?.aborted) {
              status = 'cancelled';
              break;
            }
            notWritten.push(...(await writeChunk(job, chunk, options.fileName, options.signal)));
            const rows = chunk.planned.length + chunk.late.length;
            done += rows;
            const now = performance.now();
            const estimate = estimator.add(rows, (now - chunkStarted) / 1000);
            chunkStarted = now;
            options.onProgress?.({ done, total, ...estimate });
          }
        } catch (error) {
          if (options.signal?.aborted) status = 'cancelled';
          else {
            status = 'failed';
            job.message = error instanceof Error ? error.message : String(error);
          }
        }
        job.status = status;
        job.updated_at = nowIso();
        // The error report names them too, with their original cells.
        const extraErrors = await notWrittenErrors(notWritten);
        await db.transaction('rw', ['import_jobs', 'import_job_chunks'], async () => {
          if (extraErrors.length > 0)
            await chunks.add({ id: newId(), job_id: job.id, undo: null, errors: extraErrors });
          // The stored job, not `job`: a chunk rolled back by cancel counted in memory only.
          await db.import_jobs
            .where('id')
            .equals(job.id)
            .modify((stored) => {
              stored.status = status;
              stored.updated_at = job.updated_at;
              stored.message = job.message;
              stored.error_count += extraErrors.length;
            });
        });
        return { status, job: (await db.import_jobs.get(job.id)) ?? job };
      } finally {
        releaseLock();
        await dispose();
      }
    }

    return {
      analyse,
      fixCell,
      setSkipped,
      setPolicy,
      commit,
      errorRows,
      dispose,
      get headers() {
        return headers;
      },
      /** How many rows the session holds in memory in full (the rest are staged). */
      get heldRows() {
        return held.size;
      },
    };
  }

  return {
    lookupExisting,
    createSession,
    /** Drops the staged rows of import sessions no window or worker holds any more. */
    dropAbandonedStaging: () => staging.dropAbandoned(''),
    // Past imports (undo, interrupted, error report) and saved mappings.
    ...createImportJobs(db),
  };
}

export type ImportService = ReturnType<typeof createImportService>;
export type ImportSession = ReturnType<ImportService['createSession']>;
