import fc from 'fast-check';
import { engagementLogScore } from '../../src/renderer/src/domain/reports/engagement-score';
import { describe, expect, it } from 'vitest';
import {
  EMAIL_FIELD_USE,
  PHONE_FIELD_USE,
  PROFILE_FIELD_USE,
  TASK_FIELD_USE,
  pickPrimary,
  projectCustomerRow,
} from '../../src/renderer/src/domain/customer-projection';
import type { ProjectionInput } from '../../src/renderer/src/domain/customer-projection';
import type {
  ConsentState,
  CrmTask,
  CustomerEmail,
  CustomerPhone,
  CustomerProfile,
  EngagementTouchpoint,
} from '../../src/renderer/src/domain/records';
import { CONTACT_SOURCES, LIFECYCLE_STAGES } from '../../src/renderer/src/domain/records';
import { normalizeTags } from '../../src/renderer/src/domain/tags';

const CUSTOMER = '0190a000-0000-7000-8000-000000000001';
const OTHER = '0190a000-0000-7000-8000-000000000002';

// Fully populated samples: typed as the records, so a new column is a compile error here
// until the sample (and then the field map test below) accounts for it.
const SAMPLE_PROFILE: CustomerProfile = {
  id: CUSTOMER,
  created_at: '2026-01-01T10:00:00.000Z',
  updated_at: '2026-01-02T10:00:00.000Z',
  deleted: 0,
  first_name: 'José',
  last_name: 'García',
  date_of_birth: '1990-02-28',
  notes: 'Met at the jazz festival',
  tags: ['vip', 'festival'],
  lifecycle: 'customer',
  owner_id: 'member-1',
  email_consent: { opted_in: true, source: 'manual', changed_at: '2026-01-01T10:00:00.000Z' },
  sms_consent: { opted_in: false, source: null, changed_at: null },
  merged_into: null,
  created_via: 'manual',
};

/** A profile written before schema version 11: its origin is its earliest contact point's. */
const { created_via: _createdVia, ...LEGACY_PROFILE } = SAMPLE_PROFILE;

const SAMPLE_EMAIL: CustomerEmail = {
  id: 'email-1',
  created_at: '2026-01-01T10:00:00.000Z',
  updated_at: '2026-01-01T10:00:00.000Z',
  deleted: 0,
  customer_id: CUSTOMER,
  address: 'Jose.Garcia@Example.com',
  address_normalized: 'jose.garcia@example.com',
  label: 'work',
  source: 'manual',
  is_primary: 1,
};

const SAMPLE_PHONE: CustomerPhone = {
  id: 'phone-1',
  created_at: '2026-01-01T10:00:00.000Z',
  updated_at: '2026-01-01T10:00:00.000Z',
  deleted: 0,
  customer_id: CUSTOMER,
  e164: '+14155550134',
  raw_input: '(415) 555-0134',
  type: 'mobile',
  label: 'cell',
  source: 'import',
  is_primary: 1,
};

const SAMPLE_TOUCH: EngagementTouchpoint = {
  id: 'touch-1',
  created_at: '2026-01-01T10:00:00.000Z',
  updated_at: '2026-01-01T10:00:00.000Z',
  deleted: 0,
  customer_id: CUSTOMER,
  kind: 'call',
  occurred_at: '2026-02-01T10:00:00.000Z',
  value: 0,
  summary: 'Called',
  source: 'manual',
};

const SAMPLE_TASK: CrmTask = {
  id: 'task-1',
  created_at: '2026-01-01T10:00:00.000Z',
  updated_at: '2026-01-01T10:00:00.000Z',
  deleted: 0,
  title: 'Send the contract',
  description: 'Two copies',
  due_at: '2026-03-01T10:00:00.000Z',
  priority: 'high',
  status: 'open',
  customer_id: CUSTOMER,
  deal_id: null,
  completed_at: null,
};

function project(overrides: Partial<ProjectionInput> = {}) {
  return projectCustomerRow({
    profile: SAMPLE_PROFILE,
    emails: [SAMPLE_EMAIL],
    phones: [SAMPLE_PHONE],
    touchpoints: [SAMPLE_TOUCH],
    tasks: [SAMPLE_TASK],
    ...overrides,
  });
}

