/**
 * Customer use cases. Each write is one Dexie transaction: a customer is never left with a
 * profile but not its emails, and the list row (rebuilt by the projection middleware) and
 * the sync outbox (change capture) commit or roll back with it.
 */
import type { CrmDatabase } from '../../../db/database';
import { bindDb } from '../../bind-db';
import { applyConsentChange, NO_CONSENT } from '../../../domain/consent';
import { CONTACT_KINDS, contactKey, type ContactKind } from '../../../domain/contact-kinds';
import type { CustomerDraft, FieldErrors } from '../../../domain/customer-draft';
import { fail, ok, type Result } from '../../../domain/result';
import { validateCustomerDraft } from '../../../domain/customer-draft';
import { checkDateOfBirth } from '../../../domain/dates';
import { displayName } from '../../../domain/display-name';
import { newId, nowIso } from '../../../domain/ids';
import { resolvePrimaryFlags } from '../../../domain/primary-flags';
import type {
  ContactSource,
  CustomerEmail,
  CustomerPhone,
  CustomerProfile,
  PhoneType,
  TouchpointKind,
} from '../../../domain/records';
import {
  CONTACT_SOURCES,
  LIFECYCLE_STAGES,
  PHONE_TYPES,
  TOUCHPOINT_KINDS,
} from '../../../domain/records';
import { normalizeTags } from '../../../domain/tags';

export type DuplicateOwner = { address: string; customerId: string; displayName: string };

/**
 * Why a customer write was refused: the words, and where the form can show more (the fields
 * of a draft, the customer who already owns an email, to open instead).
 */
export type CustomerProblem = { message: string; fields?: FieldErrors; duplicate?: DuplicateOwner };

function problem(message: string, more: Omit<CustomerProblem, 'message'> = {}) {
  return fail<CustomerProblem>({ message, ...more });
}

/** The profile fields an edit may change: the draft's, without its contact points and consent. */
export type ProfilePatch = Partial<
  Omit<CustomerDraft, 'emails' | 'phones' | 'email_opt_in' | 'sms_opt_in'>
>;

export type TouchpointDraft = {
  kind: TouchpointKind;
  occurred_at: string;
  summary: string;
  /** Minor units of `currency` (0: no spend). */
  value: number;
  /** The currency of `value` (ISO 4217): the app's default currency. */
  currency?: string;
};

const CONTACT_TABLES = ['customer_profiles', 'customer_emails', 'customer_phones'] as const;

/** The live customer (other than `exceptCustomerId`) that already owns one of these addresses. */
export async function findEmailOwner(
  db: CrmDatabase,
  normalized: readonly string[],
  exceptCustomerId?: string,
): Promise<DuplicateOwner | null> {
  if (normalized.length === 0) return null;
  const matches = await db.customer_emails
    .where('address_normalized')
    .anyOf([...normalized])
    .toArray();
  for (const email of matches) {
    if (email.deleted === 1 || email.customer_id === exceptCustomerId) continue;
    const owner = await db.customer_profiles.get(email.customer_id);
    if (owner && owner.deleted === 0) {
      return {
        address: email.address,
        customerId: owner.id,
        displayName: displayName(owner, email.address),
      };
    }
  }
  return null;
}

async function liveProfile(db: CrmDatabase, id: string): Promise<CustomerProfile> {
  const profile = await db.customer_profiles.get(id);
  if (!profile || profile.deleted === 1) throw new Error('This customer no longer exists');
  return profile;
}

async function touchProfile(db: CrmDatabase, id: string, at: string): Promise<void> {
  await db.customer_profiles.update(id, { updated_at: at });
}

