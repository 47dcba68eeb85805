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
async function openLaptop(
  path = '#/customers',
  colorScheme: 'light' | 'dark' = 'light',
  viewport = { width: 1024, height: 700 },
) {
  const context = await browser.newContext({
    viewport,
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
    await page.getByRole('checkbox', { name: 'Email' }).click();
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

  it('at 1360x820 every filter stays in the bar, on one line, also with a search typed', async () => {
    const page = await openLaptop('#/customers', 'light', { width: 1360, height: 820 });
    const bar = page.getByRole('search');
    const oneLine = () => bar.evaluate((el) => el.getBoundingClientRect().height < 50);
    expect(await bar.getByRole('combobox', { name: 'Stage' }).isVisible()).toBe(true);
    expect(await bar.getByText('Views', { exact: true }).isVisible()).toBe(true);
    expect(await oneLine()).toBe(true);
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('andersson');
    await bar.getByRole('button', { name: 'Clear' }).waitFor();
    expect(await oneLine()).toBe(true);
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

    await title.fill('Pay the sound engineer');
    await quick.getByLabel('Assign to').selectOption({ label: 'Sam Okafor' });
    await quick.getByLabel('Due').fill('yesterday 9am');
    await title.press('Enter');
    await page.getByRole('listitem', { name: 'Pay the sound engineer' }).waitFor();

    await quick.getByLabel('Due').fill('whenever');
    await page.getByText('“whenever” is not a date').waitFor();
    expect(await page.getByRole('button', { name: 'Add task' }).isDisabled()).toBe(true);

    // The demo's own tasks are there too: each view holds ours where they belong, not elsewhere.
    const views = page.getByRole('group', { name: 'Task views' });
    const ours = ['Call the venue', 'Pay the sound engineer'];
    const shown = async () => {
      const found: string[] = [];
      for (const name of ours)
        if ((await page.getByRole('listitem', { name, exact: true }).count()) > 0) found.push(name);
      return found;
    };
    await views.getByRole('button', { name: 'Upcoming' }).click();
    await expect.poll(shown).toEqual(['Call the venue']);
    await views.getByRole('button', { name: 'Overdue' }).click();
    await expect.poll(shown).toEqual(['Pay the sound engineer']);
    await views.getByRole('button', { name: 'Today' }).click();
    await expect.poll(shown).toEqual([]);
    await views.getByRole('button', { name: 'My tasks' }).click();
    await expect.poll(shown).toEqual(['Call the venue']);
    await screenshot(page, 'tasks-my-tasks-1024');
    await views.getByRole('button', { name: 'All tasks' }).click();
    await expect.poll(shown).toEqual(ours);
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

  it(
    'deal board: refused stages look refused while dragging; the refusal and the undo toast',
    { timeout: 120_000 },
    async () => {
      // The demo data came with its deals.
      const page = await openLaptop('#/deals');
      await expect.poll(() => page.getByTestId('deal-count').textContent()).toBe('24 deals');
      // A short window starts with the forecast folded; it opens and folds again on demand.
      const forecast = page.getByRole('button', { name: 'Show forecast' });
      expect(await forecast.getAttribute('aria-expanded')).toBe('false');
      await forecast.click();
      await page.getByText('Weighted forecast (open)').waitFor();
      await page.getByRole('button', { name: 'Hide forecast' }).click();
      // The five filters and the scroll buttons share one line at 1024 wide.
      const filters = page.getByRole('group', { name: 'Deal filters' });
      expect(await filters.evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(50);

      // Sideways: the buttons, and ←/→ on the focused board.
      const board = page.getByTestId('deal-board');
      await page.getByRole('button', { name: 'Later stages' }).click();
      await expect.poll(() => board.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
      await board.focus();
      await page.keyboard.press('Home');
      await expect.poll(() => board.evaluate((el) => el.scrollLeft)).toBe(0);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => board.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
      await page.keyboard.press('Home');
      await expect.poll(() => board.evaluate((el) => el.scrollLeft)).toBe(0);

      const stage = (status: string) => page.locator(`section[data-status="${status}"]`);
      const card = stage('confirmed').locator('[data-deal-id]').first();
      const id = await card.getAttribute('data-deal-id');
      const box = await card.boundingBox();
      if (!box) throw new Error('board not laid out');
      await page.mouse.move(box.x + 20, box.y + 20);
      await page.mouse.down();
      await page.mouse.move(box.x + 30, box.y + 30, { steps: 5 });
      // The board scrolls itself while a card nears its edge: glide left until it rests at
      // the first stage, then go to the Inquiry column where it is now.
      const boardBox = await board.boundingBox();
      await page.mouse.move(boardBox!.x + 20, box.y + 40, { steps: 20 });
      await expect.poll(() => board.evaluate((el) => el.scrollLeft)).toBe(0);
      const target = await stage('inquiry').boundingBox();
      await page.mouse.move(target!.x + target!.width / 2, target!.y + 80, { steps: 10 });
      await expect.poll(() => stage('inquiry').getAttribute('data-refused')).toBe('true');
      expect(await stage('offer').getAttribute('data-refused')).toBeNull();
      expect(await stage('contracted').getAttribute('data-refused')).toBeNull();
      await stage('inquiry').getByText('Not from Confirmed').waitFor();
      await screenshot(page, 'deals-refused-while-dragging-1024');
      await page.mouse.up();
      const alert = page.getByRole('alert').filter({ hasText: 'cannot move from Confirmed' });
      await alert.waitFor();
      expect(await stage('confirmed').locator(`[data-deal-id="${id}"]`).count()).toBe(1);
      expect(await stage('inquiry').getAttribute('data-refused')).toBeNull();
      // The refusal never covers the sidebar, and goes when dismissed.
      const alertBox = await alert.boundingBox();
      const sidebar = await page.getByRole('navigation', { name: 'Main' }).boundingBox();
      expect(alertBox!.x).toBeGreaterThanOrEqual(sidebar!.x + sidebar!.width);
      await alert.getByRole('button', { name: 'Dismiss notification' }).click();
      await expect.poll(() => alert.count()).toBe(0);

      // An allowed move says so, with Undo (keyboard: Space lifts, ← moves a stage, Space drops).
      await card.focus();
      await page.keyboard.press('Space');
      await page.waitForTimeout(200);
      await page.keyboard.press('ArrowLeft');
      await page.waitForTimeout(300);
      await page.keyboard.press('Space');
      const moved = page.getByRole('status').filter({ hasText: ': Offer sent' });
      await moved.waitFor();
      await stage('offer').locator(`[data-deal-id="${id}"]`).waitFor();
      await moved.getByRole('button', { name: 'Undo' }).click();
      await stage('confirmed').locator(`[data-deal-id="${id}"]`).waitFor();
      expect(pageErrors(page)).toEqual([]);
    },
  );

  it('saved views: the list saved under a name, listed in the sidebar, renamed and deleted', async () => {
    const page = await openLaptop();
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('andersson');
    await page.getByText('Columns', { exact: true }).click();
    await page.getByRole('checkbox', { name: 'Phone' }).click();
    await page.getByText('Columns', { exact: true }).click();
    await page.getByText('Views', { exact: true }).click();
    const menu = page.getByRole('group', { name: 'Saved views' });
    await menu.getByLabel('View name').fill('Anderssons');
    await menu.getByRole('button', { name: 'Save view' }).click();
    const sidebar = page.getByRole('list', { name: 'Saved views' });
    await sidebar.getByRole('button', { name: 'Anderssons' }).waitFor();

    // Elsewhere, then back through the sidebar: search and columns come back.
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('');
    await page.getByText('Columns', { exact: true }).click();
    await page.getByRole('checkbox', { name: 'Phone' }).click();
    await page.getByText('Columns', { exact: true }).click();
    await page.getByRole('link', { name: /^Tasks/ }).click();
    await sidebar.getByRole('button', { name: 'Anderssons' }).click();
    await expect.poll(() => page.getByTestId('result-count').textContent()).toBe('3 of 60');
    // The view's columns are a stored setting the list reads live, a moment after its search:
    // poll (the Phone column was shown just before, so it must go).
    await expect
      .poll(() => page.getByRole('columnheader').allTextContents())
      .not.toContain('Phone');
    await screenshot(page, 'customers-saved-view');

    await page.getByText('Views', { exact: true }).click();
    await menu.getByRole('button', { name: 'Rename Anderssons' }).click();
    await menu.getByLabel('New name for Anderssons').fill('The Anderssons');
    await menu.getByLabel('New name for Anderssons').press('Enter');
    await sidebar.getByRole('button', { name: 'The Anderssons' }).waitFor();
    await menu.getByRole('button', { name: 'Delete The Anderssons' }).click();
    await expect.poll(() => sidebar.count()).toBe(0);
    await page
      .getByRole('status')
      .filter({ hasText: 'Deleted the view' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await sidebar.getByRole('button', { name: 'The Anderssons' }).waitFor();
    expect(pageErrors(page)).toEqual([]);
  });
});
