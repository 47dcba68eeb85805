/**
 * Keys typed while only the first paint's picture shows (React not there yet) are kept: the
 * picture is inert but for its search box, the first printable key focuses that box (the key
 * lands in it: focus moved during keydown takes the character), and the rest is an ordinary
 * input (caret, Backspace, paste). At the handover its text and caret are taken
 * (takeTypedSearch) and given to React's search box (pages/crm/CustomerListPage.tsx).
 */

export type TypedSearch = { text: string; selectionStart: number; selectionEnd: number };

let box: HTMLInputElement | null = null;
let taken: TypedSearch | null = null;

function focusBoxOnTyping(event: KeyboardEvent): void {
  if (!box || event.target === box || event.defaultPrevented) return;
  const printable = event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
  if (printable) box.focus({ preventScroll: true });
}

/** Makes the picture's search box live (the rest stays inert); false when it has none. */
export function keepTypedKeys(overlay: HTMLElement): boolean {
  const input = overlay.querySelector<HTMLInputElement>('input.search-input');
  if (!input) return false;
  // Inert is inherited: the overlay is not, every element beside the box's ancestors is. The
  // picture stays aria-hidden: React's box, focused with the text at the handover, is read out.
  overlay.inert = false;
  for (let node: HTMLElement = input; node !== overlay;) {
    const parent: HTMLElement | null = node.parentElement;
    if (!parent) break;
    for (const sibling of parent.children)
      if (sibling !== node && sibling instanceof HTMLElement) sibling.inert = true;
    node = parent;
  }
  box = input;
  document.addEventListener('keydown', focusBoxOnTyping, true);
  return true;
}

/** Called as the picture goes: what was typed into its box (kept for takeTypedSearch). */
export function stopKeepingTypedKeys(): void {
  document.removeEventListener('keydown', focusBoxOnTyping, true);
  if (box && (box.value !== '' || document.activeElement === box))
    taken = {
      text: box.value,
      selectionStart: box.selectionStart ?? box.value.length,
      selectionEnd: box.selectionEnd ?? box.value.length,
    };
  box = null;
}

/** The search typed into the picture (once; null when nothing was typed or focused). */
export function takeTypedSearch(): TypedSearch | null {
  const typed = taken;
  taken = null;
  return typed;
}