async function create(
  db: CrmDatabase,
  draft: CustomerDraft,
  defaultRegion: string,
  source: ContactSource = 'manual',
): Promise<Result<string, CustomerProblem>> {
  const check = validateCustomerDraft(draft, defaultRegion);
  if (!check.ok) return problem('Check the highlighted fields', { fields: check.errors });
  const valid = check.value;
  return db.transaction('rw', [...CONTACT_TABLES], async () => {
    const duplicate = await findEmailOwner(
      db,
      valid.emails.map((email) => email.address_normalized),
    );
    if (duplicate)
      return problem(`${duplicate.address} already belongs to ${duplicate.displayName}`, {
        duplicate,
      });
    const id = newId();
    const now = nowIso();
    const base = { created_at: now, updated_at: now, deleted: 0 as const, customer_id: id };
    const emails: CustomerEmail[] = valid.emails.map((email) => ({
      ...base,
      id: newId(),
      address: email.address,
      address_normalized: email.address_normalized,
      label: email.label,
      source,
      is_primary: email.is_primary ? 1 : 0,
    }));
    const phones: CustomerPhone[] = valid.phones.map((phone) => ({
      ...base,
      id: newId(),
      e164: phone.e164,
      raw_input: phone.raw_input,
      type: phone.type,
      label: phone.label,
      source,
      is_primary: phone.is_primary ? 1 : 0,
    }));
    const emailFlags = resolvePrimaryFlags(emails);
    const phoneFlags = resolvePrimaryFlags(phones);
    emails.forEach((email) => (email.is_primary = emailFlags.get(email.id) ?? 0));
    phones.forEach((phone) => (phone.is_primary = phoneFlags.get(phone.id) ?? 0));
    const consentSource = source === 'manual' ? 'manual: customer form' : source;
    const profile: CustomerProfile = {
      id,
      created_at: now,
      updated_at: now,
      deleted: 0,
      first_name: valid.first_name,
      last_name: valid.last_name,
      date_of_birth: valid.date_of_birth,
      notes: valid.notes,
      tags: valid.tags,
      lifecycle: valid.lifecycle,
      owner_id: valid.owner_id,
      email_consent: valid.email_opt_in
        ? applyConsentChange(NO_CONSENT, true, consentSource, now)
        : NO_CONSENT,
      sms_consent: valid.sms_opt_in
        ? applyConsentChange(NO_CONSENT, true, consentSource, now)
        : NO_CONSENT,
      created_via: source,
    };
    // Children first: the list row is then built once, complete, when the profile lands.
    await db.customer_emails.bulkAdd(emails);
    await db.customer_phones.bulkAdd(phones);
    await db.customer_profiles.add(profile);
    return ok(id);
  });
}

async function updateProfile(
  db: CrmDatabase,
  id: string,
  patch: ProfilePatch,
): Promise<Result<void, CustomerProblem>> {
  const changes: Partial<CustomerProfile> = {};
  if (patch.first_name !== undefined) changes.first_name = patch.first_name.trim();
  if (patch.last_name !== undefined) changes.last_name = patch.last_name.trim();
  if (patch.notes !== undefined) changes.notes = patch.notes;
  if (patch.tags !== undefined) changes.tags = normalizeTags(patch.tags);
  if (patch.owner_id !== undefined) changes.owner_id = patch.owner_id || null;
  if (patch.lifecycle !== undefined) {
    if (!LIFECYCLE_STAGES.includes(patch.lifecycle)) return problem('Unknown lifecycle stage');
    changes.lifecycle = patch.lifecycle;
  }
  if (patch.date_of_birth !== undefined) {
    const dob = checkDateOfBirth(patch.date_of_birth);
    if (!dob.ok) return problem(dob.reason);
    changes.date_of_birth = dob.value;
  }
  return db.transaction('rw', [...CONTACT_TABLES], async () => {
    const profile = await liveProfile(db, id);
    const next = { ...profile, ...changes };
    if (!next.first_name && !next.last_name) {
      const hasContact =
        (await db.customer_emails
          .where('customer_id')
          .equals(id)
          .filter((e) => e.deleted === 0)
          .count()) > 0;
      if (!hasContact) return problem('A customer without an email needs a name');
    }
    await db.customer_profiles.update(id, { ...changes, updated_at: nowIso() });
    return ok();
  });
}

