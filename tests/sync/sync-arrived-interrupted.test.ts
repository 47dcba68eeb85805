/**
 * Another laptop's fix told here ("Resolved on sync") even when the pull that brought it was
 * interrupted: the fix's page is kept with its cursor, so the next pull does not bring it
 * again; the notice must wait with it until a pull completes (arrived-fixes.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import type { PullResponse } from '../../src/shared/sync/protocol';
import { readResolvedConflicts } from '../../src/renderer/src/sync/resolved-log';
import { SyncOfflineError } from '../../src/renderer/src/sync/transport';
import type { TestServer } from '../server/harness';
import { appTransport, newWorkspace, startTestServer } from '../server/harness';
import { intercept, laptop } from './clients';
import { draft, emailDraft } from '../unit/helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function customer(db: CrmDatabase, first: string, email: string): Promise<string> {
  const made = await createCustomerService(db).create(
    draft({ first_name: first, last_name: 'Test', emails: [emailDraft(email, true)] }),
    'DE',
  );
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

describe('a fix from another laptop, pulled by a pull that is interrupted', () => {
  it('is told once a later pull completes', async () => {
    const { token } = await newWorkspace(server);
    // After the fix's page, every pull request fails (the network went away) while `cut`.
    let cut = false;
    let fixSeen = false;
    const a = laptop(
      server,
      token,
      intercept(appTransport(server, token), (request) => {
        if (!cut || request.method !== 'GET' || !request.path.startsWith('/v1/pull'))
          return undefined;
        if (fixSeen)
          return Promise.reject(new SyncOfflineError('The sync server cannot be reached'));
        return appTransport(
          server,
          token,
        )(request).then((answer) => {
          const page = answer as PullResponse;
          fixSeen = page.changes.some(
            (row) => row.table === 'customer_emails' && row.data.deleted === 1,
          );
          return answer;
        });
      }),
    );
    const b = laptop(server, token);
    // Ana's address on A; Bea claims it on B later, offline.
    const ana = await customer(a.db, 'Ana', 'same@example.com');
    b.setClockOffset(1000);
    const bea = await customer(b.db, 'Bea', 'same@example.com');
    await a.sync();
    // B pulls Ana's address, applies the later-claim rule (Ana's address goes) and pushes it.
    await b.sync();
    await b.sync();
    // B edits Bea's address afterwards: on the server it now comes after the fix, so A's pull
    // brings the fix (a page) before the claim that made it.
    await b.db.customer_emails.where('customer_id').equals(bea).modify({ label: 'work' });
    await b.sync();

    cut = true;
    const interrupted = await a.sync({ pageSize: 1 }).catch((error: unknown) => error);
    expect(interrupted).toBeInstanceOf(SyncOfflineError);
    expect(fixSeen).toBe(true);
    // The fix is here (Ana's address gone), not told yet: the pull is not complete.
    const anaEmails = await a.db.customer_emails.where('customer_id').equals(ana).toArray();
    expect(anaEmails.map((email) => email.deleted)).toEqual([1]);
    expect(await readResolvedConflicts(a.db)).toEqual([]);

    cut = false;
    await a.sync({ pageSize: 1 });
    const told = await readResolvedConflicts(a.db);
    expect(told.map((entry) => entry.rule)).toEqual(['later-email-claim']);
    expect(told[0]?.customer_ids).toEqual([ana, bea]);
    // Told once: a further sync does not tell it again.
    await a.sync();
    expect(await readResolvedConflicts(a.db)).toHaveLength(1);
  });
});
