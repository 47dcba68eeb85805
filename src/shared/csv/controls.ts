/**
 * C0 control characters (U+0000..U+001F) other than tab, line feed and carriage return.
 *
 * They are never meant in a name, an email, a phone, a tag or a note: they come from broken
 * exports and binary junk pasted into a spreadsheet, they are invisible on screen, and a NUL
 * makes PostgreSQL refuse the whole sync batch that carries it. The importer strips them
 * from every cell it uses rather than refusing the row (a person is never dropped for an
 * invisible byte), and reports each stripped cell as a row issue, so the change is shown in
 * the validation step and listed in the error report with the original cell. Header names
 * are stripped the same way. Tab, LF and CR stay: notes keep their line breaks.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const C0_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

const NAMES: Record<number, string> = { 0: 'NUL', 0x1b: 'ESC' };

/** How a control character is named in a message: "NUL", "ESC", else "U+0007". */
export function controlCharacterName(char: string): string {
  const code = char.charCodeAt(0);
  return NAMES[code] ?? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text without C0 controls (tab, LF, CR kept), and what was removed, in order. */
export function stripControlCharacters(text: string): { text: string; removed: string[] } {
  const removed = text.match(C0_CONTROLS);
  if (!removed) return { text, removed: [] };
  return { text: text.replace(C0_CONTROLS, ''), removed };
}
