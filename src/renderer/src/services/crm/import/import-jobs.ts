/**
 * Imports once written: undo of a whole import (import-undo.ts), imports cut off by a crash, the error report,
 * and the saved column mappings offered again for the same headers.
 */
import type { CrmDatabase } from '../../../db/database';
import { formatRow } from '../../../domain/export/csv-writer';
import { nowIso, newId } from '../../../domain/ids';
import {
  headerSignature,
  olderExportHeaders,
  withHeaders,
  type ColumnMapping,
} from '../../../domain/import/mapping';
import type { ImportErrorRow, ImportJob, ImportJobChunk } from '../../../domain/records';
import { holdImportLock, jobsBeingWritten } from './import-locks';
import { createImportUndo } from './import-undo';

async function markCut(db: CrmDatabase, job: ImportJob): Promise<void> {
  await db.import_jobs.update(job.id, {
    status: 'interrupted',
    message: `Stopped after ${job.committed.toLocaleString()} of ${job.total.toLocaleString()} customers (the app was closed or crashed).`,
  });
}

/** At start-up: an import still "running" was cut off (crash, closed window). */
async function markInterrupted(
  db: CrmDatabase,
  exceptJobIds: readonly string[] = [],
): Promise<number> {
  const running = await db.import_jobs.where('status').equals('running').toArray();
  const beingWritten = await jobsBeingWritten();
  const cut = running.filter((job) => !exceptJobIds.includes(job.id) && !beingWritten.has(job.id));
  for (const job of cut) await markCut(db, job);
  return cut.length;
}

/**
 * The "running" jobs some other tab or worker holds the lock of: once it lets go, a job still
 * "running" was cut off (its window closed or crashed) and is marked so. A window that opened
 * while a closing one still held the lock would otherwise show the job running for ever.
 * Resolves when every such lock has been let go.
 */
async function markInterruptedWhenReleased(
  db: CrmDatabase,
  exceptJobIds: readonly string[] = [],
): Promise<void> {
  const running = await db.import_jobs.where('status').equals('running').toArray();
  const beingWritten = await jobsBeingWritten();
  await Promise.all(
    running
      .filter((job) => !exceptJobIds.includes(job.id) && beingWritten.has(job.id))
      .map(async (job) => {
        const release = await holdImportLock(job.id);
        try {
          // The writer may have finished it, or this window resumed it, meanwhile.
          const now = await db.import_jobs.get(job.id);
          if (now?.status === 'running') await markCut(db, now);
        } finally {
          release();
        }
      }),
  );
}

/** A saved mapping with what was chosen beside it: the phone region and the date format. */
export type SavedMappingChoice = {
  mapping: ColumnMapping[];
  /** Null in mappings saved before the region was kept. */
  region: string | null;
  dateFormat: string | null;
};

async function findSavedMapping(
  db: CrmDatabase,
  headers: readonly string[],
): Promise<SavedMappingChoice | null> {
  let saved = await db.saved_mappings.get({ header_signature: headerSignature(headers) });
  // A mapping saved for an older Encore export ("Lifecycle", now "Stage") applies too.
  const older = saved ? null : olderExportHeaders(headers);
  if (older) saved = await db.saved_mappings.get({ header_signature: headerSignature(older) });
  if (!saved) return null;
  return {
    mapping: withHeaders(saved.mapping as ColumnMapping[], headers),
    region: saved.region ?? null,
    dateFormat: saved.date_format ?? null,
  };
}

async function saveMapping(
  db: CrmDatabase,
  headers: readonly string[],
  choice: SavedMappingChoice,
  name: string,
) {
  const signature = headerSignature(headers);
  await db.transaction('rw', db.saved_mappings, async () => {
    const current = await db.saved_mappings.get({ header_signature: signature });
    await db.saved_mappings.put({
      id: current?.id ?? newId(),
      header_signature: signature,
      name,
      mapping: choice.mapping,
      ...(choice.region ? { region: choice.region } : {}),
      ...(choice.dateFormat ? { date_format: choice.dateFormat } : {}),
      updated_at: nowIso(),
    });
  });
}

/** The downloadable error report of a past import. */
async function errorReport(db: CrmDatabase, jobId: string): Promise<string> {
  const job = await db.import_jobs.get(jobId);
  if (!job) throw new Error('This import no longer exists');
  const errors = (
    await db
      .table<ImportJobChunk, string>('import_job_chunks')
      .where('job_id')
      .equals(jobId)
      .toArray()
  ).flatMap((chunk) => chunk.errors ?? []);
  return errorReportCsv(job.headers, errors);
}

export function createImportJobs(db: CrmDatabase) {
  return {
    ...createImportUndo(db),
    markInterrupted: (exceptJobIds?: readonly string[]) => markInterrupted(db, exceptJobIds),
    markInterruptedWhenReleased: (exceptJobIds?: readonly string[]) =>
      markInterruptedWhenReleased(db, exceptJobIds),
    findSavedMapping: (headers: readonly string[]) => findSavedMapping(db, headers),
    saveMapping: (headers: readonly string[], choice: SavedMappingChoice, name: string) =>
      saveMapping(db, headers, choice, name),
    errorReport: (jobId: string) => errorReport(db, jobId),
  };
}

/**
 * The error report: original row number, the reason, then the row's original values, written
 * like the export (domain/export/csv-writer.ts): every cell, header included, neutralized
 * with the app's own rule (a multi-line cell too, and the full-width signs), so a hostile cell
 * in someone's file does not run as a formula when the report is opened in a spreadsheet, and
 * the importer reads the report back unchanged. CRLF after every record; the BOM is added
 * when it is saved.
 */
export function errorReportCsv(
  headers: readonly string[],
  rows: readonly ImportErrorRow[],
): string {
  return [
    formatRow(['Row', 'Reason', ...headers]),
    ...rows.map((row) => formatRow([String(row.row), row.reason, ...row.cells])),
  ].join('');
}
