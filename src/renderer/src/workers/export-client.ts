/**
 * The window's handle on the export worker (one per window, started on first use). Where
 * workers are missing, the same service runs on this thread, a page at a time.
 */
import * as Comlink from 'comlink';
import type { ExportColumnGroup } from '../domain/export/export-columns';
import type { CellWriting } from '../domain/export/csv-writer';
import type { ExportChunk, ExportScope } from '../services/crm/export/export-service';
import { getDb } from '../db/instance';
import { queryCustomerIds } from '../services/crm/customers/customer-list-query';
import { crm } from '../services/registry';
import type { ExportWorkerApi } from './export-worker';

/** A running export, pulled chunk by chunk. */
export type ExportRun = {
  total: number;
  next(): Promise<ExportChunk | null>;
  cancel(): Promise<void>;
};

let remote: Comlink.Remote<ExportWorkerApi> | null = null;

function worker(): Comlink.Remote<ExportWorkerApi> {
  remote ??= Comlink.wrap<ExportWorkerApi>(
    new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module' }),
  );
  return remote;
}

async function startOnThisThread(
  scope: ExportScope,
  groups: readonly ExportColumnGroup[],
  cells: CellWriting,
): Promise<ExportRun> {
  const plan = await crm().export.plan(scope, groups, { cells });
  const chunks = crm().export.stream(plan);
  return {
    total: plan.ids.length,
    next: async () => {
      const step = await chunks.next();
      return step.done ? null : step.value;
    },
    cancel: async () => {
      await chunks.return(undefined);
    },
  };
}

export async function startExport(
  scope: ExportScope,
  groups: readonly ExportColumnGroup[],
  cells: CellWriting = 'protected',
): Promise<ExportRun> {
  if (typeof Worker === 'undefined') return startOnThisThread(scope, groups, cells);
  const remoteWorker = worker();
  // The matches come from this window's search index, in list order.
  const resolved: ExportScope =
    scope.kind === 'list'
      ? { kind: 'ids', ids: await queryCustomerIds(getDb(), scope.query, scope.seenSeq) }
      : scope;
  const total = await remoteWorker.start(resolved, [...groups], cells);
  return {
    total,
    next: () => remoteWorker.next() as Promise<ExportChunk | null>,
    cancel: () => remoteWorker.cancel(),
  };
}
