/**
 * Which rows the reports read changed since they were last read: Dexie announces every
 * committed write ("storagemutated", with the primary keys it wrote per table), in this
 * context and, through its BroadcastChannel, from every other window and worker of the app.
 * The reports engine listens from the moment it starts, so a refresh re-reads only the rows
 * named here instead of every row (docs/reports.md, "Speed").
 */
import Dexie from 'dexie';
import type { SourceName } from './report-source-tables';
import { SETTINGS_TABLES, SOURCE_TABLES } from './report-source-tables';

/** Per source, the keys written since the last `take`, or 'all' when a write named a range. */
export type ReportChanges = {
  rows: Map<SourceName, Set<string> | 'all'>;
  /** The stage settings, the reporting currency or the rates changed. */
  settings: boolean;
};

type RangeNode = { from: unknown; to: unknown; l?: RangeNode | null; r?: RangeNode | null };

/**
 * The keys of a Dexie range set (a balanced tree of ranges), or null when it holds a range
 * wider than one key (a deleteRange or clear): then the whole table is read again.
 */
export function keysOfRangeSet(node: RangeNode | null | undefined, into: Set<string>): boolean {
  if (!node || !('from' in node)) return true;
  if (node.from !== node.to || typeof node.from !== 'string') return false;
  into.add(node.from);
  return keysOfRangeSet(node.l, into) && keysOfRangeSet(node.r, into);
}

const TABLE_TO_SOURCE = new Map<string, SourceName>(
  (Object.entries(SOURCE_TABLES) as [SourceName, { table: string }][]).map(([name, spec]) => [
    spec.table,
    name,
  ]),
);

export function emptyChanges(): ReportChanges {
  return { rows: new Map(), settings: false };
}

/**
 * Folds one announcement into `changes`. Parts are named `idb://<database>/<table>/<index>`;
 * the primary key's part (index '') names the rows written.
 */
export function recordMutatedParts(
  changes: ReportChanges,
  databaseName: string,
  parts: Record<string, unknown>,
): boolean {
  const prefix = `idb://${databaseName}/`;
  let touched = false;
  for (const [part, rangeSet] of Object.entries(parts)) {
    if (!part.startsWith(prefix) || !part.endsWith('/')) continue;
    const table = part.slice(prefix.length, -1);
    if (SETTINGS_TABLES.includes(table)) {
      changes.settings = true;
      touched = true;
      continue;
    }
    const source = TABLE_TO_SOURCE.get(table);
    if (!source) continue;
    touched = true;
    const known = changes.rows.get(source);
    if (known === 'all') continue;
    const keys = known ?? new Set<string>();
    changes.rows.set(source, keysOfRangeSet(rangeSet as RangeNode, keys) ? keys : 'all');
  }
  return touched;
}

export type ChangeTracker = {
  /** The changes since the last take; the tracker starts collecting anew. */
  take(): ReportChanges;
  /** Calls `listener` after each write that touched a table the reports read. */
  onChange(listener: () => void): () => void;
  stop(): void;
};

/** Starts listening for writes to the tables the reports read in database `databaseName`. */
export function trackReportChanges(databaseName: string): ChangeTracker {
  let changes = emptyChanges();
  const listeners = new Set<() => void>();
  const listener = (parts: Record<string, unknown>) => {
    if (recordMutatedParts(changes, databaseName, parts)) for (const l of listeners) l();
  };
  Dexie.on('storagemutated', listener);
  return {
    take() {
      const taken = changes;
      changes = emptyChanges();
      return taken;
    },
    onChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    stop() {
      Dexie.on('storagemutated').unsubscribe(listener);
      listeners.clear();
    },
  };
}
