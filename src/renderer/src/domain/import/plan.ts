/**
 * The dedupe plan, computed before anything is written. Rows are merged by Encore ID and by
 * normalized email within the file (the first row wins, later rows fill its blanks and add
 * contact points), then matched against customers already in the database: by Encore ID
 * first (our own exports), else by email; the merge policy decides what an existing customer
 * receives. A row whose Encore ID and email name two different people is blocked. A new
 * customer keeps the Encore ID of its row (a restore) unless that id belongs to a deleted
 * customer. Never a second live customer with the same email.
 */
import type { ConsentState, CustomerProfile, Lifecycle } from '../records';
import { normalizeTags } from '../tags';
import type { CandidateEmail, CandidatePhone, ImportCandidate, RowIssue } from './rows';

export const MERGE_POLICIES = ['fill-blanks', 'overwrite', 'skip'] as const;
export type MergePolicy = (typeof MERGE_POLICIES)[number];

export const POLICY_LABELS: Record<MergePolicy, string> = {
  'fill-blanks': 'Fill blanks only',
  overwrite: 'Overwrite with the file',
  skip: 'Skip existing customers',
};

export type ExistingCustomer = {
  id: string;
  profile: Pick<
    CustomerProfile,
    | 'first_name'
    | 'last_name'
    | 'date_of_birth'
    | 'notes'
    | 'tags'
    | 'lifecycle'
    | 'email_consent'
    | 'sms_consent'
  >;
  /** Normalized addresses of its live emails. */
  emails: string[];
  phones: string[];
};

/** What the database holds for a file's emails and Encore IDs. */
export type ExistingIndex = {
  /** Normalized address -> the live customer that owns it. */
  byEmail: ReadonlyMap<string, ExistingCustomer>;
  /** Encore ID -> the live customer with that id. */
  byId: ReadonlyMap<string, ExistingCustomer>;
  /** Encore IDs of the file that belong to deleted customers (tombstones). */
  deletedIds: ReadonlySet<string>;
};

export function emptyExistingIndex(): ExistingIndex {
  return { byEmail: new Map(), byId: new Map(), deletedIds: new Set() };
}

export type ProfileChanges = Partial<{
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  notes: string;
  tags: string[];
  lifecycle: Lifecycle;
  email_opt_in: boolean;
  sms_opt_in: boolean;
}>;

export type PlannedCustomer =
  | {
      kind: 'new';
      rows: number[];
      candidate: ImportCandidate;
      /** Create with this id (the row's Encore ID: a restore), or null for a fresh one. */
      id: string | null;
    }
  | {
      kind: 'update' | 'unchanged' | 'skip-existing';
      rows: number[];
      candidate: ImportCandidate;
      existingId: string;
      changes: ProfileChanges;
      addEmails: CandidateEmail[];
      addPhones: CandidatePhone[];
    };

export type PlanCounts = {
  rows_read: number;
  rows_skipped_by_user: number;
  rows_not_importable: number;
  rows_with_issues: number;
  invalid_emails: number;
  invalid_phones: number;
  invalid_dates: number;
  no_email: number;
  invalid_ids: number;
  /** Rows with control characters (NUL...) removed from a cell. */
  control_chars: number;
  /** Rows blocked because their Encore ID and an email name different people. */
  id_conflicts: number;
  duplicates_in_file: number;
  new: number;
  /** Of `new`: created with the Encore ID in the file (restored). */
  restored_ids: number;
  /** Of `new`: their Encore ID is a deleted customer's, so they get a new id. */
  renewed_ids: number;
  updated: number;
  unchanged: number;
  skipped_existing: number;
  /** Existing customers (updated, unchanged or skipped) found by Encore ID rather than email. */
  matched_by_id: number;
};

export type ImportPlan = {
  customers: PlannedCustomer[];
  counts: PlanCounts;
  /** Issues found by the plan (row -> issue): such rows are blocked. */
  conflicts: ReadonlyMap<number, RowIssue>;
};

function mergeInto(target: ImportCandidate, later: ImportCandidate): void {
  target.encore_id ??= later.encore_id;
  if (!target.first_name && !target.last_name) {
    target.first_name = later.first_name;
    target.last_name = later.last_name;
  }
  target.date_of_birth ??= later.date_of_birth;
  if (!target.notes) target.notes = later.notes;
  target.tags = normalizeTags([...target.tags, ...later.tags]);
  target.lifecycle ??= later.lifecycle;
  target.email_opt_in ??= later.email_opt_in;
  target.sms_opt_in ??= later.sms_opt_in;
  for (const email of later.emails)
    if (!target.emails.some((e) => e.normalized === email.normalized)) target.emails.push(email);
  for (const phone of later.phones)
    if (!target.phones.some((p) => p.e164 === phone.e164)) target.phones.push(phone);
}

function consentKnown(state: ConsentState): boolean {
  return state.source !== null || state.opted_in;
}

