// First run on an empty database: three questions prefilled from the system, then the person
// who answered owns the tasks they add and is named in deal history.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, pageErrors, screenshot, trackErrors } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A German laptop in Berlin; `?welcome` asks the questions although the browser is automated. */
async function openGermanLaptop(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1360, height: 820 },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  const page = trackErrors(await context.newPage());
  await page.goto(new URL('?welcome#/customers', baseUrl).toString());
  return page;
}

async function addTaskOnNewCustomer(page: Page, title: string) {
  await page
    .getByRole('button', { name: /New customer/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: 'New customer' });
  await dialog.getByLabel('First name').fill('Sala');
  await dialog.getByLabel('Last name').fill('Apolo');
  await dialog.getByRole('button', { name: 'Create customer' }).click();
  await page.getByRole('heading', { name: 'Sala Apolo' }).waitFor();
  await page.getByRole('tab', { name: 'Tasks' }).click();
  await page.getByLabel('New task title').fill(title);
  await page.keyboard.press('Enter');
}

describe('first run', () => {
  it('asks who you are, your region and currency; then tasks and deal history carry your name', async () => {
    const page = await openGermanLaptop();
    const welcome = page.getByRole('dialog', { name: 'Welcome to Encore' });
    await welcome.waitFor();
    // Prefilled from the system: the region by its name, the currency it reports in.
    expect(await welcome.getByLabel('Your region').inputValue()).toBe('DE');
    expect(await welcome.getByLabel('Reporting currency').inputValue()).toBe('EUR');
    expect(await welcome.getByLabel('Your region').locator('option:checked').textContent()).toBe(
      'Deutschland (+49)',
    );
    await screenshot(page, 'first-run');
    // A name is needed: it is what history shows.
    await welcome.getByRole('button', { name: 'Start using Encore' }).click();
    await welcome.getByRole('alert').filter({ hasText: 'Type your name' }).waitFor();
    await welcome.getByLabel('Your name').fill('Alex Promoter');
    await welcome.getByRole('button', { name: 'Start using Encore' }).click();
    await welcome.waitFor({ state: 'detached' });

    await addTaskOnNewCustomer(page, 'Send the rider');
    const open = page.getByRole('list', { name: 'Open tasks' });
    await open.getByRole('listitem', { name: 'Send the rider' }).waitFor();
    expect(await open.textContent()).toContain('Alex Promoter');

    await page.getByRole('link', { name: /^Deals/ }).click();
    // A first deal is in the reporting currency chosen above, not in dollars.
    await page.getByRole('button', { name: 'New deal' }).first().click();
    const newDeal = page.getByRole('dialog', { name: 'New deal' });
    expect(await newDeal.getByLabel('Currency').inputValue()).toBe('EUR');
    await newDeal.getByRole('button', { name: 'Cancel' }).click();
    await newDeal.waitFor({ state: 'detached' });
    // Closed, the focus is back on the button that opened it (it was left on the page).
    await expect
      .poll(() => page.evaluate<string | null>('document.activeElement?.textContent ?? null'))
      .toBe('New deal');
    await page.getByRole('button', { name: 'Load demo deals' }).click();
    const offers = page.getByRole('list', { name: 'Offer sent deals', exact: true });
    const first = offers.locator('[data-deal-id]').first();
    await first.waitFor();
    const id = (await first.getAttribute('data-deal-id')) ?? '';
    const card = page.locator(`[data-deal-id="${id}"]`);
    await card.focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(200);
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(300);
    await page.keyboard.press('Space');
    await page
      .getByRole('list', { name: 'Confirmed deals', exact: true })
      .locator(`[data-deal-id="${id}"]`)
      .waitFor();
    await card.click();
    const history = page.getByRole('list', { name: 'Status history' });
    await history.getByText('Offer sent → Confirmed').waitFor();
    const entry = history.getByRole('listitem').filter({ hasText: 'Offer sent → Confirmed' });
    expect(await entry.textContent()).toContain('Alex Promoter');

    // The answers are in Settings, and the questions are not asked again.
    await page.getByRole('link', { name: 'Settings' }).click();
    expect(await page.getByLabel('Default region').inputValue()).toBe('DE');
    expect(await page.getByLabel('Reporting currency').inputValue()).toBe('EUR');
    await expect
      .poll(() => page.getByLabel('You are').locator('option:checked').textContent())
      .toBe('Alex Promoter');
    await page.reload();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await page.getByRole('dialog', { name: 'Welcome to Encore' }).count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  // After the first run the team is you, and the demo customers are yours: on the main of
  // 2026-12-06 the toast still said it had added "a three-person team".
  it('demo data after the first run says whose customers they are, and adds no team', async () => {
    const page = await openGermanLaptop();
    const welcome = page.getByRole('dialog', { name: 'Welcome to Encore' });
    await welcome.getByLabel('Your name').fill('Alex Promoter');
    await welcome.getByRole('button', { name: 'Start using Encore' }).click();
    await welcome.waitFor({ state: 'detached' });
    await page
      .getByRole('button', { name: /Load demo data/ })
      .first()
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: /Loaded 60 demo customers, .*owned by your team/ })
      .waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect
      .poll(() => page.getByLabel('You are').locator('option').allTextContents())
      .toEqual(['Not set', 'Alex Promoter']);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('"Not now" puts the questions aside for good', async () => {
    const page = await openGermanLaptop();
    const welcome = page.getByRole('dialog', { name: 'Welcome to Encore' });
    await welcome.getByRole('button', { name: 'Not now' }).click();
    await welcome.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
    expect(await welcome.count()).toBe(0);
    await page.context().close();
  });
});
