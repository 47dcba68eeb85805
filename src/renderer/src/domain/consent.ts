import type { ConsentState } from './records';

export const NO_CONSENT: ConsentState = { opted_in: false, source: null, changed_at: null };

/**
 * Records a change of marketing consent with where it came from and when. Setting the same
 * value again keeps the original record: the first proof of consent is the one that matters.
 */
export function applyConsentChange(
  current: ConsentState,
  optedIn: boolean,
  source: string,
  at: string,
): ConsentState {
  if (current.opted_in === optedIn && current.changed_at !== null) return current;
  return { opted_in: optedIn, source: source.trim() || 'manual', changed_at: at };
}
