/**
 * What the first paint (paint.ts) needs from the last start to draw the customer list before
 * React has loaded: the page around the rows as React drew it (the shell: sidebar, header,
 * filters, the table's head), the columns it showed, and how the phones it showed read.
 * Taken by the React list when its first screen is settled (capture.ts), kept in
 * localStorage, and used only by the same build, at the same window width, with the same
 * database version and chosen columns; anything else and the first paint draws nothing.
 * The entry's picture reads the rows from IndexedDB; the parse-time one (early.ts) draws the
 * rows kept in `rows` (rows-picture.ts: trees, never HTML) while they still hold.
 */
import type { ListColumnId } from '../../domain/customers/list-columns';
import type { RowsPicture } from './rows-picture';

export const SNAPSHOT_KEY = 'encore:first-paint';
/** A shell larger than this is not kept (a sidebar with hundreds of saved views). */
export const SNAPSHOT_MAX_CHARS = 200_000;

export type FirstPaintSnapshot = {
  /** The build that drew it: the names of its scripts and stylesheets (content hashed). */
  build: string;
  /** window.innerWidth when it was drawn: the columns that fit and the filters' layout. */
  width: number;
  /** window.innerHeight: how many rows fill the screen (the parse-time picture's rows). */
  height: number;
  databaseName: string;
  /** IndexedDB's version of the database (an upgrade pending: no first paint). */
  databaseVersion: number;
  /** The columns the user chose (normalized), and those that fit and were shown. */
  chosen: ListColumnId[];
  columns: ListColumnId[];
  /** How many rows the list reads for its first answer (its rowgroup's height follows it). */
  firstWindow: number;
  /** #root's HTML with the rows taken out, ids and test hooks removed. */
  shell: string;
  /** E.164 -> the text the list shows for it (libphonenumber is not in the first paint). */
  phones: Record<string, string>;
  /** The browser's languages, and listDayKey -> the day text shown in them (Intl is slow to start). */
  languages: string;
  days: Record<string, string>;
  /**
   * The stylesheets' rules that style the first screen (critical-css.ts): the pictures are
   * drawn with these while the full stylesheet, which does not block them, is applied later.
   */
  css?: string;
  /** The first screen's rows for the parse-time picture, rewritten on every change of them. */
  rows?: RowsPicture;
};

/**
 * The scripts and stylesheets index.html loads: another build, another shell. Read once, at
 * start (the paint asks first): later, lazy chunks add their own preloads and stylesheets.
 */
let buildAtStart: string | null = null;
export function startBuild(doc: Document): string {
  buildAtStart ??= [
    ...doc.querySelectorAll(
      'script[src], link[rel="stylesheet"], link[rel="modulepreload"], meta[name="encore-start-chunk"]',
    ),
  ]
    .map(
      (element) =>
        element.getAttribute('src') ??
        element.getAttribute('href') ??
        element.getAttribute('content') ??
        '',
    )
    .join('|');
  return buildAtStart;
}

export function readSnapshot(storage: Storage): FirstPaintSnapshot | null {
  try {
    const text = storage.getItem(SNAPSHOT_KEY);
    return text ? (JSON.parse(text) as FirstPaintSnapshot) : null;
  } catch {
    return null; // storage refused (a private window) or a damaged entry: no first paint
  }
}

export function writeSnapshot(storage: Storage, snapshot: FirstPaintSnapshot): void {
  try {
    if (snapshot.shell.length > SNAPSHOT_MAX_CHARS) storage.removeItem(SNAPSHOT_KEY);
    else storage.setItem(SNAPSHOT_KEY, JSON.stringify(snapshot));
  } catch {
    // Quota or a private window: the next start draws without a first paint.
  }
}

/**
 * Keeps new rows for the parse-time picture in the stored snapshot (null: none to draw), and
 * the texts of their phones and days for the entry's picture (which has no libphonenumber).
 */
export function writeRows(
  storage: Storage,
  build: string,
  rows: RowsPicture | null,
  texts: Pick<FirstPaintSnapshot, 'phones' | 'days'>,
): void {
  const snapshot = readSnapshot(storage);
  if (!snapshot || snapshot.build !== build) return; // the shell is another build's
  const { rows: _replaced, ...shell } = snapshot;
  const phones = { ...shell.phones, ...texts.phones };
  const days = { ...shell.days, ...texts.days };
  writeSnapshot(storage, rows ? { ...shell, phones, days, rows } : { ...shell, phones, days });
}
