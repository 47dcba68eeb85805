/**
 * Control characters in stored text. NUL and the other C0 controls (except tab, line feed and
 * carriage return) have no business in a CRM field: PostgreSQL cannot store NUL in text or
 * jsonb, and the others are invisible and break exports. The write guard, the server's
 * schemas and the pulled-row check all use this one rule.
 */

/** C0 controls except tab (U+0009), line feed (U+000A) and carriage return (U+000D). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** "U+0000" for the first control character of `text`, or null when it has none. */
export function firstControlCharacter(text: string): string | null {
  const match = CONTROL_CHARACTER.exec(text);
  if (!match) return null;
  return `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The first string inside `value` (a field's value: text, or arrays and plain objects of
 * them) holding a control character: its path below the field ('' for the value itself,
 * '2' for a list's third item, 'source' for an object's key) and the character.
 */
export function findControlCharacter(
  value: unknown,
  path = '',
): { path: string; character: string } | null {
  if (typeof value === 'string') {
    const character = firstControlCharacter(value);
    return character ? { path, character } : null;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findControlCharacter(value[index], path ? `${path}.${index}` : String(index));
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = findControlCharacter(inner, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/** The sentence every layer uses, naming the field, never quoting its value. */
export function controlCharacterMessage(field: string, character: string): string {
  return `${field} contains a control character (${character}); remove it and save again`;
}
