/**
 * An import adds tags to a customer who already has some, and never wipes them: through the
 * real importer, under both writing policies, with matches held in memory and planned alone.
 */
import { describe, expect, it } from 'vitest';
import type { MergePolicy } from '../../src/renderer/src/domain/import/plan';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { draft, emailDraft, freshDb } from './helpers';
import { detectedImport } from './import-helpers';

describe('import and existing tags', () => {
  it.each([
    ['fill-blanks', 100],
    ['overwrite', 100],
    ['fill-blanks', 0],
    ['overwrite', 0],
  ] as [MergePolicy, number][])(
    'unites the file’s tags with the customer’s (%s, hold budget %i)',
    async (policy, holdBudget) => {
      const db = freshDb();
      const customers = createCustomerService(db);
      const made = await customers.create(
        draft({
          first_name: 'Ana',
          emails: [emailDraft('ana@x.io', true)],
          tags: ['VIP', 'press'],
        }),
        'US',
      );
      const other = await customers.create(
        draft({ first_name: 'Bo', emails: [emailDraft('bo@x.io', true)], tags: ['crew'] }),
        'US',
      );
      if (!made.ok || !other.ok) throw new Error('seed');
      const csv =
        'Email,First Name,Tags\n' +
        'ana@x.io,Ana,fan; vip\n' + // "vip" is already hers (tags compare without case)
        'bo@x.io,Bo,\n'; // no tags in the file: Bo keeps his
      const { session } = await detectedImport(db, csv, 'tags.csv', 'US', { holdBudget });
      await session.analyse();
      session.setPolicy(policy);
      await session.commit({ fileName: 'tags.csv' });
      expect((await db.customer_profiles.get(made.value))?.tags).toEqual(['VIP', 'press', 'fan']);
      expect((await db.customer_profiles.get(other.value))?.tags).toEqual(['crew']);
      expect((await db.customers_crm_v.get(made.value))?.tags).toEqual(['VIP', 'press', 'fan']);
    },
  );
});
