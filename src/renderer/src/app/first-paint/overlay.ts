/**
 * The first paint's picture of the list, over #root while React renders there unseen, and its
 * removal: React hands over (handOverFirstPaint) in the same task as it shows the same list,
 * so the screen never shows the gap between the two. Once handed over, no picture is drawn.
 */
import { forgetFirstRead } from './first-read';
import { OVERLAY_ID, OVERLAY_STYLE } from './page';
import { removeFirstScreenCss } from './stylesheet';
import { keepTypedKeys, stopKeepingTypedKeys } from './typed-keys';

export { OVERLAY_ID } from './page';
/** A React start that never settles (a hang, not an error) is shown after this anyway. */
const GIVE_UP_MS = 10_000;

let handedOver = false;
/** The picture was shown (prepared and hidden until its rows are in). */
let shown = false;

/** The rows drawn and their customers (kept here: the rows' markup is React's, exactly). */
let clickable: { element: HTMLElement; id: string }[] = [];

/**
 * The picture is inert, so a click on it would be lost (React is not there yet). A click on a
 * drawn row opens that customer instead: the hash is set before React mounts, so its router
 * starts on the customer's page, and the hash change hands over at once.
 */
function openClickedRow(event: MouseEvent): void {
  if (handedOver) return;
  const hit = clickable.find(({ element }) => {
    const box = element.getBoundingClientRect();
    const { clientX: x, clientY: y } = event;
    return x >= box.left && x < box.right && y >= box.top && y < box.bottom;
  });
  if (hit) window.location.hash = `#/customers/${encodeURIComponent(hit.id)}`;
}

/** Makes the drawn rows open their customer on a click (see openClickedRow). */
export function openRowsOnClick(rows: { element: HTMLElement; id: string }[]): void {
  clickable = rows;
  document.addEventListener('click', openClickedRow, true);
}

function root(): HTMLElement | null {
  return document.getElementById('root');
}

/**
 * The page around the rows (the snapshot's shell), laid out but hidden, while IndexedDB reads
 * the rows: a fresh renderer's first style and layout of the stylesheet, and the lookup of
 * every font the shell names, happen during that wait instead of after it (docs/architecture.md,
 * "On screen, not only in the DOM"). Null when the shell has no rowgroup or React has taken over.
 */
export function prepareOverlay(
  shell: string,
): { overlay: HTMLElement; rowgroup: HTMLElement } | null {
  const container = root();
  if (handedOver || !container) return null;
  const overlay = document.createElement('div');
  overlay.innerHTML = shell;
  const rowgroup = overlay.querySelector<HTMLElement>('.customer-grid [role="rowgroup"]');
  if (!rowgroup) return null;
  overlay.id = OVERLAY_ID;
  // A picture: not focusable or clickable, and not read out (React's list is, a moment later).
  overlay.inert = true;
  overlay.setAttribute('aria-hidden', 'true');
  // page.ts's OVERLAY_STYLE says why it is absolute.
  overlay.style.cssText = `${OVERLAY_STYLE} visibility: hidden;`;
  container.after(overlay);
  void overlay.offsetHeight; // style and layout now, while the main thread waits for IndexedDB
  return { overlay, rowgroup };
}

/** The prepared picture is not shown (no rows, or it could be wrong): it goes. */
export function discardOverlay(overlay: HTMLElement): void {
  if (!shown) overlay.remove();
}

/** Shows the prepared picture unless React has already taken over; true when shown. */
export function showOverlay(overlay: HTMLElement): boolean {
  const container = root();
  if (handedOver || !container || !overlay.isConnected) return false;
  shown = true;
  overlay.style.removeProperty('visibility');
  container.style.visibility = 'hidden';
  keepTypedKeys(overlay); // its search box takes what is typed meanwhile
  window.addEventListener('hashchange', handOverFirstPaint, { once: true });
  window.addEventListener('error', handOverFirstPaint, { once: true });
  window.addEventListener('unhandledrejection', handOverFirstPaint, { once: true });
  setTimeout(handOverFirstPaint, GIVE_UP_MS);
  return true;
}

/** React shows the start page (or an error, or another page): the picture goes. */
export function handOverFirstPaint(): void {
  if (handedOver) return;
  handedOver = true;
  document.removeEventListener('click', openClickedRow, true);
  clickable = [];
  forgetFirstRead();
  stopKeepingTypedKeys();
  removeFirstScreenCss(document); // React's pages are styled by the full sheet, applied by now
  const overlay = document.getElementById(OVERLAY_ID);
  if (!overlay) return;
  overlay.remove();
  root()?.style.removeProperty('visibility');
  if (shown) performance.mark('encore:first-paint-handed-over');
}

export function firstPaintShown(): boolean {
  return shown && !handedOver && document.getElementById(OVERLAY_ID) !== null;
}
