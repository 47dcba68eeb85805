/**
 * The survivor's profile after a merge: per field the chosen customer's value (by default the
 * most recent non-empty one), tags united, notes concatenated with where they came from, and
 * for each consent the most recent decision with its source and time.
 */
import { pickPrimary } from '../customer-projection';
import { displayName } from '../display-name';
import type { ConsentState, IsoDateTime } from '../records';
import { normalizeTags } from '../tags';
import type { ChoosableField, CustomerBundle, MergeableProfile, MergeChoices } from './merge-types';
import { CHOOSABLE_FIELDS } from './merge-types';

function isEmpty(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
  );
}

/** Most recently updated first; on equal times in the order given (the survivor first). */
export function byRecency(bundles: readonly CustomerBundle[]): CustomerBundle[] {
  return bundles
    .map((bundle, order) => ({ bundle, order }))
    .sort(
      (x, y) =>
        (x.bundle.profile.updated_at < y.bundle.profile.updated_at ? 1 : 0) -
          (x.bundle.profile.updated_at > y.bundle.profile.updated_at ? 1 : 0) || x.order - y.order,
    )
    .map(({ bundle }) => bundle);
}

/**
 * What the side-by-side screen pre-selects: per field, the customer with the most recent
 * non-empty value, or the survivor when every value is empty. `bundles[0]` is the survivor.
 */
export function defaultFieldChoices(
  bundles: readonly CustomerBundle[],
): Record<ChoosableField, string> {
  const recent = byRecency(bundles);
  const survivorId = bundles[0]?.profile.id ?? '';
  const choices = {} as Record<ChoosableField, string>;
  for (const field of CHOOSABLE_FIELDS) {
    const holder = recent.find((bundle) => !isEmpty(bundle.profile[field]));
    choices[field] = holder?.profile.id ?? survivorId;
  }
  return choices;
}

/** The decision with the latest time; none recorded anywhere keeps the survivor's state. */
function latestConsent(states: readonly ConsentState[]): ConsentState {
  let latest = states[0] as ConsentState;
  for (const state of states)
    if (
      state.changed_at !== null &&
      (latest.changed_at === null || state.changed_at > latest.changed_at)
    )
      latest = state;
  return { ...latest };
}

export function mergeNoteFooter(bundle: CustomerBundle, at: IsoDateTime): string {
  const email = pickPrimary(bundle.emails)?.address;
  return `— from ${displayName(bundle.profile, email)}, merged ${at.slice(0, 10)}`;
}

/** The survivor's notes, then each other customer's, once, with where they came from. */
function mergedNotes(bundles: readonly CustomerBundle[], at: IsoDateTime): string {
  const [survivor, ...others] = bundles as [CustomerBundle, ...CustomerBundle[]];
  const parts = survivor.profile.notes.trim() === '' ? [] : [survivor.profile.notes];
  const seen = new Set([survivor.profile.notes.trim()]);
  for (const other of others) {
    const text = other.profile.notes.trim();
    if (text === '' || seen.has(text)) continue;
    seen.add(text);
    parts.push(`${text}\n${mergeNoteFooter(other, at)}`);
  }
  return parts.join('\n\n');
}

/** The survivor's profile as the merge writes it; `bundles[0]` is the survivor. */
export function mergedProfile(
  bundles: readonly CustomerBundle[],
  choices: MergeChoices,
  at: IsoDateTime,
): MergeableProfile {
  const survivor = (bundles[0] as CustomerBundle).profile;
  const byId = new Map(bundles.map((bundle) => [bundle.profile.id, bundle.profile]));
  const chosen = Object.entries(choices.fields ?? {}).filter(([, id]) => id !== undefined);
  const picks = { ...defaultFieldChoices(bundles), ...Object.fromEntries(chosen) };
  const pick = <F extends ChoosableField>(field: F): MergeableProfile[F] =>
    (byId.get(picks[field]) ?? survivor)[field];
  const profiles = bundles.map((bundle) => bundle.profile);
  return {
    ...survivor,
    first_name: pick('first_name'),
    last_name: pick('last_name'),
    date_of_birth: pick('date_of_birth'),
    lifecycle: pick('lifecycle'),
    owner_id: pick('owner_id'),
    tags: normalizeTags(profiles.flatMap((profile) => profile.tags)),
    notes: mergedNotes(bundles, at),
    email_consent: latestConsent(profiles.map((profile) => profile.email_consent)),
    sms_consent: latestConsent(profiles.map((profile) => profile.sms_consent)),
    updated_at: at,
  };
}

/** A customer merged away: a tombstone that says where it went. */
export function mergedAwayProfile(
  profile: MergeableProfile,
  survivorId: string,
  at: IsoDateTime,
): MergeableProfile {
  return { ...profile, deleted: 1, merged_into: survivorId, updated_at: at };
}
