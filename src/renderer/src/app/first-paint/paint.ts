/**
 * The first paint (docs/architecture.md, "The start path"): before the app's start chunk
 * (React, Dexie, the list) is evaluated, this small entry reads the list's first rows straight
 * from IndexedDB and draws them inside the page React drew last time (snapshot.ts), with the
 * app's CSS. React then renders unseen and hands over once it shows the same list
 * (overlay.ts). It draws nothing, and the app starts as before, whenever it could be wrong:
 * another route, another build or window width, no snapshot, no database or one about to be
 * upgraded or replaced by a restore, other chosen columns, a phone it cannot format, no rows (the empty state is
 * React's), or the database not answering in time.
 */
import { formatListDay, listDayKey } from '../../domain/customers/list-cell-format';
import { normalizeColumns, ALL_COLUMN_IDS } from '../../domain/customers/list-columns';
import type { CustomerListRow, TeamMember } from '../../domain/records';
import { hasPendingRestore } from '../../services/crm/backup/restore-marker';
import { keepFirstRead } from './first-read';
import {
  discardOverlay,
  handOverFirstPaint,
  OVERLAY_ID,
  openRowsOnClick,
  prepareOverlay,
  showOverlay,
} from './overlay';
import { startsOnList } from './page';
import { phonesKnown, ROW_HEIGHT, rowElement, type RowTexts } from './rows';
import { readSnapshot, startBuild, type FirstPaintSnapshot } from './snapshot';
import { applyStylesheet, insertFirstScreenCss } from './stylesheet';

export { startsOnList } from './page';
type Stored = { rows: CustomerListRow[]; members: TeamMember[]; chosen: unknown };
type Drawn = { rows: CustomerListRow[]; members: TeamMember[]; chosen: string[] | null };

/** Opens the database as it is: never creates it (a first start) nor waits for an upgrade. */
function openExisting(name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(name);
    } catch {
      resolve(null);
      return;
    }
    // No database yet: abort, so that Dexie creates it with its schema, not this empty one.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = (event) => {
      event.preventDefault();
      resolve(null);
    };
    request.onblocked = () => resolve(null);
    request.onsuccess = () => {
      const db = request.result;
      // Never in the way of the app's own open (an upgrade asks every connection to close).
      db.onversionchange = () => db.close();
      resolve(db);
    };
  });
}

function asPromise<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB read failed'));
  });
}

/** The first window by name (the list's start order), the team and the chosen columns. */
async function readStored(snapshot: FirstPaintSnapshot): Promise<Stored | null> {
  const db = await openExisting(snapshot.databaseName);
  if (!db) return null;
  try {
    if (db.version !== snapshot.databaseVersion) return null;
    const tx = db.transaction(['customers_crm_v', 'team_members', 'app_settings'], 'readonly');
    const [rows, members, setting] = await Promise.all([
      asPromise(
        tx.objectStore('customers_crm_v').index('sort_name').getAll(null, snapshot.firstWindow),
      ) as Promise<CustomerListRow[]>,
      asPromise(tx.objectStore('team_members').getAll()) as Promise<TeamMember[]>,
      asPromise(tx.objectStore('app_settings').get('customer_list_columns')) as Promise<
        { value: unknown } | undefined
      >,
    ]);
    return { rows, members, chosen: setting?.value };
  } catch {
    return null; // a table missing or a read refused: React shows what is there
  } finally {
    db.close();
  }
}

/** db/app-settings.ts's customerColumns: a list of ids, else not set. */
export function storedColumns(stored: unknown): string[] | null {
  const valid = Array.isArray(stored) && stored.every((id) => typeof id === 'string');
  return valid ? (stored as string[]) : null;
}

/** hooks/customers/use-list-columns.ts: the stored choice, else every column. */
export function chosenColumns(stored: string[] | null): string[] {
  return stored ? normalizeColumns(stored) : [...ALL_COLUMN_IDS];
}

/** hooks/team/use-team.ts: not deleted, by name (IndexedDB's order: code units, then id). */
export function liveMembers(members: TeamMember[]): TeamMember[] {
  const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return members
    .filter((member) => member.deleted === 0)
    .sort((a, b) => byCodeUnits(a.name, b.name) || byCodeUnits(a.id, b.id));
}

