/**
 * The reports engine keeps the rows it read and, on a later load, re-reads only the rows
 * writes named since. The promise: whatever the writes, the figures after such a load equal
 * the figures of an engine that reads every row afresh, and the load read fewer rows.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import type { DealStatus } from '../../src/renderer/src/domain/deals/statuses';
import { DEAL_STATUSES } from '../../src/renderer/src/domain/deals/statuses';
import type { ReportFilter } from '../../src/renderer/src/domain/reports/filter';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';
import { TOUCHPOINT_KINDS } from '../../src/renderer/src/domain/records';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { createDealService } from '../../src/renderer/src/services/crm/deals/deal-service';
import { createDemoDataService } from '../../src/renderer/src/services/crm/demo/demo-data-service';
import type { ReportEngine } from '../../src/renderer/src/services/crm/reports/report-engine';
import { createReportEngine } from '../../src/renderer/src/services/crm/reports/report-engine';
import {
  emptyChanges,
  recordMutatedParts,
} from '../../src/renderer/src/services/crm/reports/report-changes';
import { createReportSettingsService } from '../../src/renderer/src/services/crm/reports/report-settings-service';
import { createTaskService } from '../../src/renderer/src/services/crm/tasks/task-service';
import { createTeamService } from '../../src/renderer/src/services/crm/team/team-service';
import { draft, freshDb } from './helpers';

const NOW = new Date('2026-12-06T12:00:00Z');

/** One write, as a person makes it through the app's services. */
type Write =
  | { kind: 'touch'; who: number; what: number; daysAgo: number; value: number }
  | { kind: 'untouch'; which: number }
  | { kind: 'tag'; who: number; tag: string }
  | { kind: 'remove-customer'; who: number }
  | { kind: 'new-customer'; name: string; tag: string }
  | { kind: 'move'; deal: number; to: DealStatus }
  | { kind: 'amount'; deal: number; minor: number }
  | { kind: 'remove-deal'; deal: number }
  | { kind: 'participant'; deal: number; who: number }
  | { kind: 'task'; who: number; dueDays: number }
  | { kind: 'complete'; task: number }
  | { kind: 'member'; name: string }
  | { kind: 'currency'; code: 'EUR' | 'USD' }
  | { kind: 'rates'; usd: string };

const TAGS = ['vip', 'VIP', 'press', 'crew'];

const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({
    kind: fc.constant('touch' as const),
    who: fc.nat(),
    what: fc.nat(),
    daysAgo: fc.integer({ min: 0, max: 400 }),
    value: fc.integer({ min: 0, max: 50_000 }),
  }),
  fc.record({ kind: fc.constant('untouch' as const), which: fc.nat() }),
  fc.record({ kind: fc.constant('tag' as const), who: fc.nat(), tag: fc.constantFrom(...TAGS) }),
  fc.record({ kind: fc.constant('remove-customer' as const), who: fc.nat() }),
  fc.record({
    kind: fc.constant('new-customer' as const),
    name: fc.constantFrom('Ada', 'Bo', 'Cy'),
    tag: fc.constantFrom(...TAGS),
  }),
  fc.record({
    kind: fc.constant('move' as const),
    deal: fc.nat(),
    to: fc.constantFrom(...DEAL_STATUSES),
  }),
  fc.record({
    kind: fc.constant('amount' as const),
    deal: fc.nat(),
    minor: fc.integer({ min: 0, max: 10_000_000 }),
  }),
  fc.record({ kind: fc.constant('remove-deal' as const), deal: fc.nat() }),
  fc.record({ kind: fc.constant('participant' as const), deal: fc.nat(), who: fc.nat() }),
  fc.record({
    kind: fc.constant('task' as const),
    who: fc.nat(),
    dueDays: fc.integer({ min: -20, max: 20 }),
  }),
  fc.record({ kind: fc.constant('complete' as const), task: fc.nat() }),
  fc.record({ kind: fc.constant('member' as const), name: fc.constantFrom('Dee', 'Eli') }),
  fc.record({ kind: fc.constant('currency' as const), code: fc.constantFrom('EUR', 'USD') }),
  fc.record({ kind: fc.constant('rates' as const), usd: fc.constantFrom('1.25', '0.9', '1.1') }),
);

let db: CrmDatabase;
let kept: ReportEngine;

beforeAll(async () => {
  db = freshDb();
  await createDemoDataService(db).loadDemoDeals();
  kept = createReportEngine(db);
  await kept.load(NOW, 'all');
}, 60_000);

afterAll(async () => {
  kept.stop();
  db.close();
  await db.delete();
});

const pick = <T>(rows: readonly T[], n: number): T | undefined =>
  rows.length === 0 ? undefined : rows[n % rows.length];

