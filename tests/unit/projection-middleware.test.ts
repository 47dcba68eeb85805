import { describe, expect, it } from 'vitest';
import { createCustomerService } from '../../src/renderer/src/services/crm/customer-service';
import { draft, emailDraft, freshDb } from './helpers';

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
  if (a.status !== 'created' || b.status !== 'created') throw new Error('setup failed');
  return { db, a: a.id, b: b.id };
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
    expect((await db.customers_crm_v.get(a))?.search_tokens).not.toContain('ana@x.com');
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
});
