/**
 * Where the reports' snapshot lives: a database of its own, `<dbname>-reports`, so it is
 * never part of the CRM's transactions, backups or sync, and deleting it only costs a
 * rebuild. One record: the bytes as one Blob (Chromium keeps it as a file beside the
 * database and reads it off the origin's IndexedDB sequence, as the search snapshot does)
 * beside the state it covers, written in one put.
 */
import Dexie from 'dexie';
import type { Table } from 'dexie';

export type ReportSnapshotMeta = {
  generation: string;
  seq: number;
  bytes: number;
  saved_at: string;
};

const SNAPSHOT_KEY = 'snapshot';
const RESULTS_KEY = 'results';

type SnapshotRecord = { key: typeof SNAPSHOT_KEY; meta: ReportSnapshotMeta; data: Blob };

/**
 * Figures computed for one filter, kept for a later window (report-kept-results.ts says when
 * they still stand): the journal position and settings of the rows they came from, the local
 * day, and the view.
 */
export type KeptResult<View = unknown> = {
  generation: string;
  seq: number;
  /** The settings the figures read (rates, reporting currency, stages, time zone), as JSON. */
  settings: string;
  /** The local day they were computed on (YYYY-MM-DD in the settings' zone). */
  day: string;
  /** The filter and options they are for. */
  key: string;
  view: View;
};

type ResultsRecord = { key: typeof RESULTS_KEY; results: KeptResult[] };

class ReportSnapshotDatabase extends Dexie {
  snapshot!: Table<SnapshotRecord | ResultsRecord, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ snapshot: 'key' });
  }
}

export type ReportSnapshotStore = {
  /** The bytes, or null when there is none or its record is not whole. */
  load(): Promise<Uint8Array | null>;
  save(meta: Omit<ReportSnapshotMeta, 'bytes' | 'saved_at'>, data: Uint8Array): Promise<void>;
  /** The figures kept for later windows (the last few filters), newest first. */
  loadResults(): Promise<KeptResult[]>;
  saveResults(results: KeptResult[]): Promise<void>;
  clear(): Promise<void>;
  close(): void;
};

export function reportSnapshotDatabaseName(crmDatabaseName: string): string {
  return `${crmDatabaseName}-reports`;
}

export function openReportSnapshotStore(crmDatabaseName: string): ReportSnapshotStore {
  const db = new ReportSnapshotDatabase(reportSnapshotDatabaseName(crmDatabaseName));
  return {
    async load() {
      const record = await db.snapshot.get(SNAPSHOT_KEY);
      if (!record || !('data' in record) || !(record.data instanceof Blob)) return null;
      // A fresh buffer at offset 0: aligned, so the columns are read in place.
      return new Uint8Array(await record.data.arrayBuffer());
    },
    async save(partial, data) {
      const meta: ReportSnapshotMeta = {
        ...partial,
        bytes: data.byteLength,
        saved_at: new Date().toISOString(),
      };
      await db.snapshot.put({
        key: SNAPSHOT_KEY,
        meta,
        data: new Blob([data as Uint8Array<ArrayBuffer>]),
      });
    },
    async loadResults() {
      const record = await db.snapshot.get(RESULTS_KEY);
      return record && 'results' in record && Array.isArray(record.results) ? record.results : [];
    },
    async saveResults(results) {
      await db.snapshot.put({ key: RESULTS_KEY, results });
    },
    async clear() {
      await db.snapshot.clear();
    },
    close: () => db.close(),
  };
}
