import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  matchesDealFilters,
  NO_DEAL_FILTERS,
} from '../../src/renderer/src/domain/deals/board-filter';
import { validateDealFields } from '../../src/renderer/src/domain/deals/deal-draft';
import {
  findHoldConflicts,
  holdsToRelease,
  nextHoldLevel,
} from '../../src/renderer/src/domain/deals/holds';
import {
  formatMoney,
  minorDigits,
  minorToInput,
  parseMoney,
  weightedMinor,
} from '../../src/renderer/src/domain/deals/money';
import { rankBetween, rankForDrop } from '../../src/renderer/src/domain/deals/rank';
import { daysIdle, isStale } from '../../src/renderer/src/domain/deals/staleness';
import type { DealStatus } from '../../src/renderer/src/domain/deals/statuses';
import {
  checkTransition,
  DEAL_STATUSES,
  outcomeOf,
  STATUS_DEFINITIONS,
} from '../../src/renderer/src/domain/deals/statuses';
import {
  dealWeighted,
  effectiveProbability,
  groupByStatus,
  revenueSummary,
  totalsByCurrency,
} from '../../src/renderer/src/domain/deals/totals';

// The allowed moves, written out independently of the module, as the booking desk states them.
const ALLOWED = new Set([
  'inquiry>hold',
  'inquiry>offer',
  'inquiry>confirmed',
  'inquiry>declined',
  'hold>inquiry',
  'hold>offer',
  'hold>confirmed',
  'hold>released',
  'hold>declined',
  'offer>inquiry',
  'offer>hold',
  'offer>confirmed',
  'offer>declined',
  'offer>released',
  'confirmed>hold',
  'confirmed>offer',
  'confirmed>contracted',
  'confirmed>cancelled',
  'contracted>played',
  'contracted>cancelled',
  'played>settled',
  'declined>inquiry',
  'released>inquiry',
  'released>hold',
]);

const PAIRS = DEAL_STATUSES.flatMap((from) => DEAL_STATUSES.map((to) => [from, to] as const));

describe('deal status transitions', () => {
  it('covers every ordered pair of the ten statuses', () => {
    expect(PAIRS).toHaveLength(100);
  });

  it.each(PAIRS)('%s -> %s', (from, to) => {
    const check = checkTransition(from, to);
    const expected = ALLOWED.has(`${from}>${to}`);
    expect(check.ok).toBe(expected);
    if (!check.ok) {
      expect(check.message).toContain(STATUS_DEFINITIONS[from].label);
      expect(check.message).toContain(STATUS_DEFINITIONS[to].label);
    }
  });

  it('refuses settled back to inquiry with a message that says why', () => {
    const check = checkTransition('settled', 'inquiry');
    expect(check).toEqual({
      ok: false,
      message:
        'A deal cannot move from Settled to Inquiry: a settled show is final: the money is reconciled. It cannot move anywhere.',
    });
  });

  it('lists where a deal may go instead', () => {
    const check = checkTransition('inquiry', 'settled');
    expect(!check.ok && check.message).toContain(
      'From Inquiry it can move to Hold, Offer sent, Confirmed or Declined.',
    );
  });

  it('has won and lost outcomes, with default probabilities that rise along the funnel', () => {
    expect(DEAL_STATUSES.filter((s) => outcomeOf(s) === 'won')).toEqual([
      'contracted',
      'played',
      'settled',
    ]);
    expect(DEAL_STATUSES.filter((s) => outcomeOf(s) === 'lost')).toEqual([
      'declined',
      'released',
      'cancelled',
    ]);
    const open = DEAL_STATUSES.filter((s) => outcomeOf(s) === 'open').map(
      (s) => STATUS_DEFINITIONS[s].defaultProbability,
    );
    expect(open).toEqual([...open].sort((a, b) => a - b));
  });
});

