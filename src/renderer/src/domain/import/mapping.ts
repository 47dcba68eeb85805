/**
 * Column -> field mapping: auto-matched from the header names that Encore's own export,
 * HubSpot, Google Contacts, Outlook, Mailchimp, Eventbrite and Excel exports use (English,
 * German, French, Spanish), then by fuzzy matching (Levenshtein distance) for the near misses
 * people type by hand.
 */
import { distance } from 'fastest-levenshtein';
import { foldText } from '../text-fold';

export const IMPORT_FIELDS = [
  'skip',
  'first_name',
  'last_name',
  'full_name',
  'email',
  'email_label',
  'phone',
  'phone_label',
  'phone_type',
  'date_of_birth',
  'notes',
  'tags',
  'lifecycle',
  'email_opt_in',
  'sms_opt_in',
  'encore_id',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const FIELD_LABELS: Record<ImportField, string> = {
  skip: "Don't import",
  first_name: 'First name',
  last_name: 'Last name',
  full_name: 'Full name (split)',
  email: 'Email',
  email_label: 'Email label',
  phone: 'Phone',
  phone_label: 'Phone label',
  phone_type: 'Phone type',
  date_of_birth: 'Date of birth',
  notes: 'Notes',
  tags: 'Tags',
  lifecycle: 'Stage',
  email_opt_in: 'Email consent',
  sms_opt_in: 'SMS consent',
  encore_id: 'Encore ID (match)',
};

/** Fields one column at most may hold; emails, phones, notes and tags may come from several. */
export const SINGLE_FIELDS: readonly ImportField[] = [
  'first_name',
  'last_name',
  'full_name',
  'date_of_birth',
  'lifecycle',
  'email_opt_in',
  'sms_opt_in',
  'encore_id',
];

export type ColumnMapping = {
  column: number;
  header: string;
  field: ImportField;
  /** Emails and phones: the label kept on the contact point ("E-mail 2", "Mobile"). */
  label: string;
  /** email_label / phone_label / phone_type: the value column this column describes. */
  pairs_with?: number;
  how: 'known' | 'fuzzy' | 'saved' | 'user' | 'none';
};

/** Lower-case, accents removed, punctuation and spaces removed: "E-Mail-Adresse" -> "emailadresse". */
export function headerKey(header: string): string {
  return foldText(header).replace(/[^a-z0-9]/g, '');
}

const KNOWN: Record<
  Exclude<ImportField, 'skip' | 'email_label' | 'phone_label' | 'phone_type'>,
  string[]
> = {
  first_name: [
    'First Name',
    'Firstname',
    'Given Name',
    'Forename',
    'Vorname',
    'Prénom',
    'Nombre',
    'Attendee first name',
    'FNAME',
    'Billing First Name',
  ],
  last_name: [
    'Last Name',
    'Lastname',
    'Surname',
    'Family Name',
    'Nachname',
    'Familienname',
    'Nom',
    'Nom de famille',
    'Apellido',
    'Apellidos',
    'Attendee last name',
    'LNAME',
    'Billing Last Name',
  ],
  full_name: [
    'Name',
    'Full Name',
    'Display Name',
    'Contact Name',
    'Contact',
    'Vollständiger Name',
    'Nom complet',
    'Nombre completo',
    'Attendee Name',
    'Buyer Name',
  ],
  email: [
    'Email',
    'E-mail',
    'Email Address',
    'E-mail Address',
    'Primary Email',
    'Work Email',
    'Personal Email',
    'E-Mail-Adresse',
    'Mail',
    'Courriel',
    'Adresse e-mail',
    'Adresse email',
    'Correo',
    'Correo electrónico',
    'Email Address (Attendee)',
    'Buyer Email',
    'Attendee Email',
  ],
  phone: [
    'Phone',
    'Phone Number',
    'Mobile',
    'Mobile Phone',
    'Mobile Phone Number',
    'Business Phone',
    'Home Phone',
    'Primary Phone',
    'Other Phone',
    'Work Phone',
    'Cell',
    'Cell Phone',
    'Telephone',
    'Telefon',
    'Telefonnummer',
    'Handy',
    'Mobil',
    'Mobiltelefon',
    'Mobilnummer',
    'Téléphone',
    'Portable',
    'Téléphone mobile',
    'Teléfono',
    'Móvil',
    'Celular',
    'Cell Phone Number',
  ],
  date_of_birth: [
    'Birthday',
    'Date of Birth',
    'Birth Date',
    'Birthdate',
    'DOB',
    'Geburtsdatum',
    'Geburtstag',
    'Date de naissance',
    'Anniversaire',
    'Fecha de nacimiento',
    'Cumpleaños',
  ],
  notes: [
    'Notes',
    'Note',
    'Comments',
    'Comment',
    'Description',
    'Notizen',
    'Notiz',
    'Bemerkung',
    'Bemerkungen',
    'Kommentar',
    'Commentaire',
    'Commentaires',
    'Notas',
    'Nota',
    'Comentarios',
  ],
  tags: [
    'Tags',
    'Tag',
    'Labels',
    'Groups',
    'Group Membership',
    'Categories',
    'Kategorien',
    'Schlagwörter',
    'Étiquettes',
    'Etiquettes',
    'Etiquetas',
    'Categorías',
    'Segments',
  ],
  // "Stage" is Encore's export header (and the list's column); "Lifecycle" was, until 2026-12-07.
  lifecycle: [
    'Stage',
    'Lifecycle Stage',
    'Lifecycle',
    'Lebenszyklusphase',
    'Phase du cycle de vie',
  ],
  email_opt_in: [
    'Marketing contact status',
    'Email Opt In',
    'Email Opt-In',
    'Email Marketing',
    'Newsletter',
    'Subscribed',
    'Opt-in',
    'Marketing Emails',
    'Email Consent',
    'Newsletter-Einwilligung',
    'Einwilligung',
    'Consentement',
    'Consentimiento',
    'Accepts Marketing',
  ],
  sms_opt_in: ['SMS Opt In', 'SMS Opt-In', 'SMS Consent', 'SMS Marketing', 'Accepts SMS'],
  // Encore's own export ("Encore ID (for matching on re-import)").
  encore_id: ['Encore ID', 'Encore customer ID', 'Encore UUID'],
};

const KNOWN_KEYS = new Map<string, ImportField>();
for (const [field, names] of Object.entries(KNOWN) as [ImportField, string[]][])
  for (const name of names) KNOWN_KEYS.set(headerKey(name), field);

/**
 * Headers that only name the kind of value ("Email", "Phone Number", "Telefon"): kept as the
 * label, every imported email said "Email" and every phone "other · Phone Number". Headers
 * that say more ("Work Email", "Mobile", "Home Phone") stay the label.
 */
const GENERIC_LABEL_KEYS = new Set(
  [
    'Email',
    'E-mail',
    'Email Address',
    'E-mail Address',
    'E-Mail-Adresse',
    'Mail',
    'Courriel',
    'Adresse e-mail',
    'Adresse email',
    'Correo',
    'Correo electrónico',
    'Phone',
    'Phone Number',
    'Telephone',
    'Telefon',
    'Telefonnummer',
    'Téléphone',
    'Teléfono',
  ].map(headerKey),
);

/** Numbered pairs and lists: Google "E-mail 2 - Value", Outlook "E-mail 3 Address", "Phone 1 - Label". */
function numbered(header: string): { field: ImportField; label: string; group?: string } | null {
  const text = header.trim();
  const pair = /^(e-?mail|phone)\s*(\d+)\s*-\s*(label|value|type)$/i.exec(text);
  if (pair) {
    const kind = /phone/i.test(pair[1] ?? '') ? 'phone' : 'email';
    const isLabel = !/value/i.test(pair[3] ?? '');
    return {
      field: isLabel ? (`${kind}_label` as const) : kind,
      label: `${pair[1]} ${pair[2]}`,
      group: `${kind}${pair[2]}`,
    };
  }
  // Encore's own export: "Email 1 label", "Phone 1 type", "Phone 1 label".
  const encore = /^(e-?mail|phone)\s*(\d+)\s+(label|type)$/i.exec(text);
  if (encore) {
    const kind = /phone/i.test(encore[1] ?? '') ? 'phone' : 'email';
    const type = kind === 'phone' && /type/i.test(encore[3] ?? '');
    return {
      field: type ? 'phone_type' : (`${kind}_label` as const),
      label: `${encore[1]} ${encore[2]}`,
    };
  }
  const outlook = /^(e-?mail)\s*(\d+)\s*(address)?$/i.exec(text);
  if (outlook) return { field: 'email', label: text };
  const phoneN = /^(phone|telefon|mobile|tel)\s*(\d+)$/i.exec(text);
  if (phoneN) return { field: 'phone', label: text };
  return null;
}

/** The field a header names, and how sure we are; `skip` when nothing is close. */
export function matchHeader(header: string): Pick<ColumnMapping, 'field' | 'label' | 'how'> {
  const pattern = numbered(header);
  if (pattern) return { field: pattern.field, label: pattern.label, how: 'known' };
  const key = headerKey(header);
  const known = KNOWN_KEYS.get(key);
  if (known)
    return { field: known, label: GENERIC_LABEL_KEYS.has(key) ? '' : header.trim(), how: 'known' };
  if (key.length >= 4) {
    let best: { field: ImportField; cost: number } | null = null;
    for (const [candidate, field] of KNOWN_KEYS) {
      const cost = distance(key, candidate);
      // Up to one edit in five characters: "Emial", "Phone Nmber", "Geburtsdatm".
      if (cost <= Math.floor(candidate.length / 5) && (!best || cost < best.cost))
        best = { field, cost };
    }
    if (best) return { field: best.field, label: header.trim(), how: 'fuzzy' };
  }
  return { field: 'skip', label: header.trim(), how: 'none' };
}

/**
 * Auto-map every header. Single fields go to their first matching column only; Google's
 * label columns are paired with the value column of the same number.
 */
export function autoMap(headers: readonly string[]): ColumnMapping[] {
  const taken = new Set<ImportField>();
  const mapping = headers.map((header, column): ColumnMapping => {
    const match = matchHeader(header);
    if (SINGLE_FIELDS.includes(match.field)) {
      if (taken.has(match.field))
        return { column, header, field: 'skip', label: header, how: 'none' };
      taken.add(match.field);
    }
    return { column, header, ...match };
  });
  // A full-name column is only worth splitting when there are no first/last columns.
  if (taken.has('first_name') || taken.has('last_name'))
    for (const entry of mapping)
      if (entry.field === 'full_name') Object.assign(entry, { field: 'skip', how: 'none' });
  return pairLabels(mapping);
}

/**
 * Give each label (and phone type) column the value column with the same number
 * ("Phone 1 - Label" -> "Phone 1 - Value", "Phone 2 type" -> "Phone 2").
 */
export function pairLabels(mapping: ColumnMapping[]): ColumnMapping[] {
  // The first value column of each kind, and of each kind and number: one pass, so a file of
  // thousands of columns is not searched again for each label column.
  const numberOf = (header: string) => /(\d+)/.exec(header)?.[1];
  const firstOfKind = new Map<string, number>();
  const firstOfNumber = new Map<string, number>();
  for (const entry of mapping) {
    if (entry.field !== 'email' && entry.field !== 'phone') continue;
    if (!firstOfKind.has(entry.field)) firstOfKind.set(entry.field, entry.column);
    const key = `${entry.field} ${numberOf(entry.header)}`;
    if (!firstOfNumber.has(key)) firstOfNumber.set(key, entry.column);
  }
  return mapping.map((entry) => {
    if (
      entry.field !== 'email_label' &&
      entry.field !== 'phone_label' &&
      entry.field !== 'phone_type'
    )
      return entry;
    const kind = entry.field === 'email_label' ? 'email' : 'phone';
    const number = numberOf(entry.header);
    const partner =
      number === undefined ? firstOfKind.get(kind) : firstOfNumber.get(`${kind} ${number}`);
    return { ...entry, pairs_with: partner };
  });
}

/** The key a saved mapping is found by: the same headers, in the same order, ignoring case. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map((header) => header.trim().toLowerCase()).join('\u001f');
}

/**
 * Headers Encore's own export renamed (the new name -> the one it had): a mapping saved for
 * an older export still applies to a newer one. "Lifecycle" became "Stage" on 2026-12-07.
 */
const RENAMED_EXPORT_HEADERS: ReadonlyMap<string, string> = new Map([['Stage', 'Lifecycle']]);

/**
 * The headers as an older export wrote them, or null when none was renamed: the second key a
 * saved mapping is looked up by (`withHeaders` then puts the file's headers back into it).
 */
export function olderExportHeaders(headers: readonly string[]): string[] | null {
  let renamed = false;
  const older = headers.map((header) => {
    const before = RENAMED_EXPORT_HEADERS.get(header.trim());
    if (before === undefined) return header;
    renamed = true;
    return before;
  });
  return renamed ? older : null;
}

/** A saved mapping's entries named by this file's headers (a renamed header, same column). */
export function withHeaders(
  saved: readonly ColumnMapping[],
  headers: readonly string[],
): ColumnMapping[] {
  return saved.map((entry) => {
    const header = headers[entry.column];
    if (header === undefined || header === entry.header) return entry;
    const label = entry.label === entry.header ? header : entry.label;
    return { ...entry, header, label };
  });
}

/** A saved mapping applies when the headers are the same; stale column numbers are dropped. */
export function applySavedMapping(
  headers: readonly string[],
  saved: readonly ColumnMapping[],
): ColumnMapping[] {
  const byColumn = new Map<number, ColumnMapping>();
  for (const entry of saved) if (!byColumn.has(entry.column)) byColumn.set(entry.column, entry);
  return headers.map((header, column) => {
    const found = byColumn.get(column);
    const entry = found?.header === header ? found : undefined;
    return entry
      ? { ...entry, how: 'saved' as const }
      : { column, header, field: 'skip' as const, label: header, how: 'none' as const };
  });
}

/** Problems that block going on: one column for a single field twice, nothing identifying. */
export function mappingProblems(mapping: readonly ColumnMapping[]): string[] {
  const problems: string[] = [];
  for (const field of SINGLE_FIELDS) {
    const columns = mapping.filter((entry) => entry.field === field);
    if (columns.length > 1)
      problems.push(
        `${FIELD_LABELS[field]} is chosen for ${columns.length} columns (${columns.map((c) => c.header).join(', ')}): keep one.`,
      );
  }
  if (!mapping.some((entry) => entry.field === 'email' || entry.field === 'encore_id'))
    problems.push(
      'Choose at least one Email column (or an Encore ID column): people are matched by email or Encore ID.',
    );
  return problems;
}
