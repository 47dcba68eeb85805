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

type Fan = {
  first: string;
  last: string;
  emails?: string[];
  phones?: string[];
  notes?: string;
  tags?: string[];
};

const FANS: Fan[] = [
  { first: 'Zoë', last: 'Ávila', emails: ['zoe@avila.example', 'zoe.tour@crew.example'] },
  { first: 'Mikko', last: 'Lindqvist', phones: ['+358 40 1234567'] },
  { first: 'Mika', last: 'Lindqvust', emails: ['mika@fans.example'] },
  {
    first: 'Ada',
    last: 'Okafor',
    phones: ['+44 20 7946 0018', '+49 151 23456789'],
    notes: 'Met her at the lighthouse show in Bergen',
  },
  { first: 'Bo', last: 'Ruiz', tags: ['vip'] },
  ...Array.from({ length: 25 }, (_, i) => ({
    first: `Fan${i}`,
    last: 'Crowd',
    emails: [`fan${i}@crowd.example`],
  })),
];

async function seed(page: Page, fans: Fan[]) {
  await page.waitForFunction(() => 'encoreDev' in globalThis);
  await page.evaluate(async (list) => {
    type Customers = { create: (draft: object, region: string) => Promise<{ ok: boolean }> };
    const { crm } = (globalThis as unknown as { encoreDev: { crm: { customers: Customers } } })
      .encoreDev;
    for (const fan of list) {
      const created = await crm.customers.create(
        {
          first_name: fan.first,
          last_name: fan.last,
          date_of_birth: '',
          notes: fan.notes ?? '',
          tags: fan.tags ?? [],
          lifecycle: 'lead',
          owner_id: null,
          emails: (fan.emails ?? []).map((address, i) => ({
            address,
            label: '',
            is_primary: i === 0,
          })),
          phones: (fan.phones ?? []).map((raw_input, i) => ({
            raw_input,
            type: 'mobile',
            label: '',
            is_primary: i === 0,
          })),
          email_opt_in: false,
          sms_opt_in: false,
        },
        'US',
      );
      if (!created.ok) throw new Error(`could not seed ${fan.first}: ${JSON.stringify(created)}`);
    }
  }, fans);
}

async function search(page: Page, text: string) {
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(text);
}

const count = (page: Page) => page.getByTestId('result-count').textContent();

describe('customer search, as a promoter types', () => {
  it('finds by a phone fragment, an accent-less name, a typo and a note word; again at once after a reload', async () => {
    const page = await openApp(browser, baseUrl, '?dev#/customers');
    await seed(page, FANS);
    await expect.poll(() => count(page)).toBe('30 customers');

    // A fragment of the second phone, as typed: the row shows that number, and "+1".
    await search(page, '3456 78');
    const ada = page.getByRole('row', { name: /Ada Okafor/ });
    await ada.waitFor();
    await expect.poll(() => count(page)).toBe('1 of 30');
    expect(await ada.textContent()).toContain('+49 1512 3456789');
    expect(await ada.textContent()).toContain('+1');
    await screenshot(page, 'search-phone-fragment');

    // Accents not typed; another email found and shown.
    await search(page, 'zoe avila');
    await page.getByRole('row', { name: /Zoë Ávila/ }).waitFor();
    await search(page, 'zoe.tour');
    const zoe = page.getByRole('row', { name: /Zoë Ávila/ });
    await zoe.waitFor();
    expect(await zoe.textContent()).toContain('zoe.tour@crew.example');

    // A typo: the exact match first, then a dashed divider and the close match.
    await search(page, 'lindqvist');
    await expect.poll(() => count(page)).toBe('1 of 30 · 1 close match');
    const rows = page.getByRole('grid', { name: 'Customers' }).getByRole('row');
    await expect
      .poll(async () => (await rows.allTextContents()).slice(1).map((text) => text.slice(0, 15)))
      .toEqual(['Mikko Lindqvist', 'Close matches (', 'Mika Lindqvustm']);
    await screenshot(page, 'search-typo-close-matches');

    // A word of the notes.
    await search(page, 'lighthouse');
    await ada.waitFor();
    await expect.poll(() => count(page)).toBe('1 of 30');

    // Reload and search again at once: "indexing" or the answer, never a wrong list.
    await page.reload();
    await search(page, 'okafor');
    // The worker starts with the page: on a loaded machine its first answer can take seconds
    // (the list keeps the previous answer meanwhile); expect.poll's default is one second.
    await expect.poll(() => count(page), { timeout: 20_000 }).toBe('1 of 30');
    await page.getByRole('row', { name: /Ada Okafor/ }).waitFor();
    const start = await page.evaluate(async () => {
      type Search = { diagnostics: () => Promise<{ lastStart: { kind: string } | null }> };
      const dev = (globalThis as unknown as { encoreDev: { search: Search } }).encoreDev;
      return (await dev.search.diagnostics()).lastStart?.kind;
    });
    expect(['snapshot', 'rebuild']).toContain(start);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('a long matched address is clipped before its "+1", which always shows whole', async () => {
    const page = await openApp(browser, baseUrl, '?dev#/customers');
    await seed(page, [
      {
        first: 'Jürgen',
        last: 'Weiß',
        emails: ['jw@mail.example', 'juergen.weiss.bookings.department@work.example.com'],
      },
    ]);
    await search(page, 'work.example');
    const row = page.getByRole('row', { name: /Jürgen Weiß/ });
    await row.waitFor();
    const cell = row.locator('.col-email');
    await expect.poll(() => cell.textContent()).toContain('+1');
    const badge = cell.locator('.tag-after');
    const [cellBox, badgeBox] = [await cell.boundingBox(), await badge.boundingBox()];
    if (!cellBox || !badgeBox) throw new Error('cell or badge not laid out');
    // The badge lies wholly inside its cell (it was pushed past the cell's clipped edge).
    expect(badgeBox.width).toBeGreaterThan(8);
    expect(badgeBox.x).toBeGreaterThanOrEqual(cellBox.x);
    expect(badgeBox.x + badgeBox.width).toBeLessThanOrEqual(cellBox.x + cellBox.width + 0.5);
    await screenshot(page, 'search-long-matched-email');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