function listFields(uses: Record<string, string>): string[] {
  return Object.entries(uses)
    .filter(([, use]) => use === 'list')
    .map(([field]) => field)
    .sort();
}

// ---------------------------------------------------------------- generators

const isoTime = fc
  .date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2030-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());
const tombstone = fc.constantFrom<0 | 1>(0, 1);
const flag = fc.constantFrom<0 | 1>(0, 1);
const trimmedName = fc.string({ maxLength: 12 }).map((name) => name.trim());
const tagList = fc
  .array(fc.constantFrom('vip', 'VIP', 'festival', 'jazz', 'press', ' rock ', 'a b'), {
    maxLength: 4,
  })
  .map(normalizeTags);
const consent: fc.Arbitrary<ConsentState> = fc.oneof(
  fc.constant<ConsentState>({ opted_in: false, source: null, changed_at: null }),
  fc.record({
    opted_in: fc.boolean(),
    source: fc.constantFrom('manual', 'import: newsletter.csv', 'web-form'),
    changed_at: isoTime,
  }),
);
const emailAddress = fc.emailAddress().filter((address) => address.length <= 254);
const e164 = fc.stringMatching(/^\+[1-9]\d{7,12}$/);

const profileArb: fc.Arbitrary<CustomerProfile> = fc.record({
  id: fc.constant(CUSTOMER),
  created_at: isoTime,
  updated_at: isoTime,
  deleted: fc.constant<0 | 1>(0),
  first_name: trimmedName,
  last_name: trimmedName,
  date_of_birth: fc.option(fc.constantFrom('1990-02-28', '--12-24', '2000-02-29'), { nil: null }),
  notes: fc.string({ maxLength: 20 }),
  tags: tagList,
  lifecycle: fc.constantFrom(...LIFECYCLE_STAGES),
  owner_id: fc.option(fc.constantFrom('member-1', 'member-2'), { nil: null }),
  email_consent: consent,
  sms_consent: consent,
  created_via: fc.constantFrom(...CONTACT_SOURCES),
});

const emailArb = (id: string): fc.Arbitrary<CustomerEmail> =>
  fc
    .record({
      customer_id: fc.constantFrom(CUSTOMER, CUSTOMER, OTHER),
      address: emailAddress,
      created_at: isoTime,
      deleted: tombstone,
      is_primary: flag,
    })
    .map((email) => ({
      ...SAMPLE_EMAIL,
      ...email,
      id,
      address_normalized: email.address.toLowerCase(),
    }));

const phoneArb = (id: string): fc.Arbitrary<CustomerPhone> =>
  fc
    .record({
      customer_id: fc.constantFrom(CUSTOMER, CUSTOMER, OTHER),
      e164,
      created_at: isoTime,
      deleted: tombstone,
      is_primary: flag,
    })
    .map((phone) => ({ ...SAMPLE_PHONE, ...phone, id, raw_input: phone.e164 }));

const touchArb: fc.Arbitrary<
  Pick<EngagementTouchpoint, 'occurred_at' | 'deleted' | 'kind' | 'value'>
> = fc.record({
  occurred_at: isoTime,
  deleted: tombstone,
  kind: fc.constantFrom('call' as const, 'email' as const, 'show-attended' as const),
  value: fc.integer({ min: 0, max: 100_000 }),
});

/** A list of items with distinct ids and created_at, at most one live primary per customer. */
function contactList<T extends CustomerEmail | CustomerPhone>(
  make: (id: string) => fc.Arbitrary<T>,
  prefix: string,
): fc.Arbitrary<T[]> {
  return fc
    .integer({ min: 0, max: 5 })
    .chain((count) =>
      fc.tuple(...Array.from({ length: count }, (_, index) => make(`${prefix}-${index}`))),
    )
    .filter((items) => new Set(items.map((item) => item.created_at)).size === items.length)
    .map((items) => {
      const primaryTaken = new Set<string>();
      return items.map((item) => {
        if (item.is_primary === 0 || item.deleted === 1) return item;
        if (primaryTaken.has(item.customer_id)) return { ...item, is_primary: 0 as const };
        primaryTaken.add(item.customer_id);
        return item;
      });
    });
}

