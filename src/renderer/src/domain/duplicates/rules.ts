/**
 * The duplicate rules of issue 18. Each rule is found through one kind of blocking key (two
 * customers sharing the key are compared) and fires on the pair's reasons:
 *
 * | key           | rule                                                                    |
 * | ------------- | ----------------------------------------------------------------------- |
 * | phone         | same phone (E.164), whatever the names                                  |
 * | phone + name  | same name on a shared line (a phone more than MAX_KEY_SHARE customers have) |
 * | name + dob    | same name with the same date of birth                                   |
 * | name + domain | same name with an email at the same domain                              |
 * | email local   | names within one typo (or an initial, or none) with a shared local part |
 *
 * A key held by more than MAX_KEY_SHARE live customers produces no pairs (a venue's box
 * office number, "info@", forty John Smiths at gmail.com): blocking stays O(n), and a key
 * that common says little. A phone that common is a shared line: it pairs only customers of
 * the same name (through the phone + name key), at medium confidence at most.
 */
import type { DuplicateReason } from './reasons';

/** More live customers than this on one key: the key is too common to pair anyone. */
export const MAX_KEY_SHARE = 5;

export const KEY_KINDS = ['phone', 'phone-name', 'name-dob', 'name-domain', 'email-local'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

const hasKind = (reasons: readonly DuplicateReason[], kind: DuplicateReason['kind']) =>
  reasons.some((reason) => reason.kind === kind);

const sameName = (reasons: readonly DuplicateReason[]) => hasKind(reasons, 'same-name');

export type DuplicateRule = {
  label: string;
  /** Whether two customers sharing a key of this kind are a pair, given their reasons. */
  fires: (reasons: readonly DuplicateReason[]) => boolean;
};

export const DUPLICATE_RULES: Record<KeyKind, DuplicateRule> = {
  phone: { label: 'Same phone', fires: () => true },
  'phone-name': { label: 'Same name on a shared phone line', fires: sameName },
  'name-dob': { label: 'Same name and date of birth', fires: sameName },
  'name-domain': { label: 'Same name, email at the same domain', fires: sameName },
  'email-local': {
    label: 'Similar name, same email local part',
    fires: (reasons) => sameName(reasons) || hasKind(reasons, 'similar-name'),
  },
};
