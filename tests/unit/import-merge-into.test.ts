/**
 * "Merge into an existing customer" at the import's plan step: a row that detection finds to
 * be an existing customer under another email becomes an update of that customer (its email
 * and phone added), and undoing the import puts the customer back as it was.
 */
import { describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import {
  countsWithMerges,
  withMergeTargets,
} from '../../src/renderer/src/domain/import/merge-into';
import type { ImportCandidate } from '../../src/renderer/src/domain/import/rows';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { DuplicateDetector } from '../../src/renderer/src/services/crm/duplicates/detector';
import { createImportService } from '../../src/renderer/src/services/crm/import-service';
import { draft, emailDraft, freshDb, phoneDraft } from './helpers';
import { detectedImport } from './import-helpers';

const FILE =
  'Email,First Name,Last Name,Phone,Notes\n' +
  'ana.andersson@gmail.com,Ana,Andersson,+46 70 123 45 67,Met at the fair\n' +
  'bo@x.io,Bo,Ruiz,+44 20 7946 0958,\n';

async function existingAna(db: CrmDatabase): Promise<string> {
  const made = await createCustomerService(db).create(
    draft({
      first_name: 'Ana',
      last_name: 'Andersson',
      date_of_birth: '1990-04-02',
      emails: [emailDraft('ana@agency.se', true)],
      phones: [phoneDraft('+46 70 123 45 67', true)],
    }),
    'SE',
  );
  if (!made.ok) throw new Error('not created');
  return made.value;
}

const live = <T extends { deleted: 0 | 1 }>(rows: T[]) => rows.filter((row) => row.deleted === 0);

async function snapshot(db: CrmDatabase) {
  const profiles = live(await db.customer_profiles.toArray());
  const emails = live(await db.customer_emails.toArray());
  const phones = live(await db.customer_phones.toArray());
  return { profiles, emails, phones };
}

describe('import rows merged into an existing customer', () => {
  it('detection names the customer; merging adds the email to it; undo restores it exactly', async () => {
    const db = freshDb();
    const ana = await existingAna(db);
    const before = await snapshot(db);
    const { session } = await detectedImport(db, FILE, 'fair.csv', 'SE');
    const first = await session.analyse();
    expect(first.plan.new).toBe(2);

    const identities = await session.newRowIdentities();
    expect(identities.map((row) => row.row)).toEqual([2, 3]);
    const detector = new DuplicateDetector(db);
    await detector.build();
    const likely = detector.likelyExisting(identities);
    expect(likely[0]?.map((match) => match.id)).toEqual([ana]);
    expect(likely[1]).toEqual([]);

    const analysis = await session.setMergeInto([{ row: 2, customerId: ana }]);
    expect(analysis.plan).toMatchObject({ new: 1, updated: 1, matched_by_id: 0 });
    expect(analysis.merged).toBe(1);
    expect(analysis.mergeInto).toEqual([{ row: 2, customerId: ana }]);
    // Changing one's mind: the row is new again, then merged again.
    expect((await session.setMergeInto([{ row: 2, customerId: null }])).plan.new).toBe(2);
    await session.setMergeInto([{ row: 2, customerId: ana }]);

    const { job } = await session.commit({ fileName: 'fair.csv' });
    expect(job.status).toBe('finished');
    const after = await snapshot(db);
    expect(after.profiles).toHaveLength(2);
    expect(
      after.emails
        .filter((email) => email.customer_id === ana)
        .map((email) => email.address)
        .sort(),
    ).toEqual(['ana.andersson@gmail.com', 'ana@agency.se']);
    expect(after.phones.filter((phone) => phone.customer_id === ana)).toHaveLength(1);
    expect((await db.customer_profiles.get(ana))?.notes).toBe('Met at the fair');

    await new Promise((resolve) => setTimeout(resolve, 3));
    await createImportService(db).undo(job.id);
    const undone = await snapshot(db);
    const strip = <T extends { updated_at: string }>(rows: T[]) =>
      rows.map(({ updated_at: _updated, ...rest }) => rest);
    // Every field as before; updated_at is the undo's own write (sync needs it to move on).
    expect(strip(undone.profiles)).toEqual(strip(before.profiles));
    expect(undone.emails).toEqual(before.emails);
    expect(undone.phones).toEqual(before.phones);
  });

  it('ignores a choice of a customer that is not live, and counts merges apart from ids', () => {
    const row = (n: number) => ({ row: n, encore_id: null }) as unknown as ImportCandidate;
    const targets = new Map([
      [2, 'live-id'],
      [3, 'gone-id'],
    ]);
    const out = withMergeTargets([row(2), row(3), row(4)], targets, (id) => id === 'live-id');
    expect(out.map((c) => c.encore_id)).toEqual(['live-id', null, null]);
    expect(row(2).encore_id).toBeNull();
    const counts = { matched_by_id: 3 } as Parameters<typeof countsWithMerges>[0];
    expect(countsWithMerges(counts, 1).matched_by_id).toBe(2);
  });
});
