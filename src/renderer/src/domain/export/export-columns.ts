/**
 * The columns a user can export, in groups they pick with checkboxes, and how one customer
 * becomes one row. Pure: the export service reads the records, this decides the cells.
 *
 * Emails and phones are "all of them": the file has as many Email N / Phone N column sets
 * as the customer with the most, decided before the first row is written (the header).
 */
import type { CustomerEmail, CustomerPhone, CustomerProfile, IsoDateTime } from '../records';
import { isRelationshipType, RELATIONSHIP_CATALOGUE } from '../relationships/catalogue';

export const EXPORT_COLUMN_GROUPS = [
  'id',
  'name',
  'emails',
  'phones',
  'date_of_birth',
  'lifecycle',
  'owner',
  'tags',
  'notes',
  'consent',
  'timestamps',
  'relations',
] as const;
export type ExportColumnGroup = (typeof EXPORT_COLUMN_GROUPS)[number];

export type ExportColumnGroupInfo = {
  id: ExportColumnGroup;
  label: string;
  /** The columns it adds, as the user sees them in the dialog. */
  columns: string;
  defaultOn: boolean;
};

export const EXPORT_COLUMN_GROUP_INFO: readonly ExportColumnGroupInfo[] = [
  { id: 'name', label: 'Name', columns: 'First name, Last name', defaultOn: true },
  {
    id: 'emails',
    label: 'All emails',
    columns: 'Email 1, Email 1 label, Email 2, …',
    defaultOn: true,
  },
  {
    id: 'phones',
    label: 'All phones',
    columns: 'Phone 1 (E.164), Phone 1 type, Phone 1 label, …',
    defaultOn: true,
  },
  { id: 'tags', label: 'Tags', columns: 'Tags, separated by “; ”', defaultOn: true },
  {
    id: 'lifecycle',
    // The list's word: the column was "Lifecycle" until 2026-12-07 (the importer reads both).
    label: 'Stage',
    columns: 'lead, prospect, customer or inactive',
    defaultOn: true,
  },
  { id: 'owner', label: 'Owner', columns: 'Owner (team member name)', defaultOn: true },
  {
    id: 'consent',
    label: 'Consent',
    columns: 'Email and SMS opt-in, with source and time',
    defaultOn: true,
  },
  {
    id: 'date_of_birth',
    label: 'Date of birth',
    columns: 'YYYY-MM-DD, or --MM-DD without a year',
    defaultOn: true,
  },
  { id: 'notes', label: 'Notes', columns: 'Free text, line breaks kept', defaultOn: true },
  {
    id: 'relations',
    label: 'Relations',
    columns: 'Relations by name, e.g. “manages Ana Lima; booked by Bo Berg”',
    defaultOn: false,
  },
  {
    id: 'timestamps',
    label: 'Created and updated',
    columns: 'Created at, Updated at',
    defaultOn: false,
  },
  {
    id: 'id',
    label: 'Encore ID',
    columns: 'Encore ID (for matching on re-import)',
    // On by default: the dialog promises a file that imports back unchanged, which needs
    // the ID (the same people, not new ones) and the notes.
    defaultOn: true,
  },
];

/**
 * The groups a file needs to import back unchanged, missing from this choice (labels, in
 * catalogue order): relations and timestamps are not read back by the importer.
 */
export function missingForRoundTrip(groups: readonly ExportColumnGroup[]): string[] {
  return EXPORT_COLUMN_GROUP_INFO.filter(
    (info) => info.id !== 'relations' && info.id !== 'timestamps' && !groups.includes(info.id),
  ).map((info) => info.label);
}

export function defaultExportGroups(): ExportColumnGroup[] {
  return EXPORT_COLUMN_GROUP_INFO.filter((group) => group.defaultOn).map((group) => group.id);
}

/** A relation seen from the exported customer: "out" when it is the `from` side. */
export type ExportRelation = { type: string; direction: 'out' | 'in'; otherName: string };

/** Everything one row needs, read by the service. Emails and phones are live ones only. */
export type ExportRecord = {
  profile: CustomerProfile;
  emails: CustomerEmail[];
  phones: CustomerPhone[];
  ownerName: string;
  relations: ExportRelation[];
};

export type ExportLayout = {
  /** Chosen groups; the file's columns always follow the catalogue's order. */
  groups: readonly ExportColumnGroup[];
  emailSlots: number;
  phoneSlots: number;
};

export const TAG_SEPARATOR = '; ';
export const RELATION_SEPARATOR = '; ';

export const HEADERS = {
  id: 'Encore ID',
  firstName: 'First name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  lifecycle: 'Stage',
  owner: 'Owner',
  tags: 'Tags',
  notes: 'Notes',
  email: (n: number) => `Email ${n}`,
  emailLabel: (n: number) => `Email ${n} label`,
  phone: (n: number) => `Phone ${n}`,
  phoneType: (n: number) => `Phone ${n} type`,
  phoneLabel: (n: number) => `Phone ${n} label`,
  emailOptIn: 'Email opt-in',
  emailConsentSource: 'Email consent source',
  emailConsentAt: 'Email consent changed at',
  smsOptIn: 'SMS opt-in',
  smsConsentSource: 'SMS consent source',
  smsConsentAt: 'SMS consent changed at',
  createdAt: 'Created at',
  updatedAt: 'Updated at',
  relations: 'Relations',
} as const;

