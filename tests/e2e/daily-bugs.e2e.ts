// The bugs people hit in daily work (issue 16): each test failed on the main of 2026-12-06.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp, pageErrors, screenshot } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function chooseCsv(page: Page, name: string, csv: string) {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.getByRole('button', { name: 'Next: columns' }).click();
}

async function importThroughPlan(page: Page) {
  await page.getByRole('button', { name: 'Next: check rows' }).click();
  await page.getByRole('button', { name: 'Next: plan' }).click();
  await page.getByRole('button', { name: /^Import [\d,]+ customers?$|^Finish/ }).click();
  await page.getByRole('heading', { name: 'Import finished' }).waitFor();
}

describe('the bugs people hit', () => {
  it('the first click on "Add phone" after an invalid value adds a phone', async () => {
    const page = await openApp(browser, baseUrl);
    await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
    await page
      .getByRole('button', { name: /New customer/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.getByLabel('Email 1', { exact: true }).fill('not-an-email');
    await dialog.getByLabel('Phone 1', { exact: true }).fill('12');
    // The pointer goes down on the button while the phone still has focus: the error line
    // appears on blur, between the press and the release.
    await dialog.getByRole('button', { name: 'Add phone' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'not a' }).waitFor();
    await expect.poll(() => dialog.getByLabel('Phone 2', { exact: true }).count()).toBe(1);
    // Regions by name (the main of 2026-12-06 said "read as US" and "for US").
    await dialog.getByText('(national numbers read in United States)').waitFor();
    await dialog
      .getByRole('alert')
      .filter({ hasText: '"12" is not a valid number for United States' })
      .waitFor();
    // Same for an invalid email and the next button down.
    await dialog.getByLabel('Phone 2', { exact: true }).fill('34');
    await dialog.getByLabel('Email 1', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Add email' }).click();
    await expect.poll(() => dialog.getByLabel('Email 2', { exact: true }).count()).toBe(1);
    await screenshot(page, 'customer-new-errors-reserved');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  // Colours from tokens only: the backdrop was one rgba for both themes, 35% black, which left
  // a dark page about as bright behind a dialog as beside it (main of 2026-12-06).
  it('in dark, a dialog dims the page behind it', async () => {
    const page = await openApp(browser, baseUrl);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
    await page.keyboard.press('c');
    await page.getByRole('dialog', { name: 'New customer' }).waitFor();
    const alpha = await page.locator('.dialog-overlay').evaluate((overlay) => {
      const style = overlay.ownerDocument.defaultView?.getComputedStyle(overlay);
      const match = /rgba?\(([^)]*)\)/.exec(style?.backgroundColor ?? '');
      return Number(match?.[1]?.split(',')[3] ?? 1);
    });
    expect(alpha).toBeGreaterThanOrEqual(0.55);
    await screenshot(page, 'dialog-dark-backdrop');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('a saved import mapping comes back with its phone region', async () => {
    const page = await openApp(browser, baseUrl, '#/import');
    // English headers and national numbers: nothing in the file says Germany but the user.
    const csv =
      'Email,First Name,Phone\r\nana@example.com,Ana,030 1234567\r\nbo@example.com,Bo,0151 23456789\r\n';
    await chooseCsv(page, 'berlin.csv', csv);
    await page.getByLabel('Region for national phone numbers').selectOption('DE');
    await importThroughPlan(page);
    await page.getByRole('button', { name: 'Import another file' }).click();
    await chooseCsv(page, 'berlin-again.csv', csv);
    await page.getByText('Your saved mapping for these columns was applied').waitFor();
    expect(await page.getByLabel('Region for national phone numbers').inputValue()).toBe('DE');
    await page.getByRole('button', { name: 'Next: check rows' }).click();
    await page.getByRole('heading', { name: 'Check rows' }).waitFor();
    expect(
      await page
        .getByLabel('Issue counts', { exact: true })
        .locator('[data-count="invalid-phone"]')
        .getAttribute('data-value'),
    ).toBe('0');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('an imported phone labelled "Mobile" says mobile once', async () => {
    const page = await openApp(browser, baseUrl, '#/import');
    const csv =
      'First Name,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\r\n' +
      'Ana,ana@example.com,Mobile,+49 151 23456789\r\n';
    await chooseCsv(page, 'google.csv', csv);
    await importThroughPlan(page);
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('row', { name: /Ana/ }).click();
    const phone = page.getByRole('list', { name: 'Phones' }).getByRole('listitem').first();
    await phone.waitFor();
    const meta = (await phone.textContent()) ?? '';
    expect(meta.match(/mobile/gi)).toHaveLength(1);
    await screenshot(page, 'customer-imported-phone-kind');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('the web preview asks for no file it does not have (the favicon)', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
    const page = await context.newPage();
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(new URL('#/customers', baseUrl).toString());
    await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toBeTruthy();
    const fetched = await page.evaluate(async (href) => (await fetch(href ?? '')).status, icon);
    expect(fetched).toBe(200);
    // Open every page once: their chunks load on demand and must all be there.
    for (const link of ['Deals', 'Tasks', 'Relationships', 'Import', 'Settings']) {
      await page.getByRole('link', { name: new RegExp(`^${link}`) }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(`^${link}`) }).waitFor();
    }
    expect(missing).toEqual([]);
    await context.close();
  });
});
