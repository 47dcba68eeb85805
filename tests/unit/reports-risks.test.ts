import { describe, expect, it } from 'vitest';
import type { ReportFilter } from '../../src/renderer/src/domain/reports/filter';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';
import {
  holdsDueSoon,
  staleDeals,
  upcomingConflicts,
} from '../../src/renderer/src/domain/reports/pipeline-risks';
import { context, deal } from './reports-fixtures';

const filter = (fields: Partial<ReportFilter> = {}): ReportFilter => ({
  ...NO_REPORT_FILTER,
  ...fields,
});
const daysAgo = (n: number) =>
  new Date(Date.parse('2026-03-15T12:00:00.000Z') - n * 86_400_000).toISOString();

describe('stale deals', () => {
  it('are open deals idle longer than their stage allows (the board’s rule and settings)', () => {
    const deals = [
      deal({ title: 'idle inquiry', status: 'inquiry', last_activity_at: daysAgo(8) }), // > 7
      deal({ title: 'fresh inquiry', status: 'inquiry', last_activity_at: daysAgo(7) }), // not more than 7
      deal({ title: 'idle hold', status: 'hold', last_activity_at: daysAgo(15) }),
      deal({ title: 'idle contract', status: 'contracted', last_activity_at: daysAgo(400) }), // won: never stale
      deal({ title: 'deleted', status: 'inquiry', last_activity_at: daysAgo(30), deleted: 1 }),
    ];
    const stale = staleDeals(deals, NO_REPORT_FILTER, context());
    expect(stale.map((s) => [s.status, s.count])).toEqual([
      ['inquiry', 1],
      ['hold', 1],
      ['offer', 0],
      ['confirmed', 0],
    ]);
    expect(stale[0]!.dealIds).toEqual([deals[0]!.id]);
    const patient = staleDeals(
      deals,
      NO_REPORT_FILTER,
      context({}, { stages: { probability: {}, staleAfter: { hold: 20 } } }),
    );
    expect(patient.find((s) => s.status === 'hold')!.count).toBe(0);
    expect(staleDeals(deals, filter({ from: '2026-04-01' }), context())[0]!.count).toBe(0); // event 2026-03-20
  });
});

describe('holds due soon', () => {
  it('are deals still on hold with a show between today and 30 days from now, soonest first', () => {
    const deals = [
      deal({ title: 'in 31 days', status: 'hold', hold_level: 1, event_date: '2026-04-15' }),
      deal({ title: 'in 30 days', status: 'hold', hold_level: 2, event_date: '2026-04-14' }),
      deal({ title: 'today', status: 'hold', hold_level: 1, event_date: '2026-03-15' }),
      deal({ title: 'yesterday', status: 'hold', hold_level: 1, event_date: '2026-03-14' }),
      deal({ title: 'offer', status: 'offer', event_date: '2026-03-20' }),
      deal({ title: 'no date', status: 'hold', hold_level: 1, event_date: null }),
    ];
    const due = holdsDueSoon(deals, NO_REPORT_FILTER, context());
    expect(due.map((h) => [h.title, h.daysLeft, h.holdLevel])).toEqual([
      ['today', 0, 1],
      ['in 30 days', 30, 2],
    ]);
    expect(holdsDueSoon(deals, NO_REPORT_FILTER, context(), 31)).toHaveLength(3);
    expect(holdsDueSoon(deals, filter({ ownerId: 'm1' }), context())).toEqual([]);
  });
});

describe('double-booked dates', () => {
  it('are slots in the next 30 days that two live deals occupy, listed when one is in scope', () => {
    const deals = [
      deal({
        title: 'Hold 1',
        status: 'hold',
        hold_level: 1,
        venue: 'The Roundhouse',
        event_date: '2026-03-20',
        owner_id: 'm1',
      }),
      deal({
        title: 'Confirmed',
        status: 'confirmed',
        venue: 'the  roundhouse',
        event_date: '2026-03-20',
        owner_id: 'm2',
      }),
      deal({
        title: 'Declined',
        status: 'declined',
        venue: 'The Roundhouse',
        event_date: '2026-03-20',
      }),
      deal({
        title: 'Other venue',
        status: 'hold',
        hold_level: 1,
        venue: 'Brudenell',
        event_date: '2026-03-20',
      }),
      deal({
        title: 'Far A',
        status: 'hold',
        hold_level: 1,
        venue: 'Brudenell',
        event_date: '2026-06-01',
      }),
      deal({
        title: 'Far B',
        status: 'hold',
        hold_level: 2,
        venue: 'Brudenell',
        event_date: '2026-06-01',
      }),
      deal({
        title: 'Gone',
        status: 'hold',
        hold_level: 2,
        venue: 'Brudenell',
        event_date: '2026-03-20',
        deleted: 1,
      }),
    ];
    const conflicts = upcomingConflicts(deals, NO_REPORT_FILTER, context());
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ date: '2026-03-20', venueKey: 'the roundhouse' });
    expect(conflicts[0]!.deals.map((d) => d.title)).toEqual(['Confirmed', 'Hold 1']);
    // Filtered to m2, the slot still shows m1's hold: it is what m2's show conflicts with.
    expect(upcomingConflicts(deals, filter({ ownerId: 'm2' }), context())[0]!.deals).toHaveLength(
      2,
    );
    expect(upcomingConflicts(deals, filter({ ownerId: '' }), context())).toEqual([]);
    expect(upcomingConflicts(deals, NO_REPORT_FILTER, context(), 90)).toHaveLength(2);
  });
});