/** The layout for a set of groups, with room for the most emails and phones any row has. */
export function exportLayout(
  groups: readonly ExportColumnGroup[],
  maxEmails: number,
  maxPhones: number,
): ExportLayout {
  const chosen = EXPORT_COLUMN_GROUPS.filter((group) => groups.includes(group));
  // At least one set, so a chosen group always shows up as columns, even when empty.
  return { groups: chosen, emailSlots: Math.max(1, maxEmails), phoneSlots: Math.max(1, maxPhones) };
}

type ColumnWriter = {
  headers: (layout: ExportLayout) => string[];
  cells: (record: ExportRecord, layout: ExportLayout) => string[];
};

const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const time = (value: IsoDateTime | null) => value ?? '';

function slots<T>(count: number, make: (n: number) => T[]): T[] {
  const out: T[] = [];
  for (let n = 1; n <= count; n += 1) out.push(...make(n));
  return out;
}

const WRITERS: Record<ExportColumnGroup, ColumnWriter> = {
  id: { headers: () => [HEADERS.id], cells: (r) => [r.profile.id] },
  name: {
    headers: () => [HEADERS.firstName, HEADERS.lastName],
    cells: (r) => [r.profile.first_name, r.profile.last_name],
  },
  date_of_birth: {
    headers: () => [HEADERS.dateOfBirth],
    cells: (r) => [r.profile.date_of_birth ?? ''],
  },
  lifecycle: { headers: () => [HEADERS.lifecycle], cells: (r) => [r.profile.lifecycle] },
  owner: { headers: () => [HEADERS.owner], cells: (r) => [r.ownerName] },
  tags: { headers: () => [HEADERS.tags], cells: (r) => [r.profile.tags.join(TAG_SEPARATOR)] },
  notes: { headers: () => [HEADERS.notes], cells: (r) => [r.profile.notes] },
  emails: {
    headers: (l) => slots(l.emailSlots, (n) => [HEADERS.email(n), HEADERS.emailLabel(n)]),
    cells: (r, l) =>
      slots(l.emailSlots, (n) => {
        const email = r.emails[n - 1];
        return email ? [email.address, email.label] : ['', ''];
      }),
  },
  phones: {
    headers: (l) =>
      slots(l.phoneSlots, (n) => [HEADERS.phone(n), HEADERS.phoneType(n), HEADERS.phoneLabel(n)]),
    cells: (r, l) =>
      slots(l.phoneSlots, (n) => {
        const phone = r.phones[n - 1];
        return phone ? [phone.e164, phone.type, phone.label] : ['', '', ''];
      }),
  },
  consent: {
    headers: () => [
      HEADERS.emailOptIn,
      HEADERS.emailConsentSource,
      HEADERS.emailConsentAt,
      HEADERS.smsOptIn,
      HEADERS.smsConsentSource,
      HEADERS.smsConsentAt,
    ],
    cells: ({ profile: { email_consent: email, sms_consent: sms } }) => [
      yesNo(email.opted_in),
      email.source ?? '',
      time(email.changed_at),
      yesNo(sms.opted_in),
      sms.source ?? '',
      time(sms.changed_at),
    ],
  },
  timestamps: {
    headers: () => [HEADERS.createdAt, HEADERS.updatedAt],
    cells: (r) => [r.profile.created_at, r.profile.updated_at],
  },
  relations: {
    headers: () => [HEADERS.relations],
    cells: (r) => [formatRelations(r.relations)],
  },
};

export function exportHeader(layout: ExportLayout): string[] {
  return layout.groups.flatMap((group) => WRITERS[group].headers(layout));
}

export function exportCells(record: ExportRecord, layout: ExportLayout): string[] {
  return layout.groups.flatMap((group) => WRITERS[group].cells(record, layout));
}

/**
 * "manages Ana Lima" (this customer manages Ana Lima) and "managed by Ben Ruiz" (Ben Ruiz
 * manages this customer): the relationship read from this customer's side, in the words the
 * app shows (the catalogue's forward and inverse labels), then the other's name. A type the
 * catalogue does not know (from a newer version, through sync) keeps its raw name and an
 * arrow for the direction. Sorted so the same relations always give the same cell.
 */
export function formatRelations(relations: readonly ExportRelation[]): string {
  return relations
    .map((rel) => {
      if (!isRelationshipType(rel.type))
        return `${rel.type} ${rel.direction === 'out' ? '→' : '←'} ${rel.otherName}`;
      const definition = RELATIONSHIP_CATALOGUE[rel.type];
      return `${rel.direction === 'out' ? definition.forward : definition.inverse} ${rel.otherName}`;
    })
    .sort()
    .join(RELATION_SEPARATOR);
}

/** Primary first, then oldest first: the order the detail page shows. */
export function orderContactPoints<T extends { is_primary: 0 | 1; created_at: string; id: string }>(
  points: readonly T[],
): T[] {
  return [...points].sort(
    (a, b) =>
      b.is_primary - a.is_primary ||
      a.created_at.localeCompare(b.created_at) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
