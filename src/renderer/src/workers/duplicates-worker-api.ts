/**
 * What the duplicates worker answers, apart from the worker plumbing (duplicates-worker.ts) so
 * it can be tested in Node: one DuplicateDetector over its own connection to the database.
 */
import Dexie from 'dexie';
import type { PairQuery, ProbeMatch } from '../domain/duplicates/duplicate-index';
import type { ImportRowIdentity } from '../domain/duplicates/import-assist';
import { WritePacer } from '../services/crm/customers/search/rebuild-pace';
import type { ScanPacing } from '../services/crm/duplicates/detector';
import { DuplicateDetector } from '../services/crm/duplicates/detector';
import { unpackJson } from './packed-json';

/**
 * Whether a write's changed parts (Dexie's storagemutated event, which Dexie passes on to every
 * window and worker of the origin) touch this database.
 */
export function writesTo(parts: Record<string, unknown>, databaseName: string): boolean {
  const base = `idb://${databaseName}/`;
  return Object.keys(parts).some((part) => part.startsWith(base));
}

/**
 * `pacing` replaces the scan's pacing (tests); by default the scan's next chunk waits while
 * writes to the database come (a WritePacer told by storagemutated, as the search worker's
 * rebuild), so a write waits for one chunk at most and a burst of writes for none between.
 */
export function createDuplicatesWorkerApi(options: { pacing?: ScanPacing } = {}) {
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
        let pacing = options.pacing;
        if (!pacing) {
          const pacer = new WritePacer();
          Dexie.on('storagemutated', (parts) => {
            if (writesTo(parts, databaseName)) pacer.noteWrite();
          });
          pacing = { beforeChunk: () => pacer.beforeChunk() };
        }
        detector = new DuplicateDetector(reader, pacing);
        const { customers } = await detector.build();
        settleReady.resolve(customers);
        return { customers, ms: performance.now() - began };
      } catch (error) {
        settleReady.reject(error);
        throw error;
      }
    },
    /** The last full scan's chunks and time (the bench reads it through the dev hooks). */
    async lastScan() {
      return (await started()).lastScan();
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
