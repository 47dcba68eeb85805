/**
 * Journals every write to a table the reports read (reports_journal, schema version 7): one
 * entry per table and write, with the keys written, in the same transaction, so the reports'
 * persisted snapshot can be brought up to date by reading only those rows, whoever wrote them
 * (a form, the import worker, a sync pull, an undo). Dormant until the reports start the
 * journal (its meta row, entry 0): with no snapshot to keep up, entries would be of no use.
 *
 * Level 1.05, below change capture: it sees the list rows the projection writes too.
 */
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import { JOURNAL_META_SEQ, JOURNALED_TABLES, isJournalMeta } from '../domain/reports/journal-entry';
import type { InZone } from './dbcore-helpers';
import { captureZone } from './dbcore-helpers';

export const REPORTS_JOURNAL = 'reports_journal';

const journaled = new Set(JOURNALED_TABLES);

/** Per read-write transaction: whether the journal is started (its meta row read once). */
const started = new WeakMap<object, Promise<boolean>>();

function journalStarted(inZone: InZone, journal: DBCoreTable, trans: DBCoreTransaction) {
  let known = started.get(trans);
  if (!known) {
    known = inZone(() => journal.get({ trans, key: JOURNAL_META_SEQ })).then(isJournalMeta);
    started.set(trans, known);
  }
  return known;
}

/** The keys a write names as strings; null when it names a range (a clear, a deleteRange). */
export function keysWritten(table: DBCoreTable, req: DBCoreMutateRequest): string[] | null {
  if (req.type === 'deleteRange') return null;
  if (req.type === 'delete') return req.keys.map(String);
  if (req.keys) return req.keys.map(String);
  const extract = table.schema.primaryKey.extractKey;
  if (!extract) return null;
  return req.values.map((value) => String(extract(value)));
}

function journaledTable(down: DBCore, name: string): DBCoreTable {
  const table = down.table(name);
  const journal = down.table(REPORTS_JOURNAL);
  return {
    ...table,
    async mutate(req) {
      const inZone = captureZone();
      const response = await inZone(() => table.mutate(req));
      // An upgrade step before version 7 runs in a transaction without the journal's store.
      const stores = (req.trans as unknown as Partial<IDBTransaction>).objectStoreNames;
      if (stores && !stores.contains(REPORTS_JOURNAL)) return response;
      if (await journalStarted(inZone, journal, req.trans)) {
        // A superset is harmless (a key whose write failed is read and found as it was).
        const keys = keysWritten(table, req);
        if (keys === null || keys.length > 0) {
          await inZone(() =>
            journal.mutate({ type: 'add', trans: req.trans, values: [{ table: name, keys }] }),
          );
        }
      }
      return response;
    },
  };
}

export const reportsJournalMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'encore-reports-journal',
  level: 1.05, // below change capture (1.1) and the projection (1.2); see guard-middleware.ts
  create(down) {
    // A database opened at an older version (an upgrade step) has no journal yet.
    if (!down.schema.tables.some((table) => table.name === REPORTS_JOURNAL)) return down;
    return {
      ...down,
      transaction(stores, mode, options) {
        const scope =
          mode === 'readwrite' && !stores.includes(REPORTS_JOURNAL)
            ? [...stores, REPORTS_JOURNAL]
            : stores;
        return down.transaction(scope, mode, options);
      },
      table: (name) => (journaled.has(name) ? journaledTable(down, name) : down.table(name)),
    };
  },
};
