/**
 * The import wizard's plan step: for a row about to become a new customer, the existing
 * customers it is likely to be under another email, with the reasons, so the user can merge
 * the row into one of them instead. A customer owning one of the row's emails is not listed:
 * the import already matches it by email.
 */
import type { Confidence } from './confidence';
import { CONFIDENCE_RANK } from './confidence';
import type { DuplicateIndex, ProbeMatch } from './duplicate-index';
import { normalizeNameParts } from './names';

export type ImportRowIdentity = {
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  emails: readonly { normalized: string }[];
  /** Valid phones only, as E.164 (the import's candidates hold them so). */
  phones: readonly { e164: string }[];
};

// Never a customer id (ids are UUIDs): the row is judged as a customer of its own.
const ROW_ID = '\u0000import-row';

/**
 * Likely existing customers for one import row, best first. Medium and up by default: a
 * shared phone alone (a family) would flag too many rows of an ordinary file.
 */
export function likelyExistingCustomers(
  row: ImportRowIdentity,
  index: DuplicateIndex,
  minConfidence: Confidence = 'medium',
): ProbeMatch[] {
  const emails = row.emails.map((email) => email.normalized);
  const matches = index.probe({
    id: ROW_ID,
    name: normalizeNameParts(row.first_name, row.last_name),
    date_of_birth: row.date_of_birth,
    emails,
    phones: row.phones.map((phone) => phone.e164),
    updated_at: '',
    deleted: 0,
  });
  return matches.filter(
    (match) =>
      CONFIDENCE_RANK[match.confidence] >= CONFIDENCE_RANK[minConfidence] &&
      !(index.docOf(match.id)?.emails ?? []).some((email) => emails.includes(email)),
  );
}
