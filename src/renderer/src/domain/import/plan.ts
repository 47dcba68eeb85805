/**
 * The dedupe plan, computed before anything is written. Rows are merged by normalized email
 * within the file (the first row wins, later rows fill its blanks and add contact points),
 * then matched against customers already in the database; the merge policy decides what an
 * existing customer receives. Never a second live customer with the same email.
 */
import type { ConsentState, CustomerProfile, Lifecycle } from '../records';
import { normalizeTags } from '../tags';
import type { CandidateEmail, CandidatePhone, ImportCandidate } from './rows';

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
  | { kind: 'new'; rows: number[]; candidate: ImportCandidate }
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
  duplicates_in_file: number;
  new: number;
  updated: number;
  unchanged: number;
  skipped_existing: number;
};

export type ImportPlan = { customers: PlannedCustomer[]; counts: PlanCounts };

function mergeInto(target: ImportCandidate, later: ImportCandidate): void {
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

/**
 * `candidates` in file order (blocked and user-skipped rows included, for the counts);
 * `existing` maps a normalized email to the live customer that owns it.
 */
export function buildPlan(
  candidates: readonly ImportCandidate[],
  existing: ReadonlyMap<string, ExistingCustomer>,
  policy: MergePolicy,
  skippedRows: ReadonlySet<number> = new Set(),
): ImportPlan {
  const counts: PlanCounts = {
    rows_read: candidates.length,
    rows_skipped_by_user: 0,
    rows_not_importable: 0,
    rows_with_issues: 0,
    invalid_emails: 0,
    invalid_phones: 0,
    invalid_dates: 0,
    no_email: 0,
    duplicates_in_file: 0,
    new: 0,
    updated: 0,
    unchanged: 0,
    skipped_existing: 0,
  };
  const groups: { rows: number[]; candidate: ImportCandidate }[] = [];
  const groupOf = new Map<string, number>();
  for (const candidate of candidates) {
    const kinds = new Set(candidate.issues.map((issue) => issue.kind));
    if (kinds.size > 0) counts.rows_with_issues += 1;
    if (kinds.has('invalid-email')) counts.invalid_emails += 1;
    if (kinds.has('invalid-phone')) counts.invalid_phones += 1;
    if (kinds.has('invalid-date')) counts.invalid_dates += 1;
    if (kinds.has('no-email')) counts.no_email += 1;
    if (skippedRows.has(candidate.row)) {
      counts.rows_skipped_by_user += 1;
      continue;
    }
    if (candidate.blocked) {
      counts.rows_not_importable += 1;
      continue;
    }
    const known = candidate.emails
      .map((email) => groupOf.get(email.normalized))
      .find((index) => index !== undefined);
    if (known !== undefined) {
      const group = groups[known];
      if (group) {
        counts.duplicates_in_file += 1;
        group.rows.push(candidate.row);
        mergeInto(group.candidate, candidate);
        for (const email of candidate.emails)
          if (!groupOf.has(email.normalized)) groupOf.set(email.normalized, known);
        continue;
      }
    }
    const index = groups.length;
    groups.push({
      rows: [candidate.row],
      candidate: {
        ...candidate,
        tags: [...candidate.tags],
        emails: [...candidate.emails],
        phones: [...candidate.phones],
      },
    });
    for (const email of candidate.emails) groupOf.set(email.normalized, index);
  }

  const customers: PlannedCustomer[] = groups.map(({ rows, candidate }) => {
    const match = candidate.emails
      .map((email) => existing.get(email.normalized))
      .find((owner) => owner !== undefined);
    if (!match) {
      counts.new += 1;
      return { kind: 'new', rows, candidate };
    }
    // Addresses another existing customer owns stay with that customer.
    const addEmails = candidate.emails.filter(
      (email) => !match.emails.includes(email.normalized) && !existing.has(email.normalized),
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
  return { customers, counts };
}
