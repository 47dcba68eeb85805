import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CrmDatabase } from '../../src/renderer/src/db/database';
import {
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
  SCHEMA_V5,
  SCHEMA_V6,
} from '../../src/renderer/src/db/schema';
import { newId } from '../../src/renderer/src/domain/ids';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';
import { createDemoDataService } from '../../src/renderer/src/services/crm/demo/demo-data-service';
import { createReportEngine } from '../../src/renderer/src/services/crm/reports/report-engine';
import { openReportSnapshotStore } from '../../src/renderer/src/services/crm/reports/report-snapshot-store';
import { freshDb } from './helpers';

const NOW = new Date('2026-12-06T12:00:00Z');

/** Every row of every table of a database, by table. */
async function dump(db: Dexie): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

describe('schema version 7', () => {
  it('upgrades a version 6 database without losing a row; the first reports visit rebuilds', async () => {
    // The demo's rows, written into a database as version 6 left it.
    const demo = freshDb();
    await createDemoDataService(demo).loadDemoDeals();
    const rows = await dump(demo);
    const reference = createReportEngine(demo);
    await reference.load(NOW, 'all');
    const expected = reference.compute(NO_REPORT_FILTER);
    reference.stop();
    demo.close();
    await demo.delete();

    const name = `encore-v6-${newId()}`;
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    old.version(2).stores(SCHEMA_V2);
    old.version(3).stores(SCHEMA_V3);
    old.version(4).stores(SCHEMA_V4);
    old.version(5).stores(SCHEMA_V5);
    old.version(6).stores(SCHEMA_V6);
    await old.open();
    for (const table of old.tables) await table.bulkAdd(rows[table.name] ?? []);
    expect(old.verno).toBe(6);
    old.close();

    const db = new CrmDatabase(name);
    const store = openReportSnapshotStore(name);
    try {
      await db.open();
      expect(db.verno).toBeGreaterThanOrEqual(7);
      const after = await dump(db);
      for (const [table, before] of Object.entries(rows)) {
        if (table === 'reports_journal') continue;
        expect(after[table], table).toEqual(before);
      }
      expect(after.event_deals!.length).toBeGreaterThan(0);
      // Nothing journaled before the reports start the journal.
      expect(after.reports_journal).toEqual([]);
      const engine = createReportEngine(db, undefined, { snapshots: store });
      const first = await engine.load(NOW, 'all');
      expect(first.snapshot).toBe('missing');
      expect(engine.compute(NO_REPORT_FILTER)).toEqual({
        ...expected,
        computeMs: expect.any(Number),
      });
      await engine.saveSnapshot();
      engine.stop();
      const again = createReportEngine(db, undefined, { snapshots: store });
      expect((await again.load(NOW, 'all')).snapshot).toBe('restored');
      again.stop();
    } finally {
      store.close();
      db.close();
      await db.delete();
    }
  }, 60_000);
});