/** A contact point's own details: an email's label, a phone's type and the region it is read in. */
type ContactDetails = { label?: string; type?: PhoneType; region?: string };

/**
 * Adds an email or a phone (CONTACT_KINDS says how each is checked): the first one of its
 * kind is the primary. An email another live customer owns is refused, naming them.
 */
async function addContactPoint(
  db: CrmDatabase,
  kind: ContactKind,
  customerId: string,
  input: string,
  details: ContactDetails = {},
  source: ContactSource = 'manual',
): Promise<Result<void, CustomerProblem>> {
  const descriptor = CONTACT_KINDS[kind];
  const check = descriptor.check(input, details.region ?? 'US');
  if (!check.ok) return problem(check.reason);
  return db.transaction('rw', [...CONTACT_TABLES], async () => {
    await liveProfile(db, customerId);
    const duplicate = kind === 'email' ? await findEmailOwner(db, [check.key], customerId) : null;
    if (duplicate)
      return problem(`${duplicate.address} belongs to ${duplicate.displayName}`, { duplicate });
    const table = kind === 'email' ? db.customer_emails : db.customer_phones;
    const existing = (await table.where('customer_id').equals(customerId).toArray()).filter(
      (row) => row.deleted === 0,
    );
    if (existing.some((row) => contactKey(row) === check.key))
      return problem(descriptor.alreadyHas);
    const now = nowIso();
    const row = {
      id: newId(),
      customer_id: customerId,
      label: (details.label ?? '').trim(),
      source,
      is_primary: existing.length === 0 ? (1 as const) : (0 as const),
      created_at: now,
      updated_at: now,
      deleted: 0 as const,
    };
    if (kind === 'email')
      await db.customer_emails.add({
        ...row,
        address: input.trim(),
        address_normalized: check.key,
      });
    else
      await db.customer_phones.add({
        ...row,
        e164: check.key,
        raw_input: input.trim(),
        type: details.type ?? 'mobile',
      });
    await touchProfile(db, customerId, now);
    return ok();
  });
}

/** Removes (tombstones) or re-flags one contact point, keeping exactly one primary. */
async function reflagContactPoint(
  db: CrmDatabase,
  kind: ContactKind,
  itemId: string,
  action: 'remove' | 'make-primary',
): Promise<void> {
  const table = kind === 'email' ? db.customer_emails : db.customer_phones;
  await db.transaction('rw', [...CONTACT_TABLES], async () => {
    const item = await table.get(itemId);
    if (!item || item.deleted === 1) return;
    const now = nowIso();
    const siblings = (await table.where('customer_id').equals(item.customer_id).toArray()).map(
      (sibling) =>
        sibling.id === itemId && action === 'remove'
          ? { ...sibling, deleted: 1 as const }
          : sibling,
    );
    const flags = resolvePrimaryFlags(siblings, action === 'make-primary' ? itemId : undefined);
    for (const sibling of siblings) {
      const flag = flags.get(sibling.id) ?? 0;
      const removed = sibling.id === itemId && action === 'remove';
      if (flag !== sibling.is_primary || removed) {
        await table.update(sibling.id, {
          is_primary: flag,
          updated_at: now,
          ...(removed ? { deleted: 1 as const } : {}),
        });
      }
    }
    await touchProfile(db, item.customer_id, now);
  });
}

/**
 * Undo of reflagContactPoint(…, 'remove'): the email or phone is live again, and primary again
 * when it was. Refused when the email was given to another customer meanwhile; nothing to do
 * when the customer has it again.
 */
