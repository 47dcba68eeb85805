import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { bufferByteSource } from '@shared/csv';
import fc from 'fast-check';
import { CrmDatabase } from '../../src/renderer/src/db/database';
import {
  STAGING_DATABASE,
  commitPendingRestore,
} from '../../src/renderer/src/services/crm/backup/restore-commit';
import { restoreIntoStaging } from '../../src/renderer/src/services/crm/backup/restore-staging';
import {
  restoredOutboxEntry,
  restoredSyncState,
} from '../../src/renderer/src/services/crm/backup/restore-sync';
import type { OutboxEntry } from '../../src/renderer/src/domain/records';
import { scenarioArbitrary, writeScenario } from './backup-arbitraries';
import { backupBytes, databaseExists, memoryMarker, snapshot, stagingName } from './backup-helpers';
import { freshDb } from './helpers';

async function stagedFrom(seed: number) {
  const source = freshDb();
  await writeScenario(source, fc.sample(scenarioArbitrary, { numRuns: 1, seed })[0]!);
  const staging = stagingName();
  const summary = await restoreIntoStaging(
    bufferByteSource(await backupBytes(source), 'b.ndjson'),
    {
      stagingName: staging,
      deviceSyncState: [],
      newClientId: 'new-client',
    },
  );
  const marker = memoryMarker();
  marker.write({
    staging,
    fileName: 'b.ndjson',
    backupCreatedAt: summary.header.created_at,
    customers: summary.counts['customer_profiles'] ?? 0,
  });
  return { staging, marker };
}

describe('swapping a staged restore in', () => {
  it('a copy cut off halfway is done again, whole, on the next start', async () => {
    const { staging, marker } = await stagedFrom(4);
    const stagedDb = await new Dexie(staging).open();
    const stagedRows = await snapshot(stagedDb);
    stagedDb.close();
    const target = freshDb();
    await writeScenario(target, fc.sample(scenarioArbitrary, { numRuns: 1, seed: 8 })[0]!);
    target.close();

    // The window closes after three tables: some cleared and refilled, the rest as they were.
    const crash = commitPendingRestore(marker, target.name, ({ tablesDone }) => {
      if (tablesDone === 3) throw new Error('window closed');
    });
    await expect(crash).rejects.toThrow('window closed');
    expect(marker.value).not.toBeNull();
    expect(await databaseExists(staging)).toBe(true);

    // Next start: the marker is still there, so the copy runs again from the beginning.
    await expect(commitPendingRestore(marker, target.name)).resolves.toMatchObject({ staging });
    expect(marker.value).toBeNull();
    expect(await databaseExists(staging)).toBe(false);
    const restored = new CrmDatabase(target.name);
    expect(await snapshot(restored)).toEqual(stagedRows);
  });

  it('with no restore due, removes a staging database a closed window left behind', async () => {
    await new CrmDatabase(STAGING_DATABASE).open().then((db) => db.close());
    const marker = memoryMarker();
    await expect(commitPendingRestore(marker, 'encore-unused')).resolves.toBeNull();
    expect(await databaseExists(STAGING_DATABASE)).toBe(false);
  });

  it('a marker whose staging database is gone is dropped with a clear error, target untouched', async () => {
    const marker = memoryMarker();
    marker.write({ staging: 'gone', fileName: 'b', backupCreatedAt: '', customers: 0 });
    const target = freshDb();
    await writeScenario(target, fc.sample(scenarioArbitrary, { numRuns: 1, seed: 1 })[0]!);
    const before = await snapshot(target);
    target.close();
    await expect(commitPendingRestore(marker, target.name)).rejects.toThrow(
      /restore the file again/,
    );
    expect(marker.value).toBeNull();
    expect(await snapshot(new CrmDatabase(target.name))).toEqual(before);
  });
});

describe('sync bookkeeping after a restore', () => {
  const backup = [
    { key: 'client_id', value: 'old-client' },
    { key: 'next_push_seq', value: 58 },
    { key: 'pull_cursor', value: 'cursor-at-backup' },
    { key: 'hlc', value: '001764230400000-000003-nodeA' },
    { key: 'remote_hlc_max', value: '001764230400000-000001-srv' },
    { key: 'last_synced_at', value: '2026-11-20T10:00:00.000Z' },
  ];

  it('gets a new client id and numbers pushes afresh, keeping the cursor (team changes since are pulled)', () => {
    const state = new Map(restoredSyncState(backup, [], 'fresh').map((e) => [e.key, e.value]));
    expect(state.get('client_id')).toBe('fresh');
    expect(state.has('next_push_seq')).toBe(false);
    expect(state.get('pull_cursor')).toBe('cursor-at-backup');
    expect(state.get('last_synced_at')).toBe('2026-11-20T10:00:00.000Z');
  });

  it('never lets a clock go back to the backup time', () => {
    const device = [
      { key: 'hlc', value: '001764900000000-000000-nodeB' },
      { key: 'remote_hlc_max', value: '001764100000000-000000-srv' },
    ];
    const state = new Map(restoredSyncState(backup, device, 'fresh').map((e) => [e.key, e.value]));
    expect(state.get('hlc')).toBe('001764900000000-000000-nodeB');
    expect(state.get('remote_hlc_max')).toBe('001764230400000-000001-srv');
  });

  it('outbox entries keep everything but their old push number', () => {
    const entry: OutboxEntry = {
      seq: 7,
      table: 'customer_profiles',
      row_id: 'a',
      op: 'put',
      value: { id: 'a' },
      changed_fields: ['first_name'],
      tx_id: 't',
      captured_at: '2026-11-20T10:00:00.000Z',
      hlc: '001764230400000-000003-nodeA',
      push_seq: 41,
    };
    const { push_seq: _gone, ...rest } = entry;
    expect(restoredOutboxEntry(entry)).toEqual(rest);
  });
});
