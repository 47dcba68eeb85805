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

type Seeded = { first: string; second: string };

/**
 * Two records of one person, as two imports leave them: the same name written two ways, the
 * same mobile, two emails; a task and a deal role on the second one.
 */
async function seedPair(page: Page): Promise<Seeded> {
  await page.waitForFunction(() => 'encoreDev' in globalThis);
  return page.evaluate(async () => {
    type Crm = {
      customers: {
        create(draft: unknown, region: string): Promise<{ ok: boolean; value: string }>;
      };
      tasks: { create(task: unknown): Promise<{ ok: boolean }> };
      deals: { create(deal: unknown, people: unknown[]): Promise<{ ok: boolean }> };
    };
    const { crm } = (globalThis as unknown as { encoreDev: { crm: Crm } }).encoreDev;
    const draft = (first: string, last: string, email: string, lifecycle: string) => ({
      first_name: first,
      last_name: last,
      date_of_birth: '',
      notes: '',
      tags: [],
      lifecycle,
      owner_id: null,
      email_opt_in: false,
      sms_opt_in: false,
      emails: [{ address: email, label: '', is_primary: true }],
      phones: [{ raw_input: '+353 86 123 4567', type: 'mobile', label: '', is_primary: true }],
    });
    const first = await crm.customers.create(
      draft('Zoë', "O'Brien", 'zoe@obrien.ie', 'lead'),
      'IE',
    );
    const second = await crm.customers.create(
      draft('Zoe', 'OBrien', 'z.obrien@gigs.ie', 'customer'),
      'IE',
    );
    await crm.tasks.create({ title: 'Send the rider', customer_id: second.value });
    await crm.deals.create(
      {
        title: 'Spring tour',
        event_name: 'Spring tour',
        event_date: null,
        venue: '',
        amount_minor: 0,
        currency: 'EUR',
        deal_type: 'flat',
        deal_percent: null,
        probability: null,
        expected_close: null,
        owner_id: null,
        notes: '',
        status: 'inquiry',
      },
      [{ customer_id: second.value, role: 'artist' }],
    );
    return { first: first.value, second: second.value };
  });
}

function taskOwner(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const { db } = (
      globalThis as unknown as {
        encoreDev: { db: { crm_tasks: { toArray(): Promise<{ customer_id: string }[]> } } };
      }
    ).encoreDev;
    return (await db.crm_tasks.toArray())[0]?.customer_id;
  });
}

describe('duplicates, as a promoter cleans up after two imports', () => {
  it('finds the pair, merges it with one field changed, sees the task and deal moved, and undoes it', async () => {
    const page = await openApp(browser, baseUrl, '/?dev#/customers');
    const { first, second } = await seedPair(page);

    // The sidebar counts the high-confidence pair; the list shows it with its reasons.
    await page.getByRole('link', { name: /^Duplicates/ }).click();
    const list = page.getByRole('list', { name: 'Possible duplicates' });
    const pair = list.getByRole('listitem', { name: /Zoë O'Brien and Zoe OBrien/ });
    await pair.waitFor();
    expect(await pair.textContent()).toContain('High');
    expect(await pair.getByRole('list', { name: 'Reasons' }).textContent()).toContain('Same phone');
    await screenshot(page, 'duplicates-list');

    // The customer page says so too, with the link to compare.
    await pair.getByRole('link', { name: 'Zoe OBrien' }).click();
    await page.getByText(/Possible duplicate of/).waitFor();
    await page.getByRole('link', { name: 'Compare and merge' }).click();

    // Side by side: the most recent first name ("Zoe") is pre-selected; keep "Zoë" instead.
    await page.getByRole('heading', { name: 'Merge customers' }).waitFor();
    const zoe = page.getByRole('radio', { name: /First name: Zoe \(/ });
    const zoeAccented = page.getByRole('radio', { name: /First name: Zoë \(/ });
    expect(await zoe.isChecked()).toBe(true);
    await zoeAccented.check();
    const moves = page.getByRole('region', { name: 'What moves' });
    expect(await moves.textContent()).toContain('1 task');
    expect(await moves.textContent()).toContain('1 deal role');
    expect(await page.getByRole('group', { name: /Emails/ }).textContent()).toContain(
      'z.obrien@gigs.ie',
    );
    await screenshot(page, 'duplicates-merge-screen');
    await page.getByRole('button', { name: /^Merge into Zoë OBrien/ }).click();

    // The survivor (created first) now has the task and the deal role.
    await page.getByRole('heading', { name: 'Zoë OBrien' }).waitFor();
    expect(page.url()).toContain(first);
    await page.getByRole('tab', { name: 'Tasks' }).click();
    await page.getByText('Send the rider').waitFor();
    await page.getByRole('tab', { name: 'Deals' }).click();
    await page.getByText('Spring tour').waitFor();
    expect(await taskOwner(page)).toBe(first);
    await screenshot(page, 'duplicates-merged');

    // One undo puts both back as they were.
    const toast = page.getByRole('status').filter({ hasText: 'Merged 2 customers' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Merge undone').waitFor();
    await expect.poll(() => taskOwner(page)).toBe(second);
    await page.getByRole('heading', { name: "Zoë O'Brien" }).waitFor();
    await page.getByRole('link', { name: /^Duplicates/ }).click();
    await list.getByRole('listitem', { name: /Zoë O'Brien and Zoe OBrien/ }).waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('"Not a duplicate" takes the pair off the list', async () => {
    const page = await openApp(browser, baseUrl, '/?dev#/customers');
    await seedPair(page);
    await page.getByRole('link', { name: /^Duplicates/ }).click();
    const list = page.getByRole('list', { name: 'Possible duplicates' });
    const pair = list.getByRole('listitem', { name: /Zoë O'Brien and Zoe OBrien/ });
    await pair.getByRole('button', { name: 'Not a duplicate' }).click();
    await page.getByRole('heading', { name: /No possible duplicates/ }).waitFor();
    expect(pageErrors(page)).toEqual([]);
  });
});