/** What `policy` changes on an existing customer, with the previous values left to the caller. */
export function profileChanges(
  existing: ExistingCustomer['profile'],
  incoming: ImportCandidate,
  policy: MergePolicy,
): ProfileChanges {
  const changes: ProfileChanges = {};
  if (policy === 'skip') return changes;
  const take = (current: string | null, next: string | null) =>
    next !== null && next !== '' && next !== current && (policy === 'overwrite' || !current);
  if (take(existing.first_name, incoming.first_name)) changes.first_name = incoming.first_name;
  if (take(existing.last_name, incoming.last_name)) changes.last_name = incoming.last_name;
  if (take(existing.date_of_birth, incoming.date_of_birth))
    changes.date_of_birth = incoming.date_of_birth;
  if (take(existing.notes, incoming.notes)) changes.notes = incoming.notes;
  if (policy === 'overwrite' && incoming.lifecycle && incoming.lifecycle !== existing.lifecycle)
    changes.lifecycle = incoming.lifecycle;
  const tags = normalizeTags([...existing.tags, ...incoming.tags]);
  if (tags.length !== existing.tags.length) changes.tags = tags;
  const consent = (state: ConsentState, next: boolean | null) =>
    next !== null && next !== state.opted_in && (policy === 'overwrite' || !consentKnown(state));
  if (consent(existing.email_consent, incoming.email_opt_in))
    changes.email_opt_in = incoming.email_opt_in ?? false;
  if (consent(existing.sms_consent, incoming.sms_opt_in))
    changes.sms_opt_in = incoming.sms_opt_in ?? false;
  return changes;
}

function nameOf(customer: ExistingCustomer): string {
  const name = `${customer.profile.first_name} ${customer.profile.last_name}`.trim();
  return name ? `"${name}"` : 'a customer without a name';
}

/**
 * `candidates` in file order (blocked and user-skipped rows included, for the counts);
 * `existing` is what the database holds for their emails and ids (a bare map: by email only).
 */
