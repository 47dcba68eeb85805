/**
 * Writing a planned session (the `writing` half): the job record, the lock other windows see,
 * the chunk loop with progress and cancel, and the job's final status with its error report.
 */
import type { CrmDatabase } from '../../../db/database';
import { newId, nowIso } from '../../../domain/ids';
import type { ImportPlan, MergePolicy } from '../../../domain/import/plan';
import { createWriteEstimator } from '../../../domain/import/write-estimate';
import type { ImportErrorRow, ImportJob, ImportJobChunk } from '../../../domain/records';
import { holdBulkWriteLock, holdImportLock } from './import-locks';
import type { createChunkWriter, NotWritten } from './import-writer';
import type { ReadDeps } from './session-read';
import { chunksToWrite, writeTotal } from './session-plan';
import type { SessionRows } from './session-rows';
import type { CommitOptions, CommitResult } from './session-types';

export type RunDeps = ReadDeps & {
  db: CrmDatabase;
  writeChunk: ReturnType<typeof createChunkWriter>;
};

export type WriteRun = {
  rows: SessionRows;
  plan: ImportPlan;
  policy: MergePolicy;
  /** Rows the error report names, as known when writing starts. */
  errors: ImportErrorRow[];
};

const chunksOf = (db: CrmDatabase) => db.table<ImportJobChunk, string>('import_job_chunks');

/** The job record of a run: a resumed job keeps its id, start and what it already wrote. */
export async function newJob(deps: RunDeps, run: WriteRun, options: CommitOptions) {
  const now = nowIso();
  const previous = options.resumeJobId
    ? await deps.db.import_jobs.get(options.resumeJobId)
    : undefined;
  const job: ImportJob = {
    id: previous?.id ?? newId(),
    created_at: previous?.created_at ?? now,
    updated_at: now,
    file_name: options.fileName,
    file_size: deps.source.size,
    status: 'running',
    mapping: deps.settings,
    policy: run.policy,
    counts: {
      ...run.plan.counts,
      created: previous?.counts['created'] ?? 0,
      written_updates: previous?.counts['written_updates'] ?? 0,
      conflicts: 0,
    },
    committed: 0,
    total: writeTotal(run.rows, run.plan, run.policy),
    headers: run.rows.headers,
    error_count: run.errors.length,
    message: null,
  };
  return job;
}

/** The job and this run's error rows, stored before the first chunk. */
async function recordStart(db: CrmDatabase, job: ImportJob, errors: ImportErrorRow[]) {
  const chunks = chunksOf(db);
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
}

/**
 * Rows per chunk: fewer, larger transactions cost less per row (each commit flushes, and the
 * middlewares' per-call reads are per chunk); 5,000 rows stay a few MB in memory.
 */
export const IMPORT_CHUNK_ROWS = 5000;

/** The chunk loop: each chunk one transaction (import-writer.ts), progress after each. */
async function writeChunks(
  deps: RunDeps,
  run: WriteRun,
  job: ImportJob,
  options: CommitOptions,
  notWritten: NotWritten[],
): Promise<'finished' | 'cancelled'> {
  // Cancel aborts the chunk in flight (see writeChunk), so chunks can be large enough to
  // write efficiently and still stop within a second. Each chunk is one transaction with its
  // own undo record and progress, so a chunk is also what a crash redoes (docs/import.md).
  const chunkSize = options.chunkSize ?? IMPORT_CHUNK_ROWS;
  let done = 0;
  const estimator = createWriteEstimator(job.total);
  let chunkStarted = performance.now();
  const chunks = chunksToWrite(deps, run.rows, run.plan, { chunkSize, policy: run.policy });
  for await (const chunk of chunks) {
    if (options.signal?.aborted) return 'cancelled';
    notWritten.push(...(await deps.writeChunk(job, chunk, options.fileName, options.signal)));
    const rows = chunk.planned.length + chunk.late.length;
    done += rows;
    const now = performance.now();
    const estimate = estimator.add(rows, (now - chunkStarted) / 1000);
    chunkStarted = now;
    options.onProgress?.({ done, total: job.total, ...estimate });
  }
  return 'finished';
}

/** The final status, and the rows a change since the plan kept out, added to the report. */
async function recordEnd(db: CrmDatabase, job: ImportJob, extraErrors: ImportErrorRow[]) {
  await db.transaction('rw', ['import_jobs', 'import_job_chunks'], async () => {
    if (extraErrors.length > 0)
      await chunksOf(db).add({ id: newId(), job_id: job.id, undo: null, errors: extraErrors });
    // The stored job, not `job`: a chunk rolled back by cancel counted in memory only.
    await db.import_jobs
      .where('id')
      .equals(job.id)
      .modify((stored) => {
        stored.status = job.status;
        stored.updated_at = job.updated_at;
        stored.message = job.message;
        stored.error_count += extraErrors.length;
      });
  });
  return (await db.import_jobs.get(job.id)) ?? job;
}

/**
 * Writes the run's plan under `job`. The job's lock is held until its final status is
 * written: other windows then know it is not cut off. `notWrittenCells` reads the original
 * cells of the rows a change since the plan kept out (for the error report).
 */
export async function writeJob(
  deps: RunDeps,
  run: WriteRun,
  job: ImportJob,
  options: CommitOptions & { errorsFor: (notWritten: NotWritten[]) => Promise<ImportErrorRow[]> },
): Promise<CommitResult> {
  const releaseLock = await holdImportLock(job.id);
  // The app's other readers wait for the end of the chunks (defer-while-importing.ts).
  const releaseBulk = await holdBulkWriteLock(deps.db.name, `import:${job.id}`);
  try {
    await recordStart(deps.db, job, run.errors);
    // Rows a change since the plan kept out, from the chunks written (see writeChunk).
    const notWritten: NotWritten[] = [];
    try {
      job.status = await writeChunks(deps, run, job, options, notWritten);
    } catch (error) {
      job.status = options.signal?.aborted ? 'cancelled' : 'failed';
      if (job.status === 'failed')
        job.message = error instanceof Error ? error.message : String(error);
    }
    job.updated_at = nowIso();
    const stored = await recordEnd(deps.db, job, await options.errorsFor(notWritten));
    return { status: job.status as CommitResult['status'], job: stored };
  } finally {
    releaseBulk();
    releaseLock();
  }
}
