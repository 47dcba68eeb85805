/**
 * What a customer list cell shows besides its content's own rules: the day text, each
 * column's class and title. Shared by the React list (components/customers/customer-cells.tsx)
 * and the first paint (app/first-paint/rows.ts), which draws the same cells before React loads.
 */
import type { Lifecycle } from '../records';
import type { ListColumnId } from './list-columns';

// One formatter for every cell: toLocaleDateString builds a new one per call, a large share of
// a list page's render. Made on first use, not when the module loads: the first Intl object
// of a page loads the locale's data (80-200 ms measured on the loaded 2-core machine), and the
// first paint imports this module but usually draws its days from the snapshot instead.
let day: Intl.DateTimeFormat | null = null;

export function formatListDay(iso: string): string {
  const date = new Date(iso);
  day ??= new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
  // format() throws on an invalid date where toLocaleDateString said "Invalid Date".
  return iso && !Number.isNaN(date.getTime()) ? day.format(date) : '—';
}

// The same for counts: Number#toLocaleString builds a formatter per call (about a tenth of a
// millisecond each; the result count and the "select all" box format several per answer).
// The texts are kept too: the same few counts (every customer, the matches) come back on each
// render, and even one formatter's format() is a few microseconds.
let count: Intl.NumberFormat | null = null;
const counted = new Map<number, string>();

/** A count as toLocaleString() writes it ("12,345"), with one formatter for the page. */
export function formatListCount(n: number): string {
  let text = counted.get(n);
  if (text === undefined) {
    count ??= new Intl.NumberFormat();
    text = count.format(n);
    if (counted.size >= 256) counted.clear();
    counted.set(n, text);
  }
  return text;
}

/**
 * What a day's text depends on besides the locale: the instant and the time zone's offset at
 * that instant (the local date). The first paint keeps the texts it was shown under this key.
 */
export function listDayKey(iso: string): string {
  return `${iso}|${new Date(iso).getTimezoneOffset()}`;
}

export const LIST_CELL_CLASS: Record<ListColumnId, string> = {
  name: 'cell cell-name',
  email: 'cell cell-muted',
  phone: 'cell cell-mono',
  stage: 'cell',
  tags: 'cell',
  owner: 'cell cell-muted',
  last_touch: 'cell cell-muted',
  score: 'cell cell-number',
};

export const LIST_CELL_TITLES: Partial<Record<ListColumnId, string>> = {
  score: 'Engagement score, 0–100',
};

export const LIFECYCLE_LABELS: Record<Lifecycle, string> = {
  lead: 'Lead',
  prospect: 'Prospect',
  customer: 'Customer',
  inactive: 'Inactive',
};
