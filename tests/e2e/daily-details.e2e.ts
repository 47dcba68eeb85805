// Issue 16's details: date of birth typed as the import reads it, raw-value export, the deal
// page in the user's locale, and the relationships page's list and picker.
import { readFile } from 'node:fs/promises';
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

async function openWithDemo(
  options: {
    locale?: string;
    colorScheme?: 'light' | 'dark';
    width?: number;
    height?: number;
  } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1360, height: options.height ?? 820 },
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  // A step that cannot happen fails naming its locator, not as the test's timeout.
  context.setDefaultTimeout(20_000);
  const page = trackErrors(await context.newPage());
  await page.goto(new URL('#/customers', baseUrl).toString());
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByTestId('result-count').filter({ hasText: '60 customers' }).waitFor();
  return page;
}

// The machine running these is shared and often loaded: each test gets two minutes.
describe('daily details', { timeout: 120_000 }, () => {
  it('reads a date of birth typed as the import reads it, and says what it read', async () => {
    const page = await openWithDemo();
    await page
      .getByRole('button', { name: /New customer/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.getByLabel('First name').fill('Dora');
    await dialog.getByLabel('Last name').fill('Birthday');
    await dialog.getByLabel('Date of birth').fill('21.04.1990');
    await dialog.getByText('Read as April 21, 1990').waitFor();
    await screenshot(page, 'dob-new-customer');
    await dialog.getByRole('button', { name: 'Create customer' }).click();
    await page.getByRole('heading', { name: 'Dora Birthday' }).waitFor();
    await page.getByRole('button', { name: 'Date of birth: April 21, 1990. Edit' }).waitFor();
    // The locale's order (en-US: month first) for a date both orders could mean.
    await page.getByRole('button', { name: /^Date of birth: / }).click();
    await page.getByRole('textbox', { name: 'Date of birth' }).fill('3/4/1985');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Date of birth: March 4, 1985. Edit' }).waitFor();
    // Not a date: refused with the formats it takes, nothing saved.
    await page.getByRole('button', { name: /^Date of birth: / }).click();
    await page.getByRole('textbox', { name: 'Date of birth' }).fill('next tuesday');
    await page.keyboard.press('Enter');
    await page.getByText(/"next tuesday" is not a date/).waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('exports raw values for another system, with the warning, and protected ones by default', async () => {
    const page = await openWithDemo();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export customers' });
    await dialog.getByText(/Why phones start with an apostrophe/).waitFor();
    const download = async () => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        dialog.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      return (await readFile(await file.path())).toString('utf8');
    };
    expect(await dialog.getByRole('note').count()).toBe(0);
    const protectedFile = await download();
    expect(protectedFile).toMatch(/,'\+\d{6,}/);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.getByRole('radio', { name: /^Raw values/ }).check();
    await dialog
      .getByRole('note')
      .filter({ hasText: 'Do not open this file in a spreadsheet' })
      .waitFor();
    await screenshot(page, 'export-raw-values');
    const rawFile = await download();
    expect(rawFile).toMatch(/,\+\d{6,}/);
    expect(rawFile).not.toMatch(/,'\+/);
    expect(pageErrors(page)).toEqual([]);
  });

  it('writes deal dates, money and probability in the user locale, the board and page alike', async () => {
    // The demo data came with its deals.
    const page = await openWithDemo({ locale: 'de-DE' });
    await page.goto(new URL('#/deals', baseUrl).toString());
    const card = page.locator('[data-deal-id]').filter({ hasText: /\d{4}/ }).first();
    await card.waitFor();
    const cardDate = (await card.locator('.deal-card-meta > span').first().textContent()) ?? '';
    // German: "5. Dez. 2026", not "Dec 5, 2026" nor "2026-12-05".
    expect(cardDate).toMatch(/^\d{1,2}\. \S+ \d{4}$/);
    await card.click();
    const subtitle = page.locator('.deal-detail').locator('xpath=..').locator('.page-subtitle');
    await page.getByRole('link', { name: 'Back to deals' }).waitFor();
    expect(await subtitle.textContent()).toContain(cardDate);
    await page.getByRole('button', { name: `Event date: ${cardDate}. Edit` }).waitFor();
    // Money as Germans write it: "12.500,00 €" (or £, the deal's own currency).
    expect(await page.getByRole('button', { name: /^Amount: / }).textContent()).toMatch(
      /^[\d.]+,\d{2}\s\S+$/,
    );
    expect(await page.getByRole('button', { name: /^Probability: / }).textContent()).toMatch(
      /^\d+\s%\s·\s(weighted into forecast|won, counted in full|lost, not in the forecast)/,
    );
    await screenshot(page, 'deal-page-de');
    expect(pageErrors(page)).toEqual([]);
  });

  it('lists all relationships with a filter; the picker shows whole names', async () => {
    const page = await openWithDemo({ width: 1024, height: 700 });
    await page.goto(new URL('#/relationships', baseUrl).toString());
    await page.getByText(/Find a customer.*at the top right/).waitFor();
    // The demo's own ten links are listed; ours makes eleven.
    await page.getByRole('heading', { name: 'All relationships (10)' }).waitFor();

    const finder = page.getByRole('combobox', { name: 'Find a customer' });
    await finder.fill('andersson');
    const results = page.getByRole('listbox', { name: 'Find a customer results' });
    await results.waitFor();
    // Wide enough for a name and its email on one line, and inside the window.
    const box = await results.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(400);
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 1024).toBe(true);
    for (const name of await results.locator('[role=option] > :first-child').all())
      expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await screenshot(page, 'relationships-picker-1024');
    await finder.fill('lucia andersson');
    await page.getByRole('option', { name: /^Lucía Andersson/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Lucía Andersson' }).waitFor();

    const network = page.getByRole('group', { name: 'Add a relationship' });
    await network.getByRole('combobox', { name: 'Related customer' }).fill('nadia andersson');
    await page.getByRole('option', { name: /Nadia Andersson/ }).click();
    await page.getByRole('link', { name: 'All relationships' }).click();
    await page.getByRole('heading', { name: 'All relationships (11)' }).waitFor();
    const list = page.getByRole('list', { name: 'Relationships' });
    expect(await list.getByRole('listitem').count()).toBe(11);
    expect(await list.textContent()).toMatch(/Lucía Andersson manages Nadia Andersson/);
    await page.getByRole('searchbox', { name: 'Filter relationships' }).fill('nobody here');
    await page.getByText('No relationship matches').waitFor();
    await page.getByRole('searchbox', { name: 'Filter relationships' }).fill('nadia manag');
    expect(await list.getByRole('listitem').count()).toBe(1);
    await screenshot(page, 'relationships-all');
    expect(pageErrors(page)).toEqual([]);
  });

  it("check step: each row's person beside its issue, the page's height, fixes for all rows", async () => {
    const page = await openWithDemo();
    await page.goto(new URL('#/import', baseUrl).toString());
    const csv = [
      'First name,Last name,Email,Phone',
      'Ada,Lovelace,ada@example.com,030 1234567',
      'Bert,Brecht,bert@example.com,0151 23456789',
      'Carl,Zeiss,carl@example.com,555',
      'Dana,Noemail,,+1 415 555 2671',
      'Eve,Valid,eve@example.com,+1 415 555 2672',
    ].join('\r\n');
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Next: columns' }).click();
    await page.getByLabel('Region for national phone numbers').selectOption('US');
    await page.getByRole('button', { name: 'Next: check rows' }).click();
    await page.getByRole('heading', { name: 'Check rows' }).waitFor();
    const count = async (kind: string) =>
      Number(
        await page
          .getByLabel('Issue counts', { exact: true })
          .locator(`[data-count="${kind}"]`)
          .getAttribute('data-value'),
      );
    expect(await count('invalid-phone')).toBe(3);
    // The person beside the issue.
    const table = page.getByRole('table', { name: 'Rows with issues' });
    const ada = table.getByRole('row').filter({ hasText: 'Ada Lovelace' });
    expect(await ada.textContent()).toContain('ada@example.com');
    expect(await ada.textContent()).toContain('"030 1234567" is not a valid number');
    // The list reaches down to the buttons, whatever the window's height.
    const list = await page.locator('.import-issue-scroller').boundingBox();
    expect((list?.y ?? 0) + (list?.height ?? 0)).toBeGreaterThan(820 - 130);
    await screenshot(page, 'import-check-bulk');

    const phones = page.getByRole('group', { name: 'All rows with: Invalid phone' });
    await phones.getByLabel('Region to read these phones in').selectOption('DE');
    await phones.getByRole('button', { name: 'Re-read 3 rows' }).click();
    await expect.poll(() => count('invalid-phone')).toBe(1);
    // The region by name, as everywhere (it said "read in DE" on the main of 2026-12-06).
    await page
      .getByText('2 rows read in Germany; 1 row still has a phone that does not read')
      .waitFor();
    await phones.getByRole('button', { name: 'Import all 1 without the phone' }).click();
    await expect.poll(() => count('invalid-phone')).toBe(0);
    expect(await table.getByRole('row').filter({ hasText: 'Carl Zeiss' }).count()).toBe(0);

    const noEmail = page.getByRole('group', { name: /^All rows with: No (valid )?email/i });
    await noEmail.getByRole('button', { name: 'Skip all 1' }).click();
    await expect
      .poll(() =>
        table
          .getByRole('row')
          .filter({ hasText: 'Dana Noemail' })
          .getByRole('checkbox')
          .isChecked(),
      )
      .toBe(true);
    await page.getByRole('button', { name: 'Next: plan' }).click();
    await page.getByRole('button', { name: /^Import [\d,]+ customers?$/ }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor();
    // The re-read phones went in as German numbers.
    await page.goto(new URL('#/customers', baseUrl).toString());
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('ada lovelace');
    await page.getByText('+49 30 1234567').waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('check step with many rows: reads them as the list scrolls; "Skip all" reaches rows never shown', async () => {
    const page = await openWithDemo();
    await page.goto(new URL('#/import', baseUrl).toString());
    const lines = ['First name,Last name,Email,Phone'];
    // Every seventh without an email: two issues and "Not imported unless fixed", a taller row.
    for (let i = 1; i <= 450; i += 1)
      lines.push(`Fan,Number${i},${i % 7 ? `fan${i}@example.com` : ''},555`);
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'many.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\r\n')),
    });
    await page.getByRole('button', { name: 'Next: columns' }).click();
    await page.getByLabel('Region for national phone numbers').selectOption('US');
    await page.getByRole('button', { name: 'Next: check rows' }).click();
    const table = page.getByRole('table', { name: 'Rows with issues' });
    const row = (n: number) => table.getByRole('row').filter({ hasText: `fan${n}@example.com` });
    await row(1).waitFor();
    // A taller row pushes the ones below it down: no row overlaps the next.
    const boxes = await page.locator('.import-issue-slot').evaluateAll((slots) =>
      slots
        .map((slot) => slot.getBoundingClientRect())
        .sort((a, b) => a.top - b.top)
        .map((box) => [box.top, box.bottom]),
    );
    expect(boxes.length).toBeGreaterThan(8);
    for (let i = 1; i < boxes.length; i += 1)
      expect(boxes[i]![0]).toBeGreaterThanOrEqual(boxes[i - 1]![1] - 0.5);
    // The window holds the first page of rows; the rest are read from the import worker.
    const scroller = page.locator('.import-issue-scroller');
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await row(450).waitFor();
    await page
      .getByRole('group', { name: 'All rows with: Invalid phone' })
      .getByRole('button', { name: 'Skip all 450' })
      .click();
    await scroller.evaluate((el) => (el.scrollTop = 250 * 44));
    await expect.poll(() => row(260).getByRole('checkbox').isChecked()).toBe(true);
    expect(pageErrors(page)).toEqual([]);
  });
});
