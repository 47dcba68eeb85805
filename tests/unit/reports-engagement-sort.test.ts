import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import type { TouchpointKind } from '../../src/renderer/src/domain/records';
import {
  displayScore,
  engagementLogScore,
  NO_ENGAGEMENT_LOG,
  storedLog,
} from '../../src/renderer/src/domain/reports/engagement-score';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import {
  DEFAULT_LIST_QUERY,
  queryCustomerIds,
} from '../../src/renderer/src/services/crm/customers/customer-list-query';
import { draft, freshDb } from './helpers';

let db: CrmDatabase;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function customer(first_name: string, tags: string[] = ['fan']): Promise<string> {
  const result = await createCustomerService(db).create(draft({ first_name, tags }), 'US');
  if (!result.ok) throw new Error('setup failed');
  return result.value;
}

let n = 0;
function touch(customer_id: string, kind: TouchpointKind, occurred_at: string) {
  n += 1;
  return db.customer_engagement_metrics.add({
    id: `t${n}`,
    customer_id,
    kind,
    occurred_at,
    value: 0,
    summary: '',
    source: 'manual',
    created_at: occurred_at,
    updated_at: occurred_at,
    deleted: 0,
  });
}

describe('the engagement score on the customer list', () => {
  it('is kept on the list row by the touchpoint write itself, and the list sorts by it', async () => {
    const ana = await customer('Ana');
    const bo = await customer('Bo');
    const cy = await customer('Cy');
    // Bo was touched last, but less: the score ranks Ana first, the last touch would not.
    await touch(bo, 'email', '2026-12-05T10:00:00.000Z');
    await touch(ana, 'show-attended', '2026-12-01T10:00:00.000Z');
    await touch(ana, 'call', '2026-12-02T10:00:00.000Z');
    const rows = await db.customers_crm_v.bulkGet([ana, bo, cy]);
    const expected = engagementLogScore([
      { kind: 'show-attended', value: 0, occurred_at: '2026-12-01T10:00:00.000Z', deleted: 0 },
      { kind: 'call', value: 0, occurred_at: '2026-12-02T10:00:00.000Z', deleted: 0 },
    ]);
    expect(rows[0]!.engagement_log).toBeCloseTo(expected!, 9);
    expect(rows[2]!.engagement_log).toBe(NO_ENGAGEMENT_LOG);
    const now = Date.parse('2026-12-06T12:00:00Z');
    expect(displayScore(storedLog(rows[2]!.engagement_log), now)).toBe(0);
    expect(displayScore(storedLog(rows[0]!.engagement_log), now)).toBeGreaterThan(
      displayScore(storedLog(rows[1]!.engagement_log), now),
    );
    const bySort = { ...DEFAULT_LIST_QUERY, sort: 'score' as const, direction: 'desc' as const };
    // Unfiltered, the list reads the index; filtered, it sorts in memory: both agree.
    expect(await queryCustomerIds(db, bySort)).toEqual([ana, bo, cy]);
    expect(await queryCustomerIds(db, { ...bySort, tag: 'fan' })).toEqual([ana, bo, cy]);
  });

  it('a removed touchpoint lowers the score back', async () => {
    const ana = await customer('Ana');
    await touch(ana, 'meeting', '2026-12-01T10:00:00.000Z');
    await db.customer_engagement_metrics.update('t' + n, { deleted: 1 });
    expect((await db.customers_crm_v.get(ana))!.engagement_log).toBe(NO_ENGAGEMENT_LOG);
  });
});
