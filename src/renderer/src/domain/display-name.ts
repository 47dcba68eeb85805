import type { CustomerProfile } from './records';
import { foldText } from './text-fold';

export function displayName(
  profile: Pick<CustomerProfile, 'first_name' | 'last_name'>,
  fallbackEmail?: string | null,
): string {
  const name = [profile.first_name.trim(), profile.last_name.trim()].filter(Boolean).join(' ');
  return name || fallbackEmail || 'Unnamed contact';
}

/** Sort by last name, then first name, ignoring case and accents. */
export function sortName(
  profile: Pick<CustomerProfile, 'first_name' | 'last_name'>,
  fallback = '',
): string {
  const key = foldText(`${profile.last_name.trim()} ${profile.first_name.trim()}`.trim());
  return key || foldText(fallback) || '\uffff';
}
