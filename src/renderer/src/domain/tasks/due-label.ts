/**
 * How a due time reads in a list: "Today 14:00", "Tomorrow 09:30", "Mon 3 Mar 14:00" (en-GB);
 * "Today 2:00 PM" (en-US).
 */
import { localDay } from './task-groups';

function dayOffset(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// Building an Intl.DateTimeFormat costs far more than using one; a list formats hundreds.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions) {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

export function formatDue(dueAt: string, now: Date, timeZone: string, locale?: string): string {
  const due = new Date(dueAt);
  if (Number.isNaN(due.getTime())) return '';
  // The locale's own short time: "6:00 PM" in the US ("06:00 PM" with a 2-digit hour),
  // "18:00" in Germany and Britain.
  const time = formatter(locale, { timeZone, timeStyle: 'short' }).format(due);
  const offset = dayOffset(localDay(now, timeZone), localDay(due, timeZone));
  if (offset === 0) return `Today ${time}`;
  if (offset === 1) return `Tomorrow ${time}`;
  if (offset === -1) return `Yesterday ${time}`;
  const sameYear = localDay(now, timeZone).slice(0, 4) === localDay(due, timeZone).slice(0, 4);
  const date = formatter(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(due);
  return `${date} ${time}`;
}
