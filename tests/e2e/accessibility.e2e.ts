// axe-core on every page, step and dialog, in light and in dark: no serious or critical
// violation. Each scheme walks the app once with the demo data and collects every violation,
// so one run names all of them (page, rule, element) instead of stopping at the first.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, pageErrors, screenshot, trackErrors } from './browser';

const baseUrl = inject('baseUrl');
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Finding = { where: string; rule: string; impact: string; targets: string[]; help: string };

/**
 * Runs axe on the page as it is now and returns its serious and critical violations. The
 * source goes in through evaluate: the app's CSP refuses inline script tags, rightly.
 */
async function audit(page: Page, where: string): Promise<Finding[]> {
  // Let transitions (dialogs fading in, skeletons) settle: axe reads computed colours.
  await page.waitForTimeout(250);
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(axeSource);
  // A string, run in the page: this side is Node (no DOM types).
  const violations = await page.evaluate<Omit<Finding, 'where'>[]>(`
    axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      result.violations.map((v) => ({
        rule: v.id,
        impact: v.impact ?? '',
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + (n.failureSummary ?? '')),
      })),
    )`);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ where, ...v }));
}

const CSV = [
  'First name,Last name,Email,Phone,Birthday',
  'Ada,Lovelace,ada@example.com,+44 20 7946 0958,10.12.1985',
  'Alan,Turing,alan@example,555-0100,1912-06-23',
  'Grace,Hopper,grace@example.com,030 1234567,',
  'Katherine,Johnson,katherine@example.com,+1 415 555 2671,1918-08-26',
].join('\r\n');

async function walk(scheme: 'light' | 'dark'): Promise<Finding[]> {
  const context = await browser.newContext({
    viewport: { width: 1360, height: 820 },
    locale: 'en-US',
    colorScheme: scheme,
  });
  const page = trackErrors(await context.newPage());
  const go = async (path: string) => page.goto(new URL(path, baseUrl).toString());
  const found: Finding[] = [];
  const check = async (where: string) => found.push(...(await audit(page, `${scheme} ${where}`)));

  await go('#/customers');
  await page.getByRole('button', { name: 'Load demo data' }).waitFor();
  await check('customers (empty)');
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByTestId('result-count').filter({ hasText: '60 customers' }).waitFor();
  await check('customers');
  await page.getByText('Columns', { exact: true }).click();
  await check('customers, column picker');
  await page.getByText('Columns', { exact: true }).click();
  await page
    .getByRole('button', { name: /New customer/ })
    .first()
    .click();
  await page.getByRole('dialog', { name: 'New customer' }).waitFor();
  await check('new customer dialog');
  await page.keyboard.press('Escape');
  await page
    .getByRole('button', { name: /^Export/ })
    .first()
    .click();
  await page.getByRole('dialog', { name: 'Export customers' }).waitFor();
  await check('export dialog');
  await page.keyboard.press('Escape');
  await page
    .getByRole('checkbox', { name: /^Select / })
    .nth(1)
    .click();
  await check('customers, a row selected');
  await page.keyboard.press('Escape');

  await page.getByRole('grid', { name: 'Customers' }).getByRole('row').nth(1).click();
  await page.getByRole('tab', { name: 'Contact info' }).waitFor();
  for (const tab of ['Contact info', 'Tasks', 'Relationships', /^Engagement/, 'Deals']) {
    await page.getByRole('tab', { name: tab }).click();
    await check(`customer detail, ${String(tab)} tab`);
  }

  // The demo data loaded above came with its deals.
  await go('#/deals');
  await page.locator('[data-deal-id]').first().waitFor();
  await check('deals board');
  await page.getByRole('button', { name: 'New deal' }).click();
  await page.getByRole('dialog', { name: /New deal/ }).waitFor();
  await check('new deal dialog');
  await page.keyboard.press('Escape');
  await page.locator('[data-deal-id]').first().click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await check('deal page');

  for (const [path, name] of [
    ['#/tasks', 'tasks'],
    ['#/relationships', 'relationships'],
    ['#/reports', 'reports'],
    ['#/calendar', 'calendar'],
    ['#/duplicates', 'duplicates'],
    ['#/settings', 'settings'],
  ] as const) {
    await go(path);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(400);
    await check(name);
  }

  await go('#/import');
  await page.getByLabel('CSV file', { exact: true }).waitFor({ state: 'attached' });
  await check('import, file step');
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV),
  });
  await page.getByRole('heading', { name: /Header row and format/ }).waitFor();
  await check('import, format step');
  await page.getByRole('button', { name: 'Next: columns' }).click();
  await check('import, columns step');
  await page.getByRole('button', { name: 'Next: check rows' }).click();
  await page.getByRole('heading', { name: 'Check rows' }).waitFor();
  await check('import, check step');
  await page.getByRole('button', { name: 'Next: plan' }).click();
  await page.getByRole('heading', { name: 'Plan' }).waitFor();
  await check('import, plan step');
  await page.getByRole('button', { name: /^Import [\d,]+ customers?$|^Finish/ }).click();
  await page.getByRole('heading', { name: 'Import finished' }).waitFor();
  await check('import, summary');

  await screenshot(page, `accessibility-import-${scheme}`);
  expect(pageErrors(page)).toEqual([]);
  await context.close();
  return found;
}

describe('accessibility (axe-core)', () => {
  it.each(['light', 'dark'] as const)(
    'no serious or critical violation on any page, step or dialog in %s',
    async (scheme) => {
      const found = await walk(scheme);
      // The whole list in the failure message: page, rule and elements.
      expect(found, JSON.stringify(found, null, 2)).toEqual([]);
    },
    240_000,
  );
});
