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

async function search(page: Page, text: string) {
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(text);
}

describe('customers, as a promoter uses them', () => {
  it('creates a customer with two emails and two phones, finds, edits, deletes and undoes', async () => {
    const page = await openApp(browser, baseUrl);
    await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
    await screenshot(page, 'customers-empty');

    await page
      .getByRole('button', { name: /New customer/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.getByLabel('First name').fill('Renée');
    await dialog.getByLabel('Last name').fill('Müller-Ibáñez');
    await dialog.getByLabel('Email 1', { exact: true }).fill('renee@muller.example');
    await dialog.getByRole('button', { name: 'Add email' }).click();
    await dialog.getByLabel('Email 2', { exact: true }).fill('R.Muller@Agency.example');
    await dialog.getByLabel('Phone 1', { exact: true }).fill('(415) 555-0134');
    await dialog.getByRole('button', { name: 'Add phone' }).click();
    await dialog.getByLabel('Phone 2', { exact: true }).fill('+49 30 1234567');
    await dialog.getByLabel('Tags').fill('vip, festival');
    await screenshot(page, 'customer-new-dialog');
    await dialog.getByRole('button', { name: 'Create customer' }).click();

    await page.getByRole('heading', { name: 'Renée Müller-Ibáñez' }).waitFor();
    const emails = page.getByRole('list', { name: 'Emails' });
    await expect.poll(() => emails.getByRole('listitem').count()).toBe(2);
    expect(await emails.textContent()).toContain(
      'r.muller@agency.example'.replace('r.muller', 'R.Muller').replace('agency', 'Agency'),
    );
    const phones = page.getByRole('list', { name: 'Phones' });
    expect(await phones.textContent()).toContain('+1 415 555 0134');
    expect(await phones.textContent()).toContain('+49 30 1234567');
    await screenshot(page, 'customer-detail');

    // Find it by a middle part of a phone number ...
    await page.getByRole('link', { name: 'Back to customers' }).click();
    await search(page, '555-01');
    const row = page.getByRole('row', { name: /Renée Müller-Ibáñez/ });
    await row.waitFor();
    await expect.poll(() => page.getByTestId('result-count').textContent()).toBe('1 of 1');
    await screenshot(page, 'customers-search-phone');
    // ... and by its accented name typed without accents, in two words.
    await search(page, 'renee mull');
    await row.waitFor();
    await search(page, 'ibanez');
    await row.waitFor();

    // Edit in place: a bad phone is refused inline, a new last name is saved.
    await row.click();
    await page.getByRole('button', { name: /^Last name: .* Edit$/ }).click();
    await page.getByRole('textbox', { name: 'Last name' }).fill('Müller');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Renée Müller', exact: true }).waitFor();
    await page.getByLabel('New phone', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Add phone' }).click();
    await page.getByRole('alert').filter({ hasText: 'not' }).waitFor();
    await expect.poll(() => phones.getByRole('listitem').count()).toBe(2);
    await screenshot(page, 'customer-detail-invalid-phone');

    // Remove is one click: the toast says which phone went and Undo puts it back (on the main
    // of 2026-12-07 it was gone without a word, and Ctrl+Z did nothing).
    await phones.getByRole('button', { name: 'Remove +49 30 1234567' }).click();
    await expect.poll(() => phones.getByRole('listitem').count()).toBe(1);
    const removed = page.getByRole('status').filter({ hasText: 'Removed +49 30 1234567' });
    await removed.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => phones.getByRole('listitem').count()).toBe(2);
    expect(await phones.textContent()).toContain('+49 30 1234567');

    // Delete, then undo from the toast.
    await page.getByRole('button', { name: 'Delete customer' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted Renée Müller' }).waitFor();
    // It was the only customer: the list is empty again, and the toast offers undo.
    await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
    await screenshot(page, 'customers-after-delete');
    await page.getByRole('button', { name: 'Undo' }).click();
    await search(page, 'renee');
    await page.getByRole('row', { name: /Renée Müller/ }).waitFor();
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('offers the existing customer instead of doubling an email, and navigates by keyboard', async () => {
    const page = await openApp(browser, baseUrl);
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await page.getByRole('grid', { name: 'Customers' }).waitFor();
    await expect.poll(() => page.getByTestId('result-count').textContent()).toBe('60 customers');
    await screenshot(page, 'customers-demo-list');

    // Keyboard: / focuses search, ↓ moves into the list, j moves down, Enter opens.
    await page.keyboard.press('/');
    await search(page, '');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('j');
    const second = await page.getByRole('row').nth(2).getByRole('gridcell').first().textContent();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: second ?? '' }).waitFor();
    const existingEmail =
      (await page.getByRole('list', { name: 'Emails' }).getByRole('listitem').first().textContent())
        ?.split(' ')[0]
        ?.replace('Primary', '') ?? '';

    await page.getByRole('link', { name: 'Back to customers' }).click();
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.getByLabel('First name').fill('Copy');
    await dialog.getByLabel('Email 1', { exact: true }).fill(existingEmail.toUpperCase());
    await dialog.getByRole('button', { name: 'Create customer' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'already belongs to' }).waitFor();
    await screenshot(page, 'customer-duplicate-email');
    await dialog.getByRole('button', { name: `Open ${second}` }).click();
    await page.getByRole('heading', { name: second ?? '' }).waitFor();
    await page.getByRole('link', { name: 'Back to customers' }).click();
    await expect.poll(() => page.getByTestId('result-count').textContent()).toBe('60 customers');
    await page.context().close();
  });

  it('filters by stage and tag, and the settings region changes how phones are read', async () => {
    const page = await openApp(browser, baseUrl);
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await page.getByRole('grid', { name: 'Customers' }).waitFor();
    await page.getByRole('combobox', { name: 'Stage' }).selectOption('customer');
    await expect
      .poll(async () => (await page.getByTestId('result-count').textContent()) ?? '')
      .toMatch(/^\d+ of 60$/);
    const stages = await page.getByRole('row').locator('.badge').allTextContents();
    expect(stages.length).toBeGreaterThan(0);
    expect(new Set(stages)).toEqual(new Set(['Customer']));

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Default region').selectOption('DE');
    await page.getByRole('link', { name: 'Customers' }).click();
    await page
      .getByRole('button', { name: /New customer/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.getByLabel('First name').fill('Jürgen');
    await dialog.getByLabel('Phone 1', { exact: true }).fill('030 1234567');
    await dialog.getByRole('button', { name: 'Create customer' }).click();
    await page.getByRole('heading', { name: 'Jürgen' }).waitFor();
    expect(await page.getByRole('list', { name: 'Phones' }).textContent()).toContain(
      '+49 30 1234567',
    );
    await page.context().close();
  });

  it('shows a clear message with a way out, not a blank screen, when storage fails', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      const failing = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      Object.defineProperty(globalThis, 'indexedDB', {
        value: { open: failing, deleteDatabase: failing, cmp: () => 0 },
        configurable: true,
      });
    });
    const page = await context.newPage();
    await page.goto(new URL('#/customers', baseUrl).toString());
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getByRole('heading').textContent()).toMatch(/disk is full|could not open/i);
    await alert.getByRole('button', { name: 'Try again' }).waitFor();
    await screenshot(page, 'storage-error');
    await context.close();
  });
});