async function apply(change: Write): Promise<void> {
  const customers = createCustomerService(db);
  const deals = createDealService(db);
  const tasks = createTaskService(db);
  const liveCustomers = (await db.customers_crm_v.orderBy('customer_id').primaryKeys()) as string[];
  const liveDeals = (await db.event_deals.orderBy('id').toArray()).filter((d) => d.deleted !== 1);
  const who = 'who' in change ? pick(liveCustomers, change.who) : undefined;
  const deal = 'deal' in change ? pick(liveDeals, change.deal) : undefined;
  const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();
  switch (change.kind) {
    case 'touch':
      if (who)
        await customers.addTouchpoint(who, {
          kind: TOUCHPOINT_KINDS[change.what % TOUCHPOINT_KINDS.length]!,
          occurred_at: at(-change.daysAgo),
          summary: '',
          value: change.value,
        });
      return;
    case 'untouch': {
      const live = (await db.customer_engagement_metrics.orderBy('id').toArray()).filter(
        (t) => t.deleted !== 1,
      );
      const touch = pick(live, change.which);
      if (touch) await customers.removeTouchpoint(touch.id);
      return;
    }
    case 'tag':
      if (who) await customers.updateProfile(who, { tags: [change.tag] });
      return;
    case 'remove-customer':
      if (who) await customers.remove(who);
      return;
    case 'new-customer':
      await customers.create(draft({ first_name: change.name, tags: [change.tag] }), 'GB');
      return;
    case 'move':
      if (deal) await deals.move(deal.id, change.to);
      return;
    case 'amount':
      if (deal) await deals.update(deal.id, { amount_minor: change.minor });
      return;
    case 'remove-deal':
      if (deal) await deals.remove(deal.id);
      return;
    case 'participant':
      if (deal && who) await deals.addParticipant(deal.id, { customer_id: who, role: 'artist' });
      return;
    case 'task': {
      const members = await db.team_members.toArray();
      await tasks.create({
        title: 'Call back',
        due_at: at(change.dueDays),
        customer_id: who ?? null,
        owner_id: pick(members, change.who)?.id ?? null,
      });
      return;
    }
    case 'complete': {
      const open = (await db.crm_tasks.orderBy('id').toArray()).filter(
        (t) => t.deleted !== 1 && t.status !== 'done',
      );
      const task = pick(open, change.task);
      if (task) await tasks.complete(task.id);
      return;
    }
    case 'member':
      await createTeamService(db).add(change.name);
      return;
    case 'currency':
      await createReportSettingsService(db).setReportingCurrency(change.code);
      return;
    case 'rates': {
      const currencies = [...new Set((await db.event_deals.toArray()).map((d) => d.currency))];
      const rates = Object.fromEntries(
        currencies.map((c) => [c, c === 'EUR' ? '1' : c === 'USD' ? change.usd : '2']),
      );
      await createReportSettingsService(db).saveRateSet({ date: '2020-01-01', base: 'EUR', rates });
      return;
    }
  }
}

async function filters(): Promise<ReportFilter[]> {
  const members = await db.team_members.toArray();
  return [
    NO_REPORT_FILTER,
    { ...NO_REPORT_FILTER, currency: 'EUR' },
    { ...NO_REPORT_FILTER, tag: 'vip' },
    { ...NO_REPORT_FILTER, ownerId: members[0]?.id ?? null, from: '2026-01-01', to: '2027-06-30' },
  ];
}

function figures(engine: ReportEngine, filter: ReportFilter) {
  const view = engine.compute(filter);
  if (!view.ok) throw new Error(view.problems.map((p) => p.message).join());
  return view;
}

/** The figures once the touchpoints of the filter's weeks are read, as the page asks. */
async function figuresRead(engine: ReportEngine, filter: ReportFilter) {
  await engine.ensureTouchpoints(filter);
  return figures(engine, filter);
}

