import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { unneutralizeCell } from '../../src/shared/csv/neutralize';
import { launchBrowser, openApp, pageErrors, screenshot, trackErrors } from './browser';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Clicks "Export CSV" and returns the downloaded file's bytes and name. */
async function exportAndDownload(page: Page): Promise<{ bytes: Buffer; name: string }> {
  const dialog = page.getByRole('dialog', { name: 'Export customers' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const path = await download.path();
  return { bytes: await readFile(path), name: download.suggestedFilename() };
}

function parse(bytes: Buffer): { header: string[]; rows: string[][]; text: string } {
  const text = bytes.subarray(3).toString('utf8');
  const parsed = Papa.parse<string[]>(text, { newline: '\r\n', delimiter: ',' });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data.at(-1)).toEqual(['']);
  const [header = [], ...rows] = parsed.data.slice(0, -1);
  return { header, rows, text };
}

describe('CSV export, as an agent uses it', () => {
  it('exports the filtered list as Excel-friendly CSV, with + phones neutralized', async () => {
    const page = await openApp(browser, baseUrl);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await page.getByRole('grid', { name: 'Customers' }).waitFor();
    await page.getByRole('combobox', { name: 'Stage' }).selectOption('customer');
    await expect
      .poll(async () => (await page.getByTestId('result-count').textContent()) ?? '')
      .toMatch(/^\d+ of 60$/);
    const shown = Number(
      /^(\d+) of/.exec((await page.getByTestId('result-count').textContent()) ?? '')?.[1],
    );
    expect(shown).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export customers' });
    await expect
      .poll(() => dialog.getByRole('radio', { name: /^Current list/ }).isChecked())
      .toBe(true);
    await dialog.getByText(`Current list: ${shown} customers`).waitFor();
    await dialog.getByText('Everything: 60 customers').waitFor();
    await expect
      .poll(() => dialog.getByRole('checkbox', { name: /All phones/ }).isChecked())
      .toBe(true);
    await dialog.getByRole('checkbox', { name: /Created and updated/ }).check();
    await screenshot(page, 'export-dialog');

    const { bytes, name } = await exportAndDownload(page);
    // The rows were read and written off the UI thread.
    expect(workers.some((url) => /export-worker/.test(url))).toBe(true);
    expect(name).toMatch(/^encore-customers-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    // UTF-8 byte-order mark, so Excel reads accents right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { header, rows, text } = parse(bytes);
    // CRLF everywhere: no line feed without its carriage return (demo notes are one line).
    expect(text.match(/(?<!\r)\n/g)).toBeNull();
    expect(text.endsWith('\r\n')).toBe(true);
    expect(rows).toHaveLength(shown);
    expect(header.slice(0, 4)).toEqual(['Encore ID', 'First name', 'Last name', 'Email 1']);
    expect(header).toContain('Notes');
    expect(header).toContain('Created at');

    const column = (title: string) => rows.map((row) => row[header.indexOf(title)] ?? '');
    expect(new Set(column('Stage'))).toEqual(new Set(['customer']));
    // Every phone is written behind a quote, and reads back as its E.164 number.
    const phones = column('Phone 1').filter((cell) => cell !== '');
    expect(phones.length).toBeGreaterThan(0);
    for (const cell of phones) {
      expect(cell).toMatch(/^'\+[1-9]\d{6,14}$/);
      expect(unneutralizeCell(cell)).toMatch(/^\+[1-9]\d{6,14}$/);
    }
    // The file is in the list's order: by name, as the list shows.
    const firstShown = await page
      .getByRole('row')
      .nth(1)
      .getByRole('gridcell')
      .first()
      .textContent();
    const [first, last] = [column('First name')[0], column('Last name')[0]];
    expect(`${first} ${last}`.trim()).toBe(firstShown?.trim());

    await page
      .getByRole('status')
      .filter({ hasText: `Exported ${shown} customers to Downloads/` })
      .waitFor();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await screenshot(page, 'export-done-toast');

    // Everything, whatever the filter, with only the chosen columns.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.getByRole('radio', { name: /^Everything/ }).check();
    for (const label of [
      /All emails/,
      /All phones/,
      /Consent/,
      /Date of birth/,
      /Created and updated/,
      /Notes/,
      /Encore ID/,
    ])
      await dialog.getByRole('checkbox', { name: label }).uncheck();
    // The dialog no longer promises a file that imports back unchanged, and says what is missing.
    await dialog
      .getByText(/Without All emails, All phones, Consent, Date of birth, Notes, Encore ID/)
      .waitFor();
    const everything = parse((await exportAndDownload(page)).bytes);
    expect(everything.rows).toHaveLength(60);
    expect(everything.header).toEqual(['First name', 'Last name', 'Stage', 'Owner', 'Tags']);

    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  // On the main of 2026-12-07 the dialog scrolled at 1024x700 and Export CSV sat below the
  // fold: the action row now stays at the dialog's bottom edge, in both themes.
  for (const scheme of ['light', 'dark'] as const) {
    it(`keeps Export CSV in view at 1024x700, over the options (${scheme})`, async () => {
      const context = await browser.newContext({
        viewport: { width: 1024, height: 700 },
        locale: 'en-US',
        colorScheme: scheme,
        acceptDownloads: true,
      });
      const page = trackErrors(await context.newPage());
      await page.goto(new URL('#/customers', baseUrl).toString());
      await page.getByRole('button', { name: 'Load demo data' }).click();
      await page.getByRole('grid', { name: 'Customers' }).waitFor();
      await page.getByRole('button', { name: 'Export', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Export customers' });
      // The raw-values warning makes the dialog its longest.
      await dialog.getByRole('radio', { name: /^Raw values/ }).check();
      const button = dialog.getByRole('button', { name: 'Export CSV' });
      /** Is the button drawn on top, wholly inside the dialog's box and the window? */
      const inView = () =>
        button.evaluate((el) => {
          const box = el.getBoundingClientRect();
          const frame = el.closest('[role="dialog"]')!.getBoundingClientRect();
          const x = box.x + box.width / 2;
          const top = el.ownerDocument.elementFromPoint(x, box.y + box.height / 2);
          const inFrame = box.top >= frame.top && box.bottom <= frame.bottom;
          return top === el && inFrame && box.bottom <= el.ownerDocument.defaultView!.innerHeight;
        });
      const scrolls = await dialog.evaluate((el) => el.scrollHeight > el.clientHeight);
      expect(scrolls).toBe(true);
      expect(await inView()).toBe(true);
      await screenshot(page, `export-dialog-1024-${scheme}`);
      // Scrolled half-way, still in view (and nothing shows through the row).
      await dialog.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
      expect(await inView()).toBe(true);
      await screenshot(page, `export-dialog-1024-scrolled-${scheme}`);
      await dialog.evaluate((el) => (el.scrollTop = el.scrollHeight));
      expect(await inView()).toBe(true);
      await dialog.getByRole('radio', { name: /^For a spreadsheet/ }).check();
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      expect(pageErrors(page)).toEqual([]);
      await context.close();
    });
  }
});
