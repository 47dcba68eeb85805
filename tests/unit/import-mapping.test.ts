import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applySavedMapping,
  autoMap,
  headerSignature,
  mappingProblems,
  matchHeader,
} from '../../src/renderer/src/domain/import/mapping';
import {
  detectDateFormat,
  phoneTypeOf,
  readConsent,
  readDate,
  readLifecycle,
  splitFullName,
  splitMultiValue,
} from '../../src/renderer/src/domain/import/values';

const fieldsOf = (headers: string[]) => autoMap(headers).map((m) => m.field);

describe('auto-mapping known export formats', () => {
  it('HubSpot', () => {
    expect(
      fieldsOf([
        'Record ID',
        'First Name',
        'Last Name',
        'Email',
        'Phone Number',
        'Mobile Phone Number',
        'Lifecycle Stage',
        'Marketing contact status',
        'Date of birth',
        'Company Name',
      ]),
    ).toEqual([
      'skip',
      'first_name',
      'last_name',
      'email',
      'phone',
      'phone',
      'lifecycle',
      'email_opt_in',
      'date_of_birth',
      'skip',
    ]);
  });

  // On the main of 2026-12-06 the HubSpot fixture's people showed "Email" under their email
  // and "other · Phone Number" under their phone: the header, kept as the label.
  it('a header that only names the kind is no label; one that says more is', () => {
    const labels = autoMap(['Email', 'Phone Number', 'Work Email', 'Mobile', 'Telefon', 'E-Mail']);
    expect(labels.map((m) => [m.field, m.label])).toEqual([
      ['email', ''],
      ['phone', ''],
      ['email', 'Work Email'],
      ['phone', 'Mobile'],
      ['phone', ''],
      ['email', ''],
    ]);
  });

  it('Google Contacts pairs label columns with their values', () => {
    const mapping = autoMap([
      'First Name',
      'E-mail 1 - Label',
      'E-mail 1 - Value',
      'E-mail 2 - Label',
      'E-mail 2 - Value',
      'Phone 1 - Label',
      'Phone 1 - Value',
      'Labels',
      'Birthday',
    ]);
    expect(mapping.map((m) => m.field)).toEqual([
      'first_name',
      'email_label',
      'email',
      'email_label',
      'email',
      'phone_label',
      'phone',
      'tags',
      'date_of_birth',
    ]);
    expect(mapping[1]?.pairs_with).toBe(2);
    expect(mapping[3]?.pairs_with).toBe(4);
    expect(mapping[5]?.pairs_with).toBe(6);
    expect(mapping[4]?.label).toBe('E-mail 2');
  });

  it('Outlook, Mailchimp, Eventbrite', () => {
    expect(
      fieldsOf([
        'First Name',
        'Last Name',
        'E-mail Address',
        'E-mail 2 Address',
        'Mobile Phone',
        'Business Phone',
        'Home Phone',
        'Birthday',
        'Categories',
      ]),
    ).toEqual([
      'first_name',
      'last_name',
      'email',
      'email',
      'phone',
      'phone',
      'phone',
      'date_of_birth',
      'tags',
    ]);
    expect(fieldsOf(['Email Address', 'First Name', 'Last Name', 'Phone Number', 'TAGS'])).toEqual([
      'email',
      'first_name',
      'last_name',
      'phone',
      'tags',
    ]);
    expect(fieldsOf(['Attendee first name', 'Attendee last name', 'Email', 'Cell Phone'])).toEqual([
      'first_name',
      'last_name',
      'email',
      'phone',
    ]);
  });

  it('German, French and Spanish headers', () => {
    expect(
      fieldsOf(['Vorname', 'Nachname', 'E-Mail', 'Telefon', 'Geburtsdatum', 'Notizen']),
    ).toEqual(['first_name', 'last_name', 'email', 'phone', 'date_of_birth', 'notes']);
    expect(fieldsOf(['Prénom', 'Nom', 'Courriel', 'Téléphone', 'Date de naissance'])).toEqual([
      'first_name',
      'last_name',
      'email',
      'phone',
      'date_of_birth',
    ]);
    expect(
      fieldsOf(['Nombre', 'Apellidos', 'Correo electrónico', 'Móvil', 'Fecha de nacimiento']),
    ).toEqual(['first_name', 'last_name', 'email', 'phone', 'date_of_birth']);
  });

  it('fuzzy-matches typos and leaves unrelated headers alone', () => {
    expect(matchHeader('Emial Address')).toMatchObject({ field: 'email', how: 'fuzzy' });
    expect(matchHeader('Geburtsdatm')).toMatchObject({ field: 'date_of_birth', how: 'fuzzy' });
    expect(matchHeader('Company')).toMatchObject({ field: 'skip' });
    expect(matchHeader('Create Date')).toMatchObject({ field: 'skip' });
  });

  it('splits a full name only when there is no first/last column; single fields once', () => {
    expect(fieldsOf(['Name', 'Email'])).toEqual(['full_name', 'email']);
    expect(fieldsOf(['Name', 'First Name', 'Email'])).toEqual(['skip', 'first_name', 'email']);
    expect(fieldsOf(['Birthday', 'Date of Birth'])).toEqual(['date_of_birth', 'skip']);
  });

  it('reports problems and reuses a saved mapping for the same headers', () => {
    expect(mappingProblems(autoMap(['Name']))).toEqual([
      'Choose at least one Email column (or an Encore ID column): people are matched by email or Encore ID.',
    ]);
    const headers = ['Mail', 'Who'];
    const mapping = autoMap(headers).map((m) =>
      m.column === 1 ? { ...m, field: 'full_name' as const, how: 'user' as const } : m,
    );
    expect(headerSignature(['MAIL ', 'who'])).toBe(headerSignature(headers));
    expect(applySavedMapping(headers, mapping).map((m) => [m.field, m.how])).toEqual([
      ['email', 'saved'],
      ['full_name', 'saved'],
    ]);
  });
});

