/**
 * The search journal in batches (docs/search.md, "The journal"): one entry per list-row rebuild
 * (a pulled page, an import chunk, a form's save) naming its customers, not one per customer;
 * entries written before, one customer each, are still caught up after the update. A pulled
 * page's entry: tests/sync/search-journal-pages.test.ts.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import type { CustomerListRow } from '../../src/renderer/src/domain/records';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { DEFAULT_LIST_QUERY } from '../../src/renderer/src/services/crm/customers/customer-list-query';
import { SearchHost } from '../../src/renderer/src/services/crm/customers/search/search-host';
import { journalCustomerIds } from '../../src/renderer/src/services/crm/customers/search/search-journal';
import { openSnapshotStore } from '../../src/renderer/src/services/crm/customers/search/snapshot-store';
import { draft, emailDraft, freshDb } from './helpers';

/** The exact matches (close matches, one typo away, come after them). */
async function find(host: SearchHost, search: string) {
  const result = await host.query({ ...DEFAULT_LIST_QUERY, search }, { offset: 0, limit: 50 });
  return result?.ids.slice(0, result.firstCloseIndex);
}

async function journalEntries(db: CrmDatabase) {
  return (await db.search_journal.toArray()).filter((entry) => entry.seq !== 0);
}

describe('the search journal in batches', () => {
  it("writes one entry for a form's save and one for a delete", async () => {
    const db = freshDb();
    const customers = createCustomerService(db);
    const made = await customers.create(
      draft({ first_name: 'Ines', emails: [emailDraft('ines@x.io')] }),
      'US',
    );
    if (!made.ok) throw new Error('not created');
    await customers.remove(made.value);
    const entries = await journalEntries(db);
    expect(entries.map(journalCustomerIds)).toEqual([[made.value], [made.value]]);
  });

  it('catches up entries written before the batch shape (one customer each) after the update', async () => {
    // A database as version 6 of the app left it: a snapshot, then writes journaled one
    // customer per entry. The journal's shape changed, not its schema (`++seq` indexes
    // neither), so the same database opens without an upgrade and must lose no entry.
    const db = freshDb();
    const customers = createCustomerService(db);
    const made = await customers.create(draft({ first_name: 'Olga' }), 'US');
    if (!made.ok) throw new Error('not created');
    const first = new SearchHost(db, openSnapshotStore(db.name));
    await first.start();
    await first.save();
    const row = (await db.customers_crm_v.get(made.value)) as CustomerListRow;
    // The old writer, through a plain connection (no middleware): 40 list rows and 40 entries
    // of one customer each, and the saved customer edited and journaled the old way.
    const plain = new Dexie(db.name);
    await plain.open();
    const added = Array.from({ length: 40 }, (_, i) => {
      const n = String(i).padStart(3, '0');
      const email = `legacy${n}@old.example`;
      return { ...row, customer_id: `legacy-${n}`, all_emails: [email], primary_email: email };
    });
    await plain.transaction('rw', ['customers_crm_v', 'search_journal'], async () => {
      await plain.table('customers_crm_v').bulkPut(added);
      await plain.table('customers_crm_v').put({ ...row, last_name: 'Renamed' });
      await plain
        .table('search_journal')
        .bulkAdd([
          ...added.map((one) => ({ customer_id: one.customer_id })),
          { customer_id: made.value },
        ]);
    });
    plain.close();
    // A mixed journal: a new-shape entry after the old ones.
    const later = await customers.create(draft({ first_name: 'Pavla' }), 'US');
    if (!later.ok) throw new Error('not created');

    const host = new SearchHost(db, openSnapshotStore(db.name), { journalBatch: 7 });
    await host.start();
    expect(host.diagnostics().lastStart?.kind).toBe('snapshot');
    expect(host.diagnostics().size).toBe(42);
    for (const n of ['000', '006', '007', '020', '039'])
      expect(await find(host, `legacy${n}@old.example`)).toEqual([`legacy-${n}`]);
    expect(await find(host, 'renamed')).toEqual([made.value]);
    expect(await find(host, 'pavla')).toEqual([later.value]);
    // The next snapshot covers them all and trims the old entries.
    await host.save();
    expect(await journalEntries(db)).toEqual([]);
  });
});
