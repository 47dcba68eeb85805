import { describe, expect, it } from 'vitest';
import { CrmDatabase } from '../../src/renderer/src/db/database';
import { SYNCED_TABLES } from '../../src/renderer/src/db/schema';
import {
  TABLE_DECISIONS,
  decisionFor,
} from '../../src/renderer/src/services/crm/backup/table-decisions';

describe('every table has a backup decision', () => {
  // The real schema, as Dexie declares it: a table added in a new version() shows up here.
  const tables = new CrmDatabase('encore-schema-probe').tables.map((table) => table.name);

  it.each(tables)('%s is included or excluded, with the reason written down', (table) => {
    const decision = decisionFor(table);
    expect(
      decision,
      `${table} has no decision in services/crm/backup/table-decisions.ts`,
    ).toBeDefined();
    expect(decision?.why.length).toBeGreaterThan(5);
  });

  it('decides only about tables that exist', () => {
    expect(Object.keys(TABLE_DECISIONS).sort()).toEqual([...tables].sort());
  });

  it('includes every synced table and everything a user would miss', () => {
    for (const table of [
      ...SYNCED_TABLES,
      'import_jobs',
      'import_job_chunks',
      'saved_mappings',
      'app_settings',
      'sync_outbox',
      'sync_quarantine',
      'sync_state',
    ])
      expect(decisionFor(table)?.backup, table).toBe('include');
  });

  it('restores profiles before any table that points at them', () => {
    const order = Object.keys(TABLE_DECISIONS);
    for (const child of [
      'customer_emails',
      'customer_phones',
      'customer_engagement_metrics',
      'crm_tasks',
    ])
      expect(order.indexOf('customer_profiles')).toBeLessThan(order.indexOf(child));
  });
});
