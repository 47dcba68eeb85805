/**
 * What the duplicates worker answers, apart from the worker plumbing (duplicates-worker.ts) so
 * it can be tested in Node: one DuplicateDetector over its own connection to the database.
 */
import Dexie from 'dexie';
import type { PairQuery, ProbeMatch } from '../domain/duplicates/duplicate-index';
import type { ImportRowIdentity } from '../domain/duplicates/import-assist';
import { DuplicateDetector } from '../services/crm/duplicates/detector';
import { unpackJson } from './packed-json';

export function createDuplicatesWorkerApi() {
  let detector: DuplicateDetector | null = null;
  // Settles when start() has built the index (or failed). Calls that arrive before start(),
  // such as a refresh for a write made while the window was still starting the worker, wait
  // for it instead of failing.
  let settleReady: { resolve: (built: unknown) => void; reject: (error: unknown) => void };
  const ready = new Promise<unknown>((resolve, reject) => {
    settleReady = { resolve, reject };
  });
  // start() reports its own failure; this only keeps an unawaited rejection from being logged
  // twice.
  ready.catch(() => undefined);

  async function started(): Promise<DuplicateDetector> {
    await ready;
    if (!detector) throw new Error('Duplicate detection has not started');
    return detector;
  }

  return {
    async start(databaseName: string): Promise<{ customers: number; ms: number }> {
      const began = performance.now();
      try {
        // A plain Dexie on the window's database (already created and upgraded by the window):
        // detection only reads, and the write middlewares would double the cost of its reads.
        const reader = new Dexie(databaseName);
        await reader.open();
        detector = new DuplicateDetector(reader);
        const { customers } = await detector.build();
        settleReady.resolve(customers);
        return { customers, ms: performance.now() - began };
      } catch (error) {
        settleReady.reject(error);
        throw error;
      }
    },
    async rebuild() {
      return (await started()).build();
    },
    async refresh(ids: string[]): Promise<boolean> {
      return (await started()).refresh(ids);
    },
    async refreshTouched(touched: { ids: string[]; emailIds: string[]; phoneIds: string[] }) {
      return (await started()).refreshTouched(touched);
    },
    async reloadDismissals(): Promise<void> {
      await (await started()).reloadDismissals();
    },
    async pairs(query: PairQuery) {
      return (await started()).pairs(query);
    },
    async pairsFor(id: string) {
      return (await started()).pairsFor(id);
    },
    async counts() {
      return (await started()).counts();
    },
    async bulkPlan() {
      return (await started()).bulkPlan();
    },
    async likelyExisting(rows: ImportRowIdentity[]) {
      return (await started()).likelyExisting(rows);
    },
    /**
     * The same for rows packed as JSON bytes by the import worker (passed through the window
     * unread), answering only the rows with a likely match: few, where the rows are many.
     */
    async likelyExistingPacked<Row extends ImportRowIdentity>(
      bytes: Uint8Array,
    ): Promise<{ identity: Row; matches: ProbeMatch[] }[]> {
      const rows = unpackJson<Row[]>(bytes);
      const matches = (await started()).likelyExisting(rows);
      return rows
        .map((identity, index) => ({ identity, matches: matches[index] ?? [] }))
        .filter((row) => row.matches.length > 0);
    },
  };
}

export type DuplicatesWorkerApi = ReturnType<typeof createDuplicatesWorkerApi>;
