/**
 * Writes one chunk of an import's plan as one transaction over profiles, emails, phones and
 * import_jobs: the customers, their list rows and outbox entries (middlewares), and the job's
 * progress and undo record commit together, so a crash leaves whole chunks and a job that
 * knows exactly what it wrote. What changed since the plan (an address or Encore ID taken
 * meanwhile, an updated customer deleted) is checked again inside the transaction.
 */
import Dexie from 'dexie';
import type { CrmDatabase } from '../../../db/database';
import { projectOnce } from '../../../db/projection-middleware';
import { applyConsentChange, NO_CONSENT } from '../../../domain/consent';
import { newId, nowIso } from '../../../domain/ids';
import type { PlannedCustomer } from '../../../domain/import/plan';
import type {
  CustomerEmail,
  CustomerPhone,
  CustomerProfile,
  ImportJob,
  ImportJobChunk,
  ImportUndo,
} from '../../../domain/records';
import { byCustomerIds, byIndex, CONTACT_TABLES } from './import-lookup';

/** Rows of the plan that a change made since the plan kept from being written, and why. */
export type NotWritten = { rows: number[]; reason: string };

/** Planned customers to write together, and rows found not writable before the chunk. */
export type WriteChunk = { planned: PlannedCustomer[]; late: NotWritten[] };

export const NOT_WRITTEN = {
  emailTaken: 'Not written: one of its emails was given to another customer meanwhile',
  idTaken: 'Not written: its Encore ID was used meanwhile',
  customerGone: 'Not written: the customer it updates was deleted meanwhile',
  customerChanged: 'Not written: the customer it matched was changed or deleted meanwhile',
  twoPeople: 'Not written: its Encore ID and an email now name two different customers',
} as const;

/** A planned update of an existing customer (its kind says whether it changes anything). */
type Updating = Extract<PlannedCustomer, { existingId: string }>;

/** What a chunk writes, gathered before the bulk writes: children first, then profiles. */
type ChunkRows = {
  emails: CustomerEmail[];
  phones: CustomerPhone[];
  newProfiles: CustomerProfile[];
  updates: CustomerProfile[];
  undo: ImportUndo;
  notWritten: NotWritten[];
};

/** What the chunk's checks read inside its transaction. */
type ChunkFacts = {
  now: string;
  consentSource: string;
  /** Normalized addresses a live customer owns (grows as the chunk gives addresses out). */
  taken: Set<string>;
  /** Encore IDs a customer (or tombstone) has now. */
  takenIds: Set<string>;
  profileById: Map<string, CustomerProfile>;
  /** Updated customers that already have a phone. */
  withPhone: Set<string>;
};

/** Reads what changed since the plan and what the updates need, in the chunk's transaction. */
async function readFacts(db: CrmDatabase, chunk: PlannedCustomer[], fileName: string) {
  // Someone may have added one of these addresses since the plan: recheck in the transaction.
  const addresses = chunk.flatMap((c) =>
    c.kind === 'new' ? c.candidate.emails : c.kind === 'update' ? c.addEmails : [],
  );
  const owners = (
    await byIndex<CustomerEmail>(
      db.customer_emails,
      'address_normalized',
      addresses.map((e) => e.normalized),
    )
  ).filter((e) => e.deleted === 0);
  const ownerProfiles = await db.customer_profiles.bulkGet([
    ...new Set(owners.map((o) => o.customer_id)),
  ]);
  const liveOwners = new Set(ownerProfiles.filter((p) => p && p.deleted === 0).map((p) => p?.id));
  const taken = new Set<string>();
  for (const owner of owners)
    if (liveOwners.has(owner.customer_id)) taken.add(owner.address_normalized);
  // A restored Encore ID must still be free: a customer (or tombstone) may have it now.
  const restoring = chunk.flatMap((c) => (c.kind === 'new' && c.id ? [c.id] : []));
  const takenIds = new Set(
    (await db.customer_profiles.bulkGet(restoring)).flatMap((p) => (p ? [p.id] : [])),
  );
  const existingProfiles = await db.customer_profiles.bulkGet(
    chunk.flatMap((c) => (c.kind === 'update' ? [c.existingId] : [])),
  );
  const profileById = new Map(
    existingProfiles.filter((p): p is CustomerProfile => !!p).map((p) => [p.id, p]),
  );
  // One indexed query for the chunk: which updated customers already have a phone.
  const withPhone = new Set(
    (await byCustomerIds<CustomerPhone>(db.customer_phones, [...profileById.keys()]))
      .filter((phone) => phone.deleted === 0)
      .map((phone) => phone.customer_id),
  );
  const now = nowIso();
  const facts: ChunkFacts = {
    now,
    consentSource: `import: ${fileName}`,
    taken,
    takenIds,
    profileById,
    withPhone,
  };
  return facts;
}

