/**
 * The parse-time picture (docs/architecture.md, "The start path"): a classic script at the end
 * of index.html's body (vite.first-paint-early.ts compiles this file apart and adds it), run as
 * soon as the stylesheet is in, before the entry module, IndexedDB or the start chunk. It draws
 * the first screen's rows kept in localStorage (rows-picture.ts, element trees, never HTML)
 * inside the shell the last start kept (snapshot.ts), where the entry's picture goes (overlay.ts).
 * The entry then reads IndexedDB as before and replaces any row that differs (paint.ts).
 *
 * It draws only rows that are still right: kept since the last write to the list's tables
 * (list-generation.ts), in this build, window size, languages and time zone, before a shown
 * 30 days, on the list's route, with no restore staged. Anything else: it
 * draws nothing and the start is the entry's, as before. It must never throw into the page.
 */
import { displayScore } from '../../domain/reports/engagement-score';
import { hasPendingRestore } from '../../services/crm/backup/restore-marker';
import { readGeneration } from './list-generation';
import { fromPictureNode } from './picture-nodes';
import type { RowsPicture } from './rows-picture';
import { OVERLAY_ID, OVERLAY_STYLE, startsOnList, zoneSignature } from './page';
import { readSnapshot, startBuild, type FirstPaintSnapshot } from './snapshot';
import { FIRST_SCREEN_CSS_ID, insertFirstScreenCss } from './stylesheet';
import { keepTypedKeys } from './typed-keys';

/** The picture's rows and what they were kept under, when every one of them still holds. */
function usableRows(): { snapshot: FirstPaintSnapshot; rows: RowsPicture } | null {
  const snapshot = readSnapshot(localStorage);
  const rows = snapshot?.rows;
  if (!snapshot || !rows) return null;
  const now = Date.now();
  const holds =
    startsOnList(window.location.hash) &&
    snapshot.build === startBuild(document) &&
    snapshot.width === window.innerWidth &&
    snapshot.height === window.innerHeight &&
    snapshot.chosen.join() === rows.chosen.join() &&
    rows.generation === readGeneration(localStorage) &&
    rows.languages === navigator.languages.join() &&
    rows.zone === zoneSignature(now) &&
    now < rows.validUntil &&
    Array.isArray(rows.scoreLogs) &&
    rows.scoreLogs.length === rows.nodes.length &&
    // The app's stylesheet is not in yet (it does not block this script): the kept rules style it.
    typeof snapshot.css === 'string' &&
    snapshot.css !== '' &&
    !hasPendingRestore(localStorage) &&
    typeof indexedDB !== 'undefined';
  return holds ? { snapshot, rows } : null;
}

function drawEarly(): void {
  const root = document.getElementById('root');
  const usable = usableRows();
  if (!root || !usable || document.getElementById(OVERLAY_ID)) return;
  const { snapshot, rows } = usable;
  const overlay = document.createElement('div');
  overlay.innerHTML = snapshot.shell;
  const rowgroup = overlay.querySelector<HTMLElement>('.customer-grid [role="rowgroup"]');
  if (!rowgroup) return;
  const built = rows.nodes.map((node) => fromPictureNode(node, document));
  if (built.length === 0 || built.some((element) => element === null)) return;
  // The score as it reads now (it decays by the hour): rows.ts's text, computed at this moment.
  const now = Date.now();
  built.forEach((row, index) => {
    const cell = row?.querySelector('.col-score');
    const log = rows.scoreLogs[index];
    if (cell && log !== undefined) cell.textContent = String(displayScore(log, now));
  });
  insertFirstScreenCss(document, snapshot.css ?? '');
  rowgroup.style.height = `${rows.height}px`;
  rowgroup.replaceChildren(...(built as Element[]));
  overlay.id = OVERLAY_ID;
  overlay.inert = true;
  overlay.setAttribute('aria-hidden', 'true');
  overlay.dataset.early = '';
  overlay.style.cssText = OVERLAY_STYLE;
  root.after(overlay);
  root.style.visibility = 'hidden';
  // Until the entry runs (it takes both over, overlay.ts), a click on a row or a key is not lost.
  keepTypedKeys(overlay);
  openOnClick(overlay, built as Element[], rows.ids);
  performance.mark('encore:first-paint-early');
}

/** overlay.ts's openClickedRow, for the moments before the entry runs. */
function openOnClick(overlay: HTMLElement, rows: Element[], ids: string[]): void {
  const open = (event: MouseEvent) => {
    if (!overlay.isConnected) return document.removeEventListener('click', open, true);
    const { clientX: x, clientY: y } = event;
    const hit = rows.findIndex((row) => {
      const box = row.getBoundingClientRect();
      return x >= box.left && x < box.right && y >= box.top && y < box.bottom;
    });
    const id = ids[hit];
    if (id !== undefined) window.location.hash = `#/customers/${encodeURIComponent(id)}`;
  };
  document.addEventListener('click', open, true);
}

try {
  drawEarly();
} catch {
  // A damaged entry or storage refused: the entry's start, as without this script.
  document.getElementById(OVERLAY_ID)?.remove();
  document.getElementById(FIRST_SCREEN_CSS_ID)?.remove();
  document.getElementById('root')?.style.removeProperty('visibility');
}
