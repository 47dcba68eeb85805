// The import wizard on a file in our own export format, with the Encore ID column: people
// without an email are imported by their id, customers keep their exported ids (a restore),
// a bad id and an id/email disagreement are reported, and importing again matches by id.
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

const ANA = '019a1111-0000-7000-8000-0000000000a1';
const BO = '019a1111-0000-7000-8000-0000000000b0';
const CY = '019a1111-0000-7000-8000-0000000000c7';
const csv =
  '\ufeffEncore ID,First name,Last name,Email 1,Email 1 label,Phone 1,Phone 1 type,Phone 1 label,Tags\r\n' +
  `${ANA},Ana,Lima,ana@example.org,work,,,,vip\r\n` +
  `${BO},Bo,,,,'+14155550101,mobile,cell,\r\n` +
  `${CY},Cy,,ana@example.org,,,,,\r\n` +
  `not-an-id,Di,,di@example.org,,,,,\r\n`;

const count = async (page: Page, group: string, key: string) =>
  Number(
    await page
      .getByLabel(group, { exact: true })
      .locator(`[data-count="${key}"]`)
      .getAttribute('data-value'),
  );

async function toPlan(page: Page, shot?: string) {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({
    name: 'encore-customers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await page.getByRole('heading', { name: /Header row and format/ }).waitFor();
  await page.getByRole('button', { name: 'Next: columns' }).click();
  expect(await page.getByLabel('Import Encore ID as').inputValue()).toBe('encore_id');
  expect(await page.getByLabel('Import Phone 1 type as').inputValue()).toBe('phone_type');
  if (shot) await screenshot(page, `${shot}-columns`);
  await page.getByRole('button', { name: 'Next: check rows' }).click();
  await page.getByRole('heading', { name: 'Check rows' }).waitFor();
}

describe('import wizard with the Encore ID column', () => {
  it('restores ids, imports an email-less person, reports id problems, then matches by id', async () => {
    const page = await openApp(browser, baseUrl, '#/import');
    await toPlan(page, 'import-encore-id');
    expect({
      rows: await count(page, 'Issue counts', 'rows-read'),
      invalidIds: await count(page, 'Issue counts', 'invalid-id'),
      conflicts: await count(page, 'Issue counts', 'id-conflict'),
    }).toEqual({ rows: 4, invalidIds: 1, conflicts: 1 });
    const issues = page.getByRole('table', { name: 'Rows with issues' });
    await issues.getByText('Email also on row 2, with another Encore ID').waitFor();
    await screenshot(page, 'import-encore-id-check');
    await page.getByRole('button', { name: 'Next: plan' }).click();
    await page.getByRole('heading', { name: 'Plan' }).waitFor();
    expect(await count(page, 'Plan counts', 'new')).toBe(3);
    await expect
      .poll(() => page.getByTestId('import-id-summary').textContent())
      .toBe('By Encore ID: 0 found in Encore, 2 new with their exported ID.');
    await screenshot(page, 'import-encore-id-plan');
    await page.getByRole('button', { name: 'Import 3 customers' }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor();
    expect(await count(page, 'Summary counts', 'created')).toBe(3);
    expect(await count(page, 'Summary counts', 'not-imported')).toBe(1);

    // Again: everyone is found (Ana and Bo by id, Di by email), nobody is created.
    await page.getByRole('button', { name: 'Import another file' }).click();
    await toPlan(page);
    await page.getByRole('button', { name: 'Next: plan' }).click();
    await expect
      .poll(() => page.getByTestId('import-id-summary').textContent())
      .toBe('By Encore ID: 2 found in Encore, 0 new with their exported ID.');
    expect(await count(page, 'Plan counts', 'new')).toBe(0);
    await page.getByRole('button', { name: /^Finish/ }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor();
    expect(await count(page, 'Summary counts', 'created')).toBe(0);

    // Bo, who has no email, kept his exported id: his page opens at it.
    await page.goto(new URL(`#/customers/${BO}`, baseUrl).toString());
    await page.getByText('+1 415 555 0101').first().waitFor();
    await screenshot(page, 'import-encore-id-restored');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
