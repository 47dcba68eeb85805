// Shared benchmark plumbing: build the web preview, serve it, drive it in Debian's Chromium.
// Benchmarks print numbers beside their ceiling as ratios; they are never timed tests.
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const root = resolve(import.meta.dirname, '..');
const configFile = resolve(root, 'vite.web.config.ts');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds (production mode) and serves the web preview; returns its URL and a stop function. */
export async function startPreview({ port = 0 } = {}) {
  const outDir = resolve(root, 'test-output', `web-bench-${process.pid}`);
  // BENCH_NO_MINIFY=1: readable function names in CPU profiles (bench/cpu-profile.mjs).
  const minify = process.env.BENCH_NO_MINIFY ? { minify: false } : {};
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true, ...minify } });
  const server = await preview({
    configFile,
    build: { outDir },
    // A fixed port keeps the origin, so a kept profile's IndexedDB is found again.
    preview: { port, strictPort: port !== 0, host: '127.0.0.1' },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview did not start');
  return {
    url,
    outDir,
    stop: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/**
 * A Chromium whose contexts each have a real profile on disk. Playwright's ordinary contexts
 * are off the record, and Chromium keeps off-the-record IndexedDB in memory under a small
 * quota: 100,000 customers with their outbox exceed it (QuotaExceededError). Each
 * `newContext()` here is a persistent context in a fresh temporary profile.
 */
export async function launchChromium({ keptProfile = null } = {}) {
  const contexts = [];
  return {
    async newContext(options = {}) {
      // A kept profile outlives the run (a run cut off and resumed later); others are removed.
      const dir = keptProfile ?? (await mkdtemp(join(tmpdir(), 'encore-bench-')));
      const context = await chromium.launchPersistentContext(dir, {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS,
        ...options,
      });
      contexts.push({ context, dir });
      return context;
    },
    /** The profiles in use: their processes carry `--user-data-dir=<profile>`. */
    profileDirs() {
      return contexts.map(({ dir }) => dir);
    },
    async close() {
      for (const { context, dir } of contexts) {
        await context.close();
        if (dir !== keptProfile) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Opens the app with dev hooks (`window.encoreDev = { db, crm }`) in a fresh profile.
 * `path` is the hash route, e.g. '#/customers'.
 */
export async function openDevApp(
  browser,
  baseUrl,
  path = '#/customers',
  viewport = { width: 1360, height: 820 },
) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${baseUrl}?dev=1${path}`);
  await page.waitForFunction(() => 'encoreDev' in globalThis);
  return page;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function fmt(ms) {
  return `${ms.toFixed(1)} ms`;
}
