// "Load demo data", then the pages a manager opens on it: every chart tells something, every
// bar is named, an empty week says so. Screenshots at 1024x700 and 1440x900, light and dark.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resolve } from 'node:path';
import { SCREENSHOT_DIR, launchBrowser, openApp, pageErrors, screenshot } from './browser';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** This 2-core machine is shared by several builds and browsers: polls wait up to 30 s. */
const SLOW = { timeout: 30_000 };

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;
const SCHEMES = ['light', 'dark'] as const;
const SECTIONS = ['revenue', 'pipeline', 'team', 'engagement', 'audience'] as const;

const figure = (page: Page, title: string) =>
  page.locator('[data-figure]').filter({
    has: page.getByRole('heading', { name: title, exact: true }),
  });

/** Each figure of the section near the viewport in turn (charts are drawn as they come near). */
async function drawSection(page: Page, prefix: string) {
  const section = page.locator(`#reports-${prefix}`);
  await section.scrollIntoViewIfNeeded();
  const figures = section.locator('[data-figure]');
  await expect.poll(() => figures.count(), SLOW).toBeGreaterThan(0);
  for (let i = 0; i < (await figures.count()); i += 1)
    await figures.nth(i).scrollIntoViewIfNeeded();
  await expect.poll(() => section.locator('.report-chart-pending').count(), SLOW).toBe(0);
  return section;
}

describe('the demo, as a manager sees it', () => {
  it('Reports: new customers over the year by source, a label under every tag bar', async () => {
    const page = await openApp(browser, baseUrl, '#/customers');
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await expect
      .poll(() => page.getByTestId('result-count').textContent(), SLOW)
      .toBe('60 customers');
    await page.goto(new URL('#/reports', baseUrl).toString());
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await expect.poll(() => page.locator('[data-figure][aria-busy="true"]').count(), SLOW).toBe(0);

    // New customers per month: typed in and imported, over most of the twelve months (all
    // "now" on the main of 2026-12-07: one bar).
    await drawSection(page, 'audience');
    const arrivals = figure(page, 'New customers per month by source');
    await arrivals.scrollIntoViewIfNeeded();
    const monthsWithBars = await arrivals
      .locator('rect.report-bar')
      .evaluateAll(
        (bars) =>
          new Set(
            bars
              .filter((bar) => Number(bar.getAttribute('height')) > 0)
              .map((bar) => bar.querySelector('title')?.textContent?.split(' · ')[0]),
          ).size,
      );
    expect(monthsWithBars).toBeGreaterThanOrEqual(10);
    const imported = await arrivals
      .locator('rect.report-bar')
      .evaluateAll(
        (bars) =>
          bars.filter(
            (bar) =>
              Number(bar.getAttribute('height')) > 0 &&
              / · import: /i.test(bar.querySelector('title')?.textContent ?? ''),
          ).length,
      );
    expect(imported).toBeGreaterThan(0);

    // Customers by tag: one label per bar (every third on the main of 2026-12-07).
    const tags = figure(page, 'Customers by tag');
    await tags.scrollIntoViewIfNeeded();
    const bars = await tags.locator('rect.report-bar').count();
    expect(bars).toBeGreaterThan(5);
    const labels = await tags.locator('.report-category-axis text').allTextContents();
    expect(labels).toHaveLength(bars);
    const tagRows = await tags.locator('tbody th').allTextContents();
    for (const label of labels)
      expect(tagRows.some((row) => row.startsWith(label.replace('…', '')))).toBe(true);

    for (const size of SIZES)
      for (const scheme of SCHEMES) {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: scheme });
        for (const prefix of SECTIONS) {
          const section = await drawSection(page, prefix);
          // Each figure on its own (a section is taller than the window, under a sticky header).
          const figures = section.locator('[data-figure]');
          for (let i = 0; i < (await figures.count()); i += 1) {
            const one = figures.nth(i);
            await one.scrollIntoViewIfNeeded();
            const id = await one.getAttribute('data-figure');
            await one.screenshot({
              path: resolve(SCREENSHOT_DIR, `demo-figure-${id}-${size.width}-${scheme}.png`),
            });
          }
        }
        // Turned labels stay inside their figure: none runs under the next one or off its left.
        const spill = await page.$$eval('[data-figure]', (figures) =>
          figures
            .map((f) => {
              const box = f.getBoundingClientRect();
              const out = [...f.querySelectorAll('.report-category-axis text')].some((t) => {
                const r = t.getBoundingClientRect();
                return r.bottom > box.bottom + 1 || r.left < box.left - 1;
              });
              return out ? f.getAttribute('data-figure') : null;
            })
            .filter(Boolean),
        );
        expect(spill, `${size.width} ${scheme}`).toEqual([]);
      }
    expect(pageErrors(page)).toEqual([]);
  }, 300_000);

  it('Calendar: an empty week says so, offers the next show, and its days still take a drop', async () => {
    const page = await openApp(browser, baseUrl, '#/customers');
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await expect
      .poll(() => page.getByTestId('result-count').textContent(), SLOW)
      .toBe('60 customers');
    await page.goto(new URL('#/calendar', baseUrl).toString());
    await page.getByRole('grid').first().waitFor();
    await page.getByRole('button', { name: 'Week' }).click();
    const note = page.getByTestId('calendar-empty');
    // Back until a week has no show (the demo's shows are weeks apart).
    for (let i = 0; i < 30 && (await note.count()) === 0; i += 1)
      await page.getByRole('button', { name: 'Previous week' }).click();
    await note.waitFor();
    expect(await note.textContent()).toContain('No shows this week');
    // The note lets the pointer through to the day under it: a dragged show can land there.
    const under = await note.evaluate((element) => {
      const box = element.querySelector('p')!.getBoundingClientRect();
      const hit = element.ownerDocument.elementFromPoint(
        box.left + box.width / 2,
        box.top + box.height / 2,
      );
      return hit?.closest('[role="gridcell"]')?.getAttribute('data-date') ?? null;
    });
    expect(under).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const size of SIZES)
      for (const scheme of SCHEMES) {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `demo-calendar-week-empty-${size.width}-${scheme}`);
      }
    // Its button goes to the next show's week.
    await note.getByRole('button', { name: /^(Next|Last) show/ }).click();
    await expect.poll(() => note.count(), SLOW).toBe(0);
    expect(await page.locator('.show-chip').count()).toBeGreaterThan(0);
    await screenshot(page, 'demo-calendar-week-shows-1440-dark');

    // The month view: far back, before any show, it says so too.
    await page.getByRole('button', { name: 'Month' }).click();
    for (let i = 0; i < 30 && (await note.count()) === 0; i += 1)
      await page.getByRole('button', { name: 'Previous month' }).click();
    await note.waitFor();
    expect(await note.textContent()).toContain('No shows this month');
    await screenshot(page, 'demo-calendar-month-empty-1440-dark');
    await note.getByRole('button', { name: /^Next show/ }).click();
    await expect.poll(() => note.count(), SLOW).toBe(0);

    // Tasks, for the eye.
    await page.goto(new URL('#/tasks', baseUrl).toString());
    await page.getByRole('heading', { name: 'Tasks', level: 1 }).waitFor();
    for (const size of SIZES)
      for (const scheme of SCHEMES) {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `demo-tasks-${size.width}-${scheme}`);
      }
    await page.goto(new URL('#/calendar', baseUrl).toString());
    await page.getByRole('grid').first().waitFor();
    for (const size of SIZES)
      for (const scheme of SCHEMES) {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `demo-calendar-month-${size.width}-${scheme}`);
      }
    expect(pageErrors(page)).toEqual([]);
  }, 300_000);
});
