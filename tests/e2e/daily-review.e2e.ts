// The seventeenth session's review of daily customer work: a toast never covers the control in
// use, new work is owned by whoever creates it, one phone-type select everywhere.
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

async function openLaptop(
  path = '#/customers',
  viewport = { width: 1024, height: 700 },
  colorScheme: 'light' | 'dark' = 'light',
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-US', colorScheme });
  context.setDefaultTimeout(20_000);
  const page = trackErrors(await context.newPage());
  await page.goto(new URL('#/customers', baseUrl).toString());
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByTestId('result-count').filter({ hasText: '60 customers' }).waitFor();
  if (path !== '#/customers') await page.goto(new URL(path, baseUrl).toString());
  return page;
}

/** A customer with one email and one phone, its page open (the contact editors at the bottom). */
async function newCustomer(page: Page, name: [string, string], email: string, phone: string) {
  await page
    .getByRole('button', { name: /New customer/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: 'New customer' });
  await dialog.getByLabel('First name').fill(name[0]);
  await dialog.getByLabel('Last name').fill(name[1]);
  await dialog.getByLabel('Email 1', { exact: true }).fill(email);
  await dialog.getByLabel('Phone 1', { exact: true }).fill(phone);
  await dialog.getByRole('button', { name: 'Create customer' }).click();
  await page.getByRole('heading', { name: name.join(' ') }).waitFor();
}

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('daily review', { timeout: 120_000 }, () => {
  it('at 1024x700 a toast never covers the contact editor’s Save; it goes back down after', async () => {
    const page = await openLaptop();
    await newCustomer(page, ['Tess', 'Toaster'], 'tess@toaster.example', '+49 30 6403154');
    // A save leaves a toast (with Undo) on screen while the next editor opens.
    await page.getByRole('button', { name: 'Edit tess@toaster.example' }).click();
    await page.getByLabel('Label', { exact: true }).fill('work');
    await page.keyboard.press('Enter');
    const toast = page
      .getByRole('region', { name: 'Notifications' })
      .getByRole('status')
      .filter({ hasText: 'Saved tess@toaster.example' });
    await toast.waitFor();
    await page.getByRole('button', { name: /^Edit \+49/ }).click();
    const save = page.getByRole('button', { name: 'Save', exact: true });
    await save.waitFor();
    await screenshot(page, 'review-toast-beside-save-1024');
    // Both on screen at once, apart (a toast that had left would prove nothing).
    const [toastBox, saveBox, inputBox] = await Promise.all([
      toast.boundingBox(),
      save.boundingBox(),
      page.getByRole('textbox', { name: 'Phone', exact: true }).boundingBox(),
    ]);
    expect(toastBox && saveBox && inputBox).toBeTruthy();
    expect(saveBox!.y + saveBox!.height).toBeLessThanOrEqual(700);
    expect(intersects(toastBox!, saveBox!)).toBe(false);
    expect(intersects(toastBox!, inputBox!)).toBe(false);
    expect(await toast.isVisible()).toBe(true);
    // Wherever it went (top or bottom, as the editor's place on screen asks), never over the
    // page's own header and tabs (the top placement's rule is unit-tested in toast-placement).
    const [headerBox, tabsBox] = await Promise.all([
      page.locator('.page-header').boundingBox(),
      page.getByRole('tablist').first().boundingBox(),
    ]);
    expect(intersects(toastBox!, headerBox!)).toBe(false);
    expect(intersects(toastBox!, tabsBox!)).toBe(false);
    // Escape: the focus is back on Edit; the toast stays off it too.
    await page.keyboard.press('Escape');
    const edit = page.getByRole('button', { name: /^Edit \+49/ });
    await expect
      .poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label")'))
      .toMatch(/^Edit \+49/);
    await screenshot(page, 'review-toast-after-escape-1024');
    const [afterToast, editBox] = await Promise.all([toast.boundingBox(), edit.boundingBox()]);
    if (afterToast) expect(intersects(afterToast, editBox!)).toBe(false);
    // Focus at the top of the page: the toast goes back to its usual place.
    await page.getByRole('tab', { name: 'Contact info' }).focus();
    await expect
      .poll(() =>
        page.getByRole('region', { name: 'Notifications' }).getAttribute('data-placement'),
      )
      .toBe('bottom');
    expect(pageErrors(page)).toEqual([]);
  });

  it('a new deal and a new customer are yours unless changed, as a new task is', async () => {
    const page = await openLaptop('#/settings', { width: 1440, height: 900 });
    await page.getByLabel('You are').selectOption({ label: 'Alex Moreno' });
    await page.getByRole('link', { name: /^Deals/ }).click();
    await page
      .getByRole('button', { name: /New deal/ })
      .first()
      .click();
    const deal = page.getByRole('dialog', { name: 'New deal' });
    await expect
      .poll(() => deal.getByLabel('Owner').locator('option:checked').textContent())
      .toBe('Alex Moreno');
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: /^Customers/ }).click();
    await page
      .getByRole('button', { name: /New customer/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await expect
      .poll(() => dialog.getByLabel('Owner').locator('option:checked').textContent())
      .toBe('Alex Moreno');
    // Changeable: another owner chosen is the one written.
    await dialog.getByLabel('Owner').selectOption({ label: 'Sam Okafor' });
    await dialog.getByLabel('First name').fill('Owen');
    await dialog.getByLabel('Last name').fill('Ownership');
    await dialog.getByLabel('Email 1', { exact: true }).fill('owen@ownership.example');
    await dialog.getByRole('button', { name: 'Create customer' }).click();
    await page.getByRole('heading', { name: 'Owen Ownership' }).waitFor();
    await expect
      .poll(() => page.getByLabel('Owner').locator('option:checked').textContent())
      .toBe('Sam Okafor');
    expect(pageErrors(page)).toEqual([]);
  });

  it('the phone type is the same select in the new-customer form, the add row and the editor', async () => {
    const page = await openLaptop('#/customers', { width: 1440, height: 900 });
    const options = async (select: ReturnType<Page['getByLabel']>) => {
      await select.locator('option').first().waitFor({ state: 'attached' });
      return select.locator('option').allTextContents();
    };
    await page
      .getByRole('button', { name: /New customer/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    const inForm = await options(dialog.getByLabel('Phone 1 type'));
    await page.keyboard.press('Escape');
    await newCustomer(page, ['Phil', 'Types'], 'phil@types.example', '+49 30 6403154');
    const inAddRow = await options(page.getByLabel('New phone type'));
    await page.getByRole('button', { name: /^Edit \+49/ }).click();
    const inEditor = await options(page.getByLabel('Type', { exact: true }));
    expect(inForm).toEqual(['Mobile', 'Work', 'Home', 'Other']);
    expect(inAddRow).toEqual(inForm);
    expect(inEditor).toEqual(inForm);
    expect(pageErrors(page)).toEqual([]);
  });

  it('sorted by engagement at 1024x700, the list shows the scores it orders by', async () => {
    const page = await openLaptop();
    const header = page.getByRole('columnheader', { name: 'Score' });
    expect(await header.count()).toBe(0);
    await page.getByLabel('Sort', { exact: true }).selectOption({ label: 'Most engaged first' });
    await header.waitFor();
    expect(await page.getByRole('columnheader', { name: 'Name' }).count()).toBe(1);
    // Still no sideways scrolling.
    const overflow = await page.evaluate(
      '[...document.querySelectorAll(".customer-grid")].some((grid) => grid.scrollWidth > grid.clientWidth + 1)',
    );
    expect(overflow).toBe(false);
    await screenshot(page, 'review-sorted-by-score-1024');
    expect(pageErrors(page)).toEqual([]);
  });
});
