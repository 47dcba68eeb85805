import { describe, expect, it } from 'vitest';
import { DuplicateEmailError } from '../../src/renderer/src/db/guard-middleware';
import { newId, nowIso } from '../../src/renderer/src/domain/ids';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { journalCustomerIds } from '../../src/renderer/src/services/crm/customers/search/search-journal';
import { draft, emailDraft, freshDb, phoneDraft } from './helpers';

async function setup() {
  const db = freshDb();
  return { db, customers: createCustomerService(db) };
}

describe('customer-service', () => {
  it('creates a customer with its emails, phones and list row in one go', async () => {
    const { db, customers } = await setup();
    const result = await customers.create(
      draft({
        first_name: 'José',
        last_name: 'García',
        emails: [emailDraft('  Jose.Garcia@Example.COM '), emailDraft('jg@band.es', true)],
        phones: [phoneDraft('(415) 555-0134'), phoneDraft('+34 612 345 678')],
        tags: ['VIP', 'vip', ' festival '],
        email_opt_in: true,
      }),
      'US',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const emails = await db.customer_emails.where('customer_id').equals(result.value).toArray();
    expect(emails.map((email) => [email.address_normalized, email.is_primary])).toEqual(
      expect.arrayContaining([
        ['jose.garcia@example.com', 0],
        ['jg@band.es', 1],
      ]),
    );
    const phones = await db.customer_phones.where('customer_id').equals(result.value).toArray();
    expect(phones.map((phone) => phone.e164).sort()).toEqual(['+14155550134', '+34612345678']);
    expect(phones.find((phone) => phone.e164 === '+14155550134')?.raw_input).toBe('(415) 555-0134');
    expect(phones.filter((phone) => phone.is_primary === 1)).toHaveLength(1);
    const row = await db.customers_crm_v.get(result.value);
    expect(row).toMatchObject({
      display_name: 'José García',
      primary_email: 'jg@band.es',
      tags: ['VIP', 'festival'],
      email_opt_in: 1,
    });
    const profile = await db.customer_profiles.get(result.value);
    expect(profile?.email_consent.source).toBe('manual: customer form');
    expect(profile?.email_consent.changed_at).not.toBeNull();
  });

  it('refuses invalid input without saving anything', async () => {
    const { db, customers } = await setup();
    const result = await customers.create(
      draft({ first_name: 'Ana', emails: [emailDraft('ana@')], phones: [phoneDraft('555')] }),
      'US',
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.error.fields ?? {}).sort()).toEqual([
        'emails.0.address',
        'phones.0.raw_input',
      ]);
    }
    expect(await db.customer_profiles.count()).toBe(0);
    expect(await db.customer_emails.count()).toBe(0);
  });

  it('offers the existing customer when an email is already taken', async () => {
    const { db, customers } = await setup();
    const first = await customers.create(
      draft({ first_name: 'Ana', emails: [emailDraft('ana@x.com')] }),
      'US',
    );
    const second = await customers.create(
      draft({ first_name: 'Other', emails: [emailDraft(' ANA@x.com')] }),
      'US',
    );
    expect(second.ok).toBe(false);
    if (!second.ok && first.ok) {
      expect(second.error.duplicate?.customerId).toBe(first.value);
      expect(second.error.duplicate?.displayName).toBe('Ana');
    }
    expect(await db.customer_profiles.count()).toBe(1);
  });

  it('the data layer itself refuses a second live owner of an email and a non-E.164 phone', async () => {
    const { db, customers } = await setup();
    const first = await customers.create(
      draft({ first_name: 'Ana', emails: [emailDraft('ana@x.com')] }),
      'US',
    );
    if (!first.ok) throw new Error('setup failed');
    const now = nowIso();
    const other = {
      id: newId(),
      customer_id: newId(),
      created_at: now,
      updated_at: now,
      deleted: 0 as const,
      label: '',
      source: 'manual' as const,
      is_primary: 1 as const,
    };
    await db.customer_profiles.add({
      id: other.customer_id,
      created_at: now,
      updated_at: now,
      deleted: 0,
      first_name: 'Bo',
      last_name: '',
      date_of_birth: null,
      notes: '',
      tags: [],
      lifecycle: 'lead',
      owner_id: null,
      email_consent: { opted_in: false, source: null, changed_at: null },
      sms_consent: { opted_in: false, source: null, changed_at: null },
    });
    await expect(
      db.customer_emails.add({ ...other, address: 'ana@x.com', address_normalized: 'ana@x.com' }),
    ).rejects.toBeInstanceOf(DuplicateEmailError);
    await expect(
      db.customer_emails.add({ ...other, address: 'Bad@', address_normalized: 'bad@' }),
    ).rejects.toThrow(/valid email/);
    await expect(
      db.customer_phones.add({
        ...other,
        e164: '0301234567',
        raw_input: '030 1234567',
        type: 'mobile',
      }),
    ).rejects.toThrow(/E\.164/);
  });

  it('the guard still refuses a second owner after the address was looked up in the same transaction', async () => {
    const { db, customers } = await setup();
    const ana = await customers.create(
      draft({ first_name: 'Ana', emails: [emailDraft('ana@x.com')] }),
      'US',
    );
    const bo = await customers.create(
      draft({ first_name: 'Bo', emails: [emailDraft('bo@x.com')] }),
      'US',
    );
    if (!ana.ok || !bo.ok) throw new Error('setup failed');
    const now = nowIso();
    const email = (customer_id: string, address: string) => ({
      id: newId(),
      customer_id,
      address,
      address_normalized: address,
      created_at: now,
      updated_at: now,
      deleted: 0 as const,
      label: '',
      source: 'import' as const,
      is_primary: 0 as const,
    });
    // Looked up (nobody has it), then given to Ana, then to Bo: the lookup must not vouch for Bo.
    await expect(
      db.transaction('rw', db.customer_profiles, db.customer_emails, async () => {
        expect(
          await db.customer_emails.where('address_normalized').equals('new@x.com').toArray(),
        ).toEqual([]);
        await db.customer_emails.bulkAdd([email(ana.value, 'new@x.com')]);
        await db.customer_emails.bulkAdd([email(bo.value, 'new@x.com')]);
      }),
    ).rejects.toBeInstanceOf(DuplicateEmailError);
    // Looked up, then moved to it by a put (which the lookup cannot follow), then added again.
    await expect(
      db.transaction('rw', db.customer_profiles, db.customer_emails, async () => {
        await db.customer_emails.where('address_normalized').equals('moved@x.com').toArray();
        const anas = await db.customer_emails
          .where('address_normalized')
          .equals('ana@x.com')
          .first();
        await db.customer_emails.put({
          ...anas!,
          address: 'moved@x.com',
          address_normalized: 'moved@x.com',
        });
        await db.customer_emails.add(email(bo.value, 'moved@x.com'));
      }),
    ).rejects.toBeInstanceOf(DuplicateEmailError);
    expect(await db.customer_emails.where('address_normalized').equals('new@x.com').count()).toBe(
      0,
    );
  });

  it('keeps exactly one primary as emails are added, promoted and removed', async () => {
    const { db, customers } = await setup();
    const created = await customers.create(
      draft({ first_name: 'Ana', emails: [emailDraft('a@x.com')] }),
      'US',
    );
    if (!created.ok) throw new Error('setup failed');
    expect(await customers.addEmail(created.value, 'b@x.com')).toEqual({ ok: true });
    const b = await db.customer_emails.where('address_normalized').equals('b@x.com').first();
    await customers.makeEmailPrimary(b!.id);
    let live = (
      await db.customer_emails.where('customer_id').equals(created.value).toArray()
    ).filter((e) => e.deleted === 0);
    expect(live.filter((e) => e.is_primary === 1).map((e) => e.address)).toEqual(['b@x.com']);
    expect((await db.customers_crm_v.get(created.value))?.primary_email).toBe('b@x.com');
    await customers.removeEmail(b!.id);
    live = (await db.customer_emails.where('customer_id').equals(created.value).toArray()).filter(
      (e) => e.deleted === 0,
    );
    expect(live.map((e) => [e.address, e.is_primary])).toEqual([['a@x.com', 1]]);
    expect((await db.customers_crm_v.get(created.value))?.primary_email).toBe('a@x.com');
  });

  // Remove on an email or phone is one click: its Undo puts it back as it was, primary included.
  it('undoes the removal of an email, primary again, and refuses one another customer took', async () => {
    const { db, customers } = await setup();
    const created = await customers.create(
      draft({ first_name: 'Ana', emails: [emailDraft('a@x.com'), emailDraft('b@x.com')] }),
      'US',
    );
    if (!created.ok) throw new Error('setup failed');
    const live = async () =>
      (await db.customer_emails.where('customer_id').equals(created.value).toArray())
        .filter((e) => e.deleted === 0)
        .map((e) => [e.address, e.is_primary])
        .sort();
    const a = await db.customer_emails.where('address_normalized').equals('a@x.com').first();
    expect(a?.is_primary).toBe(1);
    await customers.removeEmail(a!.id);
    expect(await live()).toEqual([['b@x.com', 1]]);
    expect(await customers.restoreContactPoint('email', a!.id, true)).toEqual({ ok: true });
    expect(await live()).toEqual([
      ['a@x.com', 1],
      ['b@x.com', 0],
    ]);
    expect((await db.customers_crm_v.get(created.value))?.primary_email).toBe('a@x.com');

    await customers.removeEmail(a!.id);
    await customers.create(draft({ first_name: 'Taker', emails: [emailDraft('A@x.com')] }), 'US');
    const undo = await customers.restoreContactPoint('email', a!.id, true);
    expect(undo.ok).toBe(false);
    if (!undo.ok) expect(undo.error.message).toContain('Taker');
    expect(await live()).toEqual([['b@x.com', 1]]);
  });

  // Edit in place (it was remove and add again): one transaction writes the row, the flags,
  // the list row and the search journal; an address another customer has is refused by name.
  it('edits an email in place, in one transaction, and its Undo puts it back', async () => {
    const db = freshDb();
    let writes = 0;
    // Counted below Dexie: every IndexedDB read-write transaction the service opens.
    db.use({
      stack: 'dbcore',
      name: 'count-writes',
      create: (down) => ({
        ...down,
        transaction: (stores, mode, options) => {
          if (mode === 'readwrite') writes += 1;
          return down.transaction(stores, mode, options);
        },
      }),
    });
    const customers = createCustomerService(db);
    const created = await customers.create(
      draft({ first_name: 'Ana', emails: [emailDraft('a@x.com', true), emailDraft('b@x.com')] }),
      'US',
    );
    if (!created.ok) throw new Error('setup failed');
    const b = await db.customer_emails.where('address_normalized').equals('b@x.com').first();
    const journalBefore = await db.search_journal.where(':id').above(0).count();
    writes = 0;
    const edit = { input: ' Bee@Y.com ', label: 'Work', source: 'event' as const, primary: true };
    const edited = await customers.editContactPoint('email', b!.id, edit);
    expect(edited.ok).toBe(true);
    expect(writes).toBe(1);
    const live = async () =>
      (await db.customer_emails.where('customer_id').equals(created.value).toArray())
        .filter((e) => e.deleted === 0)
        .map((e) => [e.address, e.address_normalized, e.label, e.source, e.is_primary])
        .sort();
    expect(await live()).toEqual([
      ['Bee@Y.com', 'bee@y.com', 'Work', 'event', 1],
      ['a@x.com', 'a@x.com', '', 'manual', 0],
    ]);
    expect((await db.customers_crm_v.get(created.value))?.primary_email).toBe('Bee@Y.com');
    const journal = await db.search_journal.where(':id').above(0).toArray();
    expect(journal.length).toBeGreaterThan(journalBefore);
    expect(journalCustomerIds(journal.at(-1)!)).toContain(created.value);

    if (!edited.ok) return;
    expect(await customers.revertContactPointEdit(edited.value)).toEqual({ ok: true });
    expect(writes).toBe(2);
    expect(await live()).toEqual([
      ['a@x.com', 'a@x.com', '', 'manual', 1],
      ['b@x.com', 'b@x.com', '', 'manual', 0],
    ]);
    expect((await db.customers_crm_v.get(created.value))?.primary_email).toBe('a@x.com');
  });

  it('refuses an edit as the add form would, changing nothing', async () => {
    const { db, customers } = await setup();
    const taker = await customers.create(
      draft({ first_name: 'Taker', emails: [emailDraft('t@x.com')] }),
      'US',
    );
    const created = await customers.create(
      draft({
        first_name: 'Ana',
        emails: [emailDraft('a@x.com'), emailDraft('b@x.com')],
        phones: [phoneDraft('+49 30 1234567')],
      }),
      'US',
    );
    if (!created.ok || !taker.ok) throw new Error('setup failed');
    const a = await db.customer_emails.where('address_normalized').equals('a@x.com').first();
    const phone = await db.customer_phones.where('customer_id').equals(created.value).first();
    const snapshot = async () => [
      await db.customer_emails.toArray(),
      await db.customer_phones.toArray(),
      await db.customers_crm_v.toArray(),
    ];
    const before = await snapshot();
    const email = (input: string) => ({
      input,
      label: '',
      source: 'manual' as const,
      primary: false,
    });
    const taken = await customers.editContactPoint('email', a!.id, email('T@x.com'));
    expect(taken.ok).toBe(false);
    if (!taken.ok) {
      expect(taken.error.message).toBe('t@x.com belongs to Taker');
      expect(taken.error.duplicate?.customerId).toBe(taker.value);
    }
    const twice = await customers.editContactPoint('email', a!.id, email('B@x.com'));
    expect(!twice.ok && twice.error.message).toBe('This customer already has that email');
    const bad = await customers.editContactPoint('email', a!.id, email('ana@'));
    expect(bad.ok).toBe(false);
    const phoneEdit = (input: string) => ({ ...email(input), type: 'work' as const, region: 'DE' });
    const short = await customers.editContactPoint('phone', phone!.id, phoneEdit('555'));
    expect(short.ok).toBe(false);
    expect(await snapshot()).toEqual(before);

    // A national number is read in the region given, stored as E.164 with what was typed.
    const national = await customers.editContactPoint('phone', phone!.id, phoneEdit('030 7654321'));
    expect(national.ok).toBe(true);
    expect(await db.customer_phones.get(phone!.id)).toMatchObject({
      e164: '+49307654321',
      raw_input: '030 7654321',
      type: 'work',
    });
  });

  it('refuses the Undo of an edit when another customer took the old address meanwhile', async () => {
    const { db, customers } = await setup();
    const created = await customers.create(
      draft({ first_name: 'Ana', emails: [emailDraft('a@x.com')] }),
      'US',
    );
    if (!created.ok) throw new Error('setup failed');
    const a = await db.customer_emails.where('address_normalized').equals('a@x.com').first();
    const edit = { input: 'new@x.com', label: '', source: 'manual' as const, primary: true };
    const edited = await customers.editContactPoint('email', a!.id, edit);
    if (!edited.ok) throw new Error('edit failed');
    await customers.create(draft({ first_name: 'Taker', emails: [emailDraft('A@x.com')] }), 'US');
    const undo = await customers.revertContactPointEdit(edited.value);
    expect(!undo.ok && undo.error.message).toBe('Cannot undo: A@x.com now belongs to Taker');
    expect((await db.customer_emails.get(a!.id))?.address).toBe('new@x.com');
  });

  it('soft-deletes a customer out of the list and brings it back with undo', async () => {
    const { db, customers } = await setup();
    const created = await customers.create(
      draft({ first_name: 'Ana', emails: [emailDraft('a@x.com')] }),
      'US',
    );
    if (!created.ok) throw new Error('setup failed');
    await customers.remove(created.value);
    expect(await db.customers_crm_v.get(created.value)).toBeUndefined();
    expect((await db.customer_profiles.get(created.value))?.deleted).toBe(1);
    // The address is free again while the customer is deleted ...
    const reuse = await customers.create(
      draft({ first_name: 'New', emails: [emailDraft('b@x.com')] }),
      'US',
    );
    expect(reuse.ok).toBe(true);
    expect(await customers.restore(created.value)).toEqual({ ok: true });
    expect((await db.customers_crm_v.get(created.value))?.display_name).toBe('Ana');
  });

  it('refuses an undo that would give one email to two live customers', async () => {
    const { customers } = await setup();
    const created = await customers.create(
      draft({ first_name: 'Ana', emails: [emailDraft('a@x.com')] }),
      'US',
    );
    if (!created.ok) throw new Error('setup failed');
    await customers.remove(created.value);
    await customers.create(draft({ first_name: 'Taker', emails: [emailDraft('A@x.com')] }), 'US');
    const undo = await customers.restore(created.value);
    expect(undo.ok).toBe(false);
    if (!undo.ok) expect(undo.error.message).toContain('Taker');
  });

  it('records consent source and time only when consent changes', async () => {
    const { db, customers } = await setup();
    const created = await customers.create(draft({ first_name: 'Ana' }), 'US');
    if (!created.ok) throw new Error('setup failed');
    await customers.setConsent(created.value, 'sms', true, 'signup sheet at the venue');
    const first = (await db.customer_profiles.get(created.value))?.sms_consent;
    expect(first).toMatchObject({ opted_in: true, source: 'signup sheet at the venue' });
    await customers.setConsent(created.value, 'sms', true, 'again');
    expect((await db.customer_profiles.get(created.value))?.sms_consent).toEqual(first);
    expect((await db.customers_crm_v.get(created.value))?.sms_opt_in).toBe(1);
  });

  // The spend names its currency (it was a bare number): kept beside the value, checked.
  it("stores a touchpoint's currency with its value, and refuses one that is no code", async () => {
    const { db, customers } = await setup();
    const created = await customers.create(draft({ first_name: 'Ana' }), 'US');
    if (!created.ok) throw new Error('setup failed');
    const base = { kind: 'ticket-purchase' as const, occurred_at: nowIso(), summary: '' };
    const logged = await customers.addTouchpoint(created.value, {
      ...base,
      value: 120_000,
      currency: 'EUR',
    });
    expect(logged.ok).toBe(true);
    const rows = await db.customer_engagement_metrics.toArray();
    expect(rows.map((row) => [row.value, row.currency])).toEqual([[120_000, 'EUR']]);
    const bad = await customers.addTouchpoint(created.value, {
      ...base,
      value: 1,
      currency: 'euro',
    });
    expect(bad.ok).toBe(false);
    expect(await db.customer_engagement_metrics.count()).toBe(1);
  });

  it('touchpoints update the last touch on the list row', async () => {
    const { db, customers } = await setup();
    const created = await customers.create(draft({ first_name: 'Ana' }), 'US');
    if (!created.ok) throw new Error('setup failed');
    await customers.addTouchpoint(created.value, {
      kind: 'call',
      occurred_at: '2026-03-01T10:00:00Z',
      summary: 'Called about the tour',
      value: 0,
    });
    await customers.addTouchpoint(created.value, {
      kind: 'show-attended',
      occurred_at: '2026-05-01T20:00:00Z',
      summary: '',
      value: 4500,
    });
    const row = await db.customers_crm_v.get(created.value);
    expect(row).toMatchObject({ touchpoint_count: 2, last_touch_at: '2026-05-01T20:00:00.000Z' });
    expect(
      (
        await customers.addTouchpoint(created.value, {
          kind: 'call',
          occurred_at: 'not a date',
          summary: '',
          value: 0,
        })
      ).ok,
    ).toBe(false);
  });

  it('edits profile fields with validation', async () => {
    const { db, customers } = await setup();
    const created = await customers.create(draft({ first_name: 'Ana' }), 'US');
    if (!created.ok) throw new Error('setup failed');
    expect(
      await customers.updateProfile(created.value, {
        last_name: 'Lima',
        lifecycle: 'customer',
        date_of_birth: '1990-02-28',
      }),
    ).toEqual({ ok: true });
    expect((await customers.updateProfile(created.value, { date_of_birth: '1990-02-30' })).ok).toBe(
      false,
    );
    expect(await db.customers_crm_v.get(created.value)).toMatchObject({
      display_name: 'Ana Lima',
      lifecycle: 'customer',
    });
    expect((await db.customer_profiles.get(created.value))?.date_of_birth).toBe('1990-02-28');
  });
});