/** A new customer's profile, emails and phones, unless a change since the plan forbids it. */
function addNew(
  planned: Extract<PlannedCustomer, { kind: 'new' }>,
  facts: ChunkFacts,
  out: ChunkRows,
) {
  const c = planned.candidate;
  const { now } = facts;
  if (c.emails.some((e) => facts.taken.has(e.normalized)))
    return out.notWritten.push({ rows: planned.rows, reason: NOT_WRITTEN.emailTaken });
  if (planned.id !== null && facts.takenIds.has(planned.id))
    return out.notWritten.push({ rows: planned.rows, reason: NOT_WRITTEN.idTaken });
  const id = planned.id ?? newId();
  const base = { created_at: now, updated_at: now, deleted: 0 as const, customer_id: id };
  c.emails.forEach((email, n) => {
    out.emails.push({
      ...base,
      id: newId(),
      address: email.address,
      address_normalized: email.normalized,
      label: email.label,
      source: 'import',
      is_primary: n === 0 ? 1 : 0,
    });
    facts.taken.add(email.normalized);
  });
  c.phones.forEach((phone, n) =>
    out.phones.push({
      ...base,
      id: newId(),
      e164: phone.e164,
      raw_input: phone.raw,
      type: phone.type,
      label: phone.label,
      source: 'import',
      is_primary: n === 0 ? 1 : 0,
    }),
  );
  const consent = (value: boolean | null) =>
    value === null ? NO_CONSENT : applyConsentChange(NO_CONSENT, value, facts.consentSource, now);
  out.newProfiles.push({
    id,
    created_at: now,
    updated_at: now,
    deleted: 0,
    first_name: c.first_name,
    last_name: c.last_name,
    date_of_birth: c.date_of_birth,
    notes: c.notes,
    tags: c.tags,
    lifecycle: c.lifecycle ?? 'lead',
    owner_id: null,
    email_consent: consent(c.email_opt_in),
    sms_consent: consent(c.sms_opt_in),
    created_via: 'import',
  });
  out.undo.created.push(id);
}

/** The profile fields an update changes, and what they held before (for undo). */
function profileChanges(planned: Updating, current: CustomerProfile, facts: ChunkFacts) {
  const changes: Partial<CustomerProfile> = {};
  const previous: Partial<CustomerProfile> = {};
  const { email_opt_in, sms_opt_in, ...fields } = planned.changes;
  for (const [key, value] of Object.entries(fields) as [keyof typeof fields, unknown][]) {
    (changes as Record<string, unknown>)[key] = value;
    (previous as Record<string, unknown>)[key] = current[key];
  }
  const optIns = [
    ['email_consent', email_opt_in],
    ['sms_consent', sms_opt_in],
  ] as const;
  for (const [consent, optIn] of optIns) {
    if (optIn === undefined) continue;
    changes[consent] = applyConsentChange(current[consent], optIn, facts.consentSource, facts.now);
    previous[consent] = current[consent];
  }
  return { changes, previous };
}

