/**
 * The start path (issue 16, docs/architecture.md "The start path"): what the first screen
 * loads, and what waits until it is shown.
 */
import type { Browser } from 'playwright-core';
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

/** Libraries the start chunk must not hold: the first screen only shows rows. */
const NOT_AT_START = [
  'node_modules/zod/',
  'node_modules/libphonenumber-js/metadata.max.json',
  'node_modules/papaparse/',
  'node_modules/chardet/',
  'node_modules/recharts/',
  'src/renderer/src/sync/engine.ts',
  'src/renderer/src/services/crm/backup/backup-writer.ts',
  'src/renderer/src/services/crm/backup/restore-commit.ts',
  'src/renderer/src/domain/backup/',
];

/** The sources of every script index.html loads before the app runs (entry and preloads). */
async function startSources(): Promise<string[]> {
  const html = await (await fetch(new URL('index.html', baseUrl))).text();
  const scripts = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  const sources: string[] = [];
  for (const script of scripts) {
    const map = (await (await fetch(new URL(`${script}.map`, baseUrl))).json()) as {
      sources: string[];
    };
    sources.push(...map.sources);
  }
  return sources;
}

describe('start path', () => {
  it('loads neither zod, the full phone metadata, the sync engine nor the backup code at start', async () => {
    const sources = await startSources();
    // The list itself is there (a check that reads nothing proves nothing).
    expect(sources.some((source) => source.includes('pages/crm/CustomerListPage.tsx'))).toBe(true);
    expect(sources.some((source) => source.includes('libphonenumber-js/metadata.min.json'))).toBe(
      true,
    );
    for (const excluded of NOT_AT_START)
      expect(sources.filter((source) => source.includes(excluded))).toEqual([]);
  });

  it('starts its workers after the first rows are shown, and they answer the first search', async () => {
    const page = await openApp(browser, baseUrl, '?dev=1#/customers');
    await page.waitForFunction(() => 'encoreDev' in globalThis);
    await page.evaluate(() =>
      (
        globalThis as unknown as {
          encoreDev: { crm: { demo: { seed(n: number, o: object): Promise<unknown> } } };
        }
      ).encoreDev.crm.demo.seed(60, { chunkSize: 60 }),
    );
    // A fresh start of the same profile: when is each worker made, and when is the first row?
    // Page code as text: this suite's typecheck has no DOM types.
    await page.addInitScript(`
      const made = [];
      const Original = globalThis.Worker;
      globalThis.Worker = class extends Original {
        constructor(url, options) {
          super(url, options);
          made.push({ url: String(url), at: performance.now() });
        }
      };
      globalThis.__workers = made;
      new MutationObserver((_, observer) => {
        if (!document.querySelector('[role="row"][aria-rowindex="2"]')) return;
        globalThis.__firstRowAt = performance.now();
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    `);
    await page.goto(new URL('#/customers', baseUrl).toString());
    await page.waitForFunction(
      () => typeof (globalThis as { __firstRowAt?: number }).__firstRowAt === 'number',
    );
    // The search worker loads its index once the first screen is shown and the page is idle.
    await page.waitForFunction(() =>
      (globalThis as unknown as { __workers: { url: string }[] }).__workers.some((w) =>
        w.url.includes('search-worker'),
      ),
    );
    const { firstRowAt, workers } = await page.evaluate(() => {
      const start = globalThis as unknown as {
        __workers: { url: string; at: number }[];
        __firstRowAt: number;
      };
      return { firstRowAt: start.__firstRowAt, workers: start.__workers };
    });
    expect(workers.length).toBeGreaterThan(0);
    for (const worker of workers) expect(worker.at).toBeGreaterThan(firstRowAt);

    // The first search, typed at once, is answered by the worker started after the rows.
    await page.getByLabel('Search customers').fill('e');
    const count = page.getByTestId('result-count');
    await expect.poll(async () => count.textContent(), { timeout: 30_000 }).toMatch(/of 60/);
    await screenshot(page, 'startup-first-search');
    expect(pageErrors(page)).toEqual([]);
  });
});