describe('money', () => {
  it('uses each currency minor unit', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(formatMoney(1250050, 'USD', { locale: 'en-US' })).toBe('$12,500.50');
    expect(formatMoney(300000, 'JPY', { locale: 'en-US' })).toBe('¥300,000');
    expect(formatMoney(1250050, 'EUR', { locale: 'en-US', compact: true })).toBe('€12,501');
  });

  it('parses typed amounts exactly, and refuses what is not money', () => {
    expect(parseMoney('12,500.50', 'USD')).toEqual({ ok: true, minor: 1250050 });
    expect(parseMoney('$ 12 500', 'USD')).toEqual({ ok: true, minor: 1250000 });
    expect(parseMoney('0.1', 'USD')).toEqual({ ok: true, minor: 10 });
    expect(parseMoney('300000', 'JPY')).toEqual({ ok: true, minor: 300000 });
    expect(parseMoney('1.5', 'JPY').ok).toBe(false);
    expect(parseMoney('1.234', 'EUR').ok).toBe(false);
    expect(parseMoney('-5', 'EUR').ok).toBe(false);
    expect(parseMoney('ten', 'EUR').ok).toBe(false);
  });

  it('round-trips minor units through the edit field', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.constantFrom('USD', 'JPY', 'KWD'),
        (minor, currency) => {
          expect(parseMoney(minorToInput(minor, currency), currency)).toEqual({ ok: true, minor });
        },
      ),
    );
  });

  it('rounds amount x probability half up to a whole minor unit', () => {
    expect(weightedMinor(1000, 25)).toBe(250);
    expect(weightedMinor(1, 50)).toBe(1); // 0.5 -> 1
    expect(weightedMinor(1, 49)).toBe(0); // 0.49 -> 0
    expect(weightedMinor(3, 50)).toBe(2); // 1.5 -> 2
    expect(weightedMinor(999, 10)).toBe(100); // 99.9 -> 100
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 100 }),
        (amount, p) => {
          const weighted = weightedMinor(amount, p);
          expect(Number.isInteger(weighted)).toBe(true);
          // Within half a minor unit of the exact value, ties going up.
          const exactTimes100 = amount * p;
          expect(Math.abs(weighted * 100 - exactTimes100)).toBeLessThanOrEqual(50);
          if (weighted * 100 - exactTimes100 === -50) throw new Error('tie rounded down');
        },
      ),
    );
  });
});

const statusArb = fc.constantFrom(...DEAL_STATUSES);
const dealArb = fc.record({
  id: fc.uuid(),
  status: statusArb,
  amount_minor: fc.integer({ min: 0, max: 10 ** 10 }),
  currency: fc.constantFrom('USD', 'EUR', 'JPY'),
  probability: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  rank: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  event_date: fc.option(
    fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    { nil: null },
  ),
  expected_close: fc.constant(null),
});

describe('column totals (properties)', () => {
  it('each column total per currency equals the sum of its cards', () => {
    fc.assert(
      fc.property(fc.array(dealArb, { maxLength: 80 }), (deals) => {
        const columns = groupByStatus(deals);
        expect(Object.values(columns).flat()).toHaveLength(deals.length);
        for (const status of DEAL_STATUSES) {
          const cards = columns[status];
          expect(cards.every((c) => c.status === status)).toBe(true);
          for (const total of totalsByCurrency(cards)) {
            const mine = cards.filter((c) => c.currency === total.currency);
            expect(total.count).toBe(mine.length);
            expect(total.amount).toBe(mine.reduce((sum, c) => sum + c.amount_minor, 0));
          }
        }
      }),
    );
  });

  it('weighted total equals the sum of amount x probability, rounded per deal', () => {
    fc.assert(
      fc.property(fc.array(dealArb, { maxLength: 80 }), (deals) => {
        for (const total of totalsByCurrency(deals)) {
          const mine = deals.filter((d) => d.currency === total.currency);
          const expected = mine.reduce(
            (sum, d) => sum + Math.round((d.amount_minor * effectiveProbability(d)) / 100),
            0,
          );
          expect(total.weighted).toBe(expected);
          // and never further than half a unit per deal from the exact (unrounded) sum
          const exact = mine.reduce(
            (sum, d) => sum + (d.amount_minor * effectiveProbability(d)) / 100,
            0,
          );
          expect(Math.abs(total.weighted - exact)).toBeLessThanOrEqual(mine.length / 2 + 1e-6);
        }
      }),
    );
  });

  it('orders each column by rank', () => {
    fc.assert(
      fc.property(fc.array(dealArb, { maxLength: 40 }), (deals) => {
        for (const cards of Object.values(groupByStatus(deals)))
          for (let i = 1; i < cards.length; i += 1)
            expect(cards[i - 1]!.rank).toBeLessThanOrEqual(cards[i]!.rank);
      }),
    );
  });
});