async function restoreContactPoint(
  db: CrmDatabase,
  kind: ContactKind,
  itemId: string,
  wasPrimary: boolean,
): Promise<Result<void, CustomerProblem>> {
  const table = kind === 'email' ? db.customer_emails : db.customer_phones;
  return db.transaction('rw', [...CONTACT_TABLES], async () => {
    const item = await table.get(itemId);
    if (!item) return problem('This entry no longer exists');
    if (item.deleted === 0) return ok();
    await liveProfile(db, item.customer_id);
    const key = contactKey(item);
    const duplicate = kind === 'email' ? await findEmailOwner(db, [key], item.customer_id) : null;
    if (duplicate)
      return problem(
        `Cannot restore: ${duplicate.address} now belongs to ${duplicate.displayName}`,
        {
          duplicate,
        },
      );
    const live = (await table.where('customer_id').equals(item.customer_id).toArray()).filter(
      (row) => row.deleted === 0,
    );
    if (live.some((row) => contactKey(row) === key)) return ok();
    const rows = [...live, { ...item, deleted: 0 as const }];
    const flags = resolvePrimaryFlags(rows, wasPrimary ? itemId : undefined);
    const now = nowIso();
    for (const row of rows) {
      const flag = flags.get(row.id) ?? 0;
      if (flag !== row.is_primary || row.id === itemId)
        await table.update(row.id, { is_primary: flag, updated_at: now, deleted: 0 });
    }
    await touchProfile(db, item.customer_id, now);
    return ok();
  });
}

/** What a user may change on one email or phone in place (the add form's checks apply). */
export type ContactPointEdit = {
  /** The address, or the number as typed (national numbers read in `region`). */
  input: string;
  label: string;
  /** A phone's type; an email has none. */
  type?: PhoneType;
  source: ContactSource;
  /** Make it the customer's primary one (a primary one stays primary: exactly one is). */
  primary: boolean;
  region?: string;
};

/** What an edit changed, to put back with its Undo (revertContactPointEdit). */
export type ContactPointEditReceipt = {
  kind: ContactKind;
  before: CustomerEmail | CustomerPhone;
  /** The customer's primary one of this kind before the edit. */
  primaryBefore: string | null;
};

type ContactRow = CustomerEmail | CustomerPhone;

/**
 * Writes `next` over a customer's email or phone inside the caller's transaction: refused when
 * another live customer has the address (naming them) or this customer has the key on another
 * row; the primary flags resolved with `primaryId` chosen. The projection middleware rebuilds
 * the list row and journals it for the search index in the same transaction.
 */
async function writeContactRow(
  db: CrmDatabase,
  kind: ContactKind,
  next: ContactRow,
  primaryId: string | null,
  refusal: (owner: DuplicateOwner) => string,
): Promise<Result<void, CustomerProblem>> {
  const table = kind === 'email' ? db.customer_emails : db.customer_phones;
  const key = contactKey(next);
  const duplicate = kind === 'email' ? await findEmailOwner(db, [key], next.customer_id) : null;
  if (duplicate) return problem(refusal(duplicate), { duplicate });
  const siblings: ContactRow[] = await table
    .where('customer_id')
    .equals(next.customer_id)
    .toArray();
  const live = siblings.filter((row) => row.deleted === 0 && row.id !== next.id);
  if (live.some((row) => contactKey(row) === key)) return problem(CONTACT_KINDS[kind].alreadyHas);
  const stored = siblings.find((row) => row.id === next.id);
  const rows: ContactRow[] = [...live, next];
  const flags = resolvePrimaryFlags(rows, primaryId ?? undefined);
  const now = nowIso();
  for (const row of rows) {
    const flag = flags.get(row.id) ?? 0;
    // Only the fields that changed are written: sync merges field by field.
    const changes = changedFields(row.id === next.id ? stored : row, { ...row, is_primary: flag });
    if (Object.keys(changes).length > 0)
      await table.update(row.id, { ...changes, updated_at: now } as Partial<ContactRow>);
  }
  await touchProfile(db, next.customer_id, now);
  return ok();
}

function changedFields(stored: ContactRow | undefined, next: ContactRow): Partial<ContactRow> {
  const before = (stored ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(next).filter(
      ([field, value]) => field !== 'updated_at' && before[field] !== value,
    ),
  ) as Partial<ContactRow>;
}

