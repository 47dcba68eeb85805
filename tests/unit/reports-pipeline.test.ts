import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesDealFilters } from '../../src/renderer/src/domain/deals/board-filter';
import { DEAL_STATUSES, outcomeOf } from '../../src/renderer/src/domain/deals/statuses';
import { groupByStatus, totalsByCurrency } from '../../src/renderer/src/domain/deals/totals';
import type { ReportFilter } from '../../src/renderer/src/domain/reports/filter';
import { NO_REPORT_FILTER, toBoardFilters } from '../../src/renderer/src/domain/reports/filter';
import { pipelineSnapshot } from '../../src/renderer/src/domain/reports/pipeline';
import { pipelineFlow } from '../../src/renderer/src/domain/reports/pipeline-flow';
import { buildTimelines } from '../../src/renderer/src/domain/reports/stage-history';
import { change, context, CURRENCIES, deal, dealsArb, isoDayArb, OWNERS } from './reports-fixtures';

const at = (day: string) => `${day}T10:00:00.000Z`;
const filter = (fields: Partial<ReportFilter> = {}): ReportFilter => ({
  ...NO_REPORT_FILTER,
  ...fields,
});

// Five deals with hand-written histories (docs/reports.md, "Pipeline", works this example).
const A = deal({ title: 'A', status: 'contracted', created_at: at('2026-01-01') });
const B = deal({ title: 'B', status: 'declined', created_at: at('2026-01-02') });
const C = deal({ title: 'C', status: 'hold', hold_level: 1, created_at: at('2026-01-20') });
const D = deal({ title: 'D', status: 'offer', created_at: at('2026-03-01') });
const E = deal({
  title: 'E',
  status: 'confirmed',
  created_at: at('2026-03-01'),
  updated_at: at('2026-03-10'),
});
const HISTORY = [
  change(A.id, null, 'inquiry', at('2026-01-01')),
  change(A.id, 'inquiry', 'hold', at('2026-01-05')),
  change(A.id, 'hold', 'hold', at('2026-01-06')), // now 2nd hold: not a new stay
  change(A.id, 'hold', 'offer', at('2026-01-11')),
  change(A.id, 'offer', 'confirmed', at('2026-01-21')),
  change(A.id, 'confirmed', 'contracted', at('2026-02-01')),
  change(B.id, 'offer', 'declined', at('2026-01-10')), // out of order on purpose
  change(B.id, null, 'inquiry', at('2026-01-02')),
  change(B.id, 'inquiry', 'offer', at('2026-01-04')),
  // C's creation was never recorded; it was released and held again.
  change(C.id, 'inquiry', 'hold', at('2026-02-01')),
  change(C.id, 'hold', 'released', at('2026-02-15')),
  change(C.id, 'released', 'hold', at('2026-02-20')),
  // D has no history at all; E's history stops before its last move.
  change(E.id, null, 'inquiry', at('2026-03-01')),
  change(E.id, 'inquiry', 'offer', at('2026-03-05')),
];
const timelines = buildTimelines([A, B, C, D, E], HISTORY);
const byTitle = (title: string) => timelines.find((t) => t.deal.title === title)!;
const days = (stay: { start: number; end: number | null }) =>
  ((stay.end ?? Number.NaN) - stay.start) / 86_400_000;

