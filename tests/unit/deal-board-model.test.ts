import { describe, expect, it } from 'vitest';
import {
  applyPendingMove,
  buildColumns,
  sameCard,
  sameColumn,
} from '../../src/renderer/src/components/deals/board-model';
import { NO_DEAL_FILTERS } from '../../src/renderer/src/domain/deals/board-filter';
import type { EventDeal } from '../../src/renderer/src/domain/records';
import type { BoardData } from '../../src/renderer/src/services/crm/deals/deal-queries';

const now = new Date('2026-06-20T12:00:00Z');

function deal(id: string, overrides: Partial<EventDeal> = {}): EventDeal {
  return {
    id,
    created_at: '2026-06-01T00:00:00Z',
    updated_at: '2026-06-01T00:00:00Z',
    deleted: 0,
    title: `Deal ${id}`,
    event_name: '',
    event_date: '2026-09-01',
    venue: 'Paradiso',
    amount_minor: 100_000,
    currency: 'EUR',
    deal_type: 'flat',
    deal_percent: null,
    status: 'inquiry',
    hold_level: null,
    probability: null,
    expected_close: null,
    owner_id: null,
    notes: '',
    rank: 1,
    last_activity_at: '2026-06-19T12:00:00Z',
    ...overrides,
  };
}

function board(deals: EventDeal[]): BoardData {
  return {
    deals,
    participantsByDeal: new Map([
      [
        'a',
        [
          {
            id: 'p1',
            created_at: '',
            updated_at: '',
            deleted: 0,
            deal_id: 'a',
            customer_id: 'c-agent',
            role: 'agent',
            share_percent: null,
          },
          {
            id: 'p2',
            created_at: '',
            updated_at: '',
            deleted: 0,
            deal_id: 'a',
            customer_id: 'c-artist',
            role: 'artist',
            share_percent: null,
          },
        ],
      ],
    ]),
    names: new Map([
      ['c-agent', 'Agnes Agent'],
      ['c-artist', 'Hania Rani'],
    ]),
    openTasksByDeal: new Map([['a', 2]]),
    stages: [],
  };
}

describe('board model', () => {
  const deals = [
    deal('a', { rank: 2 }),
    deal('b', { rank: 1, last_activity_at: '2026-06-01T00:00:00Z' }),
    deal('c', { status: 'hold', hold_level: 1, event_date: '2026-07-01' }),
    deal('d', { status: 'hold', hold_level: 2, event_date: '2026-07-01', venue: 'PARADISO' }),
  ];

  it('builds a column per status with cards in rank order, people, tasks, idle days and conflicts', () => {
    const columns = buildColumns(board(deals), NO_DEAL_FILTERS, now);
    expect(columns).toHaveLength(10);
    const inquiry = columns[0]!;
    expect(inquiry.cards.map((c) => c.deal.id)).toEqual(['b', 'a']);
    const a = inquiry.cards[1]!;
    expect(a.people).toBe('Hania Rani · Agnes Agent'); // artist before agent
    expect(a.openTasks).toBe(2);
    expect(a.idleDays).toBe(1);
    expect(a.stale).toBe(false);
    expect(inquiry.cards[0]!.stale).toBe(true); // 19 days idle > 7
    expect(inquiry.totals).toEqual([
      { currency: 'EUR', count: 2, amount: 200_000, weighted: 20_000 },
    ]);
    const hold = columns[1]!;
    expect(
      hold.cards.find((c) => c.deal.id === 'c')?.conflicts.map((o) => [o.id, o.hold_level]),
    ).toEqual([['d', 2]]);
  });

  it('shows a dropped card at its new place before the database confirms it', () => {
    const columns = buildColumns(board(deals), NO_DEAL_FILTERS, now);
    const moved = applyPendingMove(columns, { dealId: 'a', to: 'hold', index: 1 });
    expect(moved[0]!.cards.map((c) => c.deal.id)).toEqual(['b']);
    expect(moved[1]!.cards.map((c) => c.deal.id)).toEqual(['c', 'a', 'd']);
    expect(moved[1]!.cards[1]!.deal.status).toBe('hold');
    // Untouched columns keep their identity, so React skips them.
    expect(moved[2]).toBe(columns[2]);
    expect(applyPendingMove(columns, null)).toBe(columns);
  });

  it('treats a re-read card that shows the same thing as the same card', () => {
    const first = buildColumns(board(deals), NO_DEAL_FILTERS, now)[0]!.cards[1]!;
    const reread = buildColumns(board(deals.map((d) => ({ ...d }))), NO_DEAL_FILTERS, now)[0]!
      .cards[1]!;
    expect(reread).not.toBe(first);
    expect(sameCard(first, reread)).toBe(true);
    expect(sameCard(first, { ...reread, deal: { ...reread.deal, amount_minor: 1 } })).toBe(false);
    expect(sameCard(first, { ...reread, openTasks: 3 })).toBe(false);
    const columns = buildColumns(board(deals), NO_DEAL_FILTERS, now);
    const again = buildColumns(board(deals.map((d) => ({ ...d }))), NO_DEAL_FILTERS, now);
    expect(columns.every((column, i) => sameColumn(column, again[i]!))).toBe(true);
    const moved = applyPendingMove(columns, { dealId: 'a', to: 'hold', index: 0 });
    expect(sameColumn(columns[0]!, moved[0]!)).toBe(false);
    expect(sameColumn(columns[1]!, moved[1]!)).toBe(false);
  });
});
