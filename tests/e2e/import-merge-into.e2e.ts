// The import wizard's plan step offers to merge a row into an existing customer it likely is
// under another email (issue 18); the import then adds the row's email to that customer, and
// undoing the import takes it off again.
import type { Browser, Page } from 'playwright-core';
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

async function seedAna(page: Page): Promise<string> {
  await page.waitForFunction(() => 'encoreDev' in globalThis);
  return page.evaluate(async () => {
    type Crm = {
      customers: {
        create(draft: unknown, region: string): Promise<{ ok: boolean; value: string }>;
      };
    };
    const { crm } = (globalThis as unknown as { encoreDev: { crm: Crm } }).encoreDev;
    const made = await crm.customers.create(
      {
        first_name: 'Ana',
        last_name: 'Andersson',
        date_of_birth: '',
        notes: '',
        tags: [],
        lifecycle: 'customer',
        owner_id: null,
        email_opt_in: false,
        sms_opt_in: false,
        emails: [{ address: 'ana@agency.se', label: '', is_primary: true }],
        phones: [{ raw_input: '+46 70 123 45 67', type: 'mobile', label: '', is_primary: true }],
      },
      'SE',
    );
    return made.value;
  });
}

/** The live customers and the addresses each one has, from the database. */
function customersAndEmails(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    type Row = { id: string; customer_id: string; address: string; deleted: 0 | 1 };
    type Db = {
      customer_profiles: { toArray(): Promise<Row[]> };
      customer_emails: { toArray(): Promise<Row[]> };
    };
    const { db } = (globalThis as unknown as { encoreDev: { db: Db } }).encoreDev;
    const out: Record<string, string[]> = {};
    for (const profile of await db.customer_profiles.toArray())
      if (profile.deleted === 0) out[profile.id] = [];
    for (const email of await db.customer_emails.toArray())
      if (email.deleted === 0) out[email.customer_id]?.push(email.address);
    for (const list of Object.values(out)) list.sort();
    return out;
  });
}

const plannedCount = (page: Page, key: string) =>
  page
    .getByLabel('Plan counts', { exact: true })
    .locator(`[data-count="${key}"]`)
    .getAttribute('data-value')
    .then(Number);

describe('import: merge a row into an existing customer', () => {
  it('offers the likely customer with its reasons, merges into it, and the undo takes it off', async () => {
    const page = await openApp(browser, baseUrl, '/?dev#/import');
    const ana = await seedAna(page);
    const csv =
      'Email,First Name,Last Name,Phone\r\n' +
      'ana.andersson@gmail.com,Ana,Andersson,+46 70 123 45 67\r\n' +
      'bo@example.com,Bo,Ruiz,+1 415 555 0135\r\n';
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'fair.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Next: columns' }).click();
    await page.getByRole('button', { name: 'Next: check rows' }).click();
    await page.getByRole('button', { name: 'Next: plan' }).click();

    const likely = page.getByRole('list', { name: 'Rows likely already in Encore' });
    const row = likely.getByRole('listitem', { name: 'Row 2: Ana Andersson' });
    await row.waitFor();
    expect(await likely.getByRole('listitem').count()).toBe(1);
    expect(await row.textContent()).toContain('Same phone');
    expect(await plannedCount(page, 'new')).toBe(2);
    await row.getByRole('radio', { name: /^Merge into Ana Andersson/ }).check();
    await page.getByTestId('import-merged-summary').waitFor();
    await expect.poll(() => plannedCount(page, 'updated')).toBe(1);
    expect(await plannedCount(page, 'new')).toBe(1);
    await screenshot(page, 'import-merge-into-plan');

    await page.getByRole('button', { name: 'Import 2 customers' }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor();
    const after = await customersAndEmails(page);
    expect(Object.keys(after)).toHaveLength(2);
    expect(after[ana]).toEqual(['ana.andersson@gmail.com', 'ana@agency.se']);

    await page.getByRole('link', { name: 'Import' }).click();
    const history = page.getByRole('list', { name: 'Past imports' });
    await history.getByRole('button', { name: 'Undo import of fair.csv' }).click();
    const confirm = page.getByRole('dialog', { name: 'Undo import of fair.csv?' });
    await confirm.getByRole('button', { name: 'Undo import', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => customersAndEmails(page)).toEqual({ [ana]: ['ana@agency.se'] });
    expect(pageErrors(page)).toEqual([]);
  });
});
