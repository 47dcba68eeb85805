import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, pageErrors, screenshot, trackErrors } from './browser';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A small laptop's window, with the demo data loaded. */
async function openLaptop(path = '#/customers', colorScheme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 700 },
    locale: 'en-US',
    colorScheme,
    acceptDownloads: true,
  });
  const page = trackErrors(await context.newPage());
  await page.goto(new URL('#/customers', baseUrl).toString());
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByTestId('result-count').filter({ hasText: '60 customers' }).waitFor();
  if (path !== '#/customers') await page.goto(new URL(path, baseUrl).toString());
  return page;
}

const rowOf = (page: Page, name: string) =>
  page.getByRole('row', { name: new RegExp(`^(Select )?${name}`) });

async function stageOf(page: Page, name: string) {
  return (await rowOf(page, name).first().textContent()) ?? '';
}

describe('daily work on a 1024x700 laptop', () => {
  it('the customer list fits without sideways scrolling, the least needed columns hidden', async () => {
    const page = await openLaptop();
    const list = page.getByTestId('customer-list');
    const widths = await list.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    expect(await page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(1024);
    const headers = await page.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['Name', 'Email', 'Phone', 'Stage']));
    expect(headers).not.toContain('Last touch');
    // The filter bar is one line: the filters fold into a menu.
    const bar = page.getByRole('search');
    expect(await bar.evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(50);
    await page.getByText('Filters', { exact: true }).click();
    await page.getByRole('group', { name: 'Filters' }).getByLabel('Stage').selectOption('lead');
    await expect.poll(() => page.getByTestId('result-count').textContent()).toMatch(/ of 60$/);
    await page.getByText(/^Filters · 1$/).click();
    await page.getByRole('button', { name: 'Clear' }).click();

    // The column picker: hide Email, and the room goes to the columns waiting for it.
    await page.getByText('Columns', { exact: true }).click();
    await page.getByRole('checkbox', { name: 'Email' }).uncheck();
    await expect.poll(() => page.getByRole('columnheader').allTextContents()).toContain('Tags');
    expect(await page.getByRole('columnheader').allTextContents()).not.toContain('Email');
    await screenshot(page, 'customers-1024x700');
    // Kept: a reload shows the same columns.
    await page.reload();
    await expect
      .poll(() => page.getByRole('columnheader').allTextContents())
      .not.toContain('Email');
    expect(pageErrors(page)).toEqual([]);
  });

  it('selects a range with shift-click, sets the stage of all, and one undo puts all back', async () => {
    const page = await openLaptop();
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('andersson');
    await expect.poll(() => page.getByTestId('result-count').textContent()).toBe('3 of 60');
    const names = ['Lucía Andersson', 'Nadia Andersson', 'Quentin Andersson'];
    const before = await Promise.all(names.map((name) => stageOf(page, name)));
    await page.getByRole('checkbox', { name: `Select ${names[0]}` }).click();
    await page
      .getByRole('checkbox', { name: `Select ${names[2]}` })
      .click({ modifiers: ['Shift'] });
    const bar = page.getByRole('toolbar', { name: 'Selected customers' });
    await bar.getByText('3 selected').waitFor();
    await bar.getByLabel('Set stage').selectOption('inactive');
    const toast = page.getByRole('status').filter({ hasText: 'Moved 3 customers to Inactive' });
    await toast.waitFor();
    for (const name of names) await expect.poll(() => stageOf(page, name)).toContain('Inactive');
    await screenshot(page, 'customers-bulk-stage');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('status').filter({ hasText: 'Put back 3 customers' }).waitFor();
    for (const [index, name] of names.entries())
      await expect.poll(() => stageOf(page, name)).toBe(before[index]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('selects all matches, tags and deletes them, and one undo brings every one back', async () => {
    const page = await openLaptop();
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('liam');
    await expect.poll(() => page.getByTestId('result-count').textContent()).toMatch(/ of 60$/);
    const matches = Number((await page.getByTestId('result-count').textContent())?.split(' ')[0]);
    // Keyboard only: into the list, Ctrl+A selects all matches.
    await page.getByRole('searchbox', { name: 'Search customers' }).press('ArrowDown');
    await page.keyboard.press('Control+a');
    const bar = page.getByRole('toolbar', { name: 'Selected customers' });
    await bar.getByText(`${matches} selected`).waitFor();
    await bar.getByRole('button', { name: 'Tag…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Tag ${matches} customers` });
    await dialog.getByLabel('Tag').fill('liams');
    await dialog.getByLabel('Tag').press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: `Tagged ${matches} customers “liams”` })
      .waitFor();

    await bar.getByRole('button', { name: 'Delete' }).click();
    const toast = page.getByRole('status').filter({ hasText: `Deleted ${matches} customers` });
    await toast.waitFor();
    await expect
      .poll(() => page.getByTestId('result-count').textContent())
      .toBe(`0 of ${60 - matches}`);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(() => page.getByTestId('result-count').textContent())
      .toBe(`${matches} of 60`);
    // Back with their tag: the tag filter finds every one of them.
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('');
    await page.getByText('Filters', { exact: true }).click();
    await page
      .getByRole('group', { name: 'Filters' })
      .getByLabel('Tag', { exact: true })
      .selectOption('liams');
    await expect
      .poll(() => page.getByTestId('result-count').textContent())
      .toBe(`${matches} of 60`);
    expect(pageErrors(page)).toEqual([]);
  });

  it('task views: quick add reads "tomorrow 10am", assigns, and each view holds its tasks', async () => {
    const page = await openLaptop('#/settings');
    await page.getByLabel('You are').selectOption({ label: 'Alex Moreno' });
    await page.getByRole('link', { name: /^Tasks/ }).click();
    const quick = page.getByRole('form', { name: 'Add a task' });
    const title = quick.getByLabel('New task', { exact: true });
    await title.fill('Call the venue');
    await quick.getByLabel('Due').fill('tomorrow 10am');
    // The date as read is shown before saving.
    const tomorrow = await page.evaluate(() => {
      const d = new Date();
      d.setDate(d.getDate() + 1);
      return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
    });
    await page.getByText(new RegExp(`${tomorrow}.*10:00`)).waitFor();
    await title.press('Enter');
    await page.getByRole('listitem', { name: 'Call the venue' }).waitFor();

    await title.fill('Chase the deposit');
    await quick.getByLabel('Assign to').selectOption({ label: 'Sam Okafor' });
    await quick.getByLabel('Due').fill('yesterday 9am');
    await title.press('Enter');
    await page.getByRole('listitem', { name: 'Chase the deposit' }).waitFor();

    await quick.getByLabel('Due').fill('whenever');
    await page.getByText('“whenever” is not a date').waitFor();
    expect(await page.getByRole('button', { name: 'Add task' }).isDisabled()).toBe(true);

    const views = page.getByRole('group', { name: 'Task views' });
    const shown = () => page.getByRole('listitem').allTextContents();
    await views.getByRole('button', { name: 'Upcoming' }).click();
    await expect.poll(shown).toEqual([expect.stringContaining('Call the venue')]);
    await views.getByRole('button', { name: 'Overdue' }).click();
    await expect.poll(shown).toEqual([expect.stringContaining('Chase the deposit')]);
    await views.getByRole('button', { name: 'Today' }).click();
    await page.getByRole('heading', { name: 'Nothing in Today' }).waitFor();
    await views.getByRole('button', { name: 'My tasks' }).click();
    await expect.poll(shown).toEqual([expect.stringContaining('Call the venue')]);
    await screenshot(page, 'tasks-my-tasks-1024');
    await views.getByRole('button', { name: 'All tasks' }).click();
    await expect.poll(async () => (await shown()).length).toBe(2);
    expect(pageErrors(page)).toEqual([]);
  });

  it('a task added on a customer goes to that customer’s owner unless changed', async () => {
    const page = await openLaptop('#/settings');
    await page.getByLabel('You are').selectOption({ label: 'Alex Moreno' });
    await page.getByRole('link', { name: /^Customers/ }).click();
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('nadia andersson');
    await rowOf(page, 'Nadia Andersson').first().click();
    await page.getByRole('tab', { name: 'Tasks' }).click();
    await expect
      .poll(() => page.getByLabel('Assign to').locator('option:checked').textContent())
      .toBe('Sam Okafor');
    await page.getByLabel('New task title').fill('Send the rider');
    await page.getByLabel('New task title').press('Enter');
    const open = page.getByRole('list', { name: 'Open tasks' });
    await open.getByRole('listitem', { name: 'Send the rider' }).waitFor();
    expect(await open.textContent()).toContain('Sam Okafor');
    // Changed before adding: the choice wins.
    await page.getByLabel('Assign to').selectOption({ label: 'Alex Moreno' });
    await page.getByLabel('New task title').fill('Book the hotel');
    await page.getByLabel('New task title').press('Enter');
    await open.getByRole('listitem', { name: 'Book the hotel' }).waitFor();
    expect(await open.getByRole('listitem', { name: 'Book the hotel' }).textContent()).toContain(
      'Alex Moreno',
    );
    expect(pageErrors(page)).toEqual([]);
  });
});
