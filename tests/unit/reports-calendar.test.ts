import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dayFromIsoDate,
  dayFromParts,
  instantMs,
  isoDateFromDay,
  lastDayOfMonth,
  monthKey,
  monthOfDay,
  quarterOf,
  weekStart,
} from '../../src/renderer/src/domain/reports/calendar';
import { createZoneDays } from '../../src/renderer/src/domain/reports/zone-days';
import { localDay } from '../../src/renderer/src/domain/tasks/task-groups';

describe('day numbers', () => {
  it('count days from 1970-01-01 like Date.UTC, for any date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1600-01-01'), max: new Date('2400-12-31'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          const expected = Math.floor(
            Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) / 86_400_000,
          );
          expect(dayFromIsoDate(iso)).toBe(expected);
          expect(isoDateFromDay(expected)).toBe(iso);
        },
      ),
    );
  });

  it('refuse what is not a calendar date', () => {
    for (const text of [
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '--03-04',
      '2026-3-4',
      '',
      null,
      '2026-03-04T10:00',
    ])
      expect(dayFromIsoDate(text)).toBeNull();
    expect(dayFromIsoDate('2024-02-29')).toBe(dayFromParts(2024, 2, 29));
  });

  it('know months, ISO weeks and quarters', () => {
    const day = dayFromIsoDate('2026-03-15')!; // a Sunday
    expect(monthKey(monthOfDay(day))).toBe('2026-03');
    expect(isoDateFromDay(lastDayOfMonth(monthOfDay(dayFromIsoDate('2024-02-10')!)))).toBe(
      '2024-02-29',
    );
    expect(isoDateFromDay(weekStart(day))).toBe('2026-03-09');
    expect(isoDateFromDay(weekStart(dayFromIsoDate('2026-03-16')!))).toBe('2026-03-16');
    const quarter = quarterOf(day);
    expect([isoDateFromDay(quarter.first), isoDateFromDay(quarter.last)]).toEqual([
      '2026-01-01',
      '2026-03-31',
    ]);
    expect(isoDateFromDay(quarterOf(dayFromIsoDate('2026-12-31')!).first)).toBe('2026-10-01');
  });

  it('weekStart is always a Monday on or before the day', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (day) => {
        const monday = weekStart(day);
        expect(new Date(monday * 86_400_000).getUTCDay()).toBe(1);
        expect(day - monday).toBeGreaterThanOrEqual(0);
        expect(day - monday).toBeLessThan(7);
      }),
    );
  });
});

describe('instantMs', () => {
  it('reads toISOString output exactly like Date.parse', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
        (date) => {
          const text = date.toISOString();
          expect(instantMs(text)).toBe(Date.parse(text));
        },
      ),
    );
  });

  it('falls back to Date.parse for other shapes and gives NaN for garbage', () => {
    expect(instantMs('2026-03-15T12:00:00+01:00')).toBe(Date.parse('2026-03-15T11:00:00Z'));
    expect(instantMs('not a date')).toBeNaN();
    expect(instantMs(null)).toBeNaN();
    expect(instantMs('2026-13-15T12:00:00.000Z')).toBeNaN();
  });
});

describe('zone days', () => {
  const zones = [
    'America/New_York',
    'Europe/London',
    'Australia/Lord_Howe', // 30-minute DST shift
    'Pacific/Chatham', // +12:45 / +13:45
    'Asia/Kolkata',
    'America/St_Johns',
    'Asia/Kathmandu',
    'Pacific/Apia', // skipped a whole day in 2011
  ];

  it('give the same local day as Intl for any instant, in zones with odd offsets and DST', () => {
    const cached = new Map(zones.map((zone) => [zone, createZoneDays(zone)]));
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2005, 0, 1), max: Date.UTC(2035, 0, 1) }),
        (zone, ms) => {
          expect(isoDateFromDay(cached.get(zone)!.dayOf(ms))).toBe(localDay(new Date(ms), zone));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('is exact on either side of a DST change', () => {
    const york = createZoneDays('America/New_York');
    // 2026-03-08 02:00 EST -> 03:00 EDT happens at 07:00 UTC.
    const change = Date.UTC(2026, 2, 8, 7);
    expect(york.offsetAt(change - 1)).toBe(-5 * 3_600_000);
    expect(york.offsetAt(change)).toBe(-4 * 3_600_000);
    expect(isoDateFromDay(york.dayOf(Date.UTC(2026, 2, 9, 3, 59)))).toBe('2026-03-08');
    expect(isoDateFromDay(york.dayOf(Date.UTC(2026, 2, 9, 4, 0)))).toBe('2026-03-09');
  });

  it('finds every offset change of 2026 to the minute (checked against Intl longOffset)', () => {
    const formats = new Map(
      zones.map((zone) => [
        zone,
        new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }),
      ]),
    );
    const offsetOf = (zone: string, ms: number) => {
      const name = formats
        .get(zone)!
        .formatToParts(ms)
        .find((p) => p.type === 'timeZoneName')!.value;
      const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
      return match
        ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000
        : 0;
    };
    let changes = 0;
    for (const zone of zones) {
      const days = createZoneDays(zone);
      const step = 6 * 3_600_000;
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += step) {
        if (offsetOf(zone, ms) === offsetOf(zone, ms + step)) continue;
        changes += 1;
        for (let minute = ms; minute <= ms + step; minute += 60_000)
          expect(days.offsetAt(minute), `${zone} ${new Date(minute).toISOString()}`).toBe(
            offsetOf(zone, minute),
          );
      }
    }
    expect(changes).toBeGreaterThanOrEqual(8); // New York, London, Lord Howe, Chatham, St John's twice each
  });

  it('reads instants as UTC without a zone', () => {
    const utc = createZoneDays(null);
    expect(isoDateFromDay(utc.dayOf(Date.UTC(2026, 2, 15, 23, 59)))).toBe('2026-03-15');
  });
});
