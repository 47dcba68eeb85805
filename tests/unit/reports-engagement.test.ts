import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TouchpointKind } from '../../src/renderer/src/domain/records';
import { TOUCHPOINT_KINDS } from '../../src/renderer/src/domain/records';
import { isoDateFromDay } from '../../src/renderer/src/domain/reports/calendar';
import { indexCustomers } from '../../src/renderer/src/domain/reports/customer-index';
import {
  indexTouchpoints,
  mostEngaged as rank,
  notTouched as quiet,
  touchesByWeek,
} from '../../src/renderer/src/domain/reports/engagement';
import {
  displayScore,
  engagementLogScore,
  logScoresByCustomer,
  rawScore,
  SCORE_EPOCH_MS,
  touchWeight,
  updateLogScore,
} from '../../src/renderer/src/domain/reports/engagement-score';
import type { ReportFilter } from '../../src/renderer/src/domain/reports/filter';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';
import type { ReportTouchpoint } from '../../src/renderer/src/domain/reports/inputs';
import { context, customer } from './reports-fixtures';

const DAY = 86_400_000;
const iso = (days: number) => new Date(SCORE_EPOCH_MS + days * DAY).toISOString();
const touch = (
  kind: TouchpointKind,
  days: number,
  value = 0,
  customerId = 'c1',
): ReportTouchpoint => ({
  customer_id: customerId,
  kind,
  occurred_at: iso(days),
  value,
  deleted: 0,
});
const filter = (fields: Partial<ReportFilter> = {}): ReportFilter => ({
  ...NO_REPORT_FILTER,
  ...fields,
});

describe('engagement score (hand-computed)', () => {
  it('weighs each kind, plus a capped bonus for money spent', () => {
    expect(touchWeight('email', 0)).toBe(1);
    expect(touchWeight('show-attended', 0)).toBe(5);
    expect(touchWeight('ticket-purchase', 10_000)).toBeCloseTo(4 + Math.log10(101), 12); // €100 ticket
    expect(touchWeight('ticket-purchase', 1e12)).toBe(7);
    expect(touchWeight('note', -50)).toBe(0.5);
  });

  it('halves a touch’s weight every 30 days', () => {
    const one = engagementLogScore([touch('email', 0)]);
    expect(one).toBe(0); // log2(1 x 2^0)
    expect(rawScore(one, SCORE_EPOCH_MS + 30 * DAY)).toBeCloseTo(0.5, 12);
    expect(rawScore(one, SCORE_EPOCH_MS + 90 * DAY)).toBeCloseTo(0.125, 12);
    // An email on day 0 and a show on day 60, seen on day 60: 1 x 2^-2 + 5 = 5.25.
    const two = engagementLogScore([touch('email', 0), touch('show-attended', 60)]);
    expect(two).toBeCloseTo(Math.log2(21), 12);
    expect(rawScore(two, SCORE_EPOCH_MS + 60 * DAY)).toBeCloseTo(5.25, 10);
  });

  it('shows 0..100: 100 x (1 - 2^(-raw / 10)), 50 at a raw score of 10', () => {
    const now = SCORE_EPOCH_MS + 60 * DAY;
    expect(displayScore(null, now)).toBe(0);
    expect(displayScore(engagementLogScore([touch('show-attended', 60)]), now)).toBe(29); // 100(1 - 2^-0.5) = 29.3
    expect(
      displayScore(
        engagementLogScore([touch('show-attended', 60), touch('show-attended', 60)]),
        now,
      ),
    ).toBe(50);
    expect(
      displayScore(
        engagementLogScore(Array.from({ length: 200 }, () => touch('meeting', 60))),
        now,
      ),
    ).toBe(100);
  });

  it('leaves deleted and unreadable touchpoints out, and never overflows', () => {
    expect(engagementLogScore([{ ...touch('call', 5), deleted: 1 }])).toBeNull();
    expect(engagementLogScore([{ ...touch('call', 5), occurred_at: 'soon' }])).toBeNull();
    expect(updateLogScore(3, { ...touch('call', 5), occurred_at: 'soon' })).toBe(3);
    const far = engagementLogScore([touch('call', 365 * 500), touch('call', 365 * 500)]); // 2^(6083) would overflow
    expect(Number.isFinite(far)).toBe(true);
    expect(rawScore(far, SCORE_EPOCH_MS + 365 * 500 * DAY)).toBeCloseTo(6, 6);
  });
});

