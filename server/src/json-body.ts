/**
 * Reading a push body. Keys that reach object prototypes (`__proto__`, `constructor`,
 * `prototype`) have no business in a change, so a body holding one is refused. Checking every
 * key with a JSON.parse reviver doubles the cost of parsing a 500-change push, so the reviver
 * only runs when such a key could be there: a key can only spell one of those words with its
 * letters written out or with `\u` escapes, so a body containing neither word and no `\u`
 * holds no such key and is parsed without it.
 */

export class ProtoKeyError extends Error {}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MIGHT_HOLD_FORBIDDEN_KEY = /__proto__|constructor|prototype|\\u/;

function refuseProtoKeys(key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.has(key)) throw new ProtoKeyError(`"${key}" is not allowed as a field name`);
  return value;
}

/** JSON.parse that throws ProtoKeyError for a prototype key (SyntaxError when not JSON). */
export function parseJsonBody(text: string): unknown {
  return MIGHT_HOLD_FORBIDDEN_KEY.test(text)
    ? JSON.parse(text, refuseProtoKeys)
    : (JSON.parse(text) as unknown);
}

const exactUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/**
 * A request body's bytes as text, as `Request.text()` reads them (a leading byte order mark
 * dropped, bytes that are not UTF-8 read as U+FFFD), and whether the bytes are exactly that
 * text in UTF-8 (no mark, nothing replaced), so that SQL may read the same JSON from them.
 */
export function decodeBody(bytes: Uint8Array): { text: string; exact: boolean } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: lenientUtf8.decode(bytes), exact: false };
  try {
    return { text: exactUtf8.decode(bytes), exact: true };
  } catch {
    return { text: lenientUtf8.decode(bytes), exact: false };
  }
}