export function buildPlan(
  candidates: readonly ImportCandidate[],
  existing: ReadonlyMap<string, ExistingCustomer> | ExistingIndex,
  policy: MergePolicy,
  skippedRows: ReadonlySet<number> = new Set(),
): ImportPlan {
  const index: ExistingIndex =
    'byEmail' in existing ? existing : { ...emptyExistingIndex(), byEmail: existing };
  const counts: PlanCounts = {
    rows_read: candidates.length,
    rows_skipped_by_user: 0,
    rows_not_importable: 0,
    rows_with_issues: 0,
    invalid_emails: 0,
    invalid_phones: 0,
    invalid_dates: 0,
    no_email: 0,
    invalid_ids: 0,
    control_chars: 0,
    id_conflicts: 0,
    duplicates_in_file: 0,
    new: 0,
    restored_ids: 0,
    renewed_ids: 0,
    updated: 0,
    unchanged: 0,
    skipped_existing: 0,
    matched_by_id: 0,
  };
  const conflicts = new Map<number, RowIssue>();
  // The plan is built again on every change of policy or fix, so it never changes the
  // candidates: a group merging duplicates works on its own copy, made on its first merge
  // (copying every row up front cost ~300 bytes per row, at a million rows 300 MB).
  const copies = new Set<ImportCandidate>();
  const writable = (candidate: ImportCandidate): ImportCandidate => {
    if (copies.has(candidate)) return candidate;
    const copy = {
      ...candidate,
      tags: [...candidate.tags],
      emails: [...candidate.emails],
      phones: [...candidate.phones],
    };
    copies.add(copy);
    return copy;
  };
  const groups: { rows: number[]; candidate: ImportCandidate }[] = [];
  const groupOfEmail = new Map<string, number>();
  const groupOfId = new Map<string, number>();
  const block = (candidate: ImportCandidate, email: CandidateEmail, message: string) => {
    conflicts.set(candidate.row, { kind: 'id-conflict', column: email.column, message });
    if (candidate.issues.length === 0) counts.rows_with_issues += 1;
    counts.id_conflicts += 1;
    counts.rows_not_importable += 1;
  };
  for (const candidate of candidates) {
    const kinds = new Set(candidate.issues.map((issue) => issue.kind));
    if (kinds.size > 0) counts.rows_with_issues += 1;
    if (kinds.has('invalid-email')) counts.invalid_emails += 1;
    if (kinds.has('invalid-phone')) counts.invalid_phones += 1;
    if (kinds.has('invalid-date')) counts.invalid_dates += 1;
    if (kinds.has('no-email')) counts.no_email += 1;
    if (kinds.has('invalid-id')) counts.invalid_ids += 1;
    if (kinds.has('control-chars')) counts.control_chars += 1;
    if (skippedRows.has(candidate.row)) {
      counts.rows_skipped_by_user += 1;
      continue;
    }
    if (candidate.blocked) {
      counts.rows_not_importable += 1;
      continue;
    }
    const id = candidate.encore_id;
    let target: number | undefined;
    if (id !== null) {
      // The id names one customer in the database, an email another one: which is meant?
      const owner = index.byId.get(id);
      const elsewhere = owner
        ? candidate.emails.find((email) => {
            const other = index.byEmail.get(email.normalized);
            return other !== undefined && other.id !== owner.id;
          })
        : undefined;
      const other = elsewhere && index.byEmail.get(elsewhere.normalized);
      if (owner && elsewhere && other) {
        block(candidate, elsewhere, `Encore ID of ${nameOf(owner)}, email of ${nameOf(other)}`);
        continue;
      }
      // The same within the file: an email already on a row of another person.
      target =
        groupOfId.get(id) ??
        candidate.emails
          .map((email) => groupOfEmail.get(email.normalized))
          .find((known) => known !== undefined);
      const clash = candidate.emails.find((email) => {
        const known = groupOfEmail.get(email.normalized);
        if (known === undefined) return false;
        const knownId = groups[known]?.candidate.encore_id ?? null;
        return known !== target || (knownId !== null && knownId !== id);
      });
      const clashRow = clash && groups[groupOfEmail.get(clash.normalized) ?? -1]?.rows[0];
      if (clash && clashRow !== undefined) {
        block(candidate, clash, `Email also on row ${clashRow}, with another Encore ID`);
        continue;
      }
    } else {
      target = candidate.emails
        .map((email) => groupOfEmail.get(email.normalized))
        .find((known) => known !== undefined);
    }
    const group = target === undefined ? undefined : groups[target];
    if (target !== undefined && group) {
      counts.duplicates_in_file += 1;
      group.rows.push(candidate.row);
      group.candidate = writable(group.candidate);
      mergeInto(group.candidate, candidate);
      for (const email of candidate.emails)
        if (!groupOfEmail.has(email.normalized)) groupOfEmail.set(email.normalized, target);
      if (id !== null) groupOfId.set(id, target);
      continue;
    }
    const next = groups.length;
    groups.push({ rows: [candidate.row], candidate });
    for (const email of candidate.emails) groupOfEmail.set(email.normalized, next);
    if (id !== null) groupOfId.set(id, next);
  }

  // Each group's existing customer: by Encore ID first, else by email. Groups that find the
  // same customer (one by id, one by another of its emails) become one update.
  const matched: { rows: number[]; candidate: ImportCandidate; match?: ExistingCustomer }[] = [];
  const groupOfCustomer = new Map<string, number>();
  for (const { rows, candidate } of groups) {
    const byId = candidate.encore_id === null ? undefined : index.byId.get(candidate.encore_id);
    const match =
      byId ??
      candidate.emails
        .map((email) => index.byEmail.get(email.normalized))
        .find((owner) => owner !== undefined);
    const earlier = match ? groupOfCustomer.get(match.id) : undefined;
    const into = earlier === undefined ? undefined : matched[earlier];
    if (into) {
      counts.duplicates_in_file += rows.length;
      into.rows.push(...rows);
      into.candidate = writable(into.candidate);
      mergeInto(into.candidate, candidate);
      continue;
    }
    if (match) {
      groupOfCustomer.set(match.id, matched.length);
      if (byId) counts.matched_by_id += 1;
    }
    matched.push({ rows, candidate, match });
  }

  const customers: PlannedCustomer[] = matched.map(({ rows, candidate, match }) => {
    if (!match) {
      counts.new += 1;
      let id = candidate.encore_id;
      if (id !== null && index.deletedIds.has(id)) {
        counts.renewed_ids += 1;
        id = null;
      } else if (id !== null) counts.restored_ids += 1;
      return { kind: 'new', rows, candidate, id };
    }
    // Addresses another existing customer owns stay with that customer.
    const addEmails = candidate.emails.filter(
      (email) =>
        !match.emails.includes(email.normalized) &&
        (index.byEmail.get(email.normalized)?.id ?? match.id) === match.id,
    );
    const addPhones = candidate.phones.filter((phone) => !match.phones.includes(phone.e164));
    if (policy === 'skip') {
      counts.skipped_existing += 1;
      return {
        kind: 'skip-existing',
        rows,
        candidate,
        existingId: match.id,
        changes: {},
        addEmails: [],
        addPhones: [],
      };
    }
    const changes = profileChanges(match.profile, candidate, policy);
    const changed = Object.keys(changes).length > 0 || addEmails.length > 0 || addPhones.length > 0;
    if (changed) counts.updated += 1;
    else counts.unchanged += 1;
    return {
      kind: changed ? 'update' : 'unchanged',
      rows,
      candidate,
      existingId: match.id,
      changes,
      addEmails,
      addPhones,
    };
  });
  return { customers, counts, conflicts };
}
