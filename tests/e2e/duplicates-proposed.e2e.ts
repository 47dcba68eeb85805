// Pairs the sync conflict rules proposed (one email claimed on two laptops, issue 19) are on
// the Duplicates page with their reason, and "Not a duplicate" takes them off.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp, pageErrors, screenshot } from './browser';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('duplicates proposed by sync', () => {
  it('lists the pair with its reason and dismisses it', async () => {
    const page = await openApp(browser, baseUrl, '/?dev#/customers');
    await page.waitForFunction(() => 'encoreDev' in globalThis);
    await page.evaluate(async () => {
      type Dev = {
        crm: {
          customers: {
            create(draft: unknown, region: string): Promise<{ ok: boolean; value: string }>;
          };
        };
        db: { sync_state: { put(row: { key: string; value: unknown }): Promise<unknown> } };
      };
      const { crm, db } = (globalThis as unknown as { encoreDev: Dev }).encoreDev;
      const person = (first: string, email: string) => ({
        first_name: first,
        last_name: 'Lund',
        date_of_birth: '',
        notes: '',
        tags: [],
        lifecycle: 'lead',
        owner_id: null,
        email_opt_in: false,
        sms_opt_in: false,
        emails: [{ address: email, label: '', is_primary: true }],
        phones: [],
      });
      const erik = (await crm.customers.create(person('Erik', 'erik@lund.se'), 'SE')).value;
      const lisa = (await crm.customers.create(person('Lisa', 'same@lund.se'), 'SE')).value;
      // What the conflict rule records after a pull (sync/resolved-log.ts).
      await db.sync_state.put({
        key: 'proposed_duplicates',
        value: [
          {
            customer_ids: [erik, lisa].sort(),
            reason: 'same-email',
            address: 'same@lund.se',
            kept_by: lisa,
            proposed_at: new Date().toISOString(),
          },
        ],
      });
    });
    await page.getByRole('link', { name: /^Duplicates/ }).click();
    const proposed = page.getByRole('list', { name: 'Proposed by sync' });
    const pair = proposed.getByRole('listitem', {
      name: /Erik Lund and Lisa Lund|Lisa Lund and Erik Lund/,
    });
    await pair.waitFor();
    expect(await pair.getByRole('list', { name: 'Reasons' }).textContent()).toBe(
      'Same email claimed on two laptops (same@lund.se)',
    );
    expect(await pair.textContent()).toContain('kept the address');
    await screenshot(page, 'duplicates-proposed-by-sync');
    await pair.getByRole('button', { name: 'Not a duplicate' }).click();
    await proposed.waitFor({ state: 'detached' });
    expect(pageErrors(page)).toEqual([]);
  });
});