/** The row an edit asks for: the input checked as the add form checks it. */
function editedRow(
  kind: ContactKind,
  item: ContactRow,
  edit: ContactPointEdit,
): Result<ContactRow, CustomerProblem> {
  const check = CONTACT_KINDS[kind].check(edit.input, edit.region ?? 'US');
  if (!check.ok) return problem(check.reason);
  if (!CONTACT_SOURCES.includes(edit.source)) return problem('Choose where it came from');
  const common = { label: edit.label.trim(), source: edit.source };
  if ('address_normalized' in item)
    return ok({ ...item, ...common, address: edit.input.trim(), address_normalized: check.key });
  const type = edit.type ?? item.type;
  if (!PHONE_TYPES.includes(type)) return problem('Choose the kind of phone');
  // The number as typed stays when the number is the same (the edit starts from its display).
  const raw_input = check.key === item.e164 ? item.raw_input : edit.input.trim();
  return ok({ ...item, ...common, type, e164: check.key, raw_input });
}

/**
 * Changes an email's or phone's value, label (a phone's type), source and primary flag in
 * place, in one transaction, checked as addContactPoint checks a new one. Answers what it
 * changed, for the Undo (revertContactPointEdit).
 */
async function editContactPoint(
  db: CrmDatabase,
  kind: ContactKind,
  itemId: string,
  edit: ContactPointEdit,
): Promise<Result<ContactPointEditReceipt, CustomerProblem>> {
  const table = kind === 'email' ? db.customer_emails : db.customer_phones;
  return db.transaction('rw', [...CONTACT_TABLES], async () => {
    const item = await table.get(itemId);
    if (!item || item.deleted === 1) return problem('This entry was removed meanwhile');
    await liveProfile(db, item.customer_id);
    const next = editedRow(kind, item, edit);
    if (!next.ok) return next;
    const siblings = await table.where('customer_id').equals(item.customer_id).toArray();
    const primaryBefore = siblings.find((row) => row.deleted === 0 && row.is_primary === 1);
    const primaryId = edit.primary ? itemId : (primaryBefore?.id ?? null);
    const written = await writeContactRow(db, kind, next.value, primaryId, (owner) => {
      return `${owner.address} belongs to ${owner.displayName}`;
    });
    if (!written.ok) return written;
    return ok({ kind, before: item, primaryBefore: primaryBefore?.id ?? null });
  });
}

/**
 * Undo of editContactPoint: the email or phone as it was, and the primary one as it was.
 * Refused when another customer took the old address meanwhile, or the entry was removed.
 */
async function revertContactPointEdit(
  db: CrmDatabase,
  receipt: ContactPointEditReceipt,
): Promise<Result<void, CustomerProblem>> {
  const { kind, before } = receipt;
  const table = kind === 'email' ? db.customer_emails : db.customer_phones;
  return db.transaction('rw', [...CONTACT_TABLES], async () => {
    const item = await table.get(before.id);
    if (!item || item.deleted === 1) return problem('Cannot undo: this entry was removed');
    await liveProfile(db, item.customer_id);
    return writeContactRow(
      db,
      kind,
      { ...before, is_primary: item.is_primary, created_at: item.created_at },
      receipt.primaryBefore,
      (owner) => `Cannot undo: ${owner.address} now belongs to ${owner.displayName}`,
    );
  });
}

async function setConsent(
  db: CrmDatabase,
  customerId: string,
  channel: 'email' | 'sms',
  optedIn: boolean,
  source: string,
): Promise<void> {
  await db.transaction('rw', [...CONTACT_TABLES], async () => {
    const profile = await liveProfile(db, customerId);
    const now = nowIso();
    const changes: Partial<CustomerProfile> =
      channel === 'email'
        ? { email_consent: applyConsentChange(profile.email_consent, optedIn, source, now) }
        : { sms_consent: applyConsentChange(profile.sms_consent, optedIn, source, now) };
    await db.customer_profiles.update(customerId, { ...changes, updated_at: now });
  });
}

