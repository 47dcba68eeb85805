import { describe, expect, it } from 'vitest';
import { TABLE_GUARDS } from '../../src/renderer/src/db/guard-middleware';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from '../../src/renderer/src/db/schema';

describe('the guard registry', () => {
  it('guards only tables the schema has (a misspelt name would guard nothing)', () => {
    const tables = new Set(Object.keys({ ...SCHEMA_V1, ...SCHEMA_V2, ...SCHEMA_V3 }));
    for (const name of Object.keys(TABLE_GUARDS)) expect(tables.has(name), name).toBe(true);
  });

  it('has the rules of contact points, task assignments and links', () => {
    expect(Object.keys(TABLE_GUARDS).sort()).toEqual([
      'crm_task_assignments',
      'customer_emails',
      'customer_phones',
      'customer_relationships',
    ]);
  });
});
