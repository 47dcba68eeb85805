/** A pair's reasons in words, for the list and the customer page. */
import type { DuplicateReason } from '../../domain/duplicates/reasons';
import { REASON_LABELS } from '../../domain/duplicates/reasons';

export function reasonText(reason: DuplicateReason): string {
  switch (reason.kind) {
    case 'same-phone':
      return `${REASON_LABELS[reason.kind]} ${reason.phone}${reason.sharedLine ? ' (shared line)' : ''}`;
    case 'same-dob':
      return `${REASON_LABELS[reason.kind]} ${reason.dob}`;
    case 'different-dob':
      return `${REASON_LABELS[reason.kind]} (${reason.dobs.join(' / ')})`;
    case 'same-email-domain':
      return `Both at ${reason.domain}`;
    case 'same-email-local':
      return `${REASON_LABELS[reason.kind]} "${reason.local}"`;
    case 'similar-name':
      return reason.how === 'typo' ? 'Name one letter apart' : 'Same name with an initial';
    default:
      return REASON_LABELS[reason.kind];
  }
}

export const CONFIDENCE_LABELS = { high: 'High', medium: 'Medium', low: 'Low' } as const;

/** The merge screen's address for a set of customers. */
export function compareLink(ids: readonly string[]): string {
  return `/duplicates/merge/${ids.map(encodeURIComponent).join(',')}`;
}
