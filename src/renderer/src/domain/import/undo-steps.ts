/**
 * The two steps of planUndo (see undo-plan.ts): an updated customer's fields and added contact
 * points, and a created customer, removed or kept with the reasons it stays.
 */
import type { CustomerProfile, ImportUndo, IsoDateTime } from '../records';
import { sameValue } from './same-value';
import type { CustomerLinks, PointStamp, UndoState } from './undo-plan';

/** Names of the fields an import writes, as the customer page calls them. */
export const UNDO_FIELD_LABELS: Record<string, string> = {
  first_name: 'First name',
  last_name: 'Last name',
  date_of_birth: 'Date of birth',
  notes: 'Notes',
  tags: 'Tags',
  lifecycle: 'Stage',
  email_consent: 'Email consent',
  sms_consent: 'SMS consent',
};

/** An email or phone still exactly as written at `writtenAt` (or at its creation, unknown). */
function untouchedSince(point: PointStamp, writtenAt: IsoDateTime | null): boolean {
  return (
    point.deleted === 0 &&
    point.updated_at === point.created_at &&
    (writtenAt === null || point.created_at === writtenAt)
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function linkReasons(links: CustomerLinks | undefined): string[] {
  if (!links) return [];
  const reasons: string[] = [];
  if (links.touchpoints > 0) reasons.push(plural(links.touchpoints, 'touchpoint', 'touchpoints'));
  if (links.tasks > 0) reasons.push(plural(links.tasks, 'task', 'tasks'));
  if (links.deals > 0) reasons.push(`in ${plural(links.deals, 'deal', 'deals')}`);
  if (links.relationships > 0)
    reasons.push(plural(links.relationships, 'relationship', 'relationships'));
  return reasons;
}

/** An existing customer the import updated: its contact points, then its fields. */
export function undoUpdate(
  state: UndoState,
  update: ImportUndo['updated'][number],
  writtenAt: IsoDateTime | null,
  legacy: boolean,
): void {
  const id = update.customer_id;
  const outcome = state.outcomeOf(id, false);
  const added: [string[], Map<string, PointStamp>, string[], string][] = [
    [update.email_ids, state.emailsById, state.plan.removeEmails, 'an email'],
    [update.phone_ids, state.phonesById, state.plan.removePhones, 'a phone'],
  ];
  for (const [ids, byId, remove, what] of added)
    for (const pointId of ids) {
      const point = byId.get(pointId);
      if (!point || point.deleted === 1) continue;
      if (untouchedSince(point, legacy ? null : writtenAt)) {
        remove.push(pointId);
        outcome.reverted = true;
      } else outcome.reasons.push(`${what} the import added was changed since`);
    }
  const profile = state.profileOf(id);
  if (!profile || profile.deleted === 1) return;
  const fields = Object.keys(update.previous) as (keyof CustomerProfile)[];
  // Without the written values, only an untouched profile (its updated_at the chunk's) proves it.
  const unchanged = (field: keyof CustomerProfile) =>
    update.written
      ? sameValue(profile[field], update.written[field])
      : writtenAt !== null && profile.updated_at === writtenAt;
  const revert = fields.filter(unchanged);
  const edited = fields.filter((field) => !unchanged(field));
  if (revert.length > 0) {
    const next: Record<string, unknown> = { ...profile };
    const changes: Record<string, unknown> = state.changes.get(id) ?? {};
    for (const field of revert) next[field] = changes[field] = update.previous[field];
    state.working.set(id, next as CustomerProfile);
    state.changes.set(id, changes as Partial<CustomerProfile>);
    outcome.reverted = true;
  }
  if (edited.length > 0)
    outcome.reasons.push(
      update.written
        ? `${edited.map((field) => UNDO_FIELD_LABELS[field] ?? field).join(', ')} edited since`
        : 'edited since the import',
    );
}

/** A customer the import created: removed with its emails and phones, or kept with reasons. */
export function undoCreated(
  state: UndoState,
  id: string,
  writtenAt: IsoDateTime | null,
  legacy: boolean,
): void {
  const profile = state.profileOf(id);
  if (!profile || profile.deleted === 1) return;
  const emails = state.emailsOf.get(id) ?? [];
  const phones = state.phonesOf.get(id) ?? [];
  const links = state.facts.links.get(id);
  const reasons = createdReasons(profile, writtenAt, legacy, { emails, phones, links });
  if (reasons.length > 0) {
    state.outcomeOf(id, true).reasons.push(...reasons);
    return;
  }
  state.plan.removeCustomers.push(id);
  for (const email of emails) if (email.deleted === 0) state.plan.removeEmails.push(email.id);
  for (const phone of phones) if (phone.deleted === 0) state.plan.removePhones.push(phone.id);
}

/** Why a customer the import created must stay; empty when it can go. */
function createdReasons(
  profile: CustomerProfile,
  writtenAt: IsoDateTime | null,
  legacy: boolean,
  own: { emails: PointStamp[]; phones: PointStamp[]; links: CustomerLinks | undefined },
): string[] {
  const reasons: string[] = [];
  // The import wrote the profile and its contact points with one timestamp.
  const stamp = profile.created_at;
  const edited =
    profile.updated_at !== stamp || (!legacy && writtenAt !== null && stamp !== writtenAt);
  if (edited) reasons.push('edited since the import');
  const kinds: [PointStamp[], string, string][] = [
    [own.emails, 'email', 'emails'],
    [own.phones, 'phone', 'phones'],
  ];
  for (const [points, one, many] of kinds) {
    let gained = 0;
    let changed = false;
    for (const point of points) {
      const written = point.source === 'import' && point.created_at === stamp;
      if (!written && point.deleted === 0) gained += 1;
      if (written && !untouchedSince(point, stamp)) changed = true;
    }
    if (gained > 0) reasons.push(`${plural(gained, one, many)} added since`);
    if (changed) reasons.push(`${one === 'email' ? 'an email' : 'a phone'} changed since`);
  }
  reasons.push(...linkReasons(own.links));
  return reasons;
}