const touchArb = fc
  .record({
    kind: fc.constantFrom(...TOUCHPOINT_KINDS),
    days: fc.double({ min: 0, max: 20 * 365, noNaN: true }),
    value: fc.integer({ min: 0, max: 1e7 }),
  })
  .map(({ kind, days, value }) => touch(kind, days, value));
const nowArb = fc
  .double({ min: 0, max: 25 * 365, noNaN: true })
  .map((days) => SCORE_EPOCH_MS + days * DAY);

describe('engagement score properties', () => {
  it('incremental updates equal the batch computation', () => {
    fc.assert(
      fc.property(fc.array(touchArb, { maxLength: 60 }), (touches) => {
        const batch = engagementLogScore(touches);
        const incremental = touches.reduce<number | null>((l, t) => updateLogScore(l, t), null);
        if (batch === null) expect(incremental).toBeNull();
        else expect(Math.abs(incremental! - batch)).toBeLessThan(1e-9);
      }),
    );
  });

  it('ordering customers by the stored L orders them by score at any time', () => {
    fc.assert(
      fc.property(
        fc.array(touchArb, { minLength: 1, maxLength: 8 }),
        fc.array(touchArb, { minLength: 1, maxLength: 8 }),
        nowArb,
        (a, b, now) => {
          const la = engagementLogScore(a)!;
          const lb = engagementLogScore(b)!;
          // The score straight from its definition, sum of w x 2^(-(now - t)/H), not through L.
          const direct = (touches: ReportTouchpoint[]) =>
            touches.reduce(
              (sum, t) =>
                sum +
                touchWeight(t.kind, t.value) * 2 ** (-(now - Date.parse(t.occurred_at)) / DAY / 30),
              0,
            );
          const [sa, sb] = [direct(a), direct(b)];
          if (Math.abs(sa - sb) > 1e-9 * Math.max(sa, sb))
            expect(Math.sign(la - lb)).toBe(Math.sign(sa - sb));
          expect(Math.abs(rawScore(la, now) - sa)).toBeLessThanOrEqual(1e-9 * sa);
          if (la > lb) expect(displayScore(la, now)).toBeGreaterThanOrEqual(displayScore(lb, now));
        },
      ),
    );
  });

  it('adding a touch never lowers the score', () => {
    fc.assert(
      fc.property(
        fc.array(touchArb, { maxLength: 20 }),
        touchArb,
        nowArb,
        (touches, extra, now) => {
          const before = engagementLogScore(touches);
          const after = updateLogScore(before, extra)!;
          if (before !== null) expect(after).toBeGreaterThanOrEqual(before);
          expect(displayScore(after, now)).toBeGreaterThanOrEqual(displayScore(before, now));
          expect(logScoresByCustomer([...touches, extra]).get('c1')).toBeCloseTo(after, 9);
        },
      ),
    );
  });
});

