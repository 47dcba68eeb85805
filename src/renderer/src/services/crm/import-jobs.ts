/**
 * Imports once written: undo of a whole import, imports cut off by a crash, the error report,
 * and the saved column mappings offered again for the same headers.
 */
import Papa from 'papaparse';
import type { CrmDatabase } from '../../db/database';
import { nowIso, newId } from '../../domain/ids';
import { headerSignature, type ColumnMapping } from '../../domain/import/mapping';
import type {
  CustomerEmail,
  CustomerPhone,
  ImportErrorRow,
  ImportJob,
  ImportJobChunk,
} from '../../domain/records';
import { holdImportLock, jobsBeingWritten } from './import-locks';
import { byCustomerIds, CONTACT_TABLES } from './import-lookup';

export function createImportJobs(db: CrmDatabase) {
  const chunks = db.table<ImportJobChunk, string>('import_job_chunks');

  /**
   * Undo a finished, cancelled or interrupted import as one transaction: customers it created
   * get tombstones (with their emails and phones), fields it changed get their old values,
   * emails and phones it added are removed.
   */
  async function undo(jobId: string): Promise<void> {
    await db.transaction(
      'rw',
      [...CONTACT_TABLES, 'import_jobs', 'import_job_chunks'],
      async () => {
        const job = await db.import_jobs.get(jobId);
        if (!job) throw new Error('This import no longer exists');
        if (job.status === 'running') throw new Error('This import is still running');
        if (job.status === 'undone') return;
        const now = nowIso();
        const written = (await chunks.where('job_id').equals(jobId).toArray()).flatMap((chunk) =>
          chunk.undo ? [chunk.undo] : [],
        );
        const created = written.flatMap((undo) => undo.created);
        const [emails, phones] = await Promise.all([
          byCustomerIds<CustomerEmail>(db.customer_emails, created),
          byCustomerIds<CustomerPhone>(db.customer_phones, created),
        ]);
        const gone = { deleted: 1 as const, updated_at: now };
        await db.customer_emails.bulkUpdate(emails.map((e) => ({ key: e.id, changes: gone })));
        await db.customer_phones.bulkUpdate(phones.map((p) => ({ key: p.id, changes: gone })));
        await db.customer_profiles.bulkUpdate(created.map((id) => ({ key: id, changes: gone })));
        for (const update of written.flatMap((undo) => undo.updated)) {
          await db.customer_emails.bulkUpdate(
            update.email_ids.map((id) => ({ key: id, changes: gone })),
          );
          await db.customer_phones.bulkUpdate(
            update.phone_ids.map((id) => ({ key: id, changes: gone })),
          );
          const profile = await db.customer_profiles.get(update.customer_id);
          if (profile && profile.deleted === 0)
            await db.customer_profiles.update(update.customer_id, {
              ...update.previous,
              updated_at: now,
            });
        }
        await db.import_jobs.update(jobId, { status: 'undone', updated_at: now });
      },
    );
  }

  async function markCut(job: ImportJob): Promise<void> {
    await db.import_jobs.update(job.id, {
      status: 'interrupted',
      message: `Stopped after ${job.committed.toLocaleString()} of ${job.total.toLocaleString()} customers (the app was closed or crashed).`,
    });
  }

  /** At start-up: an import still "running" was cut off (crash, closed window). */
  async function markInterrupted(exceptJobIds: readonly string[] = []): Promise<number> {
    const running = await db.import_jobs.where('status').equals('running').toArray();
    const beingWritten = await jobsBeingWritten();
    const cut = running.filter(
      (job) => !exceptJobIds.includes(job.id) && !beingWritten.has(job.id),
    );
    for (const job of cut) await markCut(job);
    return cut.length;
  }

  /**
   * The "running" jobs some other tab or worker holds the lock of: once it lets go, a job still
   * "running" was cut off (its window closed or crashed) and is marked so. A window that opened
   * while a closing one still held the lock would otherwise show the job running for ever.
   * Resolves when every such lock has been let go.
   */
  async function markInterruptedWhenReleased(exceptJobIds: readonly string[] = []): Promise<void> {
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
            if (now?.status === 'running') await markCut(now);
          } finally {
            release();
          }
        }),
    );
  }

  async function findSavedMapping(headers: readonly string[]): Promise<ColumnMapping[] | null> {
    const saved = await db.saved_mappings.get({ header_signature: headerSignature(headers) });
    return saved ? (saved.mapping as ColumnMapping[]) : null;
  }

  async function saveMapping(headers: readonly string[], mapping: ColumnMapping[], name: string) {
    const signature = headerSignature(headers);
    await db.transaction('rw', db.saved_mappings, async () => {
      const current = await db.saved_mappings.get({ header_signature: signature });
      await db.saved_mappings.put({
        id: current?.id ?? newId(),
        header_signature: signature,
        name,
        mapping,
        updated_at: nowIso(),
      });
    });
  }

  /** The downloadable error report of a past import. */
  async function errorReport(jobId: string): Promise<string> {
    const job = await db.import_jobs.get(jobId);
    if (!job) throw new Error('This import no longer exists');
    const errors = (await chunks.where('job_id').equals(jobId).toArray()).flatMap(
      (chunk) => chunk.errors ?? [],
    );
    return errorReportCsv(job.headers, errors);
  }

  return {
    undo,
    markInterrupted,
    markInterruptedWhenReleased,
    findSavedMapping,
    saveMapping,
    errorReport,
  };
}

/**
 * The error report: original row number, the reason, then the row's original values. Papa's
 * `escapeFormulae` prefixes cells starting with = + - @ tab or CR with a quote, so a hostile
 * cell in someone's file does not run as a formula when the report is opened in Excel.
 */
export function errorReportCsv(
  headers: readonly string[],
  rows: readonly ImportErrorRow[],
): string {
  return Papa.unparse(
    {
      fields: ['Row', 'Reason', ...headers],
      data: rows.map((row) => [String(row.row), row.reason, ...row.cells]),
    },
    { newline: '\r\n', escapeFormulae: true },
  );
}