describe('the reports kept between visits', () => {
  it('after any writes, a load that re-reads only the written rows gives the figures of a fresh read', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 6 }), async (writes) => {
        for (const change of writes) await apply(change);
        // Dexie announces a write after its transaction completes: let the announcements land.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const incremental = await kept.load(NOW, 'all');
        const fresh = createReportEngine(db);
        try {
          const full = await fresh.load(NOW, 'all');
          expect(incremental.readWhole).toEqual([]);
          expect(incremental.rows).toBeLessThan(full.rows);
          expect(incremental.choices).toEqual(full.choices);
          for (const filter of await filters()) {
            expect(await figuresRead(kept, filter)).toEqual({
              ...(await figuresRead(fresh, filter)),
              computeMs: expect.any(Number),
            });
          }
        } finally {
          fresh.stop();
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);

  it('shows the deal figures first, the people figures once their rows are read', async () => {
    const engine = createReportEngine(db);
    try {
      const first = await engine.load(NOW, 'deals');
      expect(first.stage).toBe('deals');
      const early = figures(engine, NO_REPORT_FILTER);
      expect(early.pending).toEqual(['team', 'engagement', 'audience']);
      expect(early.tables.every((t) => /^(revenue|pipeline)/.test(t.id))).toBe(true);
      // A tag reaches deals through their people: nothing is shown before they are read.
      const tagged = figures(engine, { ...NO_REPORT_FILTER, tag: 'vip' });
      expect(tagged.tables).toEqual([]);
      expect(tagged.pending).toHaveLength(5);
      // The deal figures shown early are the complete page's.
      const before = createReportEngine(db);
      await before.load(NOW, 'all');
      expect(early.tables).toEqual(
        figures(before, NO_REPORT_FILTER).tables.filter((t) => /^(revenue|pipeline)/.test(t.id)),
      );
      before.stop();
      // A write between the two reads is not lost.
      await apply({ kind: 'amount', deal: 3, minor: 123_456 });
      await apply({ kind: 'touch', who: 5, what: 0, daysAgo: 2, value: 0 });
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect((await engine.load(NOW, 'all')).stage).toBe('all');
      const complete = figures(engine, NO_REPORT_FILTER);
      expect(complete.pending).toEqual([]);
      const fresh = createReportEngine(db);
      await fresh.load(NOW, 'all');
      expect(complete.tables).toEqual(figures(fresh, NO_REPORT_FILTER).tables);
      fresh.stop();
    } finally {
      engine.stop();
    }
  }, 60_000);
});

it('a change of settings alone is applied without reading or preparing the rows again', async () => {
  const settings = createReportSettingsService(db);
  await settings.setReportingCurrency(null);
  await kept.load(NOW, 'all');
  await settings.setReportingCurrency('USD');
  await apply({ kind: 'rates', usd: '1.5' });
  const later = new Date(NOW.getTime() + 3 * 86_400_000);
  const summary = await kept.load(later, 'all');
  expect(summary).toMatchObject({ rows: 0, prepared: false, readWhole: [] });
  const fresh = createReportEngine(db);
  try {
    await fresh.load(later, 'all');
    const tables = figures(kept, NO_REPORT_FILTER).tables;
    expect(tables.some((t) => t.id === 'revenue-combined-USD')).toBe(true);
    expect(tables).toEqual(figures(fresh, NO_REPORT_FILTER).tables);
  } finally {
    fresh.stop();
  }
});

it('reads only the touchpoints of the weeks shown, and older ones when the dates reach them', async () => {
  const engine = createReportEngine(db);
  try {
    const first = await engine.load(NOW, 'all');
    const all = await db.customer_engagement_metrics.count();
    const recent = await db.customer_engagement_metrics
      .where('occurred_at')
      .aboveOrEqual('2026-09-01')
      .count();
    expect(recent).toBeLessThan(all);
    const touchReads = Object.keys(first.timings).find((k) => k.includes('engagement_metrics'));
    expect(touchReads).toMatch(new RegExp(`\\((\\d+) rows\\)`));
    expect(Number(/\((\d+) rows\)/.exec(touchReads!)![1])).toBeLessThan(all);
    const oldest = await db.customer_engagement_metrics.orderBy('occurred_at').first();
    // Weeks before the default twelve (which start in mid-September 2026).
    const year = { ...NO_REPORT_FILTER, from: oldest!.occurred_at.slice(0, 10), to: '2026-08-31' };
    const before = figures(engine, year);
    expect(before).toMatchObject({ needsTouchpoints: true, pending: ['engagement'] });
    expect(before.tables.some((t) => t.id.startsWith('engagement'))).toBe(false);
    expect(await engine.ensureTouchpoints(year)).toBe(true);
    expect(await engine.ensureTouchpoints(year)).toBe(false);
    const after = figures(engine, year);
    expect(after).toMatchObject({ needsTouchpoints: false, pending: [] });
    const touches = after.tables.find((t) => t.id === 'engagement-touches')!;
    const counted = touches.rows.reduce((sum, row) => sum + Number(row.at(-1)!.csv), 0);
    expect(counted).toBeGreaterThan(0);
    const fresh = createReportEngine(db);
    await fresh.load(NOW, 'all');
    expect(after.tables).toEqual((await figuresRead(fresh, year)).tables);
    fresh.stop();
  } finally {
    engine.stop();
  }
});

