import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarSpan,
  nearestShow,
  shiftAnchor,
  showsByDay,
} from '../../src/renderer/src/domain/reports/show-calendar';
import { parseRateLines } from '../../src/renderer/src/domain/reports/rate-lines';
import { drillHref, parseDrillParam } from '../../src/renderer/src/domain/reports/drill-link';
import { dealDrill } from '../../src/renderer/src/domain/reports/drill';

const show = (
  id: string,
  event_date: string | null,
  venue: string,
  status = 'hold' as const,
  hold_level: number | null = 1,
) => ({
  id,
  title: id,
  venue,
  event_date,
  status,
  hold_level,
  deleted: 0 as const,
});

describe('the calendar of shows', () => {
  it('shows whole weeks, Monday first, around the month, and says which days are the month', () => {
    const span = calendarSpan('month', '2026-03-15');
    expect(span.title).toBe('March 2026');
    expect(span.days[0]).toBe('2026-02-23'); // the Monday before 1 March (a Sunday)
    expect(span.days.at(-1)).toBe('2026-04-05');
    expect(span.days.length % 7).toBe(0);
    expect(span.inPeriod.has('2026-02-28')).toBe(false);
    expect(span.inPeriod.has('2026-03-31')).toBe(true);
  });

  it('a week is Monday to Sunday; previous and next step a week or a month, across years', () => {
    expect(calendarSpan('week', '2026-03-15').days).toEqual([
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
    ]);
    expect(shiftAnchor('month', '2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftAnchor('month', '2026-01-10', -1)).toBe('2025-12-01');
    expect(shiftAnchor('week', '2026-03-15', -1)).toBe('2026-03-08');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });

  it('marks two deals on one night at one venue as a conflict, not the same venue another night', () => {
    const span = calendarSpan('week', '2026-03-15');
    const byDay = showsByDay(
      [
        show('a', '2026-03-10', 'Paradiso'),
        show('b', '2026-03-10', 'paradiso ', 'hold', 2),
        show('c', '2026-03-11', 'Paradiso'),
        show('d', '2026-03-10', 'Melkweg'),
        show('e', '2026-04-10', 'Paradiso'),
        show('f', null, 'Paradiso'),
      ],
      span,
    );
    const day = byDay.get('2026-03-10')!.map((s) => [s.deal.id, s.conflict]);
    expect(day).toEqual([
      ['d', false],
      ['a', true],
      ['b', true],
    ]);
    expect(byDay.get('2026-03-11')!.map((s) => s.conflict)).toEqual([false]);
    expect([...byDay.keys()].sort()).toEqual(['2026-03-10', '2026-03-11']);
  });
});

describe('exchange rates as typed in Settings', () => {
  it('reads one currency a line, with a comma as the decimal point', () => {
    expect(parseRateLines('USD 1.0856\n gbp = 0,85 \n\nJPY: 162')).toEqual({
      rates: { USD: '1.0856', GBP: '0.85', JPY: '162' },
      problems: [],
    });
  });
  it('says which line it cannot read, and refuses an empty list', () => {
    expect(parseRateLines('USD 1.08\ndollars 2').problems).toEqual([
      'Line 2 (“dollars 2”): write a currency code and a rate, like “USD 1.0856”',
    ]);
    expect(parseRateLines('  ').problems).toEqual(['Add at least one rate, like “USD 1.0856”']);
  });
});

describe('click-through addresses', () => {
  it('a list drill round-trips through the address; a damaged one is refused in words', () => {
    const drill = dealDrill(
      'Won in March',
      { ownerId: 'm1', currency: 'EUR', tag: 'vip' },
      { statuses: ['contracted'] },
    );
    const href = drillHref(drill);
    expect(href.startsWith('/reports/list?drill=')).toBe(true);
    const param = new URLSearchParams(href.split('?')[1]).get('drill');
    expect(parseDrillParam(param)).toEqual({ ok: true, drill });
    expect(parseDrillParam('{"kind":"nope"}')).toEqual({
      ok: false,
      message: 'This list’s address is not one the dashboard made.',
    });
    expect(parseDrillParam('{oops').ok).toBe(false);
    expect(drillHref({ kind: 'deal', id: 'd1', label: 'X' })).toBe('/deals/d1');
  });
});

// An empty week said nothing (a tall blank grid): its note offers the nearest show.
describe('the show nearest an empty period', () => {
  const week = calendarSpan('week', '2026-12-09'); // Monday 7 to Sunday 13 December
  const dated = (event_date: string | null, deleted: 0 | 1 = 0) => ({ event_date, deleted });
  it('is the first after the period, else the last before it, never a deleted or undated deal', () => {
    expect(
      nearestShow(
        [dated('2027-01-20'), dated('2026-12-14'), dated('2026-12-01'), dated(null)],
        week,
      ),
    ).toEqual({ date: '2026-12-14', later: true });
    expect(
      nearestShow([dated('2026-12-14', 1), dated('2026-12-01'), dated('2026-11-03')], week),
    ).toEqual({ date: '2026-12-01', later: false });
    expect(nearestShow([dated(null), dated('2026-12-20', 1)], week)).toBeNull();
  });

  it("a month view's neighbouring days drawn are outside its period", () => {
    // December 2026 is drawn from Monday 30 November to Sunday 3 January.
    const month = calendarSpan('month', '2026-12-09');
    expect(month.days[0]).toBe('2026-11-30');
    expect(nearestShow([dated('2026-11-30'), dated('2027-01-02')], month)).toEqual({
      date: '2027-01-02',
      later: true,
    });
  });
});
