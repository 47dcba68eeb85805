/**
 * The start, in order (docs/architecture.md, "The start path"): the database opens as soon as
 * the start chunk has run, before React draws anything; the list's first window (one indexed
 * read) starts the moment it is open, while React renders the shell; everything else waits
 * until the first screen is shown (app/first-screen.ts), the search index first.
 */
import { getDb } from '../db/instance';
import { prefetchFirstWindow } from '../services/crm/customers/customer-list-query';
import { useCustomerListStore } from '../stores/customers/customer-list-store';
import { customerSearch } from '../workers/search-client';
import { afterFirstScreen } from './first-screen';
import { watchListWrites } from './first-paint/watch-writes';
import { openStorage } from './storage-startup';

export function startApp(): void {
  watchListWrites(getDb().name);
  // Attempt 0: the storage gate, once mounted, awaits this same opening (and shows its work).
  void openStorage(0, { skipUpgradeBackup: false, onWork: () => undefined }).then(
    () => prefetchFirstWindow(getDb(), useCustomerListStore.getState().query),
    () => undefined, // the gate shows what went wrong
  );
  // Loaded after the first screen, so it is ready when first typed without slowing the rows.
  void afterFirstScreen().then(() =>
    customerSearch(getDb())
      .whenReady()
      .catch((error: unknown) => console.error('search:', error)),
  );
}
