import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp, pageErrors, screenshot, trackErrors } from './browser';

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

async function withDemoDeals(path: string): Promise<Page> {
  const page = await openApp(browser, baseUrl, '#/deals');
  await page.getByRole('button', { name: 'Load demo deals' }).click();
  await expect.poll(() => page.getByTestId('deal-count').textContent(), SLOW).toBe('24 deals');
  await page.goto(new URL(path, baseUrl).toString());
  return page;
}

const figure = (page: Page, title: string) =>
  page.getByRole('region', { name: title, exact: true });

describe('reports, as a manager uses them on a Monday', () => {
  it('opens the dashboard, filters it, clicks a bar through to its deals, and exports a table', async () => {
    const page = await withDemoDeals('#/customers');
    await page.keyboard.press('r');
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    const stages = figure(page, 'Pipeline by stage');
    await stages.waitFor();
    await expect
      .poll(() => page.locator('[data-figure^="revenue-"]').count(), SLOW)
      .toBeGreaterThan(1);
    await screenshot(page, 'reports-dashboard');
    // Every table shows all its columns at this width: none is cut off inside its figure.
    const clipped = await page.$$eval('.report-table-wrap', (wraps) =>
      wraps
        .filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1)
        .map((wrap) => wrap.closest('[data-figure]')?.getAttribute('data-figure')),
    );
    expect(clipped).toEqual([]);

    // A filter: euros only. Revenue keeps only the euro table.
    const team = page.locator('[data-figure="team"] table');
    const teamBefore = await team.textContent();
    await page.getByRole('combobox', { name: 'Currency' }).selectOption('EUR');
    await expect.poll(() => page.locator('[data-figure^="revenue-"]').count(), SLOW).toBe(1);
    await figure(page, 'Revenue by event month, EUR').waitFor();
    // Figures off screen catch up after the ones on screen: none is left behind, and the team's
    // open value (far below the fold) is the euro deals' now.
    await expect.poll(() => page.locator('[data-figure][aria-busy="true"]').count(), SLOW).toBe(0);
    expect(await team.textContent()).not.toBe(teamBefore);
    const rows = stages.getByRole('table').locator('tbody tr');
    await expect.poll(() => rows.count(), SLOW).toBeGreaterThan(0);
    const firstRow = rows.first();
    const stage = await firstRow.locator('th').textContent();
    const count = Number(await firstRow.locator('td').nth(1).textContent());

    // The bar of that stage opens the deals behind it, the euro filter kept. (Charts are drawn
    // as they come near the viewport, as a manager scrolls to them.)
    await stages.scrollIntoViewIfNeeded();
    await stages.locator('rect.report-bar').first().click();
    await page.waitForURL(/#\/reports\/list/);
    await page.getByRole('heading', { name: stage!, level: 1 }).waitFor();
    await expect
      .poll(() => page.getByTestId('report-list-count').textContent(), SLOW)
      .toBe(`${count} ${count === 1 ? 'deal' : 'deals'}`);
    const details = await page.locator('.report-list-detail').allTextContents();
    expect(details.length).toBe(count);
    for (const detail of details) {
      expect(detail).toContain('€');
      // Written as the board writes them: "Mar 25, 2027 · … · 1st hold", never ISO or a key.
      expect(detail).toMatch(/^(No date|[A-Z][a-z]{2} \d{1,2}, \d{4}) · /);
      expect(detail).not.toMatch(/\d{4}-\d{2}-\d{2}|_|in-progress/);
    }
    await screenshot(page, 'reports-list');
    await page.getByRole('button', { name: '← Reports' }).click();
    await stages.waitFor();

    // The table as CSV: the app's writer (BOM, CRLF), the figures the table shows.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      stages.getByRole('button', { name: 'Export Pipeline by stage as CSV' }).click(),
    ]);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFFStage,Currency,Deals,Value,Weighted value\r\n')).toBe(true);
    expect(text).toContain(`${stage},EUR,${count},`);
    expect(pageErrors(page)).toEqual([]);
  }, 300_000);

  it('demo deals moved through the stages: conversion and days in stage are real, and a deal page says how it got there', async () => {
    const page = await withDemoDeals('#/reports');
    const conversion = figure(page, 'Conversion between stages');
    const row = (region: typeof conversion, stage: string) =>
      region
        .locator('tbody tr')
        .filter({ has: page.getByRole('rowheader', { name: stage, exact: true }) });
    // Inquiry's share that reached a hold or later: a real figure, not 0% of every deal.
    const share = () => row(conversion, 'Inquiry').getByRole('cell').nth(3).textContent();
    await expect.poll(share, SLOW).toMatch(/^\d+(\.\d)?%$/);
    expect(await share()).not.toBe('0%');
    const days = figure(page, 'Days in each stage');
    const inHold = () => row(days, 'Hold').getByRole('cell').nth(2).textContent();
    await expect.poll(inHold, SLOW).toMatch(/^\d+\.\d$/);
    expect(Number(await inHold())).toBeGreaterThan(0);
    await conversion.scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-demo-flow');
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await figure(page, 'Days in each stage').scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-demo-days-1024-dark');
    await page.setViewportSize({ width: 1360, height: 820 });
    await page.emulateMedia({ colorScheme: 'light' });

    // A settled show's history: from an inquiry to Settled, one dated step at a time.
    await page.goto(new URL('#/deals', baseUrl).toString());
    const settled = page.locator('.deal-column-settled [data-deal-id]').first();
    const id = (await settled.getAttribute('data-deal-id'))!;
    await page.goto(new URL(`#/deals/${id}`, baseUrl).toString());
    const history = page.getByRole('list', { name: 'Status history' });
    await history.getByText('Played → Settled').waitFor();
    expect(await history.getByRole('listitem').count()).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'deal-demo-history');
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await history.scrollIntoViewIfNeeded();
    await screenshot(page, 'deal-demo-history-1024-dark');
    expect(pageErrors(page)).toEqual([]);
  }, 300_000);

  it('at 1024: months and weeks read as dates on screen (ISO in the CSV), and a wide table shows and scrolls its hidden columns', async () => {
    const context = await browser.newContext({
      viewport: { width: 1024, height: 700 },
      locale: 'en-US',
    });
    const page = trackErrors(await context.newPage());
    await page.goto(new URL('#/deals', baseUrl).toString());
    await page.getByRole('button', { name: 'Load demo deals' }).click();
    await expect.poll(() => page.getByTestId('deal-count').textContent(), SLOW).toBe('24 deals');
    await page.goto(new URL('#/reports', baseUrl).toString());
    const revenue = page.locator('[data-figure^="revenue-"]').first();
    await revenue.locator('tbody th').first().waitFor(SLOW);
    const ISO = /\d{4}-\d{2}/;
    // Months as "Mar 2026" in the table, its caption and under the bars; none ISO.
    const months = await revenue.locator('tbody th').allTextContents();
    expect(months.filter((m) => /^[A-Z][a-z]{2} \d{4}$/.test(m)).length).toBeGreaterThan(1);
    for (const month of months) expect(month).not.toMatch(ISO);
    expect(await revenue.locator('.report-caption').textContent()).not.toMatch(ISO);
    await revenue.scrollIntoViewIfNeeded();
    const axis = revenue.locator('.report-category-axis text');
    await expect.poll(() => axis.count(), SLOW).toBeGreaterThan(0);
    for (const label of await axis.allTextContents()) expect(label).not.toMatch(ISO);
    const weeks = page.locator('[data-figure="engagement-touches"] tbody th');
    await expect.poll(() => weeks.count(), SLOW).toBeGreaterThan(0);
    for (const week of await weeks.allTextContents())
      expect(week).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    // The CSV keeps the ISO month, machine-readable and sortable.
    const id = (await revenue.getAttribute('data-figure'))!;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      revenue.getByRole('button', { name: /^Export Revenue by event month.* as CSV$/ }).click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv, id).toMatch(/\r\n\d{4}-\d{2},/);
    expect(csv).not.toMatch(/\r\n[A-Z][a-z]{2} \d{4},/);

    // The revenue table is wider than its card here: the right edge fades (more to see), and
    // the box takes focus so the arrow keys scroll it; then the left edge fades too.
    const frame = revenue.locator('.report-table-frame');
    const wrap = revenue.locator('.report-table-wrap');
    await expect.poll(() => frame.getAttribute('data-more-right'), SLOW).toBe('true');
    expect(await frame.getAttribute('data-more-left')).toBe(null);
    const fade = (side: '::before' | '::after') =>
      frame.evaluate(
        (el, pseudo) => el.ownerDocument.defaultView!.getComputedStyle(el, pseudo).opacity,
        side,
      );
    await expect.poll(() => fade('::after')).toBe('1');
    expect(await fade('::before')).toBe('0');
    expect(await wrap.getAttribute('tabindex')).toBe('0');
    expect(await wrap.getAttribute('aria-label')).toMatch(/scrolls sideways$/);
    await wrap.focus();
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
    await expect.poll(() => wrap.evaluate((el) => el.scrollLeft), SLOW).toBeGreaterThan(0);
    await expect.poll(() => frame.getAttribute('data-more-left'), SLOW).toBe('true');
    // The month column stays in view while the amounts scroll under it (opaque: no amount
    // shows through), and the left fade starts beside it, not over the months.
    const stuck = await revenue.evaluate((el) => {
      const box = el.querySelector('.report-table-wrap')!.getBoundingClientRect();
      const month = el.querySelector('tbody tr > th')!;
      const second = el.querySelector('tbody tr > td')!.getBoundingClientRect();
      const view = el.ownerDocument.defaultView!;
      const frameElement = el.querySelector('.report-table-frame')!;
      return {
        offset: Math.round(month.getBoundingClientRect().left - box.left),
        width: Math.ceil(month.getBoundingClientRect().width),
        under: second.left < month.getBoundingClientRect().right,
        background: view.getComputedStyle(month).backgroundColor,
        fadeLeft: view.getComputedStyle(frameElement, '::before').left,
        text: month.textContent,
      };
    });
    expect(stuck.offset).toBe(0);
    expect(stuck.under).toBe(true);
    expect(stuck.background).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    expect(stuck.fadeLeft).toBe(`${stuck.width}px`);
    expect(stuck.text).toMatch(/^[A-Z][a-z]{2} \d{4}$/);
    await screenshot(page, 'reports-revenue-scroll-hint-1024');
    // Nothing to list (the demo has no hold due within 30 days): said, not a table of headers.
    const holds = page.locator('[data-figure="pipeline-holds-due"]');
    await holds.scrollIntoViewIfNeeded();
    await holds.getByText('Nothing to list.').waitFor(SLOW);
    expect(await holds.locator('table').count()).toBe(0);
    // A table that fits has no hint and no extra tab stop.
    const fits = page.locator('[data-figure="audience-lifecycle"]');
    await fits.scrollIntoViewIfNeeded();
    expect(await fits.locator('.report-table-frame').getAttribute('data-more-right')).toBe(null);
    expect(await fits.locator('.report-table-wrap').getAttribute('tabindex')).toBe(null);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  }, 300_000);

  it('on a 1024x700 laptop, dark: the filters are one line, empty dates say the defaults apply', async () => {
    const context = await browser.newContext({
      viewport: { width: 1024, height: 700 },
      locale: 'en-US',
      colorScheme: 'dark',
    });
    const page = trackErrors(await context.newPage());
    await page.goto(new URL('#/deals', baseUrl).toString());
    await page.getByRole('button', { name: 'Load demo deals' }).click();
    await expect.poll(() => page.getByTestId('deal-count').textContent(), SLOW).toBe('24 deals');
    await page.goto(new URL('#/reports', baseUrl).toString());
    await figure(page, 'Pipeline by stage').waitFor();
    const bar = page.getByRole('group', { name: 'Report filters' });
    const height = () => bar.evaluate((el) => el.getBoundingClientRect().height);
    expect(await height()).toBeLessThan(50);
    // No date chosen: the inputs say the figures' own periods apply, not "mm/dd/yyyy".
    const from = page.getByLabel('From date');
    expect(await from.getAttribute('aria-description')).toMatch(/usual period/);
    await expect.poll(() => bar.getByText('Default', { exact: true }).count()).toBe(2);
    await screenshot(page, 'reports-filters-1024-dark');
    // From the keyboard: Tab lands in the empty date's fields (not on nothing), and a date
    // typed there is the filter.
    await page.getByRole('link', { name: 'Audience' }).focus();
    await page.keyboard.press('Tab');
    const focusedLabel = () =>
      page.evaluate<string | null>('document.activeElement?.getAttribute("aria-label") ?? null');
    expect(await focusedLabel()).toBe('From date');
    await page.keyboard.type('01012026');
    await expect.poll(() => from.inputValue()).toBe('2026-01-01');
    // A date chosen: it shows, and "Clear filters" joins the bar, still one line.
    await bar.getByRole('button', { name: 'Clear filters' }).waitFor();
    expect(await bar.getByText('Default', { exact: true }).count()).toBe(1);
    expect(await height()).toBeLessThan(50);
    // "Not touched in" is beside the figures it sets, and still sets them.
    const engagement = page.getByRole('region', { name: 'Engagement', exact: true });
    await engagement.getByLabel('Not touched in', { exact: true }).selectOption('30');
    await figure(page, 'Customers not touched in 30 days').waitFor(SLOW);
    await screenshot(page, 'reports-filters-1024-dark-dated');
    // The chart as an image, from this dark window: light (it is pasted into documents), and
    // wider than the chart on screen (its title, filters and every label have room).
    const [image] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export the chart of Pipeline by stage as PNG' }).click(),
    ]);
    const png = (await readFile((await image.path())!)).toString('base64');
    // (Strings: the e2e code is typed without the DOM's globals.)
    const drawn = await page.evaluate<{ width: number; light: boolean }>(`(async () => {
      const picture = new Image();
      picture.src = 'data:image/png;base64,${png}';
      await picture.decode();
      const canvas = document.createElement('canvas');
      canvas.width = picture.width;
      canvas.height = picture.height;
      const pen = canvas.getContext('2d');
      pen.drawImage(picture, 0, 0);
      const [r, g, b] = pen.getImageData(4, 4, 1, 1).data;
      return { width: picture.width, light: r + g + b > 3 * 230 };
    })()`);
    expect(drawn).toEqual({ width: expect.any(Number), light: true });
    expect(drawn.width).toBeGreaterThanOrEqual(1600);
    // The calendar at this width: each show's status and hold level stay readable (the venue
    // gives way), in the month of the demo's same-night conflict.
    await page.goto(new URL('#/calendar', baseUrl).toString());
    await page.getByRole('grid').first().waitFor();
    const conflict = page.locator('.show-conflict').first();
    for (let i = 0; i < 24 && (await conflict.count()) === 0; i += 1)
      await page.getByRole('button', { name: 'Next month' }).click();
    await conflict.waitFor();
    // Its empty dates say "Any" (no limit), not "mm/dd/yyyy", and stay real date inputs.
    const calendarFilters = page.getByRole('group', { name: 'Deal filters' });
    await expect.poll(() => calendarFilters.getByText('Any', { exact: true }).count()).toBe(2);
    const eventFrom = calendarFilters.getByLabel('Event date from');
    expect(await eventFrom.getAttribute('type')).toBe('date');
    expect(await eventFrom.getAttribute('aria-description')).toMatch(/no earliest event date/);
    const statuses = await page.locator('.show-chip .show-meta').evaluateAll((metas) =>
      metas.map((meta) => {
        const status = meta.querySelector('.show-status');
        const shown = meta.getBoundingClientRect().right;
        return status
          ? `${status.textContent}:${status.getBoundingClientRect().right <= shown}`
          : 'none';
      }),
    );
    expect(statuses.length).toBeGreaterThan(0);
    for (const status of statuses) expect(status).toMatch(/:true$/);
    await screenshot(page, 'calendar-1024-dark');
    // Its filters are sized as the board's at this width (the currency reached the window's
    // edge), a currency chosen and "Clear filters" included, and "Any participant" is whole.
    const sizes = (bar: ReturnType<Page['getByRole']>) =>
      bar.evaluate((el) =>
        [...el.querySelectorAll('select, input')].map((c) => Math.round(c.clientWidth)),
      );
    const dealFilters = page.getByRole('group', { name: 'Deal filters' });
    await dealFilters.getByRole('combobox', { name: 'Currency' }).selectOption({ index: 1 });
    await dealFilters.getByRole('button', { name: 'Clear filters' }).waitFor();
    const room = await page.evaluate<number>(`(() => {
      const bar = document.querySelector('[role="group"][aria-label="Deal filters"]');
      const edge = bar.getBoundingClientRect().right - parseFloat(getComputedStyle(bar).paddingRight);
      const controls = [...bar.querySelectorAll('select, input, button')];
      return edge - Math.max(...controls.map((c) => c.getBoundingClientRect().right));
    })()`);
    expect(room).toBeGreaterThanOrEqual(24);
    const calendarSizes = await sizes(dealFilters);
    await screenshot(page, 'calendar-1024-dark-filtered');
    await dealFilters.getByRole('button', { name: 'Clear filters' }).click();
    await page.goto(new URL('#/deals', baseUrl).toString());
    await dealFilters.waitFor();
    expect(await sizes(dealFilters)).toEqual(calendarSizes);
    // The board's too; from the keyboard, Tab lands in the empty date and a typed date is
    // the filter (then "Any" gives way to it).
    expect(await dealFilters.getByText('Any', { exact: true }).count()).toBe(2);
    await dealFilters.getByLabel('Owner').focus();
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate<string | null>('document.activeElement?.getAttribute("aria-label")'),
    ).toBe('Event date from');
    await page.keyboard.type('01012026');
    await expect
      .poll(() => dealFilters.getByLabel('Event date from').inputValue())
      .toBe('2026-01-01');
    expect(await dealFilters.getByText('Any', { exact: true }).count()).toBe(1);
    await screenshot(page, 'board-1024-dark-dated');
    await dealFilters.getByRole('button', { name: 'Clear filters' }).click();
    const participantCut = await page.evaluate<string>(`(() => {
      const select = document.querySelector('[aria-label="Deal filters"] select[aria-label="Participant"]');
      const style = getComputedStyle(select);
      const pen = document.createElement('canvas').getContext('2d');
      pen.font = style.fontSize + ' ' + style.fontFamily;
      const text = pen.measureText(select.selectedOptions[0].text).width;
      // The room for the text: the box less its padding and the arrow (about 20 px).
      const inner = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
      return select.selectedOptions[0].text + ': ' + Math.round(text) + ' in ' + Math.round(inner);
    })()`);
    const [need, has] = participantCut.match(/\d+/g)!.map(Number);
    expect(need, participantCut).toBeLessThanOrEqual(has!);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  }, 300_000);

  it('keeps dated exchange rates in Settings and combines revenue in the reporting currency, saying which rates', async () => {
    const page = await withDemoDeals('#/settings');
    const section = page.getByRole('region', { name: 'Reports' });
    await section.getByLabel('Reporting currency').selectOption('EUR');
    const form = page.getByRole('form', { name: 'New exchange rates' });
    const since = `${new Date().getFullYear() - 2}-01-01`;
    // Written as the app writes dates, on screen (the CSV keeps ISO).
    const written = `Jan 1, ${new Date().getFullYear() - 2}`;
    await form.getByLabel('In force from').fill(since);
    await form.getByLabel('1 unit of').selectOption('EUR');
    const lines = form.getByLabel('is worth (one currency a line)');
    await lines.fill('USD 1.08\nGBP 0.85');
    // Both lines show: the box is a text area, not a one-line input's height.
    expect(await lines.evaluate((box) => box.scrollHeight <= box.clientHeight + 1)).toBe(true);
    await form.getByRole('button', { name: 'Add rates' }).click();
    const rates = page.getByRole('table', { name: 'Exchange rates' });
    await expect.poll(() => rates.textContent(), SLOW).toContain(written);
    expect(await rates.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await screenshot(page, 'reports-settings-rates');

    await page.goto(new URL('#/reports', baseUrl).toString());
    const combined = figure(page, 'Revenue by event month, all currencies in EUR');
    await combined.waitFor(SLOW);
    const total = combined.getByRole('table').locator('tbody tr', { hasText: 'Total' });
    await expect.poll(() => total.textContent(), SLOW).toContain(`(rates of ${written})`);
    // Every currency converted (no "No USD → EUR rate" note), and the total is not zero.
    expect(await combined.locator('.report-notes').count()).toBe(0);
    expect(await total.locator('td').first().textContent()).toMatch(/€/);
    expect(await total.textContent()).not.toMatch(/^Total(€0\.00)+/);
    expect(pageErrors(page)).toEqual([]);
  });

  it('releasing the 1st hold makes the 2nd hold the 1st, in its history, and Undo puts both back', async () => {
    const page = await withDemoDeals('#/deals');
    // The demo's two holds on one night at one venue, by their level badges.
    const card = (level: string) =>
      page
        .locator('[data-deal-id]')
        .filter({ has: page.locator('.deal-hold-level', { hasText: level }) })
        .filter({ hasText: 'Same night' });
    await card('H2').waitFor();
    const first = (await card('H1').getAttribute('data-deal-id'))!;
    const second = (await card('H2').getAttribute('data-deal-id'))!;
    const heading = page.getByRole('heading', { level: 1 });
    const status = page.locator('.page-subtitle .deal-status');
    const history = page.getByRole('list', { name: 'Status history' });

    // The deal page names the night as the rest of the page writes dates ("Mar 25, 2027").
    await page.goto(new URL(`#/deals/${first}`, baseUrl).toString());
    const notice = page.getByRole('status').filter({ hasText: 'Hold conflict.' });
    await expect
      .poll(() => notice.textContent(), SLOW)
      .toMatch(/ on [A-Z][a-z]{2} \d{1,2}, \d{4}\. Also on that night/);

    const release = async () => {
      await page.goto(new URL(`#/deals/${first}`, baseUrl).toString());
      await page
        .getByRole('group', { name: 'Move deal' })
        .getByRole('button', { name: 'Released' })
        .click();
      const said = page.getByRole('status').filter({ hasText: '1 hold on that date moved up' });
      await said.waitFor();
      return said;
    };

    // Release, then Undo straight from the toast.
    const title = await (async () => {
      const said = await release();
      const text = (await heading.textContent())!;
      await said.getByRole('button', { name: 'Undo' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `${text}: back to 1st hold` })
        .waitFor();
      return text;
    })();
    await expect.poll(() => status.textContent(), SLOW).toBe('Hold · 1st hold');

    // The 2nd hold went up and came back, each step in its status history.
    await page.goto(new URL(`#/deals/${second}`, baseUrl).toString());
    await expect.poll(() => status.textContent(), SLOW).toBe('Hold · 2nd hold');
    await history.getByText(`Now 1st hold: ${title} (1st hold) was released`).waitFor();
    await history.getByText('Undo: back to 2nd hold').waitFor();

    // Released again and left so: the 2nd hold is the 1st now.
    await release();
    await page.goto(new URL(`#/deals/${second}`, baseUrl).toString());
    await expect.poll(() => status.textContent(), SLOW).toBe('Hold · 1st hold');
    await screenshot(page, 'hold-promoted');
    expect(pageErrors(page)).toEqual([]);
  }, 300_000);

  it('moves a show on the calendar with the keyboard and by dragging, and the same-night conflict follows', async () => {
    const page = await withDemoDeals('#/calendar');
    await page.getByRole('grid').first().waitFor();
    // The demo's two holds on one night at one venue: go to their month.
    const conflict = page.locator('.show-conflict').first();
    for (let i = 0; i < 24 && (await conflict.count()) === 0; i += 1)
      await page.getByRole('button', { name: 'Next month' }).click();
    await conflict.waitFor();
    await screenshot(page, 'calendar-month');
    const chips = page.locator('.show-conflict');
    expect(await chips.count()).toBe(2);

    // Keyboard: Alt+→ moves a show a day later.
    const id = (await chips.nth(1).getAttribute('data-deal-id'))!;
    const chip = page.locator(`[data-deal-id="${id}"]`);
    const day = await chip.locator('xpath=..').getAttribute('data-date');
    await chip.focus();
    await page.keyboard.press('Alt+ArrowRight');
    const next = new Date(`${day}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const nextDay = next.toISOString().slice(0, 10);
    await expect.poll(() => chip.locator('xpath=..').getAttribute('data-date'), SLOW).toBe(nextDay);
    await expect.poll(() => page.locator('.show-conflict').count(), SLOW).toBe(0);
    // The toast says the new date as the calendar and the board write dates.
    const written = next.toLocaleDateString('en-US', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    await page
      .getByRole('status')
      .filter({ hasText: `: moved to ${written}` })
      .waitFor(SLOW);
    // The focus follows the show to its new day, so the keys move it again: back, and on.
    const focused = () =>
      page.evaluate<string | null>('document.activeElement?.getAttribute("data-deal-id") ?? null');
    await expect.poll(focused, SLOW).toBe(id);
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(() => chip.locator('xpath=..').getAttribute('data-date'), SLOW).toBe(day);
    await expect.poll(focused, SLOW).toBe(id);
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(() => chip.locator('xpath=..').getAttribute('data-date'), SLOW).toBe(nextDay);
    await expect.poll(() => page.locator('.show-conflict').count(), SLOW).toBe(0);

    // Drag: back onto its first night, the conflict is there again.
    await chip.dragTo(page.locator(`[data-date="${day}"]`));
    await expect.poll(() => chip.locator('xpath=..').getAttribute('data-date'), SLOW).toBe(day);
    await expect.poll(() => page.locator('.show-conflict').count(), SLOW).toBe(2);

    expect(pageErrors(page)).toEqual([]);
  }, 300_000);
});
