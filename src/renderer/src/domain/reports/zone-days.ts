/**
 * The calendar day an instant falls on in the user's time zone, fast enough for 200,000
 * touchpoints. Asking Intl for every row costs microseconds each (a second or more in all);
 * a zone's offset changes only a few times a year, so it is asked twice per UTC day seen (the
 * offset at the day's first and last millisecond) and, on the rare day the two differ, the
 * minute of the change is found by bisection. Assumes at most one offset change per UTC day,
 * which holds for every zone in the tz database since standard time zones were adopted.
 */
import type { DayNumber } from './calendar';
import { DAY_MS } from './calendar';

type DayOffsets = { start: number; end: number; changeAt: number };

/** Turns instants (ms) into local day numbers; `timeZone` null means UTC (calendar dates). */
export type ZoneDays = {
  readonly timeZone: string | null;
  dayOf(ms: number): DayNumber;
  /** Offset from UTC in ms at an instant (local = UTC + offset). */
  offsetAt(ms: number): number;
};

function offsetReader(timeZone: string): (ms: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    era: 'short',
  });
  return (ms: number) => {
    const whole = ms - (((ms % 1000) + 1000) % 1000);
    const fields: Record<string, string> = {};
    for (const part of format.formatToParts(whole)) fields[part.type] = part.value;
    const yearOfEra = Number(fields.year);
    const year = fields.era === 'BC' || fields.era === 'B' ? 1 - yearOfEra : yearOfEra;
    const wall = Date.UTC(
      year,
      Number(fields.month) - 1,
      Number(fields.day),
      Number(fields.hour),
      Number(fields.minute),
      Number(fields.second),
    );
    // Date.UTC maps years 0..99 to 1900..1999; those are far outside any CRM's data.
    return wall - whole;
  };
}

// A zone's offsets never change while the app runs: one ZoneDays (and its cache) per zone.
const zones = new Map<string, ZoneDays>();

export function createZoneDays(timeZone: string | null): ZoneDays {
  const known = zones.get(timeZone ?? 'UTC');
  if (known) return known;
  const zone = buildZoneDays(timeZone);
  zones.set(timeZone ?? 'UTC', zone);
  return zone;
}

function buildZoneDays(timeZone: string | null): ZoneDays {
  if (timeZone === null || timeZone === 'UTC' || timeZone === 'Etc/UTC') {
    return {
      timeZone,
      dayOf: (ms) => Math.floor(ms / DAY_MS),
      offsetAt: () => 0,
    };
  }
  const read = offsetReader(timeZone);
  const days = new Map<number, DayOffsets>();

  function offsetsOfUtcDay(utcDay: number): DayOffsets {
    let known = days.get(utcDay);
    if (known) return known;
    const first = utcDay * DAY_MS;
    const last = first + DAY_MS - 1;
    const start = read(first);
    const end = read(last);
    let changeAt = last + 1;
    if (start !== end) {
      // Bisection on whole minutes: the first minute at which the offset is the new one.
      let low = 0;
      let high = 1439;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (read(first + middle * 60_000) === end) high = middle;
        else low = middle + 1;
      }
      changeAt = first + low * 60_000;
    }
    known = { start, end, changeAt };
    days.set(utcDay, known);
    return known;
  }

  function offsetAt(ms: number): number {
    const offsets = offsetsOfUtcDay(Math.floor(ms / DAY_MS));
    return ms < offsets.changeAt ? offsets.start : offsets.end;
  }

  return {
    timeZone,
    offsetAt,
    dayOf: (ms) => Math.floor((ms + offsetAt(ms)) / DAY_MS),
  };
}
