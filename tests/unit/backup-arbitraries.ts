/**
 * Generated databases for the backup round trip: every table a backup holds gets rows, with
 * awkward text (newlines, quotes, any Unicode), tombstones, and the cases the restore must get
 * right (a deleted customer's address reused by a live one, tasks counted on list rows).
 */
import fc from 'fast-check';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import {
  ASSIGNMENT_TYPES,
  LIFECYCLE_STAGES,
  TOUCHPOINT_KINDS,
} from '../../src/renderer/src/domain/records';
import { DEAL_STATUSES } from '../../src/renderer/src/domain/deals/statuses';
import { RELATIONSHIP_TYPES } from '../../src/renderer/src/domain/relationships/catalogue';

/**
 * Any Unicode, newlines and quotes included; synced text holds no other C0 control character
 * (the write guard refuses them, the server cannot store NUL). Local tables get them all.
 */
const text = fc
  .string({ unit: 'binary', maxLength: 10 })
  // eslint-disable-next-line no-control-regex -- exactly the characters synced text may not hold
  .map((value) => value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));
const localText = fc.string({ unit: 'binary', maxLength: 10 });
const iso = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) })
  .map((ms) => new Date(ms).toISOString());
const flag = fc.constantFrom<0 | 1>(0, 1);
const consent = fc.record({
  opted_in: fc.boolean(),
  source: fc.option(text, { nil: null }),
  changed_at: fc.option(iso, { nil: null }),
});

const customer = fc.record({
  first_name: text,
  last_name: text,
  notes: text,
  tags: fc.array(text, { maxLength: 3 }),
  lifecycle: fc.constantFrom(...LIFECYCLE_STAGES),
  deleted: flag,
  email_consent: consent,
  sms_consent: consent,
  emails: fc.integer({ min: 0, max: 2 }),
  phones: fc.array(fc.integer({ min: 2_000_000, max: 9_999_999 }), { maxLength: 2 }),
  touchpoints: fc.array(
    fc.record({
      kind: fc.constantFrom(...TOUCHPOINT_KINDS),
      value: fc.nat(100_000),
      summary: text,
    }),
    { maxLength: 2 },
  ),
  tasks: fc.array(
    fc.record({
      title: text,
      status: fc.constantFrom('open', 'in-progress', 'done', 'cancelled' as const),
      deleted: flag,
    }),
    { maxLength: 2 },
  ),
});

export const scenarioArbitrary = fc.record({
  team: fc.array(fc.record({ name: text, active: flag }), { maxLength: 3 }),
  customers: fc.array(customer, { maxLength: 7 }),
  /** Give the first deleted customer's address to the first live one as well. */
  reuseDeletedAddress: fc.boolean(),
  deals: fc.array(
    fc.record({
      title: text,
      status: fc.constantFrom(...DEAL_STATUSES),
      amount: fc.nat(10_000_000),
    }),
    { maxLength: 3 },
  ),
  relationshipTypes: fc.array(fc.constantFrom(...RELATIONSHIP_TYPES), { maxLength: 4 }),
  assignmentTypes: fc.array(fc.constantFrom(...ASSIGNMENT_TYPES), { maxLength: 3 }),
  // JSON values as JSON gives them back: -0 is written as 0 (the app stores no -0).
  settings: fc.dictionary(
    fc.string({ minLength: 1, maxLength: 8 }),
    fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown),
    { maxKeys: 3 },
  ),
  importNote: localText,
  pushedOutbox: fc.nat(3),
  /** Share of the outbox already pushed and confirmed (so removed), in percent. */
  confirmedPercent: fc.integer({ min: 0, max: 100 }),
});
export type Scenario = typeof scenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;

let sequence = 0;
/** Ids that sort in creation order, like UUIDv7. */
const id = (prefix: string) => `${prefix}-${String(++sequence).padStart(8, '0')}`;

