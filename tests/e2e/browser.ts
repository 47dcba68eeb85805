import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps dialling Google on this closed
// network; each browser gets a fresh profile, so IndexedDB starts empty.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-output/screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export async function openApp(
  browser: Browser,
  baseUrl: string,
  path = '#/customers',
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1360, height: 820 },
    locale: 'en-US',
    acceptDownloads: true,
  });
  const page = trackErrors(await context.newPage());
  await page.goto(new URL(path, baseUrl).toString());
  return page;
}

/** Collects the page's uncaught errors for pageErrors (openApp's pages do this already). */
export function trackErrors(page: Page): Page {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  (page as Page & { problems?: string[] }).problems = problems;
  return page;
}

export function pageErrors(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`) });
}