/** The rows drawn into the prepared shell's rowgroup; null when a phone has no known text. */
function drawRows(
  snapshot: FirstPaintSnapshot,
  stored: Drawn,
  rowgroup: HTMLElement,
): { element: HTMLElement; id: string }[] | null {
  const names = new Map(stored.members.map((member) => [member.id, member.name]));
  const sameLanguages = snapshot.languages === navigator.languages.join();
  const texts: RowTexts = {
    ownerName: (id) => names.get(id),
    phone: (e164) => snapshot.phones[e164],
    // The texts shown last time, in the same languages; a day not among them is formatted.
    day: (iso) =>
      (sameLanguages ? snapshot.days[listDayKey(iso)] : undefined) ?? formatListDay(iso),
    nowMs: Date.now(),
  };
  const visible = stored.rows.slice(0, Math.ceil(window.innerHeight / ROW_HEIGHT) + 1);
  if (!phonesKnown(visible, texts)) return null;
  // The list's height before the count arrives: its first window (CustomerTable's slotCount).
  rowgroup.style.height = `${stored.rows.length * ROW_HEIGHT}px`;
  const drawn = visible.map((row, index) => ({
    element: rowElement(row, index, snapshot.columns, texts),
    id: row.customer_id,
  }));
  // Rows the parse-time picture drew (early.ts) stay when they are these; any that differs
  // is replaced, all in this one task, so the screen shows IndexedDB's rows from here on.
  const early = [...rowgroup.children];
  if (
    early.length === drawn.length &&
    drawn.every(({ element }, i) => element.isEqualNode(early[i] ?? null))
  )
    return drawn.map(({ id }, i) => ({ element: early[i] as HTMLElement, id }));
  if (early.length > 0) performance.mark('encore:first-paint-early-replaced');
  rowgroup.replaceChildren(...drawn.map(({ element }) => element));
  return drawn;
}

/** The snapshot this start may draw from, or null (another route, build, width, a restore). */
function usableSnapshot(): FirstPaintSnapshot | null {
  const build = startBuild(document); // first, before lazy chunks add their links
  // Not under the dev server (its modules change without a new build name).
  if (import.meta.hot || !startsOnList(window.location.hash)) return null;
  const snapshot = readSnapshot(localStorage);
  if (
    !snapshot ||
    snapshot.build !== build ||
    snapshot.width !== window.innerWidth ||
    // A restore swaps the database in before the app opens it: these rows are about to go.
    hasPendingRestore(localStorage) ||
    typeof indexedDB === 'undefined'
  )
    return null;
  return snapshot;
}

/** Draws the first rows if it can; resolves true once drawn, false when it will not draw. */
export async function paintFirstScreen(): Promise<boolean> {
  const early = earlyOverlay();
  const snapshot = usableSnapshot();
  if (!snapshot) return dropEarly(early);
  // The read first (IndexedDB answers from another process), then the shell's style and
  // layout on this thread while it does. A picture drawn at parse time is the shell already,
  // shown: a click or a key on it is taken from now on, as on the entry's.
  const reading = readStored(snapshot);
  // Styled by the first screen's rules kept with the shell, or by the full sheet once it is in.
  if (!early && snapshot.css) insertFirstScreenCss(document, snapshot.css);
  else if (!early) await applyStylesheet(document);
  const prepared = early ?? prepareOverlay(snapshot.shell);
  if (!prepared) return false;
  if (early && !showOverlay(early.overlay)) return dropEarly(early);
  const read = await reading;
  performance.mark('encore:first-paint-read');
  const drawn = read ? drawnRead(snapshot, read, prepared.rowgroup) : null;
  if (!drawn || !showOverlay(prepared.overlay)) {
    if (early) return dropEarly(early);
    discardOverlay(prepared.overlay);
    return false;
  }
  openRowsOnClick(drawn.rows);
  keepFirstRead({
    chosen: drawn.stored.chosen,
    members: drawn.stored.members,
    rows: drawn.stored.rows,
    firstWindow: snapshot.firstWindow,
  });
  performance.mark('encore:first-paint');
  return true;
}

/** The picture early.ts drew at parse time, if any: the entry checks it against IndexedDB. */
function earlyOverlay(): { overlay: HTMLElement; rowgroup: HTMLElement } | null {
  const overlay = document.getElementById(OVERLAY_ID);
  if (!overlay || overlay.dataset.early === undefined) return null;
  const rowgroup = overlay.querySelector<HTMLElement>('.customer-grid [role="rowgroup"]');
  return rowgroup ? { overlay, rowgroup } : null;
}

/**
 * The parse-time picture cannot be confirmed (IndexedDB says otherwise, or this start draws
 * nothing): it goes, and the start is React's, as without a picture. Resolves false.
 */
function dropEarly(early: { overlay: HTMLElement } | null): false {
  if (early) {
    performance.mark('encore:first-paint-early-dropped');
    handOverFirstPaint();
  }
  return false;
}

/** Draws what was read, when it is what React will show; the rows drawn, or null. */
function drawnRead(
  snapshot: FirstPaintSnapshot,
  read: Stored,
  rowgroup: HTMLElement,
): { rows: { element: HTMLElement; id: string }[]; stored: Drawn } | null {
  if (read.rows.length === 0) return null;
  const stored = {
    ...read,
    chosen: storedColumns(read.chosen),
    members: liveMembers(read.members),
  };
  if (chosenColumns(stored.chosen).join() !== snapshot.chosen.join()) return null;
  if (!startsOnList(window.location.hash)) return null;
  const rows = drawRows(snapshot, stored, rowgroup);
  return rows ? { rows, stored } : null;
}
