/**
 * The import pipeline off the UI thread: reading and analysing the file, then writing it in
 * chunked transactions. It opens its own connection to the same database, so the guard,
 * projection and change-capture middlewares apply to every write here too; Dexie tells the
 * window's live queries about the changes.
 */
import * as Comlink from 'comlink';
import { blobByteSource, isCsvReadError, type ByteSource } from '@shared/csv';
import { CrmDatabase } from '../db/database';
import { errorReportCsv } from '../services/crm/import/import-jobs';
import {
  createImportService,
  type ImportSession,
  type ImportSettings,
  type ReadProgress,
  type WriteProgress,
} from '../services/crm/import-service';
import type { MergePolicy } from '../domain/import/plan';

/** A browser File travels whole (it is a handle, not the bytes); Electron's reader is proxied. */
export type WorkerSource =
  | { kind: 'blob'; name: string; blob: Blob }
  | {
      kind: 'reader';
      name: string;
      size: number;
      read: (offset: number, length: number) => Promise<Uint8Array>;
    };

const service = createImportService(new CrmDatabase());
let session: ImportSession | null = null;
let controller: AbortController | null = null;

function toSource(source: WorkerSource): ByteSource {
  if (source.kind === 'blob') return blobByteSource(source.blob, source.name);
  return { name: source.name, size: source.size, read: (o, l) => source.read(o, l) };
}

/** Comlink carries an Error's name and message; the message is what the user reads. */
async function friendly<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isCsvReadError(error)) throw error;
    const failure = new Error(error instanceof Error ? error.message : String(error));
    failure.name = 'ImportError';
    throw failure;
  }
}

function current(): ImportSession {
  if (!session) throw new Error('Choose a file first');
  return session;
}

const api = {
  async analyse(
    source: WorkerSource,
    settings: ImportSettings,
    onProgress?: (progress: ReadProgress) => void,
  ) {
    return friendly(async () => {
      controller = new AbortController();
      // The previous file's staged rows go before this one's are written.
      await session?.dispose();
      session = service.createSession(toSource(source), settings);
      return session.analyse({ signal: controller.signal, onProgress });
    });
  },
  fixCell: (row: number, column: number, value: string) =>
    friendly(() => current().fixCell(row, column, value)),
  setSkipped: (row: number, skip: boolean) => friendly(() => current().setSkipped(row, skip)),
  fixCells: (fixes: { row: number; column: number; value: string }[]) =>
    friendly(() => current().fixCells(fixes)),
  setSkippedRows: (rows: number[], skip: boolean) =>
    friendly(() => current().setSkippedRows(rows, skip)),
  setPolicy: (policy: MergePolicy) => friendly(async () => current().setPolicy(policy)),
  newRowIdentities: () => friendly(() => current().newRowIdentities()),
  setMergeInto: (picks: { row: number; customerId: string | null }[]) =>
    friendly(() => current().setMergeInto(picks)),
  commit(fileName: string, onProgress?: (progress: WriteProgress) => void, resumeJobId?: string) {
    return friendly(async () => {
      controller = new AbortController();
      return current().commit({ fileName, signal: controller.signal, onProgress, resumeJobId });
    });
  },
  /** Stops reading or writing after the current chunk (well under a second). */
  cancel() {
    controller?.abort();
  },
  errorReport: async () => {
    const active = current();
    return errorReportCsv(active.headers, active.errorRows());
  },
};

export type ImportWorkerApi = typeof api;

Comlink.expose(api);
