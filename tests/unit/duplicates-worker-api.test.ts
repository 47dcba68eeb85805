// The duplicates worker's answers: a call that reaches the worker before start() (a write's
// refresh sent while the window was still starting it) waits for the index instead of failing.
import { describe, expect, it } from 'vitest';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { createDuplicatesWorkerApi } from '../../src/renderer/src/workers/duplicates-worker-api';
import { draft, emailDraft, freshDb, phoneDraft } from './helpers';

async function twoZoes() {
  const db = freshDb();
  const customers = createCustomerService(db);
  const made = await Promise.all(
    ['zoe@a.ie', 'zob@b.ie'].map((address) =>
      customers.create(
        draft({
          first_name: 'Zoe',
          last_name: "O'Brien",
          emails: [emailDraft(address, true)],
          phones: [phoneDraft('+353 86 123 4567', true)],
        }),
        'IE',
      ),
    ),
  );
  if (!made.every((result) => result.ok)) throw new Error('seed failed');
  return db;
}

describe('duplicates worker api', () => {
  it('answers calls made before start once the index is built', async () => {
    const db = await twoZoes();
    const api = createDuplicatesWorkerApi();
    const early = Promise.all([api.refresh([]), api.counts(), api.pairs({})]);
    const started = await api.start(db.name);
    expect(started.customers).toBe(2);
    const [, counts, pairs] = await early;
    expect(counts).toEqual(await api.counts());
    expect(pairs).toHaveLength(1);
  });

  it('a failed start fails the waiting calls with its reason', async () => {
    const api = createDuplicatesWorkerApi();
    const early = api.counts();
    // Not a database the window created: Dexie cannot open it without a schema.
    await expect(api.start('encore-missing-database')).rejects.toThrow();
    await expect(early).rejects.toThrow();
  });
});
