/**
 * The customer search index off the UI thread (docs/search.md, "Wiring"). The worker opens
 * its own connection to the CRM database (reads only: list rows and the search journal) and
 * the snapshot database beside it; Dexie tells it of every write made in any window, and the
 * runtime applies them. The window asks through search-client.ts.
 */
import * as Comlink from 'comlink';
import { CrmDatabase } from '../db/database';
import type { SearchQuery, SearchWindow } from '../domain/search/search-types';
import { SearchHost } from '../services/crm/customers/search/search-host';
import { WritePacer } from '../services/crm/customers/search/rebuild-pace';
import { runSearch } from '../services/crm/customers/search/search-runtime';
import { openSnapshotStore } from '../services/crm/customers/search/snapshot-store';

let host: SearchHost | null = null;

// When this worker's code ran and when the window asked it to start (epoch ms, comparable with
// the window's clock): a cold start's time before the host's own phases.
const epoch = () => performance.timeOrigin + performance.now();
const timeline: Record<string, number> = { 'worker script run': epoch() };

function current(): SearchHost {
  if (!host) throw new Error('The search worker was not started.');
  return host;
}

// A rebuild yields between chunks and audit ranges, so queries answer "indexing" meanwhile.
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const api = {
  start(databaseName: string, onChange: () => void): void {
    if (host) return;
    timeline['start asked'] = epoch();
    const db = new CrmDatabase(databaseName);
    // A rebuild's next chunk waits while writes come (a write waits for one chunk at most).
    const pacer = new WritePacer();
    host = new SearchHost(db, openSnapshotStore(databaseName), {
      yieldBetweenBatches: yieldToMessages,
      beforeChunk: () => pacer.beforeChunk(),
    });
    host.subscribe(onChange);
    runSearch(db, host, { onWrite: () => pacer.noteWrite() });
  },
  whenReady: () => current().start(),
  query: (query: SearchQuery, window: SearchWindow, seenSeq?: number) =>
    current().query(query, window, seenSeq),
  queryWithRows: (query: SearchQuery, window: SearchWindow, seenSeq?: number) =>
    current().queryWithRows(query, window, seenSeq),
  allIds: (query: SearchQuery, seenSeq?: number) => current().allIds(query, seenSeq),
  tags: () => current().tags(),
  diagnostics: () => ({ ...current().diagnostics(), timeline }),
  save: () => current().save(),
};

export type SearchWorkerApi = typeof api;

Comlink.expose(api);
