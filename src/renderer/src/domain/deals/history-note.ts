/**
 * A deal-history note as the screen shows it: the event dates it names in the user's locale
 * ("Moved from Dec 4, 2026 to Dec 11, 2026: now 1st hold"), not as the ISO text the note keeps
 * for apps before the structured fields and for exports. The dates come from the entry's
 * `event_date_from` / `event_date_to`; an entry written before them (no such fields) has its
 * dates read from the two notes that named one ("Moved from 2026-12-04 to 2026-12-11: now …",
 * "… moved to 2026-12-11"). Any other text, a note typed by someone above all, is shown as it is.
 */
import type { DealStatusChange, IsoDate } from '../records';
import { formatDealDate } from './deal-display';

type NoteFields = Pick<DealStatusChange, 'note' | 'event_date_from' | 'event_date_to'>;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const OLD_MOVED = /^Moved from (\d{4}-\d{2}-\d{2}|no date) to (\d{4}-\d{2}-\d{2}): now /;
const OLD_MOVED_UP = / moved to (\d{4}-\d{2}-\d{2})$/;

/** The ISO dates the note names, from its fields, else from the notes that named one. */
export function noteDates(change: NoteFields): IsoDate[] {
  const given =
    change.event_date_to !== undefined || change.event_date_from !== undefined
      ? [change.event_date_from, change.event_date_to]
      : [OLD_MOVED.exec(change.note)?.[1], OLD_MOVED.exec(change.note)?.[2]].concat(
          OLD_MOVED_UP.exec(change.note)?.[1],
        );
  return [...new Set(given.filter((d): d is string => !!d && ISO_DAY.test(d)))] as IsoDate[];
}

/** The note with each date it names written as `formatDealDate` writes it in `locale`. */
export function historyNoteText(change: NoteFields, locale: string | undefined): string {
  let text = change.note;
  for (const date of noteDates(change)) {
    const shown = formatDealDate(date, locale);
    text = text.replace(new RegExp(`(?<![\\d-])${date}(?![\\d-])`, 'g'), () => shown);
  }
  return text;
}
