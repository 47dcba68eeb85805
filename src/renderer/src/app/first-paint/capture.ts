/**
 * Taken by the React list once its first screen is settled (the rows, the columns the user
 * chose, the team's names): the page around the rows, for the next start's first paint
 * (snapshot.ts). Cloned at once, so it is the page as it is first shown (a count read later
 * must not be drawn by the next first paint before React reads it again); serialized and
 * stored when the browser is idle.
 */
import { getDb } from '../../db/instance';
import { formatListDay, listDayKey } from '../../domain/customers/list-cell-format';
import type { ListColumnId } from '../../domain/customers/list-columns';
import { formatPhoneForDisplay } from '../../domain/phone-display';
import type { CustomerListRow } from '../../domain/records';
import { afterFirstScreen } from '../first-screen';
import { firstScreenCss, sheetText } from './critical-css';
import { keepPictureRows } from './keep-rows';
import { startsOnList } from './page';
import { readSnapshot, startBuild, writeSnapshot } from './snapshot';
import { FIRST_SCREEN_CSS_ID } from './stylesheet';

type Settled = {
  chosen: ListColumnId[];
  columns: ListColumnId[];
  firstWindow: number;
  rows: readonly CustomerListRow[];
};

/** Ids (and what refers to them) and test hooks are React's alone: the picture has none. */
const STRIPPED = ['id', 'for', 'aria-activedescendant', 'aria-describedby', 'aria-controls'];
const STRIPPED_DATA = ['data-testid', 'data-results-for'];

function shellOf(root: HTMLElement): string | null {
  const copy = root.cloneNode(true) as HTMLElement;
  const rowgroup = copy.querySelector('.customer-grid [role="rowgroup"]');
  if (!rowgroup) return null;
  rowgroup.replaceChildren();
  // Notifications are of this session (a restore's, an undo's): never drawn again at start.
  for (const region of copy.querySelectorAll('.toasts')) region.replaceChildren();
  for (const name of [...STRIPPED, ...STRIPPED_DATA])
    for (const element of copy.querySelectorAll(`[${name}]`)) element.removeAttribute(name);
  return copy.innerHTML;
}

export function captureFirstPaint(settled: Settled): void {
  const root = document.getElementById('root');
  if (!root || settled.rows.length === 0) return;
  const copy = root.cloneNode(true) as HTMLElement;
  const build = startBuild(document);
  const db = getDb();
  const width = window.innerWidth;
  const height = window.innerHeight;
  // The list may settle before Dexie is open (it starts from the first paint's read).
  void Promise.all([afterFirstScreen(), db.open()]).then(
    async () => {
      // IndexedDB's own version (Dexie's times ten): the first paint compares it before reading.
      const databaseVersion = db.backendDB().version;
      const shell = shellOf(copy);
      if (shell === null) return;
      // The rules that style the page now (the list settled, the picture gone): the pictures'.
      // Only while the page is still the list (a page opened meanwhile has other rules).
      const onList =
        startsOnList(window.location.hash) &&
        document.querySelector('#root .customer-grid [role="rowgroup"] [role="row"]') !== null;
      const css = onList
        ? await firstScreenCss(document, document.getElementById(FIRST_SCREEN_CSS_ID), sheetText)
        : '';
      const phones: Record<string, string> = {};
      const days: Record<string, string> = {};
      for (const row of settled.rows) {
        if (row.primary_phone) phones[row.primary_phone] = formatPhoneForDisplay(row.primary_phone);
        days[listDayKey(row.last_touch_at)] = formatListDay(row.last_touch_at);
      }
      // The rows kept for the parse-time picture stay while the live query reads them again
      // (a window closed meanwhile still leaves them; their generation says if they hold).
      const before = readSnapshot(localStorage);
      const keptRows =
        before?.build === build && before.columns.join() === settled.columns.join()
          ? before.rows
          : undefined;
      // The rules taken before stay when none could be taken now (the page was not the list
      // at that moment): they are this build's first screen rules all the same, and a
      // snapshot without them is never drawn (a later capture used to drop them).
      const keptCss = css || (before?.build === build ? before.css : undefined);
      writeSnapshot(localStorage, {
        ...(keptRows ? { rows: keptRows } : {}),
        build,
        width,
        height,
        databaseName: db.name,
        databaseVersion,
        chosen: settled.chosen,
        columns: settled.columns,
        firstWindow: settled.firstWindow,
        shell,
        ...(keptCss ? { css: keptCss } : {}),
        phones,
        languages: navigator.languages.join(),
        days,
      });
      // The rows for the next start's parse-time picture, kept as the list changes.
      keepPictureRows(db, {
        build,
        columns: settled.columns,
        chosen: settled.chosen,
        firstWindow: settled.firstWindow,
      });
    },
    () => undefined,
  ); // not open: the storage gate shows why; no snapshot
}