/** Soft delete: the profile gets a tombstone and leaves the list; restore() undoes it. */
async function remove(db: CrmDatabase, customerId: string): Promise<void> {
  await db.transaction('rw', [...CONTACT_TABLES], async () => {
    await liveProfile(db, customerId);
    await db.customer_profiles.update(customerId, { deleted: 1, updated_at: nowIso() });
  });
}

/** Undo of remove(). Refused when one of its emails was given to another customer meanwhile. */
async function restore(
  db: CrmDatabase,
  customerId: string,
): Promise<Result<void, CustomerProblem>> {
  return db.transaction('rw', [...CONTACT_TABLES], async () => {
    const profile = await db.customer_profiles.get(customerId);
    if (!profile) return problem('This customer no longer exists');
    if (profile.deleted === 0) return ok();
    const emails = await db.customer_emails
      .where('customer_id')
      .equals(customerId)
      .filter((e) => e.deleted === 0)
      .toArray();
    const duplicate = await findEmailOwner(
      db,
      emails.map((email) => email.address_normalized),
      customerId,
    );
    if (duplicate) {
      return problem(
        `Cannot restore: ${duplicate.address} now belongs to ${duplicate.displayName}`,
        {
          duplicate,
        },
      );
    }
    await db.customer_profiles.update(customerId, { deleted: 0, updated_at: nowIso() });
    return ok();
  });
}

async function addTouchpoint(
  db: CrmDatabase,
  customerId: string,
  draft: TouchpointDraft,
  source: ContactSource = 'manual',
): Promise<Result<void, CustomerProblem>> {
  if (!TOUCHPOINT_KINDS.includes(draft.kind)) return problem('Choose a kind of touchpoint');
  const occurred = new Date(draft.occurred_at);
  if (Number.isNaN(occurred.getTime())) return problem('Give the date and time it happened');
  if (!Number.isFinite(draft.value) || draft.value < 0)
    return problem('Value must be zero or more');
  if (draft.currency !== undefined && !/^[A-Z]{3}$/.test(draft.currency))
    return problem('Spend needs a currency code such as EUR');
  return db.transaction('rw', [...CONTACT_TABLES, 'customer_engagement_metrics'], async () => {
    await liveProfile(db, customerId);
    const now = nowIso();
    await db.customer_engagement_metrics.add({
      id: newId(),
      customer_id: customerId,
      kind: draft.kind,
      occurred_at: occurred.toISOString(),
      value: Math.round(draft.value),
      summary: draft.summary.trim(),
      source,
      ...(draft.currency ? { currency: draft.currency } : {}),
      created_at: now,
      updated_at: now,
      deleted: 0,
    });
    return ok();
  });
}

async function removeTouchpoint(db: CrmDatabase, touchpointId: string): Promise<void> {
  await db.customer_engagement_metrics.update(touchpointId, { deleted: 1, updated_at: nowIso() });
}

export function createCustomerService(db: CrmDatabase) {
  const bound = bindDb(db, {
    create,
    updateProfile,
    addContactPoint,
    reflagContactPoint,
    restoreContactPoint,
    editContactPoint,
    revertContactPointEdit,
    setConsent,
    remove,
    restore,
    addTouchpoint,
    removeTouchpoint,
    findEmailOwner,
  });
  return {
    ...bound,
    addEmail: (customerId: string, address: string, label = '', source?: ContactSource) =>
      bound.addContactPoint('email', customerId, address, { label }, source),
    addPhone: (
      customerId: string,
      rawInput: string,
      region: string,
      type: PhoneType = 'mobile',
      label = '',
      source?: ContactSource,
    ) => bound.addContactPoint('phone', customerId, rawInput, { region, type, label }, source),
    removeEmail: (id: string) => bound.reflagContactPoint('email', id, 'remove'),
    makeEmailPrimary: (id: string) => bound.reflagContactPoint('email', id, 'make-primary'),
    removePhone: (id: string) => bound.reflagContactPoint('phone', id, 'remove'),
    makePhonePrimary: (id: string) => bound.reflagContactPoint('phone', id, 'make-primary'),
  };
}

export type CustomerService = ReturnType<typeof createCustomerService>;
