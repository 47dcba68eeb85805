/**
 * Which touchpoints the reports need read: the instants (ISO, UTC) of the week window a
 * filter counts touchpoints over, widened by two days on each side so every local day of the
 * window is covered whatever the user's zone (offsets are at most 14 hours). Touchpoints are
 * stored with `toISOString()`, so comparing the strings compares the instants.
 */
import { isoDateFromDay } from './calendar';
import type { DayNumber } from './calendar';
import type { ReportFilter } from './filter';
import { weekWindow } from './weeks';

export type TouchSpan = { from: string; to: string };

export function touchSpanFor(filter: ReportFilter, today: DayNumber): TouchSpan {
  const { span } = weekWindow(filter, today);
  return {
    from: `${isoDateFromDay(span.first - 2)}T00:00:00.000Z`,
    to: `${isoDateFromDay(span.last + 2)}T23:59:59.999Z`,
  };
}

/** True when `inner` lies within `outer`. */
export function spanCovers(outer: TouchSpan | null, inner: TouchSpan): boolean {
  return outer !== null && outer.from <= inner.from && outer.to >= inner.to;
}

/**
 * What to read so that `known` and `wanted` become one span read whole: the parts of their
 * union outside `known` (a gap between them included).
 */
export function spansMissing(known: TouchSpan | null, wanted: TouchSpan): TouchSpan[] {
  if (known === null) return [wanted];
  const union = spanUnion(known, wanted);
  const missing: TouchSpan[] = [];
  if (union.from < known.from) missing.push({ from: union.from, to: known.from });
  if (union.to > known.to) missing.push({ from: known.to, to: union.to });
  return missing;
}

/** The smallest span covering both. */
export function spanUnion(a: TouchSpan | null, b: TouchSpan): TouchSpan {
  if (a === null) return b;
  return { from: a.from < b.from ? a.from : b.from, to: a.to > b.to ? a.to : b.to };
}