/** An update of an existing customer: changed fields, added emails and phones, undo record. */
function addUpdate(planned: Updating, facts: ChunkFacts, out: ChunkRows) {
  const current = facts.profileById.get(planned.existingId);
  if (!current || current.deleted === 1)
    return out.notWritten.push({ rows: planned.rows, reason: NOT_WRITTEN.customerGone });
  const { now } = facts;
  const { changes, previous } = profileChanges(planned, current, facts);
  const base = {
    created_at: now,
    updated_at: now,
    deleted: 0 as const,
    customer_id: current.id,
    source: 'import' as const,
    is_primary: 0 as const,
  };
  const emailIds: string[] = [];
  for (const email of planned.addEmails) {
    if (facts.taken.has(email.normalized)) continue;
    const id = newId();
    out.emails.push({
      ...base,
      id,
      address: email.address,
      address_normalized: email.normalized,
      label: email.label,
    });
    emailIds.push(id);
    facts.taken.add(email.normalized);
  }
  const phoneIds: string[] = [];
  const hasPhone = facts.withPhone.has(current.id);
  planned.addPhones.forEach((phone, n) => {
    const id = newId();
    out.phones.push({
      ...base,
      id,
      e164: phone.e164,
      raw_input: phone.raw,
      type: phone.type,
      label: phone.label,
      is_primary: !hasPhone && n === 0 ? 1 : 0,
    });
    phoneIds.push(id);
  });
  out.updates.push({ ...current, ...changes, updated_at: now });
  out.undo.updated.push({
    customer_id: current.id,
    previous,
    // What undo compares with: a field holding anything else was edited since.
    written: changes,
    email_ids: emailIds,
    phone_ids: phoneIds,
  });
}

/** The chunk's writes and the job's progress, inside the chunk's transaction. */
async function writeRows(
  db: CrmDatabase,
  job: ImportJob,
  out: ChunkRows,
  progress: { counted: number; now: string },
) {
  // Children first: each new customer's list row is then projected once, complete.
  await db.customer_emails.bulkAdd(out.emails);
  await db.customer_phones.bulkAdd(out.phones);
  await db.customer_profiles.bulkAdd(out.newProfiles);
  // One bulk write, so the list projection rebuilds the chunk's rows in one pass.
  await db.customer_profiles.bulkPut(out.updates);
  job.committed += progress.counted;
  job.counts['created'] = (job.counts['created'] ?? 0) + out.undo.created.length;
  job.counts['written_updates'] = (job.counts['written_updates'] ?? 0) + out.undo.updated.length;
  job.counts['conflicts'] = (job.counts['conflicts'] ?? 0) + out.notWritten.length;
  job.updated_at = progress.now;
  await db.table<ImportJobChunk, string>('import_job_chunks').add({
    id: newId(),
    job_id: job.id,
    undo: out.undo,
    errors: null,
  });
  await db.import_jobs.put(job);
}

export function createChunkWriter(db: CrmDatabase) {
  /**
   * One atomic chunk: customers, list rows, outbox, and the job's progress + undo record.
   * Returns the rows it did not write because of a change since the plan, its `late` ones
   * included: they count in the job (progress, conflicts) when the chunk commits.
   */
  return async function writeChunk(
    job: ImportJob,
    { planned: chunk, late }: WriteChunk,
    fileName: string,
    signal?: AbortSignal,
  ): Promise<NotWritten[]> {
    let stop: (() => void) | null = null;
    const notWritten: NotWritten[] = [...late];
    // New customers get ids made now, with no children anywhere: their list rows are built
    // from the emails and phones the chunk adds, not read back. A restored Encore ID is not
    // so sure (a sync pull may have brought its emails before its profile): read as before.
    const restored = new Set(chunk.flatMap((c) => (c.kind === 'new' && c.id ? [c.id] : [])));
    try {
      await db.transaction('rw', [...CONTACT_TABLES, 'import_jobs', 'import_job_chunks'], () => {
        // Cancel rolls the chunk in flight back whole; the chunks before it stay.
        const transaction = Dexie.currentTransaction;
        stop = () => transaction.abort();
        signal?.addEventListener('abort', stop, { once: true });
        // Each customer's list row is projected once, at the end of the chunk.
        return projectOnce(
          async () => {
            const facts = await readFacts(db, chunk, fileName);
            const out: ChunkRows = {
              emails: [],
              phones: [],
              newProfiles: [],
              updates: [],
              undo: { written_at: facts.now, created: [], updated: [] },
              notWritten,
            };
            for (const planned of chunk) {
              if (planned.kind === 'new') addNew(planned, facts, out);
              else if (planned.kind === 'update') addUpdate(planned, facts, out);
            }
            await writeRows(db, job, out, { counted: chunk.length + late.length, now: facts.now });
          },
          { newCustomersComplete: (id) => !restored.has(id) },
        );
      });
    } finally {
      if (stop) signal?.removeEventListener('abort', stop);
    }
    return notWritten;
  };
}