const base = (created: string) => ({
  created_at: created,
  updated_at: created,
  deleted: 0 as const,
});

/** Writes a scenario through the app's own tables (guard, projection and change capture on). */
export async function writeScenario(db: CrmDatabase, s: Scenario): Promise<void> {
  const now = '2026-11-27T10:00:00.000Z';
  const memberIds: string[] = [];
  for (const member of s.team) {
    const memberId = id('member');
    memberIds.push(memberId);
    await db.team_members.put({
      ...base(now),
      id: memberId,
      name: member.name,
      email: `${memberId}@team.example`,
      active: member.active,
    });
  }
  const customerIds: string[] = [];
  const live: string[] = [];
  let deletedAddress: string | null = null;
  for (const [index, c] of s.customers.entries()) {
    const customerId = id('customer');
    customerIds.push(customerId);
    await db.transaction('rw', db.tables, async () => {
      await db.customer_profiles.put({
        ...base(now),
        id: customerId,
        first_name: c.first_name,
        last_name: c.last_name,
        date_of_birth: null,
        notes: c.notes,
        tags: c.tags,
        lifecycle: c.lifecycle,
        owner_id: memberIds[0] ?? null,
        email_consent: c.email_consent,
        sms_consent: c.sms_consent,
        deleted: c.deleted,
      });
      for (let n = 0; n < c.emails; n += 1) {
        const address = `c${index}.e${n}.${sequence}@example.com`;
        if (c.deleted === 1) deletedAddress ??= address;
        await db.customer_emails.put({
          ...base(now),
          id: id('email'),
          customer_id: customerId,
          address,
          address_normalized: address,
          label: '',
          source: 'manual',
          is_primary: n === 0 ? 1 : 0,
        });
      }
      for (const [n, digits] of c.phones.entries())
        await db.customer_phones.put({
          ...base(now),
          id: id('phone'),
          customer_id: customerId,
          e164: `+1415${digits}`,
          raw_input: `(415) ${digits}`,
          type: 'mobile',
          label: '',
          source: 'import',
          is_primary: n === 0 ? 1 : 0,
        });
      for (const t of c.touchpoints)
        await db.customer_engagement_metrics.put({
          ...base(now),
          id: id('touch'),
          customer_id: customerId,
          kind: t.kind,
          occurred_at: now,
          value: t.value,
          summary: t.summary,
          source: 'manual',
        });
      for (const t of c.tasks)
        await db.crm_tasks.put({
          ...base(now),
          id: id('task'),
          title: t.title,
          description: '',
          due_at: null,
          priority: 'normal',
          status: t.status,
          customer_id: customerId,
          deal_id: null,
          completed_at: null,
          deleted: t.deleted,
        });
    });
    if (c.deleted === 0) live.push(customerId);
  }
  const firstLive = live[0];
  if (s.reuseDeletedAddress && deletedAddress && firstLive)
    await db.customer_emails.put({
      ...base(now),
      id: id('email'),
      customer_id: firstLive,
      address: deletedAddress,
      address_normalized: deletedAddress,
      label: 'reused',
      source: 'manual',
      is_primary: 0,
    });

  for (const deal of s.deals) {
    const dealId = id('deal');
    await db.event_deals.put({
      ...base(now),
      id: dealId,
      title: deal.title,
      event_name: deal.title,
      event_date: '2027-03-01',
      venue: 'Hall',
      amount_minor: deal.amount,
      currency: 'EUR',
      deal_type: 'flat',
      deal_percent: null,
      status: deal.status,
      hold_level: null,
      probability: null,
      expected_close: null,
      owner_id: null,
      notes: '',
      rank: 1,
      last_activity_at: now,
    });
    await db.deal_status_history.put({
      ...base(now),
      id: id('history'),
      deal_id: dealId,
      from_status: null,
      to_status: deal.status,
      hold_level: null,
      changed_at: now,
      changed_by: null,
      note: '',
    });
    if (customerIds[0])
      await db.deal_participants.put({
        ...base(now),
        id: id('participant'),
        deal_id: dealId,
        customer_id: customerIds[0],
        role: 'artist',
        share_percent: null,
      });
  }
  await db.deal_pipeline.put({
    ...base(now),
    id: id('stage'),
    name: 'Inquiry',
    status: 'inquiry',
    order: 1,
    default_probability: 10,
    stale_after_days: 14,
  });

  // One relationship per pair of customers, so the guard never sees a duplicate.
  for (const [n, type] of s.relationshipTypes.entries()) {
    const from = customerIds[n];
    const to = customerIds[n + 1];
    if (from && to)
      await db.customer_relationships.put({
        ...base(now),
        id: id('link'),
        from_customer_id: from,
        to_customer_id: to,
        type,
        note: '',
      });
  }

  const taskId = (await db.crm_tasks.toCollection().first())?.id;
  let owners = 0;
  for (const [n, type] of s.assignmentTypes.entries()) {
    const member = memberIds[n];
    if (!taskId || !member || (type === 'owner' && owners++ > 0)) continue;
    await db.crm_task_assignments.put({
      ...base(now),
      id: id('assignment'),
      task_id: taskId,
      member_id: member,
      assignment_type: type,
    });
  }

  const jobId = id('job');
  await db.import_jobs.put({
    id: jobId,
    created_at: now,
    updated_at: now,
    file_name: `${s.importNote}.csv`,
    file_size: 42,
    status: 'finished',
    mapping: { headerRow: 0, note: s.importNote },
    policy: 'merge',
    counts: { created: customerIds.length },
    committed: customerIds.length,
    total: customerIds.length,
    headers: ['Email', s.importNote],
    error_count: 1,
    message: null,
  });
  await db.table('import_job_chunks').put({
    id: id('chunk'),
    job_id: jobId,
    undo: { created: customerIds, updated: [] },
    errors: [{ row: 3, cells: [s.importNote, '"quoted"\n'], reason: 'Email needs an @' }],
  });
  await db.saved_mappings.put({
    id: id('mapping'),
    header_signature: `sig-${s.importNote}-${sequence}`,
    name: s.importNote,
    mapping: [{ column: 0, field: 'email' }],
    updated_at: now,
  });
  for (const [key, value] of Object.entries(s.settings))
    await db.app_settings.put({ key: `custom:${key}`, value });

  // Most changes already reached the server (confirmed and removed); a batch of the rest was
  // numbered for a push that has not been confirmed yet.
  const outboxSize = await db.sync_outbox.count();
  const confirmed = await db.sync_outbox
    .limit(Math.floor((outboxSize * s.confirmedPercent) / 100))
    .primaryKeys();
  await db.sync_outbox.bulkDelete(confirmed);
  const numbered = await db.sync_outbox.limit(s.pushedOutbox).toArray();
  await db.sync_outbox.bulkPut(numbered.map((entry, n) => ({ ...entry, push_seq: n + 1 })));
  // A change the server refused, set aside with its reason (it keeps a NUL the server cannot store).
  const setAside = (await db.sync_outbox.limit(1).toArray())[0];
  if (setAside) {
    const { seq: _seq, push_seq: _push, ...entry } = setAside;
    await db.table('sync_quarantine').add({
      entry: { ...entry, value: { ...entry.value, notes: `${s.importNote}\u0000` } },
      table: entry.table,
      row_id: entry.row_id,
      customer_id: customerIds[0] ?? '',
      problems: [{ field: 'notes', code: 'control_character', reason: 'holds a NUL' }],
      quarantined_at: now,
    });
  }
  await db.sync_state.bulkPut([
    { key: 'client_id', value: 'client-before' },
    { key: 'next_push_seq', value: numbered.length + 1 },
    { key: 'pull_cursor', value: 'cursor-at-backup' },
  ]);
}
