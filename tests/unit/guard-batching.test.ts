import type { DBCore, Middleware } from 'dexie';
import { describe, expect, it } from 'vitest';
import { DuplicateEmailError } from '../../src/renderer/src/db/guard-middleware';
import { normalizeEmail } from '../../src/renderer/src/domain/contact-points';
import { newId, nowIso } from '../../src/renderer/src/domain/ids';
import type { CustomerEmail, CustomerProfile } from '../../src/renderer/src/domain/records';
import { freshDb } from './helpers';

/** Counts the reads of customer_profiles that reach the database below the guard. */
function countingProfileReads(): { middleware: Middleware<DBCore>; reads: { count: number } } {
  const reads = { count: 0 };
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'test-count-profile-reads',
    level: 1.25, // below the guard (1.3), above the projection (1.2)
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'customer_profiles') return table;
        return {
          ...table,
          get: (req) => ((reads.count += 1), table.get(req)),
          getMany: (req) => ((reads.count += 1), table.getMany(req)),
        };
      },
    }),
  };
  return { middleware, reads };
}

function profile(deleted: 0 | 1): CustomerProfile {
  const now = nowIso();
  return {
    id: newId(),
    created_at: now,
    updated_at: now,
    deleted,
    first_name: 'X',
    last_name: '',
    date_of_birth: null,
    notes: '',
    tags: [],
    lifecycle: 'lead',
    owner_id: null,
    email_consent: { opted_in: false, source: '', changed_at: null },
    sms_consent: { opted_in: false, source: '', changed_at: null },
  } as CustomerProfile;
}

function email(customerId: string, address: string): CustomerEmail {
  const now = nowIso();
  return {
    id: newId(),
    created_at: now,
    updated_at: now,
    deleted: 0,
    customer_id: customerId,
    address,
    address_normalized: normalizeEmail(address),
    label: '',
    is_primary: 1,
    source: 'manual',
  } as CustomerEmail;
}

describe('the email guard reads in bulk', () => {
  it('reads the owners of every matching address once per write, and still refuses a live owner', async () => {
    const db = freshDb();
    const { middleware, reads } = countingProfileReads();
    db.use(middleware);
    // 20 addresses owned by removed customers (an email may move on), 1 by a live one.
    const gone = Array.from({ length: 20 }, () => profile(1));
    const live = profile(0);
    await db.customer_profiles.bulkAdd([...gone, live]);
    await db.customer_emails.bulkAdd(gone.map((p, i) => email(p.id, `old${i}@example.com`)));
    await db.customer_emails.add(email(live.id, 'taken@example.com'));

    const newcomers = gone.map(() => profile(0));
    reads.count = 0;
    await db.customer_emails.bulkAdd(newcomers.map((p, i) => email(p.id, `old${i}@example.com`)));
    expect(reads.count).toBe(1);

    const intruder = profile(0);
    await expect(
      db.customer_emails.bulkAdd([
        email(intruder.id, 'fresh@example.com'),
        email(intruder.id, 'Taken@example.com'),
      ]),
    ).rejects.toBeInstanceOf(DuplicateEmailError);
  });

  it('takes one write that moves an address: the stored owner tombstoned, the new one live', async () => {
    const db = freshDb();
    const [first, second] = [profile(0), profile(0)];
    await db.customer_profiles.bulkAdd([first, second]);
    const kept = email(first.id, 'moves@example.com');
    const earlier = { ...email(second.id, 'moves@example.com'), deleted: 1 as const };
    await db.customer_emails.bulkAdd([kept, earlier]);
    // As a pulled page writes it: both rows stored, one put (the later claim and its fix).
    await db.customer_emails.bulkPut([
      { ...kept, deleted: 1 },
      { ...earlier, deleted: 0 },
    ]);
    const live = (await db.customer_emails.toArray()).filter((row) => row.deleted === 0);
    expect(live.map((row) => row.customer_id)).toEqual([second.id]);
    // Still refused when the write leaves the stored owner live.
    await expect(
      db.customer_emails.bulkPut([
        { ...kept, deleted: 0 },
        { ...earlier, deleted: 0 },
      ]),
    ).rejects.toBeInstanceOf(DuplicateEmailError);
  });
});
