import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CrmDatabase } from '../../src/renderer/src/db/database';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from '../../src/renderer/src/db/schema';
import { projectCustomerRow } from '../../src/renderer/src/domain/customer-projection';
import { newId } from '../../src/renderer/src/domain/ids';
import {
  DEFAULT_LIST_QUERY,
  queryCustomerIds,
} from '../../src/renderer/src/services/crm/customers/customer-list-query';
import { customerSearch } from '../../src/renderer/src/workers/search-client';
import { sampleLinks, sampleRow } from './synced-samples';
import { BULK_DATABASE_BUDGET_MS } from './budgets';

/** A database as version 3 left it: list rows with search_tokens, no journal. */
async function versionThreeDatabase(name: string, customers: number) {
  const old = new Dexie(name);
  old.version(1).stores(SCHEMA_V1);
  old.version(2).stores(SCHEMA_V2);
  old.version(3).stores(SCHEMA_V3);
  const ids: string[] = [];
  const tables: Record<string, unknown[]> = {
    customer_profiles: [],
    customer_emails: [],
    customer_phones: [],
    customers_crm_v: [],
  };
  for (let i = 0; i < customers; i += 1) {
    const links = sampleLinks();
    const profile = {
      ...sampleRow('customer_profiles', links),
      id: links.customer,
      first_name: `Fan${i}`,
      last_name: i % 2 ? 'Müller' : 'Ávila',
      notes: `met at gig${i}`,
    };
    const email = {
      ...sampleRow('customer_emails', links),
      id: newId(),
      address: `fan${i}@old.example`,
      address_normalized: `fan${i}@old.example`,
    };
    const phone = {
      ...sampleRow('customer_phones', links),
      id: newId(),
      e164: `+4915100${1000 + i}`,
    };
    const row = projectCustomerRow({ profile, emails: [email], phones: [phone], touchpoints: [] })!;
    const { all_emails: _e, all_phones: _p, notes: _n, ...rest } = row;
    tables.customer_profiles!.push(profile);
    tables.customer_emails!.push(email);
    tables.customer_phones!.push(phone);
    tables.customers_crm_v!.push({ ...rest, search_tokens: ['fan', 'old'] });
    ids.push(profile.id);
  }
  for (const [table, rows] of Object.entries(tables)) await old.table(table).bulkAdd(rows);
  old.close();
  return ids.sort();
}

describe('schema version 4', { timeout: BULK_DATABASE_BUDGET_MS }, () => {
  it('upgrades a version 3 database without losing a customer, and search finds them', async () => {
    const name = `encore-upgrade-${newId()}`;
    const ids = await versionThreeDatabase(name, 2_050);
    const db = new CrmDatabase(name);
    const rows = await db.customers_crm_v.toArray();
    expect(rows.map((row) => row.customer_id).sort()).toEqual(ids);
    expect(rows.every((row) => !('search_tokens' in row))).toBe(true);
    const byName = new Map(rows.map((row) => [row.first_name, row]));
    expect(byName.get('Fan7')).toMatchObject({
      all_emails: ['fan7@old.example'],
      all_phones: ['+49151001007'],
      notes: 'met at gig7',
    });
    // Exact matches only (a number one digit away is a close match).
    const search = async (text: string) => {
      await customerSearch(db).whenReady();
      const answer = await customerSearch(db).query(
        { ...DEFAULT_LIST_QUERY, search: text },
        { offset: 0, limit: 3_000 },
      );
      return answer.state === 'ready' ? answer.result.ids.slice(0, answer.result.exactCount) : [];
    };
    expect(await search('fan2049')).toEqual([byName.get('Fan2049')?.customer_id]);
    expect(await search('muller gig2047')).toEqual([byName.get('Fan2047')?.customer_id]);
    expect(await search('1001007')).toEqual([byName.get('Fan7')?.customer_id]);
    expect(
      await queryCustomerIds(db, { ...DEFAULT_LIST_QUERY, search: 'old.example' }),
    ).toHaveLength(2_050);
    expect(
      db.tables.find((t) => t.name === 'customers_crm_v')?.schema.indexes.map((i) => i.name),
      // The token and filter indexes are gone (version 5 adds the engagement sort's index).
    ).toEqual(['sort_name', 'created_at', 'updated_at', 'last_touch_at', 'engagement_log']);
    db.close();
  });
});