const inputArb: fc.Arbitrary<ProjectionInput> = fc.record({
  profile: profileArb,
  emails: contactList(emailArb, 'email'),
  phones: contactList(phoneArb, 'phone'),
  touchpoints: fc.array(touchArb, { maxLength: 5 }),
});

const RUNS = { numRuns: 150 };

// ---------------------------------------------------------------- (a) exhaustiveness

describe('field maps', () => {
  it('name every field of a customer profile, email and phone, and nothing else', () => {
    expect(Object.keys(PROFILE_FIELD_USE).sort()).toEqual(Object.keys(SAMPLE_PROFILE).sort());
    expect(Object.keys(EMAIL_FIELD_USE).sort()).toEqual(Object.keys(SAMPLE_EMAIL).sort());
    expect(Object.keys(PHONE_FIELD_USE).sort()).toEqual(Object.keys(SAMPLE_PHONE).sort());
    expect(Object.keys(TASK_FIELD_USE).sort()).toEqual(Object.keys(SAMPLE_TASK).sort());
  });

  it('give every detail-only field a reason', () => {
    for (const uses of [PROFILE_FIELD_USE, EMAIL_FIELD_USE, PHONE_FIELD_USE, TASK_FIELD_USE]) {
      for (const use of Object.values(uses)) {
        expect(use === 'list' || /^detail: \S.{5,}/.test(use), use).toBe(true);
      }
    }
  });

  it('the sample projects to a complete row', () => {
    expect(project()).toEqual({
      customer_id: CUSTOMER,
      display_name: 'José García',
      sort_name: 'garcia jose',
      first_name: 'José',
      last_name: 'García',
      primary_email: 'Jose.Garcia@Example.com',
      primary_phone: '+14155550134',
      email_count: 1,
      phone_count: 1,
      tags: ['vip', 'festival'],
      lifecycle: 'customer',
      owner_id: 'member-1',
      email_opt_in: 1,
      sms_opt_in: 0,
      touchpoint_count: 1,
      last_touch_at: '2026-02-01T10:00:00.000Z',
      engagement_log: engagementLogScore([SAMPLE_TOUCH]),
      origin: 'manual',
      open_task_count: 1,
      created_at: '2026-01-01T10:00:00.000Z',
      updated_at: '2026-01-02T10:00:00.000Z',
      all_emails: ['jose.garcia@example.com'],
      all_phones: ['+14155550134'],
      notes: SAMPLE_PROFILE.notes,
    });
  });
});

// ---------------------------------------------------------------- (b) every list field counts

/**
 * A different valid value for each profile field the list uses. Consent counts as changed
 * when the decision (opted in or out) changes: the list shows the decision, the detail page
 * its source and time.
 */
const PROFILE_LIST_CHANGES: { [K in keyof CustomerProfile]?: fc.Arbitrary<CustomerProfile[K]> } = {
  id: fc.uuid(),
  created_at: isoTime,
  updated_at: isoTime,
  deleted: tombstone,
  first_name: trimmedName,
  last_name: trimmedName,
  tags: tagList,
  lifecycle: fc.constantFrom(...LIFECYCLE_STAGES),
  owner_id: fc.option(fc.constantFrom('member-1', 'member-2', 'member-3'), { nil: null }),
  email_consent: consent,
  sms_consent: consent,
  notes: fc.string({ maxLength: 40 }),
  created_via: fc.constantFrom(...CONTACT_SOURCES),
};

