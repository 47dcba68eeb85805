/**
 * The window's handle on the import worker (one per window, started on first use). Progress
 * callbacks cross as Comlink proxies; a browser File crosses as itself.
 */
import * as Comlink from 'comlink';
import type { ByteSource } from '@shared/csv';
import type { MergePolicy } from '../domain/import/plan';
import type { IssueKind } from '../domain/import/rows';
import type {
  CommitResult,
  ImportSettings,
  ReadProgress,
  WriteProgress,
} from '../services/crm/import-service';
import type { IssueRowsPage, WindowAnalysis } from '../services/crm/import/window-analysis';
import type { ImportWorkerApi, WorkerSource } from './import-worker';

/** A ByteSource that can cross to the worker: a File/Blob, or any reader (Electron). */
export type PickedFile = { source: ByteSource; blob: Blob | null };

let remote: Comlink.Remote<ImportWorkerApi> | null = null;
let runningJob: string | null = null;

function worker(): Comlink.Remote<ImportWorkerApi> {
  remote ??= Comlink.wrap<ImportWorkerApi>(
    new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' }),
  );
  return remote;
}

function workerSource(file: PickedFile): WorkerSource {
  if (file.blob) return { kind: 'blob', name: file.source.name, blob: file.blob };
  const { source } = file;
  return {
    kind: 'reader',
    name: source.name,
    size: source.size,
    read: Comlink.proxy((offset: number, length: number) => source.read(offset, length)),
  };
}

export const importClient = {
  analyse(file: PickedFile, settings: ImportSettings, onProgress?: (p: ReadProgress) => void) {
    return worker().analyse(
      workerSource(file),
      settings,
      onProgress ? Comlink.proxy(onProgress) : undefined,
    ) as Promise<WindowAnalysis>;
  },
  fixCell: (row: number, column: number, value: string) =>
    worker().fixCell(row, column, value) as Promise<WindowAnalysis>,
  setSkipped: (row: number, skip: boolean) =>
    worker().setSkipped(row, skip) as Promise<WindowAnalysis>,
  setPolicy: (policy: MergePolicy) => worker().setPolicy(policy) as Promise<WindowAnalysis>,
  /** Rows with issues `from` to `to` of the latest analysis (the check step's list). */
  issueRows: (from: number, to: number) => worker().issueRows(from, to) as Promise<IssueRowsPage>,
  rereadPhones: (region: string) =>
    worker().rereadPhones(region) as Promise<{
      analysis: WindowAnalysis;
      read: number;
      unread: number;
    }>,
  dropInvalidPhones: (region: string) =>
    worker().dropInvalidPhones(region) as Promise<WindowAnalysis>,
  skipOpenWithIssue: (kind: IssueKind) =>
    worker().skipOpenWithIssue(kind) as Promise<WindowAnalysis>,
  /**
   * Rows about to become new customers (for "merge into an existing customer"), as JSON bytes
   * for the duplicates worker: this window passes them on without reading them.
   */
  newRowIdentities: () => worker().newRowIdentities() as Promise<Uint8Array<ArrayBuffer>>,
  setMergeInto: (picks: { row: number; customerId: string | null }[]) =>
    worker().setMergeInto(picks) as Promise<WindowAnalysis>,
  async commit(
    fileName: string,
    onProgress: (p: WriteProgress) => void,
    resumeJobId?: string,
  ): Promise<CommitResult> {
    runningJob = resumeJobId ?? 'pending';
    try {
      return (await worker().commit(
        fileName,
        Comlink.proxy(onProgress),
        resumeJobId,
      )) as CommitResult;
    } finally {
      runningJob = null;
    }
  },
  cancel: () => worker().cancel(),
  errorReport: () => worker().errorReport() as Promise<string>,
  /** True while this window is writing an import (so it is not "interrupted"). */
  isWriting: () => runningJob !== null,
};
