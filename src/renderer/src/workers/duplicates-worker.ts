/**
 * Duplicate detection off the UI thread: one DuplicateDetector over its own connection to the
 * database. The window tells it which customers a write touched (duplicates-client.ts).
 */
import * as Comlink from 'comlink';
import Dexie from 'dexie';
import type { PairQuery } from '../domain/duplicates/duplicate-index';
import type { ImportRowIdentity } from '../domain/duplicates/import-assist';
import { DuplicateDetector } from '../services/crm/duplicates/detector';

let detector: DuplicateDetector | null = null;
let ready: Promise<unknown> | null = null;

function current(): DuplicateDetector {
  if (!detector) throw new Error('Duplicate detection has not started');
  return detector;
}

const api = {
  async start(databaseName: string): Promise<{ customers: number; ms: number }> {
    const started = performance.now();
    // `ready` is set before the first await: a refresh sent while the database opens waits
    // for it instead of finding no detector ("has not started").
    ready = (async () => {
      // A plain Dexie on the window's database (already created and upgraded by the window):
      // detection only reads, and the write middlewares would double the cost of its reads.
      const reader = new Dexie(databaseName);
      await reader.open();
      detector = new DuplicateDetector(reader);
      return detector.build();
    })();
    const { customers } = (await ready) as { customers: number };
    return { customers, ms: performance.now() - started };
  },
  async rebuild() {
    await ready;
    return current().build();
  },
  async refresh(ids: string[]): Promise<boolean> {
    await ready;
    return current().refresh(ids);
  },
  async refreshTouched(touched: { ids: string[]; emailIds: string[]; phoneIds: string[] }) {
    await ready;
    return current().refreshTouched(touched);
  },
  async reloadDismissals(): Promise<void> {
    await ready;
    await current().reloadDismissals();
  },
  async pairs(query: PairQuery) {
    await ready;
    return current().pairs(query);
  },
  async pairsFor(id: string) {
    await ready;
    return current().pairsFor(id);
  },
  async counts() {
    await ready;
    return current().counts();
  },
  async bulkPlan() {
    await ready;
    return current().bulkPlan();
  },
  async likelyExisting(rows: ImportRowIdentity[]) {
    await ready;
    return current().likelyExisting(rows);
  },
};

export type DuplicatesWorkerApi = typeof api;

Comlink.expose(api);
