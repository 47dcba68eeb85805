/**
 * The window's handle on the import worker (one per window, started on first use). Progress
 * callbacks cross as Comlink proxies; a browser File crosses as itself.
 */
import * as Comlink from 'comlink';
import type { ByteSource } from '@shared/csv';
import type { MergePolicy } from '../domain/import/plan';
import type {
  Analysis,
  CommitResult,
  ImportSettings,
  ReadProgress,
  WriteProgress,
} from '../services/crm/import-service';
import type { NewRowIdentity } from '../services/crm/import/session-merge-into';
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
    ) as Promise<Analysis>;
  },
  fixCell: (row: number, column: number, value: string) =>
    worker().fixCell(row, column, value) as Promise<Analysis>,
  setSkipped: (row: number, skip: boolean) => worker().setSkipped(row, skip) as Promise<Analysis>,
  fixCells: (fixes: { row: number; column: number; value: string }[]) =>
    worker().fixCells(fixes) as Promise<Analysis>,
  setSkippedRows: (rows: number[], skip: boolean) =>
    worker().setSkippedRows(rows, skip) as Promise<Analysis>,
  setPolicy: (policy: MergePolicy) => worker().setPolicy(policy) as Promise<Analysis>,
  /** Rows about to become new customers (for "merge into an existing customer"). */
  newRowIdentities: () => worker().newRowIdentities() as Promise<NewRowIdentity[]>,
  setMergeInto: (picks: { row: number; customerId: string | null }[]) =>
    worker().setMergeInto(picks) as Promise<Analysis>,
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
