/**
 * Keys typed right after a key that opens a form ("c", then "Ines"), before the form's field has
 * the focus: the new-customer dialog is loaded the first time it opens, and until it is there
 * the keys went to the page. They were lost, and a letter that is a shortcut ran it: "David"
 * opened the deals. So, from such a key until a text field takes the focus (at most
 * `HOLD_MS`), printable keys, Backspace and Tab are held, and the first text field focused
 * gets them, as if typed into it (after a Tab, into the next text field). Escape, or a click
 * elsewhere, ends the hold.
 */
const HOLD_MS = 5000;

let held: { text: string; until: number } | null = null;

/** Starts holding: the key just pressed opens a form whose first field should get what follows. */
export function holdTyping(now = Date.now()): void {
  held = { text: '', until: now + HOLD_MS };
}

export function stopHolding(): void {
  held = null;
}

/** True while keys are held. */
export function holding(now = Date.now()): boolean {
  if (held && now > held.until) held = null;
  return held !== null;
}

/**
 * A key typed while holding: true when it was taken (the caller prevents its default and runs
 * no shortcut). Keys typed into the field before the held ones went in are held too, to keep
 * their order; a Tab there is the field's own (the caller lets the held keys in first).
 */
export function holdKey(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  now = Date.now(),
  inField = false,
): boolean {
  if (!holding(now) || !held) return false;
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  // Tab before any field has the focus: the text after it is for the next field.
  if (event.key === 'Tab' && !event.shiftKey && !inField) {
    held.text += '\t';
    return true;
  }
  if (event.key === 'Escape') {
    held = null;
    return false;
  }
  if (event.key === 'Backspace') {
    held.text = held.text.slice(0, -1);
    return true;
  }
  if (event.key.length !== 1) return false;
  held.text += event.key;
  return true;
}

/** The held text, once (the hold ends). */
export function takeHeld(): string {
  const text = held?.text ?? '';
  held = null;
  return text;
}

type TextField = HTMLInputElement | HTMLTextAreaElement;

const TEXT_FIELDS =
  'input:not([type="radio"]):not([type="checkbox"]):not([type="button"]):not([type="submit"]):not([disabled]), textarea:not([disabled])';

/** The text field after `field` in its form or dialog (a held Tab's place to go), if any. */
function nextField(field: TextField): TextField | null {
  const scope = field.closest('form, [role="dialog"]') ?? field.ownerDocument.body;
  const fields = [...scope.querySelectorAll<TextField>(TEXT_FIELDS)];
  return fields[fields.indexOf(field) + 1] ?? null;
}

/**
 * The text field just focused gets the held text, as typed (an `input` event, which React's
 * onChange and react-hook-form read); the text after a held Tab goes to the next text field,
 * which takes the focus.
 */
export function releaseInto(target: EventTarget | null): void {
  if (!holding()) return;
  const [first = '', ...rest] = takeHeld().split('\t');
  let field: TextField | null =
    target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ? target : null;
  if (!field) return;
  typeInto(field, first);
  for (const text of rest) {
    field = nextField(field);
    if (!field) return;
    field.focus();
    typeInto(field, text);
  }
}

function typeInto(field: TextField, text: string): void {
  if (text === '') return;
  const prototype =
    field instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? field.value.length;
  const value = field.value.slice(0, start) + text + field.value.slice(end);
  // React tracks the value it last set; the prototype's setter goes around that, so the
  // `input` event below reads as a change.
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
  // An email or number field has no caret to place (selectionStart is null there).
  if (field.selectionStart !== null)
    field.setSelectionRange(start + text.length, start + text.length);
}