describe('probability', () => {
  it('uses the deal own value for open deals, 100 when won, 0 when lost', () => {
    expect(effectiveProbability({ status: 'offer', probability: null })).toBe(50);
    expect(effectiveProbability({ status: 'offer', probability: 70 })).toBe(70);
    expect(effectiveProbability({ status: 'offer', probability: null }, { offer: 35 })).toBe(35);
    expect(effectiveProbability({ status: 'contracted', probability: 20 })).toBe(100);
    expect(effectiveProbability({ status: 'declined', probability: 90 })).toBe(0);
    expect(
      dealWeighted({ status: 'hold', probability: null, amount_minor: 10_000, currency: 'EUR' }),
    ).toBe(2_500);
  });
});

describe('revenue', () => {
  const base = { probability: null, expected_close: null, rank: 0 };
  const deals = [
    {
      ...base,
      id: 'a',
      status: 'settled' as DealStatus,
      amount_minor: 100,
      currency: 'USD',
      event_date: '2026-03-14',
    },
    {
      ...base,
      id: 'b',
      status: 'played' as DealStatus,
      amount_minor: 50,
      currency: 'USD',
      event_date: '2026-03-02',
    },
    {
      ...base,
      id: 'c',
      status: 'contracted' as DealStatus,
      amount_minor: 70,
      currency: 'EUR',
      event_date: '2026-04-01',
    },
    {
      ...base,
      id: 'd',
      status: 'offer' as DealStatus,
      amount_minor: 1000,
      currency: 'USD',
      event_date: '2026-05-01',
    },
    {
      ...base,
      id: 'e',
      status: 'hold' as DealStatus,
      amount_minor: 3,
      currency: 'USD',
      event_date: null,
    },
    {
      ...base,
      id: 'f',
      status: 'declined' as DealStatus,
      amount_minor: 999,
      currency: 'USD',
      event_date: '2026-05-01',
    },
  ];

  it('sums won revenue by event month and currency, and forecasts open deals weighted', () => {
    const summary = revenueSummary(deals);
    expect(summary.wonByMonth).toEqual([
      { month: '2026-03', currency: 'USD', amount: 150 },
      { month: '2026-04', currency: 'EUR', amount: 70 },
    ]);
    // offer 1000 x 50% = 500; hold 3 x 25% = 0.75 -> 1
    expect(summary.forecast).toEqual([{ currency: 'USD', count: 2, amount: 1003, weighted: 501 }]);
    expect(summary.byStatus.map((s) => s.status)).toEqual([
      'hold',
      'offer',
      'contracted',
      'played',
      'settled',
      'declined',
    ]);
    expect(summary.won.find((t) => t.currency === 'USD')?.amount).toBe(150);
  });
});

describe('hold conflicts', () => {
  const deal = (
    id: string,
    venue: string,
    date: string | null,
    status: DealStatus,
    level: number | null = null,
  ) => ({
    id,
    venue,
    event_date: date,
    status,
    hold_level: level,
    deleted: 0 as const,
  });

  it('flags deals holding the same date at the same venue, venue compared folded', () => {
    const deals = [
      deal('a', 'Paradiso', '2026-06-01', 'hold', 1),
      deal('b', ' paradiso ', '2026-06-01', 'hold', 2),
      deal('c', 'Paradiso', '2026-06-02', 'hold', 1),
      deal('d', 'Vega', '2026-06-01', 'hold', 1),
      deal('e', 'Paradiso', '2026-06-01', 'declined'),
      deal('f', 'Paradiso', '2026-06-01', 'inquiry'),
    ];
    const conflicts = findHoldConflicts(deals);
    expect([...conflicts.keys()].sort()).toEqual(['a', 'b']);
    expect(conflicts.get('a')?.map((d) => d.id)).toEqual(['b']);
  });

  it('offers to release the others still on hold or offered when one confirms', () => {
    const confirmed = deal('a', 'Paradiso', '2026-06-01', 'confirmed');
    const others = [
      deal('b', 'Paradiso', '2026-06-01', 'hold', 2),
      deal('c', 'Paradiso', '2026-06-01', 'offer'),
      deal('d', 'Paradiso', '2026-06-01', 'contracted'),
      deal('e', 'Vega', '2026-06-01', 'hold', 1),
    ];
    expect(holdsToRelease(confirmed, others).map((d) => d.id)).toEqual(['b', 'c']);
    expect(holdsToRelease({ ...confirmed, event_date: null }, others)).toEqual([]);
  });

  it('gives the next hold level on a date', () => {
    const me = deal('z', 'Paradiso', '2026-06-01', 'inquiry');
    expect(nextHoldLevel(me, [])).toBe(1);
    expect(
      nextHoldLevel(me, [
        deal('a', 'Paradiso', '2026-06-01', 'hold', 1),
        deal('b', 'PARADISO', '2026-06-01', 'hold', 3),
        deal('c', 'Paradiso', '2026-06-02', 'hold', 7),
      ]),
    ).toBe(4);
  });
});

