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
/** Before each kept result had a record of its own: every view in one (read whole). */
const LEGACY_RESULTS_KEY = 'results';
/** The kept results' filter keys, newest first (no views). */
const KEPT_INDEX_KEY = 'kept';
const keptRecordKey = (resultKey: string) => `kept:${resultKey}`;

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

/**
 * Each kept result is a record of its own, so a new window reads only the one for its filter
 * (a view is several hundred KB; reading every kept one took 0.2-0.4 s of the cold window's
 * first figures at manager scale), and an index of their keys in order.
 */
type KeptIndexRecord = { key: typeof KEPT_INDEX_KEY; keys: string[] };
type KeptRecord = { key: string; result: KeptResult };

type StoredRecord = SnapshotRecord | KeptIndexRecord | KeptRecord;

class ReportSnapshotDatabase extends Dexie {
  snapshot!: Table<StoredRecord, string>;
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
  /** The figures kept for one filter key (KeptResult.key), or null; reads no other. */
  loadResult(key: string): Promise<KeptResult | null>;
  /** Keeps exactly these (one record each), dropping those kept before and not among them. */
  saveResults(results: KeptResult[]): Promise<void>;
  clear(): Promise<void>;
  /** Opens the database ahead of a read (opening took 0.3-0.4 s in a starting window). */
  open(): Promise<void>;
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
      const index = await db.snapshot.get(KEPT_INDEX_KEY);
      if (!index || !('keys' in index)) return [];
      const records = await db.snapshot.bulkGet(index.keys.map(keptRecordKey));
      return records.flatMap((record) => (record && 'result' in record ? [record.result] : []));
    },
    async loadResult(key) {
      const record = await db.snapshot.get(keptRecordKey(key));
      return record && 'result' in record && record.result.key === key ? record.result : null;
    },
    async saveResults(results) {
      await db.transaction('rw', db.snapshot, async () => {
        const index = await db.snapshot.get(KEPT_INDEX_KEY);
        const keys = results.map((result) => result.key);
        const dropped = index && 'keys' in index ? index.keys.filter((k) => !keys.includes(k)) : [];
        await db.snapshot.bulkDelete([LEGACY_RESULTS_KEY, ...dropped.map(keptRecordKey)]);
        await db.snapshot.bulkPut([
          ...results.map((result) => ({ key: keptRecordKey(result.key), result })),
          { key: KEPT_INDEX_KEY, keys },
        ]);
      });
    },
    async clear() {
      await db.snapshot.clear();
    },
    open: async () => {
      await db.open();
    },
    close: () => db.close(),
  };
}
