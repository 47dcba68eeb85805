import { customerSearch } from '../../src/renderer/src/workers/search-client';
import { describe, expect, it } from 'vitest';
import { projectOnce } from '../../src/renderer/src/db/projection-middleware';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import {
  DEFAULT_LIST_QUERY,
  queryCustomerList,
} from '../../src/renderer/src/services/crm/customers/customer-list-query';
import { draft, emailDraft, freshDb } from './helpers';
import { sampleLinks, sampleRow } from './synced-samples';

async function twoCustomers() {
  const db = freshDb();
  const customers = createCustomerService(db);
  const a = await customers.create(
    draft({ first_name: 'Ana', emails: [emailDraft('ana@x.com')] }),
    'US',
  );
  const b = await customers.create(
    draft({ first_name: 'Bo', emails: [emailDraft('bo@x.com')] }),
    'US',
  );
  if (!a.ok || !b.ok) throw new Error('setup failed');
  return { db, a: a.value, b: b.value };
}

describe('list projection kept by the data layer', () => {
  it('removes the list row when a profile is hard-deleted', async () => {
    const { db, a } = await twoCustomers();
    await db.customer_profiles.delete(a);
    expect(await db.customers_crm_v.get(a)).toBeUndefined();
    expect(await db.customers_crm_v.count()).toBe(1);
  });

  it('rebuilds both rows when an email moves from one customer to another', async () => {
    const { db, a, b } = await twoCustomers();
    const email = await db.customer_emails.where('address_normalized').equals('ana@x.com').first();
    await db.customer_emails.put({ ...email!, customer_id: b, is_primary: 0 });
    expect((await db.customers_crm_v.get(a))?.email_count).toBe(0);
    expect((await db.customers_crm_v.get(b))?.email_count).toBe(2);
    expect((await db.customers_crm_v.get(a))?.all_emails).not.toContain('ana@x.com');
    expect((await db.customers_crm_v.get(b))?.all_emails).toContain('ana@x.com');
  });

  it('leaves no row when the transaction that wrote the customer aborts', async () => {
    const db = freshDb();
    const customers = createCustomerService(db);
    await expect(
      db.transaction(
        'rw',
        db.customer_profiles,
        db.customer_emails,
        db.customer_phones,
        async () => {
          await customers.create(
            draft({ first_name: 'Ghost', emails: [emailDraft('ghost@x.com')] }),
            'US',
          );
          throw new Error('abort');
        },
      ),
    ).rejects.toThrow('abort');
    expect(await db.customers_crm_v.count()).toBe(0);
    expect(await db.customer_emails.count()).toBe(0);
  });

  it('projectOnce rebuilds each touched row once, at the end of its body, complete', async () => {
    const { db, a, b } = await twoCustomers();
    const emailOfA = await db.customer_emails
      .where('address_normalized')
      .equals('ana@x.com')
      .first();
    const seenInside = await db.transaction('rw', db.customer_profiles, db.customer_emails, () =>
      projectOnce(async () => {
        await db.customer_profiles.update(a, { first_name: 'Anabel' });
        await db.customer_emails.put({ ...emailOfA!, customer_id: b, is_primary: 0 });
        return db.customers_crm_v.get(a);
      }),
    );
    // Deferred inside the body: the row still shows the old name ...
    expect(seenInside?.display_name).toContain('Ana');
    expect(seenInside?.display_name).not.toContain('Anabel');
    // ... and both customers' rows are right once it ends, inside the same transaction.
    expect((await db.customers_crm_v.get(a))?.display_name).toContain('Anabel');
    expect((await db.customers_crm_v.get(a))?.email_count).toBe(0);
    expect((await db.customers_crm_v.get(b))?.email_count).toBe(2);
  });

  it('projectOnce keeps nothing when its body throws', async () => {
    const { db, a } = await twoCustomers();
    await expect(
      db.transaction('rw', db.customer_profiles, () =>
        projectOnce(async () => {
          await db.customer_profiles.update(a, { first_name: 'Nobody' });
          throw new Error('abort');
        }),
      ),
    ).rejects.toThrow('abort');
    expect((await db.customers_crm_v.get(a))?.display_name).toContain('Ana');
    expect((await db.customer_profiles.get(a))?.first_name).toBe('Ana');
  });

  it('projectOnce leaves no row for a customer written and then hard-deleted in its body', async () => {
    const { db, a } = await twoCustomers();
    await db.transaction('rw', db.customer_profiles, () =>
      projectOnce(async () => {
        const profile = await db.customer_profiles.get(a);
        await db.customer_profiles.put({ ...profile!, first_name: 'Brief' });
        await db.customer_profiles.delete(a);
      }),
    );
    expect(await db.customers_crm_v.get(a)).toBeUndefined();
  });

  it('projectOnce projects the profile as written, not as the caller changed it afterwards', async () => {
    const { db, a } = await twoCustomers();
    await db.transaction('rw', db.customer_profiles, () =>
      projectOnce(async () => {
        const profile = (await db.customer_profiles.get(a))!;
        profile.first_name = 'Written';
        await db.customer_profiles.put(profile);
        profile.first_name = 'Never written';
      }),
    );
    expect((await db.customers_crm_v.get(a))?.display_name).toContain('Written');
    expect((await db.customers_crm_v.get(a))?.display_name).not.toContain('Never');
  });

  it('projectOnce refuses to run outside a transaction', async () => {
    await expect(projectOnce(async () => 1)).rejects.toThrow('inside a transaction');
  });
});

