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
import type { IssueKind } from '../domain/import/rows';
import type { Analysis } from '../services/crm/import/session-types';
import { createWindowAnalysis } from '../services/crm/import/window-analysis';
import { packJson } from './packed-json';

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
// The rows with issues stay here; the window reads the counts and pages of rows.
const shown = createWindowAnalysis();
const show = async (analysis: Analysis | Promise<Analysis>) => shown.show(await analysis);

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
      return shown.show(await session.analyse({ signal: controller.signal, onProgress }));
    });
  },
  fixCell: (row: number, column: number, value: string) =>
    friendly(() => show(current().fixCell(row, column, value))),
  setSkipped: (row: number, skip: boolean) => friendly(() => show(current().setSkipped(row, skip))),
  setPolicy: (policy: MergePolicy) => friendly(() => show(current().setPolicy(policy))),
  /** Rows with issues `from` to `to` (exclusive) of the latest analysis, and its version. */
  issueRows: (from: number, to: number) => shown.page(from, to),
  /** The check step's bulk fixes, over every row with the issue (computed here, not in the window). */
  rereadPhones: (region: string) =>
    friendly(async () => {
      const { fixes, read, unread } = shown.rereadPhones(region);
      const analysis = fixes.length > 0 ? await show(current().fixCells(fixes)) : shown.current();
      return { analysis, read, unread };
    }),
  dropInvalidPhones: (region: string) =>
    friendly(async () => {
      const fixes = shown.dropInvalidPhones(region);
      return fixes.length > 0 ? show(current().fixCells(fixes)) : shown.current();
    }),
  skipOpenWithIssue: (kind: IssueKind) =>
    friendly(async () => {
      const rows = shown.openRows(kind);
      return rows.length > 0 ? show(current().setSkippedRows(rows, true)) : shown.current();
    }),
  /**
   * Rows about to become new customers, as JSON bytes handed over (not copied): the window
   * passes them on to the duplicates worker without reading them (50,000 rows cloned twice
   * on the UI thread held it for seconds).
   */
  newRowIdentities: () =>
    friendly(async () => {
      const bytes = packJson(await current().newRowIdentities());
      return Comlink.transfer(bytes, [bytes.buffer]);
    }),
  setMergeInto: (picks: { row: number; customerId: string | null }[]) =>
    friendly(() => show(current().setMergeInto(picks))),
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
