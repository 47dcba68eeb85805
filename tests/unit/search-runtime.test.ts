import { describe, expect, it } from 'vitest';
import type { SearchJournalMeta } from '../../src/renderer/src/domain/records';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { SearchHost } from '../../src/renderer/src/services/crm/customers/search/search-host';
import {
  lastJournalSeq,
  trimJournal,
} from '../../src/renderer/src/services/crm/customers/search/search-journal';
import { runSearch } from '../../src/renderer/src/services/crm/customers/search/search-runtime';
import { openSnapshotStore } from '../../src/renderer/src/services/crm/customers/search/snapshot-store';
import { draft, freshDb } from './helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (check()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the search runtime', () => {
  it('audits the index against the list count once after start (not during it) and rebuilds a drifted one', async () => {
    const db = freshDb();
    const customers = createCustomerService(db);
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const created = await customers.create(draft({ first_name: `Fan${i}` }), 'US');
      if (!created.ok) throw new Error('setup failed');
      ids.push(created.value);
    }
    const first = new SearchHost(db, openSnapshotStore(db.name));
    await first.start();
    await first.save();
    // A list row removed behind the journal's back: only the count can tell.
    await db.customers_crm_v.delete(ids[2]!);
    const host = new SearchHost(db, openSnapshotStore(db.name));
    const runtime = runSearch(db, host, { idleSaveMs: 60_000, auditMs: 30 });
    try {
      await host.start();
      expect(host.diagnostics().lastStart?.kind).toBe('snapshot');
      expect(host.diagnostics().size).toBe(6);
      await until(() => host.diagnostics().lastStart?.kind === 'rebuild', 'the audit');
      expect(host.diagnostics().lastStart?.reason).toBe('stale: 6 customers indexed, 5 listed');
      await until(() => host.ready, 'ready');
      expect(host.diagnostics().size).toBe(5);
    } finally {
      runtime.stop();
    }
  });

  it("tells of each write made while it runs (a rebuild's pacer), not of the journal it found", async () => {
    const db = freshDb();
    const customers = createCustomerService(db);
    const created = await customers.create(draft({ first_name: 'Ilse' }), 'US');
    if (!created.ok) throw new Error('setup failed');
    const host = new SearchHost(db, openSnapshotStore(db.name));
    let writes = 0;
    const runtime = runSearch(db, host, {
      idleSaveMs: 60_000,
      auditMs: 60_000,
      onWrite: () => (writes += 1),
    });
    try {
      await host.start();
      await until(() => host.ready, 'ready');
      await sleep(50);
      expect(writes).toBe(0);
      await customers.updateProfile(created.value, { first_name: 'Ilsa' });
      await until(() => writes === 1, 'the write told');
      // The host's own trim of the journal (after a snapshot) is no write of the user's.
      await until(() => host.ready, 'ready again');
      await trimJournal(db, await lastJournalSeq(db));
      await sleep(50);
      expect(writes).toBe(1);
      await customers.updateProfile(created.value, { first_name: 'Ilse' });
      await until(() => writes === 2, 'the next write told');
    } finally {
      runtime.stop();
    }
  });

  // The host's first start writes the journal's meta row (entry 0) while the runtime's watch
  // of the journal makes its first read: when the read came first, the meta row was told as
  // a write (1 failure in about 12 whole unit runs here; the rebuild's pacer then waited).
  it('does not tell of a rewrite of the meta row or a trim, which add no entry', async () => {
    const db = freshDb();
    const customers = createCustomerService(db);
    const created = await customers.create(draft({ first_name: 'Ilse' }), 'US');
    if (!created.ok) throw new Error('setup failed');
    const host = new SearchHost(db, openSnapshotStore(db.name));
    let writes = 0;
    const runtime = runSearch(db, host, {
      idleSaveMs: 60_000,
      auditMs: 60_000,
      onWrite: () => (writes += 1),
    });
    try {
      await host.start();
      await until(() => host.ready, 'ready');
      const meta = (await db.search_journal.get(0)) as SearchJournalMeta;
      await db.search_journal.put({ ...meta });
      await sleep(50);
      expect(writes).toBe(0);
      await customers.updateProfile(created.value, { first_name: 'Ilsa' });
      await until(() => writes === 1, 'the write told');
      await db.search_journal.put({ ...meta, trimmed_through: 1 });
      await sleep(50);
      expect(writes).toBe(1);
    } finally {
      runtime.stop();
    }
  });
});