describe('a write of only one child row rebuilds its customer’s list row and search', () => {
  async function customerAlone() {
    const db = freshDb();
    const links = sampleLinks();
    const profile = sampleRow('customer_profiles', links);
    await db.customer_profiles.add({ ...profile, first_name: 'Solo', last_name: 'Child' });
    const before = await db.customers_crm_v.get(profile.id);
    expect(before).toMatchObject({ email_count: 0, phone_count: 0, touchpoint_count: 0 });
    return { db, links: { ...links, customer: profile.id }, id: profile.id };
  }
  const found = async (db: CrmDatabase, search: string) => {
    await customerSearch(db).whenReady();
    const result = await queryCustomerList(db, { ...DEFAULT_LIST_QUERY, search });
    return result.kind === 'matches' ? result.first.ids : [];
  };

  it('only a phone: the row shows it and a search for part of the number finds the customer', async () => {
    const { db, links, id } = await customerAlone();
    expect(await found(db, '12345678')).toEqual([]);
    await db.customer_phones.add({ ...sampleRow('customer_phones', links), is_primary: 1 });
    expect(await db.customers_crm_v.get(id)).toMatchObject({
      phone_count: 1,
      primary_phone: '+4915112345678',
    });
    expect(await found(db, '12345678')).toEqual([id]);
  });

  it('only an email: the row shows it and a search for the address finds the customer', async () => {
    const { db, links, id } = await customerAlone();
    const email = { ...sampleRow('customer_emails', links), is_primary: 1 as const };
    expect(await found(db, email.address)).toEqual([]);
    await db.customer_emails.add(email);
    expect(await db.customers_crm_v.get(id)).toMatchObject({
      email_count: 1,
      primary_email: email.address,
    });
    expect(await found(db, email.address)).toEqual([id]);
  });

  it('only a touchpoint: the row counts it and shows the last touch', async () => {
    const { db, links, id } = await customerAlone();
    const touch = sampleRow('customer_engagement_metrics', links);
    await db.customer_engagement_metrics.add(touch);
    expect(await db.customers_crm_v.get(id)).toMatchObject({
      touchpoint_count: 1,
      last_touch_at: touch.occurred_at,
    });
  });

  it('only a task: the row counts it as open', async () => {
    const { db, links, id } = await customerAlone();
    await db.crm_tasks.add(sampleRow('crm_tasks', links));
    expect((await db.customers_crm_v.get(id))?.open_task_count).toBe(1);
  });
});
