// The demo's customers came over the past year, typed in and imported: all created "now",
// the reports' "New customers per month by source" was one bar (main of 2026-12-07).
import { afterEach, describe, expect, it } from 'vitest';
import { demoArrivals, demoTouchShiftDays } from '../../src/renderer/src/domain/demo-arrivals';
import { audienceReport } from '../../src/renderer/src/domain/reports/audience';
import { createReportContext } from '../../src/renderer/src/domain/reports/context';
import { indexCustomers } from '../../src/renderer/src/domain/reports/customer-index';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';
import { createDemoDataService } from '../../src/renderer/src/services/crm/demo/demo-data-service';
import { freshDb } from './helpers';

const ZONES = ['UTC', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Tokyo'];
const originalZone = process.env.TZ;
afterEach(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

const monthKey = (at: Date) => at.getFullYear() * 12 + at.getMonth();

describe('demo arrivals', () => {
  for (const zone of ZONES)
    for (const [year, month, day, hour, minute, what] of [
      [2026, 11, 7, 11, 20, 'a Monday morning'],
      [2026, 11, 1, 7, 0, 'the 1st before office hours'],
      [2026, 10, 1, 12, 0, 'a Sunday the 1st'],
      [2027, 1, 28, 23, 0, 'the last of February, at night'],
    ] as const)
      it(`${zone}, ${what}: the past 12 months, weekdays, office hours, none after now`, () => {
        process.env.TZ = zone;
        // Local time of the zone set just above (a Date made outside the test is another zone's).
        const local = new Date(year, month, day, hour, minute);
        const arrivals = demoArrivals(60, local);
        expect(arrivals).toHaveLength(60);
        const firstMonth = monthKey(local) - 11;
        const perMonth = new Map<number, number>();
        for (const { created_at } of arrivals) {
          const at = new Date(created_at);
          expect(at.getTime(), created_at).toBeLessThanOrEqual(local.getTime());
          expect(monthKey(at), created_at).toBeGreaterThanOrEqual(firstMonth);
          expect([0, 6], created_at).not.toContain(at.getDay());
          expect(at.getHours() * 60 + at.getMinutes(), created_at).toBeGreaterThanOrEqual(9 * 60);
          expect(at.getHours(), created_at).toBeLessThan(18);
          perMonth.set(monthKey(at), (perMonth.get(monthKey(at)) ?? 0) + 1);
        }
        // Oldest first.
        const times = arrivals.map((a) => a.created_at);
        expect(times).toEqual([...times].sort());
        // A shape: nearly every month has some, none has half of them.
        expect(perMonth.size).toBeGreaterThanOrEqual(11);
        expect(Math.max(...perMonth.values())).toBeLessThan(30);
      });

  it('most typed in, two imports each at one moment, in two months', () => {
    const arrivals = demoArrivals(60, new Date(2026, 11, 7, 11, 20));
    const imported = arrivals.filter((a) => a.via === 'import');
    const typed = arrivals.filter((a) => a.via === 'manual');
    expect(typed.length).toBeGreaterThan(imported.length);
    expect(imported.length).toBeGreaterThan(10);
    expect(new Set(imported.map((a) => a.created_at)).size).toBe(2);
    expect(new Set(typed.map((a) => a.created_at)).size).toBe(typed.length);
  });

  it('any count is placed whole', () => {
    for (const count of [0, 1, 2, 5, 13, 60, 200])
      expect(demoArrivals(count, new Date(2026, 11, 7, 11, 20))).toHaveLength(count);
  });
});

describe('"Load demo data" dates its customers', () => {
  it('the audience report has new customers in most months, typed in and imported; their work after them', async () => {
    const db = freshDb();
    const now = new Date();
    await createDemoDataService(db).loadDemo();
    const rows = await db.customers_crm_v.toArray();
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.origin))).toEqual(new Set(['manual', 'import']));
    // The list row says the same as the profile, and its contact points were made with it.
    const profiles = new Map((await db.customer_profiles.toArray()).map((p) => [p.id, p]));
    for (const row of rows) {
      const profile = profiles.get(row.customer_id)!;
      expect(row.created_at).toBe(profile.created_at);
      expect(profile.updated_at).toBe(profile.created_at);
      expect(profile.created_via).toBe(row.origin);
    }
    for (const email of await db.customer_emails.toArray()) {
      const profile = profiles.get(email.customer_id)!;
      expect(email.created_at).toBe(profile.created_at);
      expect(email.source).toBe(profile.created_via);
    }

    const context = createReportContext(
      { customers: rows, participants: [] },
      {
        now,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        rateSets: [],
        reportingCurrency: 'EUR',
      },
    );
    const report = audienceReport(indexCustomers(rows, context.zone), NO_REPORT_FILTER, context);
    const months = report.newByMonth.filter((m) => m.total > 0);
    expect(months.length).toBeGreaterThanOrEqual(10);
    expect(report.newByMonth.reduce((n, m) => n + m.total, 0)).toBe(60);
    expect(report.newByMonth.some((m) => m.byOrigin.import > 0)).toBe(true);

    // A task on a customer was made after the customer; a link after both of its people.
    const created = new Map(rows.map((r) => [r.customer_id, r.created_at]));
    for (const task of await db.crm_tasks.toArray())
      if (task.customer_id)
        expect(task.created_at > created.get(task.customer_id)!, task.title).toBe(true);
    for (const link of await db.customer_relationships.toArray()) {
      expect(link.created_at >= created.get(link.from_customer_id)!).toBe(true);
      expect(link.created_at >= created.get(link.to_customer_id)!).toBe(true);
    }
  });

  // The touchpoints ended on 2026-11-20 whenever the demo was loaded: Reports' touchpoints per
  // week had its last weeks empty (main of 2026-12-07), and a year on, no touchpoint at all.
  it('its touchpoints end in the past week, on their weekday and time of day', async () => {
    for (const zone of ZONES) {
      process.env.TZ = zone;
      for (const now of [new Date(2026, 11, 7, 11, 20), new Date(2027, 9, 3, 8, 0)]) {
        const shift = demoTouchShiftDays(now);
        expect(shift % 7).toBe(0);
        const anchor = new Date(2026, 10, 20 + shift, 17, 59);
        expect(anchor.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(now.getTime() - anchor.getTime()).toBeLessThan(10 * 86_400_000);
      }
    }
    process.env.TZ = originalZone ?? 'UTC';
    const db = freshDb();
    const now = new Date();
    await createDemoDataService(db).loadDemo();
    const touches = await db.customer_engagement_metrics.toArray();
    const latest = Math.max(...touches.map((t) => Date.parse(t.occurred_at)));
    expect(latest).toBeLessThanOrEqual(Date.now());
    expect(now.getTime() - latest).toBeLessThan(10 * 86_400_000);
    for (const touch of touches) {
      const at = new Date(touch.occurred_at);
      if (touch.kind === 'show-attended') expect(at.getHours()).toBeGreaterThanOrEqual(19);
      else {
        expect([0, 6], touch.occurred_at).not.toContain(at.getDay());
        expect(at.getHours()).toBeGreaterThanOrEqual(9);
        expect(at.getHours()).toBeLessThan(18);
      }
    }
  });

  it('the benchmarks’ seed stays as it was: every customer new, typed in', async () => {
    const db = freshDb();
    const before = new Date().toISOString();
    await createDemoDataService(db).seed(30);
    for (const profile of await db.customer_profiles.toArray()) {
      expect(profile.created_at >= before).toBe(true);
      expect(profile.created_via).toBe('manual');
    }
    // Its touchpoints where the demo people always had them (demo-work-hours.test.ts).
    const latest = Math.max(
      ...(await db.customer_engagement_metrics.toArray()).map((t) => Date.parse(t.occurred_at)),
    );
    expect(latest).toBeLessThan(Date.parse('2026-11-21T12:00:00Z'));
  });
});
