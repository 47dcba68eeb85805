/**
 * A pulled page writes ONE search journal entry naming its customers (docs/search.md, "The
 * journal"), and the search host catching up from those entries finds every customer.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST_QUERY } from '../../src/renderer/src/services/crm/customers/customer-list-query';
import { SearchHost } from '../../src/renderer/src/services/crm/customers/search/search-host';
import { journalCustomerIds } from '../../src/renderer/src/services/crm/customers/search/search-journal';
import { openSnapshotStore } from '../../src/renderer/src/services/crm/customers/search/snapshot-store';
import { pullAll } from '../../src/renderer/src/sync/engine';
import { freshDb } from '../unit/helpers';
import { customerRows, pagesTransport } from './pulled-pages';

/** The exact matches (close matches, one typo away, come after them). */
async function find(host: SearchHost, search: string) {
  const result = await host.query({ ...DEFAULT_LIST_QUERY, search }, { offset: 0, limit: 50 });
  return result?.ids.slice(0, result.firstCloseIndex);
}

describe('the search journal of a pull', () => {
  it('writes one entry per pulled page naming its customers, and search finds each of them', async () => {
    const db = freshDb();
    await db.open();
    const host = new SearchHost(db, openSnapshotStore(db.name), { journalBatch: 300 });
    await host.start();
    // 1,000 customers = 3,000 rows: pages of 1,000 rows.
    const result = await pullAll(db, pagesTransport(customerRows(1000)), { pageSize: 1000 });
    expect(result.pulled).toBe(3000);
    const entries = (await db.search_journal.toArray()).filter((entry) => entry.seq !== 0);
    expect(entries).toHaveLength(3);
    const named = entries.flatMap(journalCustomerIds);
    expect(new Set(named).size).toBe(1000);
    // Caught up in batches of about 300 customers (entries of ~333 each: one entry a batch).
    // Each customer of each page is found (by its phone: 7 digits only it has).
    for (const i of [0, 7, 333, 334, 666, 667, 999])
      expect(await find(host, String(2_000_000 + i))).toEqual([
        `0190cust-${String(i).padStart(7, '0')}`,
      ]);
    expect((await host.query(DEFAULT_LIST_QUERY, { offset: 0, limit: 1 }))?.exactCount).toBe(1000);
  });
});
