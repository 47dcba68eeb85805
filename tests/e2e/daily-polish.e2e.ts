// The nineteenth session's review, as a promoter, an agent and a manager use the app: the list's
// head sits over its columns, menus leave with Escape, the import's check step keeps its rows
// apart and the keyboard in place, errors are read whole and go as they are corrected, the
// board's months in the user's locale, a deal's tasks with their titles, and Back from a
// report's list returns to the number clicked.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, pageErrors, screenshot, trackErrors } from './browser';

let browser: Browser;
const baseUrl = inject('baseUrl');
const fixtureDir = resolve(import.meta.dirname, '../../../shared/fixtures/csv');

beforeAll(async () => {
  // With its scrollbars, as a user has them (Playwright hides them in headless Chromium): a
  // classic scrollbar takes width from the box it scrolls.
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    ignoreDefaultArgs: ['--hide-scrollbars'],
  });
});
afterAll(async () => {
  await browser?.close();
});

async function openWithDemo(
  path = '#/customers',
  viewport = { width: 1280, height: 800 },
  colorScheme: 'light' | 'dark' = 'light',
  locale = 'en-US',
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale, colorScheme });
  context.setDefaultTimeout(20_000);
  const page = trackErrors(await context.newPage());
  await page.goto(new URL('#/customers', baseUrl).toString());
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByTestId('result-count').filter({ hasText: '60 customers' }).waitFor();
  if (path !== '#/customers') await page.goto(new URL(path, baseUrl).toString());
  return page;
}

