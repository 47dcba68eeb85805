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
import type { DuplicatesWorkerApi } from './duplicates-worker';

let remote: Comlink.Remote<DuplicatesWorkerApi> | null = null;
let started: Promise<unknown> | null = null;
let version = 0;
const listeners = new Set<() => void>();

// Writes arrive in bursts (an import chunk, a merge): refresh once per burst.
const pending = {
  ids: new Set<string>(),
  emailIds: new Set<string>(),
  phoneIds: new Set<string>(),
  everything: false,
  dismissals: false,
};
let timer: ReturnType<typeof setTimeout> | null = null;

function bump(): void {
  version += 1;
  listeners.forEach((notify) => notify());
}

async function flush(): Promise<void> {
  timer = null;
  const api = worker();
  const { everything, dismissals } = pending;
  const touched = {
    ids: [...pending.ids],
    emailIds: [...pending.emailIds],
    phoneIds: [...pending.phoneIds],
  };
  Object.assign(pending, { everything: false, dismissals: false });
  [pending.ids, pending.emailIds, pending.phoneIds].forEach((set) => set.clear());
  if (everything) await api.rebuild();
  else if (touched.ids.length + touched.emailIds.length + touched.phoneIds.length > 0)
    await api.refreshTouched(touched);
  if (dismissals) await api.reloadDismissals();
  bump();
}

function onMutation(parts: ObservabilitySet): void {
  const found = mutatedCustomers(parts, getDb().name);
  const rows = found.ids.size + found.emailIds.size + found.phoneIds.size;
  if (rows === 0 && !found.everything && !found.dismissals) return;
  for (const id of found.ids) pending.ids.add(id);
  for (const id of found.emailIds) pending.emailIds.add(id);
  for (const id of found.phoneIds) pending.phoneIds.add(id);
  pending.everything ||= found.everything;
  pending.dismissals ||= found.dismissals;
  timer ??= setTimeout(() => void flush(), 150);
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
  async settle(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      await flush();
    }
  },
  api: () => worker(),
};
