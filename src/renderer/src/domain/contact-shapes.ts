/**
 * Email rules and the shape of a stored phone (E.164), without phone metadata: the data
 * layer's guards and the start path use these; reading a typed phone needs the metadata
 * (contact-points.ts, which re-exports these).
 */

export type EmailCheck = { ok: true; normalized: string } | { ok: false; reason: string };

/** Trim and lower-case: the key that decides whether two addresses are the same person. */
export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

// Pragmatic: one @, a non-empty local part without spaces, a dotted domain with a 2+ letter
// TLD. Deliberately stricter than RFC 5322 (which allows quoted spaces) since CRM data with
// such addresses is nearly always a typo.
const EMAIL_PATTERN =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function checkEmail(input: string): EmailCheck {
  const normalized = normalizeEmail(input);
  if (normalized === '') return { ok: false, reason: 'Email is empty' };
  if (normalized.length > 254) return { ok: false, reason: 'Email is longer than 254 characters' };
  if (!normalized.includes('@')) return { ok: false, reason: 'Email needs an @' };
  if (!EMAIL_PATTERN.test(normalized))
    return { ok: false, reason: `"${input.trim()}" is not a valid email` };
  return { ok: true, normalized };
}

export function isValidEmail(input: string): boolean {
  return checkEmail(input).ok;
}

/** E.164: a plus, a non-zero country digit, at most 15 digits in all. */
export function isE164(value: string): boolean {
  return /^\+[1-9]\d{1,14}$/.test(value);
}