describe('stays from the status history', () => {
  it('turn changes into stays; a hold-level change is not a new stay', () => {
    const a = byTitle('A');
    expect(a.stays.map((s) => s.status)).toEqual([
      'inquiry',
      'hold',
      'offer',
      'confirmed',
      'contracted',
    ]);
    expect(a.stays.slice(0, 4).map(days)).toEqual([4, 6, 10, 11]);
    expect(a.stays[4]!.end).toBeNull();
    expect(a.closedAt).toBe(Date.parse(at('2026-02-01')));
  });

  it('sort changes by time, and close a lost deal when it was lost', () => {
    const b = byTitle('B');
    expect(b.stays.map((s) => [s.status, days(s)])).toEqual([
      ['inquiry', 2],
      ['offer', 6],
      ['declined', Number.NaN],
    ]);
    expect(b.closedAt).toBe(Date.parse(at('2026-01-10')));
  });

  it('fill a missing creation from created_at, a missing history from the deal, a missing last move from updated_at', () => {
    const c = byTitle('C');
    expect(c.stays.map((s) => s.status)).toEqual(['inquiry', 'hold', 'released', 'hold']);
    expect(c.stays[0]!.start).toBe(Date.parse(at('2026-01-20')));
    expect(c.closedAt).toBeNull();
    expect(byTitle('D').stays).toEqual([
      { status: 'offer', start: Date.parse(at('2026-03-01')), end: null },
    ]);
    expect(byTitle('E').stays.map((s) => s.status)).toEqual(['inquiry', 'offer', 'confirmed']);
    expect(byTitle('E').stays[2]!.start).toBe(Date.parse(at('2026-03-10')));
  });
});

