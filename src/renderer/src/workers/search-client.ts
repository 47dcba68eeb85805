/**
 * `customerSearch(db)`: the customer search, one per database. In the browser the index lives
 * in a Web Worker (search-worker.ts); where there are no workers (Node tests) the same host runs
 * in-process. Both give the same API; a query answers `indexing` while the index loads.
 */
import * as Comlink from 'comlink';
import type { CrmDatabase } from '../db/database';
import type { SearchQuery, SearchResult, SearchWindow } from '../domain/search/search-types';
import type { CustomerListRow } from '../domain/records';
import type { RowsAnswer, SearchDiagnostics } from '../services/crm/customers/search/search-host';
import type { SearchWorkerApi } from './search-worker';

export type SearchAnswer =
  { state: 'indexing'; indexed: number } | { state: 'ready'; result: SearchResult };

/** A window with its list rows (undefined where the customer was deleted meanwhile). */
export type SearchRowsAnswer =
  | { state: 'indexing'; indexed: number }
  | {
      state: 'ready';
      result: SearchResult;
      rows: (CustomerListRow | undefined)[];
      spent: RowsAnswer['spent'];
    };

export type CustomerSearch = {
  /** Starts loading the index (idempotent); resolves when it is ready. */
  whenReady(): Promise<void>;
  /** `seenSeq` as in queryWithRows. */
  query(query: SearchQuery, window: SearchWindow, seenSeq?: number): Promise<SearchAnswer>;
  /**
   * The same, with the window's list rows read by the host (one round trip for a page).
   * `seenSeq`: the search journal's last seq the caller has seen; the host reads the journal
   * first only when it has not applied that far (search-host.ts).
   */
  queryWithRows(
    query: SearchQuery,
    window: SearchWindow,
    seenSeq?: number,
  ): Promise<SearchRowsAnswer>;
  /**
   * Every matching id in order (exports, "select all matches"); waits for the index.
   * `seenSeq` as in queryWithRows.
   */
  allIds(query: SearchQuery, seenSeq?: number): Promise<string[]>;
  /** Distinct tags of live customers ([] while indexing). */
  tags(): Promise<string[]>;
  diagnostics(): Promise<SearchDiagnostics>;
  save(): Promise<void>;
  /** Called when the index's state changes (loading, rebuilding, ready) or it applied writes. */
  subscribe(listener: () => void): () => void;
  /**
   * When the last queryWithRows was asked and when its answer arrived here (performance.now),
   * for bench:search's split of a keystroke: before the ask, the round trip, after the answer.
   */
  lastRowsTiming(): RowsTiming | null;
};

export type RowsTiming = {
  search: string;
  asked: number;
  arrived: number;
  /** Rows in the answer. */
  rows: number;
  /** The host's own time in it (catch-up, engine, rows). */
  spent: RowsAnswer['spent'];
};

type Backend = {
  whenReady(): Promise<void>;
  query(query: SearchQuery, window: SearchWindow, seenSeq?: number): Promise<SearchResult | null>;
  queryWithRows(
    query: SearchQuery,
    window: SearchWindow,
    seenSeq?: number,
  ): Promise<RowsAnswer | null>;
  allIds(query: SearchQuery, seenSeq?: number): Promise<string[]>;
  tags(): Promise<string[]>;
  diagnostics(): Promise<SearchDiagnostics>;
  save(): Promise<void>;
};

/**
 * Without Workers (Node: the unit tests) the host runs here. Imported on first use: the app
 * always has Workers, and the engine (~28 KiB) stays out of its start chunk.
 */
function inProcess(db: CrmDatabase, notify: () => void): Backend {
  const loaded = Promise.all([
    import('../services/crm/customers/search/search-host'),
    import('../services/crm/customers/search/snapshot-store'),
  ]).then(([{ SearchHost }, { openSnapshotStore }]) => {
    const host = new SearchHost(db, openSnapshotStore(db.name));
    host.subscribe(notify);
    return host;
  });
  const started = async () => {
    const host = await loaded;
    void host.start().catch(() => undefined);
    return host;
  };
  return {
    whenReady: async () => (await loaded).start(),
    query: async (query, window, seenSeq) => (await started()).query(query, window, seenSeq),
    queryWithRows: async (query, window, seenSeq) =>
      (await started()).queryWithRows(query, window, seenSeq),
    allIds: async (query, seenSeq) => (await loaded).allIds(query, seenSeq),
    tags: async () => (await loaded).tags(),
    diagnostics: async () => (await loaded).diagnostics(),
    save: async () => (await loaded).save(),
  };
}

function inWorker(db: CrmDatabase, notify: () => void): Backend {
  const remote = Comlink.wrap<SearchWorkerApi>(
    new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module' }),
  );
  void remote.start(db.name, Comlink.proxy(notify));
  return {
    whenReady: () => remote.whenReady(),
    query: (query, window, seenSeq) =>
      remote.query(query, window, seenSeq) as Promise<SearchResult | null>,
    queryWithRows: (query, window, seenSeq) =>
      remote.queryWithRows(query, window, seenSeq) as Promise<RowsAnswer | null>,
    allIds: (query, seenSeq) => remote.allIds(query, seenSeq),
    tags: () => remote.tags(),
    diagnostics: () => remote.diagnostics() as Promise<SearchDiagnostics>,
    save: () => remote.save(),
  };
}

function createCustomerSearch(db: CrmDatabase): CustomerSearch {
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  const backend = typeof Worker === 'undefined' ? inProcess(db, notify) : inWorker(db, notify);
  let rowsTiming: RowsTiming | null = null;
  return {
    whenReady: () => backend.whenReady(),
    async query(query, window, seenSeq) {
      const result = await backend.query(query, window, seenSeq);
      if (result) return { state: 'ready', result };
      return { state: 'indexing', indexed: (await backend.diagnostics()).rebuilt };
    },
    async queryWithRows(query, window, seenSeq) {
      const asked = performance.now();
      const answer = await backend.queryWithRows(query, window, seenSeq);
      const arrived = performance.now();
      rowsTiming = {
        search: query.search,
        asked,
        arrived,
        rows: answer?.rows.length ?? 0,
        spent: answer?.spent ?? null,
      };
      if (answer) return { state: 'ready', ...answer };
      return { state: 'indexing', indexed: (await backend.diagnostics()).rebuilt };
    },
    async allIds(query, seenSeq) {
      await backend.whenReady();
      return backend.allIds(query, seenSeq);
    },
    tags: () => backend.tags(),
    diagnostics: () => backend.diagnostics(),
    save: () => backend.save(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lastRowsTiming: () => rowsTiming,
  };
}

const searches = new WeakMap<CrmDatabase, CustomerSearch>();

export function customerSearch(db: CrmDatabase): CustomerSearch {
  let search = searches.get(db);
  if (!search) {
    search = createCustomerSearch(db);
    searches.set(db, search);
  }
  return search;
}
