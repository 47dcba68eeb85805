/**
 * A due time typed the way people say it ("tomorrow 10am", "fri 3pm", "in 2 days", "12/20"),
 * read with chrono-node against a given "now" so the answer is testable. Also accepts the
 * ISO form (2026-12-06T23:59) a date picker or a paste gives.
 */
import * as chrono from 'chrono-node';

export type DueReading =
  { kind: 'none' } | { kind: 'date'; at: Date } | { kind: 'unreadable'; message: string };

export function readNaturalDue(text: string, now: Date): DueReading {
  const typed = text.trim();
  if (typed === '') return { kind: 'none' };
  const found = chrono.parse(typed, now, { forwardDate: true })[0];
  if (!found)
    return { kind: 'unreadable', message: `“${typed}” is not a date: try “tomorrow 10am”` };
  // Words left over ("tomorrow lunch with Ana") mean the reading may not be what was meant.
  const rest = (typed.slice(0, found.index) + typed.slice(found.index + found.text.length)).trim();
  if (rest !== '')
    return {
      kind: 'unreadable',
      message: `Only “${found.text}” reads as a date: remove “${rest}”`,
    };
  return { kind: 'date', at: found.start.date() };
}

/**
 * How the parsed due time is shown before saving: "Mon, Dec 7, 2026, 6:00 PM" (en-US), "Mon,
 * 7 Dec 2026, 18:00" (en-GB): the date, then the locale's own short time (a 2-digit hour
 * read "06:00 PM" in the US).
 */
export function formatDuePreview(at: Date, locale?: string): string {
  const date = at.toLocaleDateString(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  return `${date}, ${at.toLocaleTimeString(locale, { timeStyle: 'short' })}`;
}