it("a tag given to a deal's customer reaches the deal figures filtered by that tag", async () => {
  await kept.load(NOW, 'all');
  const live = (await db.event_deals.toArray()).filter((d) => d.deleted !== 1);
  // A live customer of a live deal (earlier tests' random writes delete some customers).
  const customers = new Set(
    (await db.customer_profiles.toArray()).filter((c) => c.deleted !== 1).map((c) => c.id),
  );
  const participant = (await db.deal_participants.toArray()).find(
    (p) => p.deleted !== 1 && customers.has(p.customer_id) && live.some((d) => d.id === p.deal_id),
  )!;
  const tagged = { ...NO_REPORT_FILTER, tag: 'headliner' };
  const before = figures(kept, tagged).tables;
  await createCustomerService(db).updateProfile(participant.customer_id, { tags: ['headliner'] });
  await new Promise((resolve) => setTimeout(resolve, 0));
  const summary = await kept.load(NOW, 'all');
  expect(summary.readWhole).toEqual([]);
  const after = figures(kept, tagged).tables;
  expect(after).not.toEqual(before);
  const fresh = createReportEngine(db);
  try {
    await fresh.load(NOW, 'all');
    expect(after).toEqual(figures(fresh, tagged).tables);
  } finally {
    fresh.stop();
  }
});

describe('reading Dexie write announcements', () => {
  const part = (table: string) => `idb://crm/${table}/`;
  it('names the rows written, per table the reports read', () => {
    const changes = emptyChanges();
    const tree = { from: 'b', to: 'b', d: 2, l: { from: 'a', to: 'a', d: 1 }, r: null };
    expect(recordMutatedParts(changes, 'crm', { [part('event_deals')]: tree })).toBe(true);
    expect(changes.rows.get('deals')).toEqual(new Set(['a', 'b']));
  });
  it('reads a whole table again after a write over a range of keys (a clear)', () => {
    const changes = emptyChanges();
    recordMutatedParts(changes, 'crm', {
      [part('crm_tasks')]: { from: -Infinity, to: [[]], d: 1 },
    });
    expect(changes.rows.get('tasks')).toBe('all');
  });
  it('ignores other databases, indexes and tables; notes settings', () => {
    const changes = emptyChanges();
    const one = { from: 'a', to: 'a', d: 1 };
    expect(
      recordMutatedParts(changes, 'crm', {
        'idb://other/event_deals/': one,
        'idb://crm/event_deals/status': one,
        [part('search_journal')]: one,
      }),
    ).toBe(false);
    expect(recordMutatedParts(changes, 'crm', { [part('app_settings')]: one })).toBe(true);
    expect(changes).toEqual({ rows: new Map(), settings: true });
  });
});

describe('the figures kept per filter for a visit again', () => {
  it('a visit again with nothing written answers with the figures already computed', async () => {
    await kept.load(NOW, 'all');
    const first = figures(kept, NO_REPORT_FILTER);
    const again = await kept.load(NOW, 'all');
    expect(again).toMatchObject({ rows: 0, prepared: false });
    // The very result: not computed again.
    expect(figures(kept, NO_REPORT_FILTER)).toBe(first);
    // Another filter, then back: both kept.
    const eur = figures(kept, { ...NO_REPORT_FILTER, currency: 'EUR' });
    expect(figures(kept, NO_REPORT_FILTER)).toBe(first);
    expect(figures(kept, { ...NO_REPORT_FILTER, currency: 'EUR' })).toBe(eur);
    // The clock moves the figures (days in stage, overdue): a load a day later computes again.
    await kept.load(new Date(NOW.getTime() + 86_400_000), 'all');
    expect(figures(kept, NO_REPORT_FILTER)).not.toBe(first);
    await kept.load(NOW, 'all');
  });

  it('after any writes, a figure is never the one kept from before them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(write, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (writes, askBetween) => {
          await kept.load(NOW, 'all');
          const all = await filters();
          for (const filter of all) await figuresRead(kept, filter);
          for (const change of writes) await apply(change);
          await new Promise((resolve) => setTimeout(resolve, 0));
          // The page may ask between the write's announcement and the load that applies it.
          if (askBetween) for (const filter of all) figures(kept, filter);
          await kept.load(NOW, 'all');
          const fresh = createReportEngine(db);
          try {
            await fresh.load(NOW, 'all');
            for (const filter of all) {
              expect(await figuresRead(kept, filter)).toEqual({
                ...(await figuresRead(fresh, filter)),
                computeMs: expect.any(Number),
              });
            }
          } finally {
            fresh.stop();
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 240_000);

  it('a write that changes a figure shows the new figure after its load', async () => {
    await kept.load(NOW, 'all');
    const before = figures(kept, NO_REPORT_FILTER).tables;
    await apply({ kind: 'amount', deal: 1, minor: 987_654_321 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    figures(kept, NO_REPORT_FILTER); // asked before the load
    await kept.load(NOW, 'all');
    expect(figures(kept, NO_REPORT_FILTER).tables).not.toEqual(before);
  });
});
