// A promoter's and a booking agent's day, on a 1024x700 laptop: what they read must be whole,
// and the forms line up (the eighteenth session's review).
import type { Browser } from 'playwright-core';
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

async function openLaptop(colorScheme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 700 },
    locale: 'en-US',
    colorScheme,
  });
  const page = trackErrors(await context.newPage());
  await page.goto(new URL('#/customers', baseUrl).toString());
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByTestId('result-count').filter({ hasText: '60 customers' }).waitFor();
  return page;
}

describe('read whole, lined up', () => {
  // On the main of 2026-12-07 a phone with a "+1" beside it read "+33 6 59 57 6…" at 1024 wide.
  it('at 1024x700 every phone in the list is whole, its "+n" beside it', async () => {
    const page = await openLaptop();
    await expect.poll(() => page.locator('.list-row .col-phone').count()).toBeGreaterThan(10);
    expect(await page.getByRole('columnheader').allTextContents()).toContain('Phone');
    const clipped = await page
      .locator('.list-row .col-phone')
      .evaluateAll((cells) =>
        cells.flatMap((cell) =>
          [cell, ...cell.querySelectorAll('*')]
            .filter((el) => el.scrollWidth > el.clientWidth + 0.5)
            .map((el) => `${cell.textContent}: ${el.scrollWidth} > ${el.clientWidth}`),
        ),
      );
    expect(clipped).toEqual([]);
    // Some of them have the "+1", and the owner column still fits beside them.
    expect(await page.locator('.list-row .col-phone .tag').count()).toBeGreaterThan(0);
    expect(await page.getByRole('columnheader').allTextContents()).toContain('Owner');
    await screenshot(page, 'trust-phones-whole-1024');
    expect(pageErrors(page)).toEqual([]);
  });

  // On the main of 2026-12-07 "Emails" and "Phones" sat 2 px right of the form's other labels
  // (a legend's own padding).
  it('the new-customer form’s headings share one left edge and one gap above their fields', async () => {
    const page = await openLaptop('dark');
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.waitFor();
    const lefts = await dialog.locator('.field-label').evaluateAll((labels) =>
      labels.map((label) => {
        const range = label.ownerDocument.createRange();
        range.selectNodeContents(label);
        return [label.textContent?.split(' (')[0], Math.round(range.getBoundingClientRect().x)];
      }),
    );
    const left = (name: string) => lefts.find(([text]) => text === name)?.[1];
    expect(left('Emails')).toBeDefined();
    expect(left('Emails')).toBe(left('First name'));
    expect(left('Phones')).toBe(left('First name'));
    expect(left('Stage')).toBe(left('First name'));
    // And as far above their fields as a label is above its own.
    const gapBelow = (heading: string, field: string) =>
      dialog.evaluate(
        (root, [headingText, fieldName]) => {
          const label = [...root.querySelectorAll('.field-label')].find((el) =>
            el.textContent?.startsWith(headingText!),
          );
          const range = root.ownerDocument.createRange();
          range.selectNodeContents(label!);
          const input = root.querySelector(`[name="${fieldName}"]`)!;
          return Math.round(
            input.getBoundingClientRect().top - range.getBoundingClientRect().bottom,
          );
        },
        [heading, field],
      );
    const labelGap = await gapBelow('First name', 'first_name');
    expect(await gapBelow('Emails', 'emails.0.address')).toBe(labelGap);
    expect(await gapBelow('Phones', 'phones.0.raw_input')).toBe(labelGap);
    await screenshot(page, 'trust-new-customer-1024-dark');
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('the keyboard alone', () => {
  // On the main of 2026-12-07: "c" then a name at once lost the name (the dialog loads on its
  // first opening) and its "d" opened the deals; after "Create customer" the focus was on
  // nothing, ten sidebar links before the page; Enter in a task's due field left the focus
  // there.
  it('adds a customer, gives them a task and finds them again, without the mouse', async () => {
    const page = await openLaptop();
    const focused = () =>
      page.locator('body').evaluate((body) => {
        const active = body.ownerDocument.activeElement;
        return `${active?.tagName} ${active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? ''}`;
      });
    await page.keyboard.press('c');
    await page.keyboard.type('David');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Dorado');
    await page.keyboard.press('Tab');
    await page.keyboard.type('david.dorado@example.org');
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await expect
      .poll(() => dialog.getByLabel('First name').inputValue(), { timeout: 10_000 })
      .toBe('David');
    await expect.poll(() => dialog.getByLabel('Last name').inputValue()).toBe('Dorado');
    await expect
      .poll(() => dialog.getByLabel('Email 1', { exact: true }).inputValue())
      .toBe('david.dorado@example.org');
    expect(page.url()).toMatch(/#\/customers$/);
    await page.keyboard.press('Enter');

    // The customer's page, its heading focused: two Tabs reach its sections.
    await page.getByRole('heading', { name: 'David Dorado' }).waitFor();
    await expect.poll(focused).toBe('H1 David Dorado');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('BUTTON Contact info');
    await page.keyboard.press('ArrowRight');
    await page.getByLabel('New task title').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('INPUT New task title');
    await page.keyboard.type('Send the rider');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('tomorrow 10am');
    await page.keyboard.press('Enter');
    await page.getByRole('tabpanel').getByText('Send the rider').waitFor({ timeout: 10_000 });
    // Back in the title for the next task.
    await expect.poll(focused).toBe('INPUT New task title');
    await screenshot(page, 'trust-keyboard-task-1024');

    // Found again by search, opened with Enter.
    // Out of the field (as a click on the page would), then "/" from anywhere.
    await page.getByLabel('New task title').blur();
    await page.keyboard.press('/');
    await page.keyboard.type('dorado');
    await expect.poll(() => page.getByTestId('result-count').textContent()).toBe('1 of 61');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('H1 David Dorado');
    expect(pageErrors(page)).toEqual([]);
  });
});