describe('cell values', () => {
  it('reads dates of birth in each format', () => {
    const today = new Date('2026-01-01');
    expect(readDate('1974-11-19', 'YYYY-MM-DD', today)).toEqual({ ok: true, value: '1974-11-19' });
    expect(readDate('--12-24', 'YYYY-MM-DD', today)).toEqual({ ok: true, value: '--12-24' });
    expect(readDate('19.11.1974', 'DD.MM.YYYY', today)).toEqual({ ok: true, value: '1974-11-19' });
    expect(readDate('2/3/1980', 'M/D/YYYY', today)).toEqual({ ok: true, value: '1980-02-03' });
    expect(readDate('2/3/1980', 'D/M/YYYY', today)).toEqual({ ok: true, value: '1980-03-02' });
    expect(readDate('12/24', 'MM/DD', today)).toEqual({ ok: true, value: '--12-24' });
    expect(readDate('31.02.1990', 'DD.MM.YYYY', today).ok).toBe(false);
    expect(readDate('soon', 'YYYY-MM-DD', today).ok).toBe(false);
    expect(readDate('  ', 'MM/DD', today)).toEqual({ ok: true, value: null });
  });

  it('detects the date format from samples', () => {
    expect(detectDateFormat(['19.11.1974', '01.02.1980', ''])).toBe('DD.MM.YYYY');
    expect(detectDateFormat(['12/31/1980', '1/2/1990'])).toBe('M/D/YYYY');
    expect(detectDateFormat(['31/12/1980', '1/2/1990'])).toBe('D/M/YYYY');
    expect(detectDateFormat(['12/24', '01/05'])).toBe('MM/DD');
  });

  it('any DD.MM.YYYY date round-trips to its ISO date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          const [y, m, d] = iso.split('-');
          expect(readDate(`${d}.${m}.${y}`, 'DD.MM.YYYY', new Date('2026-01-01'))).toEqual({
            ok: true,
            value: iso,
          });
        },
      ),
    );
  });

  it('splits names, multi-value cells, consent, lifecycle and phone types', () => {
    expect(splitFullName('Ana María García')).toEqual({
      first_name: 'Ana María',
      last_name: 'García',
    });
    expect(splitFullName('García, Ana')).toEqual({ first_name: 'Ana', last_name: 'García' });
    expect(splitFullName('Cher')).toEqual({ first_name: 'Cher', last_name: '' });
    expect(splitMultiValue('a@x.io ::: b@x.io')).toEqual(['a@x.io', 'b@x.io']);
    expect([readConsent('Ja'), readConsent('Non-marketing contact'), readConsent('maybe')]).toEqual(
      [true, false, null],
    );
    expect([
      readLifecycle('opportunity'),
      readLifecycle('subscriber'),
      readLifecycle('??'),
    ]).toEqual(['prospect', 'lead', null]);
    expect(['Mobile', 'Handy', 'Business Phone', '* Home', 'Fax'].map(phoneTypeOf)).toEqual([
      'mobile',
      'mobile',
      'work',
      'home',
      'other',
    ]);
  });
});
