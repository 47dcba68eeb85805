import type { Browser } from 'playwright-core';
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

describe('the command palette, keyboard only', () => {
  it('Escape closes a dialog and the focus goes back to the button that opened it', async () => {
    const page = await openApp(browser, baseUrl);
    await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
    const opener = page.locator('.page-header').getByRole('button', { name: /New customer/ });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => opener.evaluate((button) => button.matches(':focus'))).toBe(true);
    expect(pageErrors(page)).toEqual([]);
  });

  it('runs "New customer", then finds that customer by name and opens it with Enter', async () => {
    const page = await openApp(browser, baseUrl);
    await page.getByRole('heading', { name: 'No customers yet' }).waitFor();

    // Ctrl+K, type the action, Enter: the new-customer dialog opens with focus in it.
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await page.keyboard.type('new cust');
    await palette.getByRole('option', { name: /New customer/ }).waitFor();
    await screenshot(page, 'palette-actions');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.waitFor();
    expect(await palette.count()).toBe(0);
    await page.keyboard.type('Zoë');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Quintana');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Zoë Quintana' }).waitFor();

    // Escape closes the palette; on the deal board (its key, d), Ctrl+K and part of her name
    // without the accent: Enter opens her.
    await page.keyboard.press('Control+k');
    await palette.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => palette.count()).toBe(0);
    await page.keyboard.press('d');
    await page.getByRole('heading', { name: 'Deals', exact: true }).waitFor();
    await page.keyboard.press('Control+k');
    await page.keyboard.type('zoe quin');
    const match = palette.getByRole('option', { name: /Zoë Quintana/ });
    await match.waitFor();
    await expect.poll(() => match.getAttribute('aria-selected')).toBe('true');
    await screenshot(page, 'palette-customer');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Zoë Quintana' }).waitFor();
    expect(page.url()).toMatch(/#\/customers\/[0-9a-f-]{36}$/);
    expect(pageErrors(page)).toEqual([]);
  });
});
