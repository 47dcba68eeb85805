// The import wizard reads the German Excel file and says, in words, what it found: the
// encoding by name and why, and the region the phones and headers point to.
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
        /^Suggested Germany: \d+ phones start with \+49, headers are German, dates are written DD\.MM\.YYYY\.$/,
      )
      .waitFor();
    await screenshot(page, 'import-region-suggested');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
