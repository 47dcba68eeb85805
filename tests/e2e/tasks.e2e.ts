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

async function addMember(page: Page, name: string) {
  await page.getByLabel('Team member name').fill(name);
  await page.getByRole('button', { name: 'Add team member' }).click();
  await page.getByRole('list', { name: 'Team members' }).getByText(name).waitFor();
}

async function createCustomer(page: Page, first: string, last: string) {
  await page.getByRole('link', { name: /^Customers/ }).click();
  await page
    .getByRole('button', { name: /New customer/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: 'New customer' });
  await dialog.getByLabel('First name').fill(first);
  await dialog.getByLabel('Last name').fill(last);
  await dialog.getByRole('button', { name: 'Create customer' }).click();
  await page.getByRole('heading', { name: `${first} ${last}` }).waitFor();
}

/** Today at 23:59 in the browser's zone, as an <input type="datetime-local"> value. */
function endOfTodayInput(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T23:59`;
  });
}

describe('tasks and relationships, as an agent uses them', () => {
  it('creates a task on a customer, assigns an owner and a reviewer, sees it today, completes it', async () => {
    const page = await openApp(browser, baseUrl, '#/settings');
    await addMember(page, 'Ana Ruiz');
    await addMember(page, 'Bo Chen');
    // The first member added is taken to be the person at the keyboard.
    await expect.poll(() => page.getByLabel('You are').inputValue()).not.toBe('');
    await screenshot(page, 'tasks-settings-team');

    await createCustomer(page, 'Sala', 'Apolo');
    await page.getByRole('tab', { name: 'Tasks' }).click();
    await page.getByLabel('Due').fill(await endOfTodayInput(page));
    await page.getByLabel('New task title').fill('Send the rider');
    await page.keyboard.press('Enter');
    const open = page.getByRole('list', { name: 'Open tasks' });
    await open.getByRole('listitem', { name: 'Send the rider' }).waitFor();
    expect(await open.textContent()).toContain('Ana Ruiz');
    await screenshot(page, 'tasks-customer-tab');

    // The detail page: Ana owns it (she is "you"); Bo reviews it.
    await open.getByRole('link', { name: 'Send the rider' }).click();
    await page.getByRole('heading', { name: 'Send the rider' }).waitFor();
    await page.getByLabel('Team member').selectOption({ label: 'Bo Chen' });
    await page.getByLabel('As', { exact: true }).selectOption('reviewer');
    await page.getByRole('button', { name: 'Assign' }).click();
    const people = page.getByRole('list', { name: 'Assignments' });
    await expect.poll(() => people.getByRole('listitem').count()).toBe(2);
    expect(await page.getByLabel('Role of Ana Ruiz').inputValue()).toBe('owner');
    expect(await page.getByLabel('Role of Bo Chen').inputValue()).toBe('reviewer');
    // A second owner is not a thing: making Bo owner replaces Ana.
    await expect(page.getByLabel('Role of Ana Ruiz').isDisabled()).resolves.toBe(true);
    await page.getByRole('link', { name: 'Sala Apolo' }).waitFor();
    await screenshot(page, 'task-detail');

    // The task manager shows it under Today, and the customer link.
    await page.getByRole('link', { name: /^Tasks/ }).click();
    const today = page.getByRole('list', { name: 'Today' });
    const row = today.getByRole('listitem', { name: 'Send the rider' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Sala Apolo');
    // People are read for the rows on screen, a moment after the rows themselves.
    await expect.poll(() => row.textContent()).toContain('Bo Chen (reviewer)');
    expect(await row.textContent()).toContain('Ana Ruiz');
    await screenshot(page, 'tasks-today');

    await row.getByRole('button', { name: 'Complete Send the rider' }).click();
    await page
      .getByRole('list', { name: 'Done' })
      .getByRole('listitem', { name: 'Send the rider' })
      .waitFor();
    expect(await today.count()).toBe(0);
    await screenshot(page, 'tasks-done');

    // Filters: Bo as owner finds nothing, Bo as reviewer finds it.
    await page.getByLabel('Assignee').selectOption({ label: 'Bo Chen' });
    await page.getByLabel('Assignment type').selectOption('owner');
    await page.getByRole('heading', { name: 'No task matches' }).waitFor();
    await page.getByLabel('Assignment type').selectOption('reviewer');
    await page
      .getByRole('list', { name: 'Done' })
      .getByRole('listitem', { name: 'Send the rider' })
      .waitFor();
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('links two customers and shows the inverse label on the other one', async () => {
    const page = await openApp(browser, baseUrl);
    await createCustomer(page, 'Sala', 'Apolo');
    await createCustomer(page, 'Marta', 'Vidal');
    await page.getByRole('tab', { name: 'Relationships' }).click();
    await page.getByLabel('Relationship', { exact: true }).selectOption({ label: 'manages' });
    await page.getByRole('combobox', { name: 'Related customer' }).fill('apolo');
    await page.getByRole('option', { name: /Sala Apolo/ }).waitFor();
    await page.keyboard.press('Enter');
    const manages = page.getByRole('list', { name: 'manages' });
    await manages.getByRole('link', { name: 'Sala Apolo' }).waitFor();
    await screenshot(page, 'relationships-customer-tab');

    // The same link, read from the other side.
    await manages.getByRole('link', { name: 'Sala Apolo' }).click();
    await page.getByRole('heading', { name: 'Sala Apolo' }).waitFor();
    await page.getByRole('tab', { name: 'Relationships' }).click();
    await page
      .getByRole('list', { name: 'managed by' })
      .getByRole('link', { name: 'Marta Vidal' })
      .waitFor();

    // Linking it again from this side, as "managed by", is the same relationship: refused.
    await page.getByLabel('Relationship', { exact: true }).selectOption({ label: 'managed by' });
    await page.getByRole('combobox', { name: 'Related customer' }).fill('marta');
    await page.getByRole('option', { name: /Marta Vidal/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'already linked' }).waitFor();
    await screenshot(page, 'relationships-inverse');

    // The relationships page: pick someone, jump between people.
    await page.getByRole('link', { name: /^Relationships/ }).click();
    await page.getByRole('combobox', { name: 'Find a customer' }).fill('marta');
    await page.getByRole('option', { name: /Marta Vidal/ }).click();
    await page.getByRole('heading', { name: 'Marta Vidal' }).waitFor();
    await page
      .getByRole('list', { name: 'manages' })
      .getByRole('link', { name: 'Sala Apolo' })
      .click();
    await page.getByRole('heading', { name: 'Sala Apolo' }).waitFor();
    await page
      .getByRole('list', { name: 'managed by' })
      .getByRole('link', { name: 'Marta Vidal' })
      .waitFor();
    await screenshot(page, 'relationships-page');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('raises one notification when a task comes due, counts overdue tasks and bulk completes', async () => {
    const context = await browser.newContext({
      viewport: { width: 1360, height: 820 },
      locale: 'en-US',
    });
    // A recording stand-in for the Notification API, granted, so the test sees every call.
    await context.addInitScript(() => {
      const shown: { title: string; body: string }[] = [];
      class FakeNotification {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        onclick: (() => void) | null = null;
        constructor(title: string, options?: { body?: string }) {
          shown.push({ title, body: options?.body ?? '' });
        }
        close() {}
      }
      Object.assign(globalThis, { Notification: FakeNotification, shownNotifications: shown });
    });
    const page = await context.newPage();
    await page.goto(new URL('?dev#/tasks', baseUrl).toString());
    await page.getByRole('heading', { name: 'No tasks yet' }).waitFor();
    await page.waitForFunction(() => 'encoreDev' in globalThis);
    await page.evaluate(async () => {
      const { crm } = (
        globalThis as unknown as {
          encoreDev: { crm: { tasks: { create: (task: object) => Promise<unknown> } } };
        }
      ).encoreDev;
      const soon = new Date(Date.now() + 4_000).toISOString();
      const past = new Date(Date.now() - 3_600_000).toISOString();
      await crm.tasks.create({ title: 'Confirm the hold', due_at: soon });
      await crm.tasks.create({ title: 'Chase the deposit', due_at: past });
      await crm.tasks.create({ title: 'Book the backline', due_at: past, priority: 'urgent' });
    });
    const shown = () =>
      page.evaluate(
        () => (globalThis as unknown as { shownNotifications: unknown[] }).shownNotifications,
      );
    // Tasks already overdue at start are counted, not announced.
    const nav = page.getByRole('link', { name: /^Tasks/ });
    await expect.poll(() => nav.textContent()).toContain('2');
    await expect.poll(shown, { timeout: 25_000, interval: 500 }).toHaveLength(1);
    expect((await shown())[0]).toMatchObject({ title: 'Confirm the hold' });
    await expect.poll(() => nav.textContent(), { timeout: 25_000 }).toContain('3');
    await screenshot(page, 'tasks-overdue');
    // Later checks do not repeat it.
    await page.waitForTimeout(11_000);
    expect(await shown()).toHaveLength(1);

    const overdue = page.getByRole('list', { name: 'Overdue' });
    // The badge and the list follow one clock: when the badge says 3, so does the list.
    expect(await overdue.getByRole('listitem').count()).toBe(3);
    await page.getByLabel('Select all overdue').check();
    await screenshot(page, 'tasks-bulk-selection');
    await page.getByRole('button', { name: 'Complete 3' }).click();
    await page.getByRole('status').filter({ hasText: 'Completed 3 tasks' }).waitFor();
    expect(await overdue.count()).toBe(0);
    await expect.poll(() => nav.textContent()).toBe('Tasks');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  }, 90_000);
});
