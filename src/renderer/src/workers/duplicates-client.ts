/**
 * The window's handle on the detection worker: started on first use, told about every write
 * that touches a customer (Dexie's storagemutated event: this window's writes and the import
 * worker's), and a version number the hooks re-read on.
 */
import * as Comlink from 'comlink';
import Dexie from 'dexie';
import type { ObservabilitySet } from 'dexie';
import { getDb } from '../db/instance';
import { mutatedCustomers } from '../services/crm/duplicates/mutated-customers';
import type { RefreshBatch } from '../services/crm/duplicates/refresh-batch';
import { RefreshBatcher } from '../services/crm/duplicates/refresh-batch';
import { bulkWriteInProgress } from '../services/crm/import/import-locks';
import { importClient } from './import-client';
import type { DuplicatesWorkerApi } from './duplicates-worker';

let remote: Comlink.Remote<DuplicatesWorkerApi> | null = null;
let started: Promise<unknown> | null = null;
let version = 0;
const listeners = new Set<() => void>();

function bump(): void {
  version += 1;
  listeners.forEach((notify) => notify());
}

async function send(batch: RefreshBatch): Promise<void> {
  const api = worker();
  const { everything, dismissals, ...touched } = batch;
  if (everything) await api.rebuild();
  else if (touched.ids.length + touched.emailIds.length + touched.phoneIds.length > 0)
    await api.refreshTouched(touched);
  if (dismissals) await api.reloadDismissals();
  bump();
}

// Writes arrive in bursts (a merge, an import chunk): one refresh per burst, and while an
// import (this window's, another window's) or the demo seed writes, one when it stops (or
// every 20 s): refresh-batch.ts.
const batcher = new RefreshBatcher(
  send,
  () => importClient.isWriting() || bulkWriteInProgress(getDb().name),
);

function onMutation(parts: ObservabilitySet): void {
  batcher.add(mutatedCustomers(parts, getDb().name));
}

function worker(): Comlink.Remote<DuplicatesWorkerApi> {
  if (!remote) {
    remote = Comlink.wrap<DuplicatesWorkerApi>(
      new Worker(new URL('./duplicates-worker.ts', import.meta.url), { type: 'module' }),
    );
    Dexie.on('storagemutated', onMutation);
    started = remote.start(getDb().name).then(bump);
  }
  return remote;
}

export const duplicatesClient = {
  /** Starts detection (the full scan) if it is not running. */
  start(): Promise<unknown> {
    worker();
    return started as Promise<unknown>;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  version: () => version,
  /** Waits for writes not yet sent to the worker, so a read after a merge is current. */
  settle: (): Promise<void> => batcher.settle(),
  api: () => worker(),
};