describe('staleness', () => {
  const now = new Date('2026-06-20T12:00:00Z');
  it('counts whole idle days and flags open deals past their stage limit', () => {
    expect(daysIdle('2026-06-20T01:00:00Z', now)).toBe(0);
    expect(daysIdle('2026-06-12T12:00:00Z', now)).toBe(8);
    // inquiry goes stale after 7 days
    expect(isStale({ status: 'inquiry', last_activity_at: '2026-06-13T12:00:00Z' }, now)).toBe(
      false,
    );
    expect(isStale({ status: 'inquiry', last_activity_at: '2026-06-12T12:00:00Z' }, now)).toBe(
      true,
    );
    expect(
      isStale({ status: 'inquiry', last_activity_at: '2026-06-12T12:00:00Z' }, now, {
        inquiry: 30,
      }),
    ).toBe(false);
    expect(isStale({ status: 'settled', last_activity_at: '2020-01-01T00:00:00Z' }, now)).toBe(
      false,
    );
    expect(isStale({ status: 'declined', last_activity_at: '2020-01-01T00:00:00Z' }, now)).toBe(
      false,
    );
  });
});

describe('ranks', () => {
  it('always finds a rank strictly between neighbours, or asks to renumber', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { maxLength: 20 }),
        fc.nat(25),
        (raw, index) => {
          const ranks = [...new Set(raw)].sort((a, b) => a - b);
          const rank = rankForDrop(ranks, index);
          const at = Math.min(index, ranks.length);
          if (rank === null) {
            expect(ranks[at]! - ranks[at - 1]!).toBeLessThanOrEqual(1e-6);
            return;
          }
          if (at > 0) expect(rank).toBeGreaterThan(ranks[at - 1]!);
          if (at < ranks.length) expect(rank).toBeLessThan(ranks[at]!);
        },
      ),
    );
    expect(rankBetween(1, 1 + 1e-9)).toBeNull();
  });
});

describe('deal fields and filters', () => {
  it('refuses bad fields with a message each', () => {
    const errors = validateDealFields({
      title: ' ',
      event_date: '2026-02-30',
      amount_minor: -1,
      currency: 'EURO',
      deal_type: 'versus',
      deal_percent: null,
      probability: 101,
      status: 'settled',
    });
    expect(Object.keys(errors).sort()).toEqual(
      [
        'amount_minor',
        'currency',
        'deal_percent',
        'event_date',
        'probability',
        'status',
        'title',
      ].sort(),
    );
    expect(
      validateDealFields({ title: 'Show', currency: 'EUR', event_date: '2026-02-28' }),
    ).toEqual({});
  });

  it('filters by owner, dates, participant and currency', () => {
    const deal = { id: 'd', owner_id: 'm1', event_date: '2026-06-01', currency: 'EUR' };
    const people = new Map([['d', [{ customer_id: 'c1' }]]]);
    const f = NO_DEAL_FILTERS;
    expect(matchesDealFilters(deal, f, people)).toBe(true);
    expect(matchesDealFilters(deal, { ...f, ownerId: 'm2' }, people)).toBe(false);
    expect(matchesDealFilters({ ...deal, owner_id: null }, { ...f, ownerId: '' }, people)).toBe(
      true,
    );
    expect(matchesDealFilters(deal, { ...f, from: '2026-06-01', to: '2026-06-01' }, people)).toBe(
      true,
    );
    expect(matchesDealFilters(deal, { ...f, from: '2026-06-02' }, people)).toBe(false);
    expect(
      matchesDealFilters({ ...deal, event_date: null }, { ...f, to: '2026-06-02' }, people),
    ).toBe(false);
    expect(matchesDealFilters(deal, { ...f, participantId: 'c1' }, people)).toBe(true);
    expect(matchesDealFilters(deal, { ...f, participantId: 'c2' }, people)).toBe(false);
    expect(matchesDealFilters(deal, { ...f, currency: 'USD' }, people)).toBe(false);
  });
});