describe('daily polish', { timeout: 120_000 }, () => {
  it('the list’s head sits over its columns, with and without a scrollbar', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1024, height: 700 },
    ]) {
      const page = await openWithDemo('#/customers', viewport);
      const offsets = async () =>
        page.locator('.customer-grid').evaluate((grid) => {
          const head = [...grid.querySelectorAll('.list-head > [role="columnheader"]')];
          const row = grid.querySelector('.list-row');
          if (!row) return null;
          const cells = [...row.querySelectorAll(':scope > [role="gridcell"]')];
          return head.map((h, i) => {
            const a = h.getBoundingClientRect();
            const b = cells[i]!.getBoundingClientRect();
            return [Math.abs(a.left - b.left), Math.abs(a.right - b.right)];
          });
        });
      // Sixty rows: the list scrolls (its scrollbar takes width from the rows, not the head).
      const scrolling = await offsets();
      expect(scrolling).not.toBeNull();
      for (const [left, right] of scrolling!) {
        expect(left).toBeLessThanOrEqual(1);
        expect(right).toBeLessThanOrEqual(1);
      }
      // One row: no scrollbar.
      await page.getByRole('searchbox', { name: 'Search customers' }).fill('2765438');
      await page.getByTestId('result-count').filter({ hasText: '1 of 60' }).waitFor();
      for (const [left, right] of (await offsets())!) {
        expect(left).toBeLessThanOrEqual(1);
        expect(right).toBeLessThanOrEqual(1);
      }
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }
  });
  it('the list’s menus leave with Escape or a press outside, and never lie over a dialog', async () => {
    const page = await openWithDemo();
    // The toolbar's controls stand in one line, as tall as each other (its menus' buttons
    // stood 6 px shorter than the search box and the sort beside them).
    const heights = await page
      .getByRole('search')
      .locator('input[type="search"], select:visible, summary')
      .evaluateAll((controls) => controls.map((c) => Math.round(c.getBoundingClientRect().height)));
    expect(heights.length).toBeGreaterThanOrEqual(4);
    expect(new Set(heights).size).toBe(1);
    const filters = page
      .locator('details.menu')
      .filter({ has: page.locator('summary', { hasText: /^Filters/ }) });
    const isOpen = () => filters.evaluate((menu) => menu.hasAttribute('open'));
    await filters.locator('summary').click();
    await page.getByRole('combobox', { name: 'Stage' }).focus();
    await page.keyboard.press('Escape');
    expect(await isOpen()).toBe(false);
    // The focus is back on the menu's button, not lost to the page.
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Filters');
    await page.keyboard.press('Enter');
    expect(await isOpen()).toBe(true);
    await page.getByRole('combobox', { name: 'Stage' }).selectOption('lead');
    // Export, with the menu open: the menu closes, the dialog is the top layer.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export customers' });
    await dialog.waitFor();
    expect(await isOpen()).toBe(false);
    await screenshot(page, 'polish-export-over-menu');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Open again, and a dialog opened from the keyboard (no press outside): the menu is under it.
    await filters.locator('summary').click();
    await page
      .getByRole('button', { name: /New customer/ })
      .first()
      .focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('dialog', { name: 'New customer' });
    await form.waitFor();
    const panel = filters.locator('.menu-panel');
    expect(await panel.isVisible()).toBe(true);
    const covered = await panel.evaluate((element) => {
      // Hit-tested as painted (a modal dialog turns the page's pointer events off).
      (element as unknown as { style: { pointerEvents: string } }).style.pointerEvents = 'auto';
      const box = element.getBoundingClientRect();
      const top = element.ownerDocument.elementFromPoint(
        box.left + box.width / 2,
        box.top + box.height / 2,
      );
      return !!top?.closest('.menu-panel');
    });
    expect(covered).toBe(false);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
  it('the check step: a fixed row leaves, the rows below close up without overlapping, the keyboard stays in the list', async () => {
    const page = await openWithDemo('#/import');
    await page
      .getByLabel('CSV file', { exact: true })
      .setInputFiles(resolve(fixtureDir, 'excel-de-semicolon-cp1252.csv'));
    await page.getByRole('button', { name: 'Next: columns' }).click();
    await page.getByRole('button', { name: 'Next: check rows' }).click();
    const table = page.getByRole('table', { name: 'Rows with issues' });
    const fix = (name: string) => table.getByRole('textbox', { name, exact: true });
    const overlaps = () =>
      page.locator('.import-issue-slot').evaluateAll((slots) => {
        const boxes = slots
          .map((slot) => slot.getBoundingClientRect())
          .sort((a, b) => a.top - b.top);
        return boxes.filter((box, i) => i > 0 && box.top < boxes[i - 1]!.bottom - 0.5).length;
      });
    await fix('Fix E-Mail in row 5').waitFor();
    expect(await overlaps()).toBe(0);
    // Row 5's email fixed with Enter: the row leaves; the row below takes its place, its fix
    // field focused, and no row overlaps another (each row as tall as its own text).
    await fix('Fix E-Mail in row 5').fill('dmitri.patel@example.com');
    await page.keyboard.press('Enter');
    await fix('Fix E-Mail in row 5').waitFor({ state: 'detached' });
    await expect.poll(overlaps).toBe(0);
    await expect
      .poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label")'))
      .toBe('Fix Telefon in row 6');
    // A fix that still does not read keeps the row, and the focus in it.
    await page.keyboard.press('Control+a');
    await page.keyboard.type('+33 6 97 30 54 8');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => table.getByRole('row').filter({ hasText: '"+33 6 97 30 54 8"' }).count())
      .toBe(1);
    expect(await page.evaluate('document.activeElement?.getAttribute("aria-label")')).toBe(
      'Fix Telefon in row 6',
    );
    await screenshot(page, 'polish-import-check-after-fix');
    expect(await overlaps()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
  it('a phone’s error in the new-customer form is read whole, on one line under its row', async () => {
    const page = await openWithDemo('#/customers', { width: 1024, height: 700 });
    await page
      .getByRole('button', { name: /New customer/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.getByLabel('Phone 1', { exact: true }).fill('0176 1234 5678');
    const addPhone = dialog.getByRole('button', { name: 'Add phone' });
    const before = await addPhone.boundingBox();
    await page.keyboard.press('Tab');
    const error = dialog.getByRole('alert').filter({ hasText: 'is not a valid number' });
    await error.waitFor();
    expect(await error.textContent()).toBe(
      '"0176 1234 5678" is not a valid number for United States',
    );
    // All of it shown: nothing cut off behind an ellipsis.
    const cut = await error.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
    expect(cut).toBe(false);
    // Under the row, in the line kept for it: the "Add phone" button below has not moved.
    const row = await dialog.getByLabel('Phone 1', { exact: true }).boundingBox();
    const box = await error.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(row!.y + row!.height);
    expect((await addPhone.boundingBox())!.y).toBe(before!.y);
    await screenshot(page, 'polish-phone-error-whole');
    // Corrected: the error about the old text goes as the text changes, not only on leaving.
    await dialog.getByLabel('Phone 1', { exact: true }).focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    expect(await error.count()).toBe(0);
    // Still wrong when left: said again, about the text as it is now.
    await page.keyboard.press('Tab');
    await dialog
      .getByRole('alert')
      .filter({ hasText: '"0176 1234 567" is not a valid number' })
      .waitFor();
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
  it('the board’s revenue chart names its months as the user writes them', async () => {
    for (const [locale, months] of [
      ['en-US', /by event month, [A-Z][a-z]{2} \d{4} to [A-Z][a-z]{2} \d{4}/],
      ['de-DE', /by event month, [A-ZÄÖÜ][a-zäöü]{2,3}\.? \d{4} to [A-ZÄÖÜ][a-zäöü]{2,3}\.? \d{4}/],
    ] as const) {
      const page = await openWithDemo('#/deals', { width: 1280, height: 800 }, 'light', locale);
      const title = page.locator('#deal-revenue-chart-title');
      await title.waitFor();
      const text = (await title.textContent()) ?? '';
      expect(text).toMatch(months);
      expect(text).not.toMatch(/\d{4}-\d{2}/);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }
  });
  it('a deal’s tasks, in the page’s narrow column, show their titles whole', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1024, height: 700 },
    ]) {
      const page = await openWithDemo('#/deals', viewport);
      // A deal with an open task (its card says so).
      await page
        .locator('[data-deal-id]')
        .filter({ hasText: /open task/ })
        .first()
        .click();
      const tasks = page.getByRole('list', { name: 'Open tasks' });
      await tasks.getByRole('listitem').first().waitFor();
      const cut = await tasks
        .locator('.task-title')
        .evaluateAll((titles) =>
          titles
            .filter((title) => title.scrollWidth > title.clientWidth + 1)
            .map((title) => title.textContent),
        );
      expect(cut).toEqual([]);
      // Its owner and due date still shown beside or under it.
      const row = tasks.getByRole('listitem').first();
      expect(await row.locator('.task-owner').isVisible()).toBe(true);
      expect(await row.locator('.task-due').isVisible()).toBe(true);
      // An empty note (the demo's deals have none) invites one, as on a customer's page; it
      // said "Empty".
      await page.getByRole('button', { name: 'Notes: Add a note. Edit' }).waitFor();
      await screenshot(page, `polish-deal-tasks-${viewport.width}`);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }
  });
  it('back from a report’s list, the page is where it was: the number clicked in view and focused', async () => {
    const page = await openWithDemo('#/reports');
    const section = page.locator('#reports-pipeline');
    await section.scrollIntoViewIfNeeded();
    const cell = section.locator('button.report-cell-link').first();
    await cell.waitFor();
    const label = await cell.getAttribute('aria-label');
    await cell.click();
    await page.getByRole('button', { name: '← Reports' }).waitFor();
    await page.getByRole('button', { name: '← Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await expect
      .poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label")'))
      .toBe(label);
    const focused = page.locator('button.report-cell-link:focus');
    const box = (await focused.boundingBox())!;
    expect(box.y).toBeGreaterThan(100);
    expect(box.y + box.height).toBeLessThan(800);
    // Reached again from the sidebar, the reports open at their top, as any page does.
    await page.getByRole('link', { name: /^Customers/ }).click();
    await page.getByRole('link', { name: /^Reports/ }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await section.locator('button.report-cell-link').first().waitFor();
    expect(await page.locator('.report-page').evaluate((body) => body.scrollTop)).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