function sameValue(field: keyof CustomerProfile, a: unknown, b: unknown): boolean {
  if (field === 'email_consent' || field === 'sms_consent') {
    return (a as ConsentState).opted_in === (b as ConsentState).opted_in;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

describe('every profile field marked list changes the row', () => {
  it('has a generator of changed values for each list field', () => {
    expect(Object.keys(PROFILE_LIST_CHANGES).sort()).toEqual(listFields(PROFILE_FIELD_USE));
  });

  it.each(listFields(PROFILE_FIELD_USE) as (keyof CustomerProfile)[])('%s', (field) => {
    const changed = PROFILE_LIST_CHANGES[field];
    if (!changed) throw new Error(`no generator of changes for ${field}`);
    fc.assert(
      fc.property(inputArb, changed as fc.Arbitrary<unknown>, (input, value) => {
        const profile = input.profile as CustomerProfile;
        fc.pre(!sameValue(field, profile[field], value));
        const before = projectCustomerRow(input);
        const after = projectCustomerRow({ ...input, profile: { ...profile, [field]: value } });
        expect(before).not.toBeNull();
        if (field === 'deleted') expect(after).toBeNull();
        else expect(after).not.toEqual(before);
      }),
      { numRuns: 60 },
    );
  });
});

describe('every email and phone field marked list changes the row', () => {
  const older = '2026-01-01T00:00:00.000Z';
  const newer = '2026-02-01T00:00:00.000Z';
  const a: CustomerEmail = { ...SAMPLE_EMAIL, id: 'a', created_at: older, is_primary: 0 };
  const b: CustomerEmail = {
    ...SAMPLE_EMAIL,
    id: 'b',
    address: 'Bo@Band.es',
    address_normalized: 'bo@band.es',
    created_at: newer,
    is_primary: 1,
  };
  const p: CustomerPhone = { ...SAMPLE_PHONE, id: 'p', created_at: older, is_primary: 0 };
  const q: CustomerPhone = {
    ...SAMPLE_PHONE,
    id: 'q',
    e164: '+49301234567',
    created_at: newer,
    is_primary: 1,
  };

  const emailChanges: Record<string, (email: CustomerEmail) => CustomerEmail> = {
    customer_id: (email) => ({ ...email, customer_id: OTHER }),
    address: (email) => ({ ...email, address: email.address.toUpperCase() }),
    address_normalized: (email) => ({ ...email, address_normalized: 'someone.else@elsewhere.org' }),
    is_primary: (email) => ({ ...email, is_primary: email.is_primary === 1 ? 0 : 1 }),
    deleted: (email) => ({ ...email, deleted: 1 }),
    created_at: (email) => ({ ...email, created_at: '2025-01-01T00:00:00.000Z' }),
    source: (email) => ({ ...email, source: email.source === 'import' ? 'manual' : 'import' }),
  };
  const phoneChanges: Record<string, (phone: CustomerPhone) => CustomerPhone> = {
    customer_id: (phone) => ({ ...phone, customer_id: OTHER }),
    e164: (phone) => ({ ...phone, e164: '+34612345678' }),
    is_primary: (phone) => ({ ...phone, is_primary: phone.is_primary === 1 ? 0 : 1 }),
    deleted: (phone) => ({ ...phone, deleted: 1 }),
    created_at: (phone) => ({ ...phone, created_at: '2025-01-01T00:00:00.000Z' }),
    source: (phone) => ({ ...phone, source: phone.source === 'import' ? 'manual' : 'import' }),
  };

  it('covers each list field', () => {
    expect(Object.keys(emailChanges).sort()).toEqual(listFields(EMAIL_FIELD_USE));
    expect(Object.keys(phoneChanges).sort()).toEqual(listFields(PHONE_FIELD_USE));
  });

  /**
   * Two items of one customer, once with the newer one flagged primary and once with no
   * flag (the older one is then primary); changing a field of either item in either setup
   * must show in at least one of the four rows.
   */
  function someChangeShows<T extends CustomerEmail | CustomerPhone>(
    older: T,
    newer: T,
    change: (item: T) => T,
    projectItems: (items: T[]) => unknown,
  ): boolean {
    const flagged = [older, newer];
    const unflagged = [older, { ...newer, is_primary: 0 as const }];
    return [flagged, unflagged].some((items) => {
      const [first, second] = items as [T, T];
      const before = JSON.stringify(projectItems(items));
      return [
        [change(first), second],
        [first, change(second)],
      ].some((changed) => JSON.stringify(projectItems(changed)) !== before);
    });
  }

  it.each(listFields(EMAIL_FIELD_USE))('email %s', (field) => {
    const change = emailChanges[field];
    if (!change) throw new Error(field);
    // A profile without created_via: the source of its earliest email is its origin.
    const projectItems = (emails: CustomerEmail[]) => project({ emails, profile: LEGACY_PROFILE });
    expect(someChangeShows(a, b, change, projectItems)).toBe(true);
  });

  it.each(listFields(PHONE_FIELD_USE))('phone %s', (field) => {
    const change = phoneChanges[field];
    if (!change) throw new Error(field);
    const projectItems = (phones: CustomerPhone[]) =>
      project({ phones, emails: [], profile: LEGACY_PROFILE });
    expect(someChangeShows(p, q, change, projectItems)).toBe(true);
  });

  it('a change to no list field shows nowhere (the check above can fail)', () => {
    const noop = <T>(item: T): T => ({ ...item });
    expect(someChangeShows(a, b, noop, (emails) => project({ emails }))).toBe(false);
    const labelOnly = (email: CustomerEmail) => ({ ...email, label: 'other' });
    expect(someChangeShows(a, b, labelOnly, (emails) => project({ emails }))).toBe(false);
  });

  const taskChanges: Record<string, (task: CrmTask) => CrmTask> = {
    customer_id: (task) => ({ ...task, customer_id: OTHER }),
    status: (task) => ({ ...task, status: 'done' }),
    deleted: (task) => ({ ...task, deleted: 1 }),
  };

  it.each(listFields(TASK_FIELD_USE))('task %s', (field) => {
    expect(Object.keys(taskChanges).sort()).toEqual(listFields(TASK_FIELD_USE));
    const change = taskChanges[field];
    if (!change) throw new Error(field);
    expect(project({ tasks: [change(SAMPLE_TASK)] })).not.toEqual(project());
  });

  it('task detail fields do not change the row; only open and in-progress tasks count', () => {
    const before = project();
    const detailOnly: CrmTask = {
      ...SAMPLE_TASK,
      title: 'Other',
      description: '',
      due_at: null,
      priority: 'low',
      deal_id: 'deal-1',
      status: 'in-progress',
    };
    expect(project({ tasks: [detailOnly] })).toEqual(before);
    const statuses = ['open', 'in-progress', 'done', 'cancelled'] as const;
    const tasks = statuses.map((status, index) => ({ ...SAMPLE_TASK, id: `t${index}`, status }));
    expect(project({ tasks })?.open_task_count).toBe(2);
    expect(project({ tasks: undefined })?.open_task_count).toBe(0);
  });

  it('email and phone detail fields do not change the row', () => {
    const before = project();
    expect(
      project({
        emails: [{ ...SAMPLE_EMAIL, id: 'x', label: 'home', source: 'sync', updated_at: 'later' }],
        phones: [{ ...SAMPLE_PHONE, id: 'y', raw_input: '415 555 0134', type: 'work' }],
      }),
    ).toEqual(before);
  });
});

// ---------------------------------------------------------------- (c) properties

function shuffled<T>(items: readonly T[], order: readonly number[]): T[] {
  return items
    .map((item, index) => ({ item, key: order[index % Math.max(order.length, 1)] ?? 0, index }))
    .sort((x, y) => x.key - y.key || x.index - y.index)
    .map(({ item }) => item);
}

describe('projectCustomerRow', () => {
  it('is deterministic', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(projectCustomerRow(structuredClone(input))).toEqual(projectCustomerRow(input));
      }),
      RUNS,
    );
  });

  it('does not depend on the order of emails, phones or touchpoints', () => {
    fc.assert(
      fc.property(inputArb, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (input, order) => {
        const reordered = {
          ...input,
          emails: shuffled(input.emails, order),
          phones: shuffled(input.phones, [...order].reverse()),
          touchpoints: shuffled(input.touchpoints, order),
        };
        expect(projectCustomerRow(reordered)).toEqual(projectCustomerRow(input));
        expect(projectCustomerRow({ ...input, emails: [...input.emails].reverse() })).toEqual(
          projectCustomerRow(input),
        );
      }),
      RUNS,
    );
  });

  it("counts exactly the customer's live emails, phones and touchpoints", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const row = projectCustomerRow(input);
        const mine = <T extends { customer_id: string; deleted: 0 | 1 }>(items: readonly T[]) =>
          items.filter((item) => item.customer_id === CUSTOMER && item.deleted === 0);
        expect(row?.email_count).toBe(mine(input.emails).length);
        expect(row?.phone_count).toBe(mine(input.phones).length);
        expect(row?.touchpoint_count).toBe(input.touchpoints.filter((t) => t.deleted === 0).length);
        // Only the customer's live addresses are searchable.
        const liveAddresses = new Set(mine(input.emails).map((email) => email.address_normalized));
        expect(new Set(row?.all_emails ?? [])).toEqual(liveAddresses);
        const livePhones = new Set(mine(input.phones).map((phone) => phone.e164));
        expect(new Set(row?.all_phones ?? [])).toEqual(livePhones);
      }),
      RUNS,
    );
  });

  it('the primary email and phone are the flagged live ones, else the oldest live ones', () => {
    function expected<T extends CustomerEmail | CustomerPhone>(items: readonly T[]): T | undefined {
      const live = items.filter((item) => item.customer_id === CUSTOMER && item.deleted === 0);
      const flagged = live.filter((item) => item.is_primary === 1);
      if (flagged.length > 0) return flagged[0];
      return live.reduce<T | undefined>(
        (oldest, item) => (!oldest || item.created_at < oldest.created_at ? item : oldest),
        undefined,
      );
    }
    fc.assert(
      fc.property(inputArb, (input) => {
        const row = projectCustomerRow(input);
        expect(row?.primary_email).toBe(expected(input.emails)?.address ?? null);
        expect(row?.primary_phone).toBe(expected(input.phones)?.e164 ?? null);
      }),
      RUNS,
    );
  });

  it('a deleted or missing profile has no row', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const profile = input.profile as CustomerProfile;
        expect(projectCustomerRow({ ...input, profile: { ...profile, deleted: 1 } })).toBeNull();
        expect(projectCustomerRow({ ...input, profile: undefined })).toBeNull();
        expect(projectCustomerRow(input)).not.toBeNull();
      }),
      { numRuns: 50 },
    );
  });

  it('last_touch_at is the latest live touchpoint, or empty', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const live = input.touchpoints.filter((touch) => touch.deleted === 0);
        const latest =
          live
            .map((touch) => touch.occurred_at)
            .sort()
            .at(-1) ?? '';
        expect(projectCustomerRow(input)?.last_touch_at).toBe(latest);
      }),
      RUNS,
    );
  });

  it('shows a name, else the primary email, else a placeholder', () => {
    const nameless = { ...SAMPLE_PROFILE, first_name: '', last_name: '' };
    expect(project({ profile: nameless })).toMatchObject({
      display_name: 'Jose.Garcia@Example.com',
      sort_name: 'jose.garcia@example.com',
    });
    const row = project({ profile: nameless, emails: [] });
    expect(row?.display_name).toBe('Unnamed contact');
    expect(row?.sort_name).toBe('\uffff');
    expect(project({ profile: { ...SAMPLE_PROFILE, owner_id: null } })?.owner_id).toBe('');
  });
});

describe('pickPrimary', () => {
  it('ignores deleted items, even flagged ones', () => {
    const items = [
      { is_primary: 1 as const, deleted: 1 as const, created_at: '2020', id: 'gone' },
      { is_primary: 0 as const, deleted: 0 as const, created_at: '2022', id: 'newer' },
      { is_primary: 0 as const, deleted: 0 as const, created_at: '2021', id: 'older' },
    ];
    expect(pickPrimary(items)?.id).toBe('older');
    expect(pickPrimary(items.slice(0, 1))).toBeUndefined();
    expect(pickPrimary([])).toBeUndefined();
  });
});