describe('conversion, days in stage and win rate (hand-computed)', () => {
  const flow = pipelineFlow(timelines, filter({ from: '2026-01-01', to: '2026-03-15' }), context());
  const conversion = (status: string) => flow.conversion.find((c) => c.status === status)!;
  const stage = (status: string) => flow.days.find((d) => d.status === status)!;

  it('count each deal that entered a stage once, and whether it later reached the next one or won', () => {
    expect(conversion('inquiry')).toMatchObject({
      entered: 4,
      next: 'hold',
      reachedNext: 4,
      reachedWon: 1,
    });
    expect(conversion('hold')).toMatchObject({ entered: 2, reachedNext: 1, reachedWon: 1 });
    expect(conversion('offer')).toMatchObject({ entered: 4, reachedNext: 2, reachedWon: 1 });
    expect(conversion('confirmed')).toMatchObject({ entered: 2, reachedNext: 1, reachedWon: 1 });
    expect(conversion('contracted')).toMatchObject({
      entered: 1,
      next: 'played',
      reachedNext: 0,
      reachedWon: null,
    });
    expect(flow.conversion.map((c) => c.status)).not.toContain('settled');
  });

  it('average the stays that ended in the period; deals still there are counted apart', () => {
    expect(stage('inquiry')).toMatchObject({
      completedStays: 4,
      completedDeals: 4,
      averageDays: 5.5,
      currentDeals: 0,
    });
    expect(stage('hold')).toMatchObject({ completedStays: 2, averageDays: 10, currentDeals: 1 });
    expect(stage('hold').currentAverageDays).toBeCloseTo(23 + 2 / 24, 10);
    expect(stage('offer')).toMatchObject({ completedStays: 3, averageDays: 7, currentDeals: 1 });
    expect(stage('contracted')).toMatchObject({
      completedStays: 0,
      averageDays: null,
      currentDeals: 1,
    });
    expect(stage('contracted').currentAverageDays).toBeCloseTo(42 + 2 / 24, 10);
  });

  it('count a stay in the period it ended in, wherever it started', () => {
    const february = pipelineFlow(
      timelines,
      filter({ from: '2026-02-01', to: '2026-02-28' }),
      context(),
    );
    // A's confirmed stay ran from 21 January to 1 February; C's hold from 1 to 15 February.
    expect(february.days.find((d) => d.status === 'confirmed')).toMatchObject({
      completedStays: 1,
      averageDays: 11,
    });
    expect(february.days.find((d) => d.status === 'hold')).toMatchObject({
      completedStays: 1,
      averageDays: 14,
    });
  });

  it('count each stay of a deal that came back to a stage, and the deal once', () => {
    const back = deal({ status: 'offer', created_at: at('2026-01-01') });
    const twice = buildTimelines(
      [back],
      [
        change(back.id, null, 'offer', at('2026-01-01')),
        change(back.id, 'offer', 'hold', at('2026-01-03')),
        change(back.id, 'hold', 'offer', at('2026-01-04')),
        change(back.id, 'offer', 'hold', at('2026-01-10')),
        change(back.id, 'hold', 'offer', at('2026-01-12')),
      ],
    );
    const flow = pipelineFlow(twice, filter({ from: '2026-01-01', to: '2026-01-31' }), context());
    expect(flow.days.find((d) => d.status === 'hold')).toMatchObject({
      completedStays: 2,
      completedDeals: 1,
      averageDays: 1.5,
    });
    expect(flow.conversion.find((c) => c.status === 'hold')).toMatchObject({
      entered: 1,
      reachedNext: 1,
    });
  });

  it('count a deal with a long history (more stays than any before it) as itself, beside short ones', () => {
    // The conversion tally keeps a scratch array between deals: a long timeline after short
    // ones (and short ones after it) must count as each would alone.
    const long = deal({ status: 'contracted', created_at: at('2026-01-01') });
    const moves = [change(long.id, null, 'inquiry', '2026-01-01T00:00:00.000Z')];
    const start = Date.parse('2026-01-01T01:00:00.000Z');
    for (let i = 0; i < 200; i += 1) {
      const when = new Date(start + i * 3_600_000).toISOString();
      moves.push(change(long.id, i % 2 ? 'hold' : 'inquiry', i % 2 ? 'inquiry' : 'hold', when));
    }
    moves.push(change(long.id, 'hold', 'contracted', at('2026-01-20')));
    const period = filter({ from: '2026-01-01', to: '2026-03-15' });
    expect(buildTimelines([long], moves)[0]!.stays.length).toBeGreaterThan(200);
    const alone = pipelineFlow(buildTimelines([long], moves), period, context());
    expect(alone.conversion.find((c) => c.status === 'inquiry')).toMatchObject({
      entered: 1,
      reachedNext: 1,
      reachedWon: 1,
    });
    // Its first hold later reached a stage beyond the next (contracted, 200 stays on).
    expect(alone.conversion.find((c) => c.status === 'hold')).toMatchObject({
      entered: 1,
      reachedNext: 1,
    });
    const sum = (a: typeof alone, b: typeof alone) =>
      a.conversion.map((c, i) => [
        c.entered + b.conversion[i]!.entered,
        c.reachedNext + b.conversion[i]!.reachedNext,
        (c.reachedWon ?? 0) + (b.conversion[i]!.reachedWon ?? 0),
      ]);
    const short = pipelineFlow(timelines, period, context());
    const all = [...timelines, ...buildTimelines([long], moves)];
    for (const order of [all, [...all].reverse()]) {
      const both = pipelineFlow(order, period, context());
      expect(
        sum(both, {
          ...both,
          conversion: both.conversion.map((c) => ({
            ...c,
            entered: 0,
            reachedNext: 0,
            reachedWon: 0,
          })),
        }),
      ).toEqual(sum(alone, short));
    }
  });

  it('win rate = won / (won + lost) among deals that reached their outcome in the period', () => {
    expect(flow.winRate).toEqual({ won: 1, lost: 1, rate: 0.5 });
    const february = pipelineFlow(
      timelines,
      filter({ from: '2026-02-01', to: '2026-02-28' }),
      context(),
    );
    expect(february.winRate).toEqual({ won: 1, lost: 0, rate: 1 });
    const quiet = pipelineFlow(
      timelines,
      filter({ from: '2026-03-01', to: '2026-03-15' }),
      context(),
    );
    expect(quiet.winRate).toEqual({ won: 0, lost: 0, rate: null });
    expect(quiet.conversion.find((c) => c.status === 'inquiry')!.entered).toBe(1); // E
  });

  it('read the period in the user’s zone', () => {
    // 2026-01-01T10:00Z is already 2 January at Kiritimati (UTC+14).
    const kiribati = context({}, { timeZone: 'Pacific/Kiritimati' });
    const first = pipelineFlow(
      timelines,
      filter({ from: '2026-01-01', to: '2026-01-01' }),
      kiribati,
    );
    expect(first.conversion.find((c) => c.status === 'inquiry')!.entered).toBe(0);
    const second = pipelineFlow(
      timelines,
      filter({ from: '2026-01-02', to: '2026-01-02' }),
      kiribati,
    );
    expect(second.conversion.find((c) => c.status === 'inquiry')!.entered).toBe(1);
    const utc = pipelineFlow(
      timelines,
      filter({ from: '2026-01-01', to: '2026-01-01' }),
      context(),
    );
    expect(utc.conversion.find((c) => c.status === 'inquiry')!.entered).toBe(1);
  });

  it('apply the owner filter to the deals', () => {
    const owned = buildTimelines([{ ...A, owner_id: 'm1' }, B], HISTORY);
    const flow = pipelineFlow(
      owned,
      filter({ ownerId: 'm1', from: '2026-01-01', to: '2026-03-15' }),
      context(),
    );
    expect(flow.winRate).toEqual({ won: 1, lost: 0, rate: 1 });
  });
});