describe('engagement figures', () => {
  // NOW is Sunday 2026-03-15; the last week starts Monday 2026-03-09.
  const ana = customer({
    customer_id: 'ana',
    display_name: 'Ana',
    owner_id: 'm1',
    tags: ['vip'],
    last_touch_at: '2026-03-10T10:00:00.000Z',
  });
  const bo = customer({
    customer_id: 'bo',
    display_name: 'Bo',
    last_touch_at: '2025-11-01T10:00:00.000Z',
  });
  const cy = customer({ customer_id: 'cy', display_name: 'Cy' });
  const at = (kind: TouchpointKind, when: string, who: string): ReportTouchpoint => ({
    customer_id: who,
    kind,
    occurred_at: when,
    value: 0,
    deleted: 0,
  });
  const touches = [
    at('email', '2026-03-10T10:00:00.000Z', 'ana'),
    at('email', '2026-03-09T00:30:00.000Z', 'ana'),
    at('call', '2026-03-08T23:00:00.000Z', 'bo'),
    at('call', '2026-03-08T23:00:00.000Z', 'gone'), // a deleted customer: no list row
    { ...at('meeting', '2026-03-10T10:00:00.000Z', 'bo'), deleted: 1 as const },
    at('meeting', '2025-06-01T10:00:00.000Z', 'bo'), // before the 12 weeks
  ];
  const ctx = context({ customers: [ana, bo, cy] });
  type Rows = Parameters<typeof indexCustomers>[0];
  const weeksOf = (f: ReportFilter, c = ctx) => {
    const people = indexCustomers([ana, bo, cy], c.zone);
    return touchesByWeek(indexTouchpoints(touches, people, c), people, f, c);
  };
  const notTouched = (rows: Rows, f: ReportFilter, c: typeof ctx, days: number) =>
    quiet(indexCustomers(rows, c.zone), f, c, days);
  const mostEngaged = (rows: Rows, f: ReportFilter, c: typeof ctx, top: number) =>
    rank(indexCustomers(rows, c.zone), f, c, top);

  it('count touchpoints per week and kind over the last 12 weeks', () => {
    const weeks = weeksOf(NO_REPORT_FILTER);
    expect(weeks.weeks.starts).toHaveLength(12);
    expect(isoDateFromDay(weeks.weeks.starts[11]!)).toBe('2026-03-09');
    const email = TOUCHPOINT_KINDS.indexOf('email');
    const call = TOUCHPOINT_KINDS.indexOf('call');
    expect(weeks.counts[11]![email]).toBe(2);
    expect(weeks.counts[10]![call]).toBe(1);
    expect(weeks.total).toBe(3);
    expect(weeks.totalsByKind[email]).toBe(2);
    // In Paris (UTC+1) Bo's Sunday-night call falls on Monday.
    const paris = context({ customers: [ana, bo, cy] }, { timeZone: 'Europe/Paris' });
    expect(weeksOf(NO_REPORT_FILTER, paris).counts[11]![call]).toBe(1);
    expect(weeksOf(filter({ tag: 'vip' })).total).toBe(2);
    expect(weeksOf(filter({ ownerId: '' })).total).toBe(1);
  });

  it('count customers not touched in N days, never touched included', () => {
    expect(notTouched([ana, bo, cy], NO_REPORT_FILTER, ctx, 90)).toEqual({
      days: 90,
      count: 2,
      inScope: 3,
      neverTouched: 1,
    });
    expect(notTouched([ana, bo, cy], NO_REPORT_FILTER, ctx, 200).count).toBe(1);
    expect(notTouched([ana, bo, cy], filter({ ownerId: 'm1' }), ctx, 90)).toEqual({
      days: 90,
      count: 0,
      inScope: 1,
      neverTouched: 0,
    });
  });

  it('rank the most engaged by stored L, ties by id, the never-touched left out', () => {
    const rows = [
      { ...ana, engagement_log: 5 },
      { ...bo, engagement_log: 7 },
      { ...cy, engagement_log: null },
      customer({ customer_id: 'ab', engagement_log: 5 }),
    ];
    expect(mostEngaged(rows, NO_REPORT_FILTER, ctx, 2).map((e) => e.customerId)).toEqual([
      'bo',
      'ab',
    ]);
    expect(mostEngaged(rows, NO_REPORT_FILTER, ctx, 10).map((e) => e.customerId)).toEqual([
      'bo',
      'ab',
      'ana',
    ]);
    expect(mostEngaged(rows, NO_REPORT_FILTER, ctx, 0)).toEqual([]);
    const top = mostEngaged(rows, NO_REPORT_FILTER, ctx, 1)[0]!;
    expect(top.score).toBe(displayScore(7, ctx.nowMs));
  });
});
