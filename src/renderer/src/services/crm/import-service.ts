/**
 * CSV import use cases, the entry point the product brief names. One import is a session, an
 * explicit state machine (import/session-state.ts: new -> read -> planned -> writing ->
 * finished | cancelled | failed) whose steps live beside it: reading and staging the file
 * (import/session-read.ts), the plan (import/session-plan.ts), writing it in chunked
 * transactions (import/session-run.ts, import/import-writer.ts). Past imports (undo,
 * interrupted, error report, saved mappings) are import/import-jobs.ts. Runs in the import
 * worker (workers/import-worker.ts) on its own connection to the same database, and in tests.
 */
import type { ByteSource } from '@shared/csv';
import type { CrmDatabase } from '../../db/database';
import { createImportJobs } from './import/import-jobs';
import { createExistingLookup } from './import/import-lookup';
import { createImportStaging } from './import/import-staging';
import { createChunkWriter } from './import/import-writer';
import { ImportSession } from './import/import-session';
import type { ImportSettings } from './import/session-types';

export type {
  Analysis,
  CommitResult,
  ImportSettings,
  IssueRow,
  ReadProgress,
  WriteProgress,
} from './import/session-types';

/**
 * Rows matching the database that a session holds in full (about 2.3 KB each with the
 * customer they match, bench/import-memory-bench.mjs) before it plans such rows alone (see
 * domain/import/planned-alone.ts). Held matches are written in the customers' id order, which
 * keeps a chunk's reads to a few ranges; matches planned alone are written in file order. A
 * re-import of a million-row export then stays within about 230 MB for them.
 */
const HOLD_BUDGET = 100_000;

type SessionOptions = {
  /** Bytes per read batch (and so per staged record); tests make it small. */
  chunkBytes?: number;
  /** Rows matching the database held in full before they are planned alone. */
  holdBudget?: number;
};

export function createImportService(db: CrmDatabase) {
  const staging = createImportStaging(db);
  const lookupExisting = createExistingLookup(db);
  const writeChunk = createChunkWriter(db);

  /** One import in the making (import/import-session.ts). */
  function createSession(
    source: ByteSource,
    settings: ImportSettings,
    options: SessionOptions = {},
  ) {
    return new ImportSession({
      db,
      source,
      settings,
      staging,
      lookupExisting,
      writeChunk,
      chunkBytes: options.chunkBytes,
      holdBudget: options.holdBudget ?? HOLD_BUDGET,
    });
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
export type { ImportSession };
