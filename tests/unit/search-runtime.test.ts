import { describe, expect, it } from 'vitest';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { SearchHost } from '../../src/renderer/src/services/crm/customers/search/search-host';
import { runSearch } from '../../src/renderer/src/services/crm/customers/search/search-runtime';
import { openSnapshotStore } from '../../src/renderer/src/services/crm/customers/search/snapshot-store';
import { announceSyncBurst, followSyncBursts } from '../../src/renderer/src/sync/sync-burst';
import { lastJournalSeq } from '../../src/renderer/src/services/crm/customers/search/search-journal';
import { draft, freshDb } from './helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (check()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Announces a sync burst and waits until a listener on the channel heard it. */
async function announced(databaseName: string, active: boolean): Promise<void> {
  let heard = false;
  const stop = followSyncBursts(databaseName, (value) => {
    heard = value === active;
  });
  try {
    announceSyncBurst(databaseName, active);
    await until(() => heard, 'the announcement');
    await sleep(20); // the runtime's listener hears it in the same turn or the next
  } finally {
    stop();
  }
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

  it('holds its catch-up while a sync burst is announced (any window) and catches up when it ends', async () => {
    const db = freshDb();
    const customers = createCustomerService(db);
    const host = new SearchHost(db, openSnapshotStore(db.name));
    const timing = { quietMs: 10, maxDelayMs: 50, burstMaxDelayMs: 60_000, burstLeaseMs: 60_000 };
    const runtime = runSearch(db, host, { idleSaveMs: 60_000, catchUpTiming: timing });
    try {
      await host.start();
      await customers.create(draft({ first_name: 'Before' }), 'US');
      const before = await lastJournalSeq(db);
      await until(() => host.diagnostics().appliedSeq === before, 'the catch-up of a write');
      // Another window's sync pulls pages (announced on the database's channel).
      await announced(db.name, true);
      await customers.create(draft({ first_name: 'During' }), 'US');
      const during = await lastJournalSeq(db);
      await sleep(400);
      expect(host.diagnostics().appliedSeq).toBe(before);
      await announced(db.name, false);
      await until(() => host.diagnostics().appliedSeq === during, 'the catch-up after the burst');
      expect(host.diagnostics().size).toBe(2);
    } finally {
      runtime.stop();
    }
  });

  it('catches up within burstMaxDelayMs during a long sync burst, and saves no snapshot until it ends', async () => {
    const db = freshDb();
    const customers = createCustomerService(db);
    const host = new SearchHost(db, openSnapshotStore(db.name));
    const timing = { quietMs: 10, maxDelayMs: 50, burstMaxDelayMs: 150, burstLeaseMs: 60_000 };
    let burst: (active: boolean) => void = () => undefined;
    const runtime = runSearch(db, host, {
      idleSaveMs: 30,
      catchUpTiming: timing,
      followBursts: (onMessage) => {
        burst = onMessage;
        return () => undefined;
      },
    });
    try {
      await host.start();
      burst(true);
      await customers.create(draft({ first_name: 'During' }), 'US');
      const during = await lastJournalSeq(db);
      await until(
        () => host.diagnostics().appliedSeq === during,
        'the catch-up within the maximum',
      );
      await sleep(300); // several idle periods: the save is put off while the burst runs
      expect(host.diagnostics().lastSave).toBeNull();
      burst(false);
      await until(() => host.diagnostics().lastSave?.seq === during, 'the save after the burst');
    } finally {
      runtime.stop();
    }
  });
});