describe('pipeline by stage', () => {
  it('equals the board’s column totals for the same filters (owner, currency, event dates)', () => {
    const filterArb = fc.record({
      ownerId: fc.constantFrom<string | null>(null, ...OWNERS),
      currency: fc.constantFrom<string | null>(null, ...CURRENCIES),
      from: fc.option(isoDayArb, { nil: null }),
      to: fc.option(isoDayArb, { nil: null }),
      tag: fc.constant<string | null>(null),
    });
    fc.assert(
      fc.property(dealsArb, filterArb, fc.integer({ min: 0, max: 100 }), (deals, f, offer) => {
        const probability = { offer };
        const snapshot = pipelineSnapshot(
          deals,
          f,
          context({}, { stages: { probability, staleAfter: {} } }),
        );
        const live = deals.filter(
          (d) => d.deleted === 0 && matchesDealFilters(d, toBoardFilters(f), new Map()),
        );
        const board = groupByStatus(live.map((d, rank) => ({ ...d, rank })));
        for (const stage of snapshot.stages)
          expect(stage.totals).toEqual(totalsByCurrency(board[stage.status], probability));
        const open = DEAL_STATUSES.filter((s) => outcomeOf(s) === 'open').flatMap((s) => board[s]);
        expect(snapshot.open).toEqual(totalsByCurrency(open, probability));
        const stageCount = snapshot.stages
          .filter((s) => outcomeOf(s.status) === 'open')
          .flatMap((s) => s.totals)
          .reduce((n, t) => n + t.count, 0);
        expect(stageCount).toBe(snapshot.open.reduce((n, t) => n + t.count, 0));
      }),
    );
  });

  it('reads "no owner" as deals whose owner is empty or missing, as the board does', () => {
    const deals = [
      deal({ status: 'offer', owner_id: null }),
      deal({ status: 'offer', owner_id: '' }),
      deal({ status: 'offer', owner_id: 'm1' }),
    ];
    const offer = pipelineSnapshot(deals, filter({ ownerId: '' }), context()).stages.find(
      (s) => s.status === 'offer',
    )!;
    expect(offer.totals[0]!.count).toBe(2);
  });

  it('converts each stage at today’s rates', () => {
    const deals = [
      deal({ status: 'offer', currency: 'USD', amount_minor: 12_500 }),
      deal({ status: 'offer', amount_minor: 1000 }),
    ];
    const snapshot = pipelineSnapshot(deals, NO_REPORT_FILTER, context());
    const offer = snapshot.stages.find((s) => s.status === 'offer')!.combined!;
    // $125.00 / 1.25 = €100.00; weighted 50%: $62.50 -> €50.00, €5.00
    expect(offer.amount.minor).toBe(10_000 + 1000);
    expect(offer.weighted.minor).toBe(5000 + 500);
    expect(offer.amount.used[0]).toMatchObject({ from: 'USD', to: 'EUR', date: '2026-01-01' });
  });
});
