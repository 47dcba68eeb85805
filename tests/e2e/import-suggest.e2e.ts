// The import wizard reads the German Excel file and says, in words, what it found: the
// encoding by name and why, and the region the phones and headers point to.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp, pageErrors, screenshot } from './browser';

const fixtureDir = resolve(import.meta.dirname, '../../../shared/fixtures/csv');
const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('import says what it found', () => {
  it('names the encoding and suggests Germany for a German Excel file, saying why', async () => {
    const page = await openApp(browser, baseUrl, '#/import');
    await page
      .getByLabel('CSV file', { exact: true })
      .setInputFiles(resolve(fixtureDir, 'excel-de-semicolon-cp1252.csv'));
    const encoding = page.getByLabel('Encoding');
    await encoding.waitFor();
    expect(await encoding.locator('option:checked').textContent()).toBe(
      'Western European (Windows-1252)',
    );
    const formats = page.locator('.import-controls');
    expect(await formats.textContent()).not.toContain('chardet');
    await page.getByRole('button', { name: 'Next: columns' }).click();
    const region = page.getByLabel('Region for national phone numbers');
    expect(await region.inputValue()).toBe('DE');
    expect(await region.locator('option:checked').textContent()).toBe('Germany (+49)');
    await page
      .getByText(
        /^Suggested Germany: \d+ phones without a country code are valid there, \d+ phones start with \+49, headers are German, dates are written DD\.MM\.YYYY\.$/,
      )
      .waitFor();
    await screenshot(page, 'import-region-suggested');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  // Most of the export's codes are +44, but its numbers without a code are American: read in
  // Britain (main of 2026-12-06), 62 of 195 rows had an invalid phone; the file has 5.
  it("reads a HubSpot export's national numbers in the United States", async () => {
    const page = await openApp(browser, baseUrl, '#/import');
    const file = resolve(fixtureDir, 'hubspot-contacts-export.csv');
    const expected = JSON.parse(readFileSync(`${file}.expect.json`, 'utf8')) as {
      rows_with_invalid_phone: number;
    };
    await page.getByLabel('CSV file', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Next: columns' }).click();
    const region = page.getByLabel('Region for national phone numbers');
    await expect.poll(() => region.inputValue()).toBe('US');
    await page
      .getByText(/^Suggested United States: \d+ phones without a country code are valid there/)
      .waitFor();
    await page.getByRole('button', { name: 'Next: check rows' }).click();
    await page.getByRole('heading', { name: 'Check rows' }).waitFor();
    const invalidPhones = page
      .getByLabel('Issue counts', { exact: true })
      .locator('[data-count="invalid-phone"]');
    await expect
      .poll(() => invalidPhones.getAttribute('data-value'))
      .toBe(String(expected.rows_with_invalid_phone));
    await screenshot(page, 'import-hubspot-region');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
