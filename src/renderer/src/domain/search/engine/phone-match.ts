/**
 * Does a stored phone (its E.164 digits) have a searchable form containing the query digits?
 * The forms (phone-forms.ts) are "00" + digits and national prefix + national number; a query
 * inside the digits is inside both, so only starts within "00" or within the national prefix
 * need a look at the virtual part. The calling code is read with tables built once from the
 * same national prefix table the rules use.
 */
import { nationalPrefixes } from '../phone-forms';

type CodeTables = { byLength: Int16Array[]; prefixes: Uint8Array[] };

let tables: CodeTables | null = null;

/** For codes of 1, 2 and 3 digits: value -> index of its national prefix, -1 when no code. */
function codeTables(): CodeTables {
  if (tables) return tables;
  const byLength = [new Int16Array(10), new Int16Array(100), new Int16Array(1000)].map((t) =>
    t.fill(-1),
  );
  const prefixes: Uint8Array[] = [];
  const indexOf = new Map<string, number>();
  for (const [code, prefix] of nationalPrefixes()) {
    if (!indexOf.has(prefix)) {
      indexOf.set(prefix, prefixes.length);
      prefixes.push(Uint8Array.from(prefix, (char) => char.charCodeAt(0)));
    }
    byLength[code.length - 1]![Number(code)] = indexOf.get(prefix)!;
  }
  tables = { byLength, prefixes };
  return tables;
}

const ZERO = 48;
const DOUBLE_ZERO = Uint8Array.of(ZERO, ZERO);

/** query found in bytes[start..end). */
function occursIn(bytes: Uint8Array, start: number, end: number, query: Uint8Array): boolean {
  const last = end - query.length;
  outer: for (let at = start; at <= last; at += 1) {
    for (let k = 0; k < query.length; k += 1) if (bytes[at + k] !== query[k]) continue outer;
    return true;
  }
  return false;
}

/** query found in head + bytes[start..end) at an offset inside head. */
function startsInHead(
  head: Uint8Array,
  bytes: Uint8Array,
  start: number,
  end: number,
  query: Uint8Array,
) {
  outer: for (let offset = 0; offset < head.length; offset += 1) {
    for (let k = 0; k < query.length; k += 1) {
      const at = offset + k;
      const byte =
        at < head.length
          ? head[at]
          : start + at - head.length < end
            ? bytes[start + at - head.length]
            : -1;
      if (byte !== query[k]) continue outer;
    }
    return true;
  }
  return false;
}

export function phoneMatches(
  bytes: Uint8Array,
  start: number,
  end: number,
  query: Uint8Array,
): boolean {
  if (occursIn(bytes, start, end, query) || startsInHead(DOUBLE_ZERO, bytes, start, end, query))
    return true;
  const { byLength, prefixes } = codeTables();
  let value = 0;
  // The calling code: 1 to 3 digits, leaving at least one (as callingCodeOf reads it).
  for (let length = 1; length <= 3 && length < end - start; length += 1) {
    value = value * 10 + bytes[start + length - 1]! - ZERO;
    const prefix = byLength[length - 1]![value]!;
    if (prefix < 0) continue;
    const head = prefixes[prefix]!;
    return head.length > 0 && startsInHead(head, bytes, start + length, end, query);
  }
  return false;
}
