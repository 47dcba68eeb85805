/**
 * The start path (issue 16, docs/architecture.md "The start path"): what the first screen
 * loads, and what waits until it is shown.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SCREENSHOT_DIR, launchBrowser, openApp, pageErrors, screenshot } from './browser';

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
  'node_modules/d3-scale/',
  'src/renderer/src/sync/engine.ts',
  'src/renderer/src/services/crm/backup/backup-writer.ts',
  'src/renderer/src/services/crm/backup/restore-commit.ts',
  'src/renderer/src/domain/backup/',
  // The search engine runs in its worker; the in-process host (Node tests) loads on first use.
  'src/renderer/src/services/crm/customers/search/search-host.ts',
];

/** The sources of every script index.html loads before the app runs (entry and preloads). */
async function startSources(): Promise<string[]> {
  const html = await (await fetch(new URL('index.html', baseUrl))).text();
  // The entry, and the start chunk's files its meta names (imported after the first paint).
  const named = /<meta name="encore-start-chunk" content="([^"]*)"/.exec(html)?.[1] ?? '';
  const scripts = [
    ...[...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!),
    ...named.split(' ').map((file) => file.replace(/^\.\//, '')),
  ].filter(Boolean);
  expect(named).toMatch(/assets\/start-/);
  expect(scripts.length).toBeGreaterThan(0);
  const sources: string[] = [];
  for (const script of scripts) {
    const response = await fetch(new URL(`${script}.map`, baseUrl));
    // rolldown's few-line runtime has no map (the preview answers index.html): no sources.
    if (!response.headers.get('content-type')?.includes('json')) continue;
    const map = (await response.json()) as { sources: string[] };
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

type Dev = {
  crm: {
    demo: { seed(n: number, o: object): Promise<unknown> };
    customers: { updateProfile(id: string, patch: object): Promise<unknown> };
    customerBulk: { apply(ids: string[], change: { kind: 'delete' }): Promise<unknown> };
  };
  db: { customers_crm_v: { orderBy(index: string): { primaryKeys(): Promise<string[]> } } };
};

/** The stored snapshot's database version, or null before one is stored. */
const storedVersion = (page: Page) =>
  page.evaluate(
    `JSON.parse(localStorage.getItem('encore:first-paint') ?? 'null')?.databaseVersion ?? null`,
  ) as Promise<number | null>;

/** 60 customers seeded, then a start that shows them: it leaves the first paint's snapshot. */
async function seededWithSnapshot(): Promise<Page> {
  const page = await openApp(browser, baseUrl, '?dev=1#/customers');
  await page.waitForFunction(() => 'encoreDev' in globalThis);
  await page.evaluate(() =>
    (globalThis as unknown as { encoreDev: Dev }).encoreDev.crm.demo.seed(60, { chunkSize: 60 }),
  );
  await page.reload();
  await page.waitForSelector('#root [role="row"][aria-rowindex="2"]');
  await expect.poll(() => storedVersion(page), { timeout: 30_000 }).not.toBeNull();
  // And the rows the next start draws at parse time (app/first-paint/keep-rows.ts).
  await expect.poll(() => keptRows(page), { timeout: 30_000 }).not.toBeNull();
  return page;
}

/** The rows kept for the parse-time picture (early.ts), or null. */
const keptRows = (page: Page) =>
  page.evaluate(
    `JSON.parse(localStorage.getItem('encore:first-paint') ?? 'null')?.rows ?? null`,
  ) as Promise<{ generation: string; nodes: unknown[]; validUntil: number } | null>;

/**
 * Every start of this page from now on without the parse-time picture (a write since the rows
 * were kept: another generation), for the tests of the entry's picture, which reads IndexedDB.
 */
const withoutEarlyPicture = (page: Page) =>
  page.addInitScript(
    `localStorage.setItem('encore:list-generation', 'elsewhere-' + Math.random())`,
  );

/** Holds the entry module (the first paint's reader, then the app) until `release`. */
async function holdEntry(page: Page): Promise<() => Promise<void>> {
  const held: Route[] = [];
  let released = false;
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
    if (released) await route.continue();
    else held.push(route);
  });
  return async () => {
    released = true;
    for (const route of held) await route.continue();
  };
}

/** Console errors of the page from now on (a missing chunk, a failed read, React's warnings). */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/**
 * The first rows as the screen shows them, in #first-paint or in #root: each row's markup
 * (attributes sorted; ids are React's alone) and box. Page code as text: no DOM types here.
 */
const ROWS_IN = (container: string) => `(() => {
  const normal = (node) => {
    if (node.nodeType === 3) return node.textContent;
    const attributes = [...node.attributes]
      .filter((a) => a.name !== 'id')
      .map((a) => a.name + '=' + a.value)
      .sort();
    return [node.tagName, attributes, [...node.childNodes].map(normal)];
  };
  const rows = [...document.querySelectorAll('${container} [role="row"][aria-rowindex]')]
    .filter((row) => row.getAttribute('aria-rowindex') !== '1')
    .slice(0, 8)
    // React writes "+{n}" as two text nodes: the same text on screen.
    .map((row) => {
      const copy = row.cloneNode(true);
      copy.normalize();
      return copy;
    });
  const head = document.querySelector('${container} .list-head');
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return [r.x, r.y, r.width, r.height].map(Math.round);
  };
  return {
    rows: rows.map(normal),
    boxes: [...document.querySelectorAll('${container} [role="row"][aria-rowindex]')]
      .filter((row) => row.getAttribute('aria-rowindex') !== '1')
      .slice(0, 8)
      .map(box),
    headCells: [...head.children].map((cell) => [cell.textContent, box(cell)]),
    title: document.querySelector('${container} .page-title')?.textContent,
    titleBox: box(document.querySelector('${container} .page-header')),
  };
})()`;

type Shown = {
  rows: unknown[];
  boxes: number[][];
  headCells: [string, number[]][];
  title: string;
  titleBox: number[];
};

/** Holds the app's start chunk until `release`: the first paint stays on screen meanwhile. */
async function holdStartChunk(page: Page): Promise<() => Promise<void>> {
  const held: Route[] = [];
  let released = false;
  await page.route(/\/assets\/start-[^/]+\.js$/, async (route) => {
    if (released) await route.continue();
    else held.push(route);
  });
  return async () => {
    released = true;
    for (const route of held) await route.continue();
  };
}

const firstPaintMarks = (page: Page) =>
  page.evaluate(() =>
    (
      globalThis as unknown as { performance: { getEntriesByName(n: string): unknown[] } }
    ).performance.getEntriesByName('encore:first-paint'),
  );

describe('first paint', () => {
  it('draws the first rows before the app loads; the app takes over with the same rows, then edits show', async () => {
    const page = await seededWithSnapshot();
    const errors = consoleErrors(page);
    const release = await holdStartChunk(page);
    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector('#first-paint [role="row"][aria-rowindex="2"]');
    const picture = (await page.evaluate(ROWS_IN('#first-paint'))) as Shown;
    // React has not run: the rows come from IndexedDB alone, #root is hidden and empty.
    expect(await page.evaluate('document.getElementById("root").childElementCount')).toBe(0);
    expect(picture.rows.length).toBeGreaterThan(5);
    await screenshot(page, 'startup-first-paint');

    await release();
    await page.waitForSelector('#first-paint', { state: 'detached' });
    const live = (await page.evaluate(ROWS_IN('#root'))) as Shown;
    await screenshot(page, 'startup-after-handover');
    // The same rows, in the same order, with the same columns, at the same places.
    expect(live.rows).toEqual(picture.rows);
    expect(live.boxes).toEqual(picture.boxes);
    expect(live.headCells).toEqual(picture.headCells);
    expect([live.title, live.titleBox]).toEqual([picture.title, picture.titleBox]);
    expect(await page.evaluate('document.getElementById("root").style.visibility')).toBe('');

    // The live list has taken over: an edit of the first customer shows in its row.
    await page.waitForFunction(() => 'encoreDev' in globalThis);
    await page.evaluate(async () => {
      const { crm, db } = (globalThis as unknown as { encoreDev: Dev }).encoreDev;
      const [first] = await db.customers_crm_v.orderBy('sort_name').primaryKeys();
      await crm.customers.updateProfile(first!, { first_name: 'Aaron', last_name: 'Aardvark' });
    });
    await page
      .locator('#root [role="row"][aria-rowindex="2"]')
      .getByText('Aaron Aardvark')
      .waitFor();
    expect(errors).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it("draws the picture in the page's own layer, not one composited layer per row", async () => {
    const page = await seededWithSnapshot();
    const release = await holdStartChunk(page);
    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector('#first-paint [role="row"][aria-rowindex="2"]');
    // Chromium's layers as the compositor has them: each one drawing content is rasterized
    // tile by tile before the frame that shows the picture can be presented.
    const cdp = await page.context().newCDPSession(page);
    let layers: { drawsContent: boolean }[] = [];
    cdp.on('LayerTree.layerTreeDidChange', (event) => {
      if (event.layers) layers = event.layers;
    });
    await cdp.send('LayerTree.enable');
    await page.evaluate('document.body.style.setProperty("--probe", "1")'); // a new frame
    await expect.poll(() => layers.length).toBeGreaterThan(0);
    // Fixed to the viewport, the picture and its rows' clipped cells took ~40 layers here.
    expect(layers.filter((layer) => layer.drawsContent).length).toBeLessThanOrEqual(3);
    expect(await page.evaluate('document.getElementById("root").childElementCount')).toBe(0);
    await cdp.detach();
    await release();
    await page.waitForSelector('#first-paint', { state: 'detached' });
    expect(pageErrors(page)).toEqual([]);
  });

  it('lays the page around the rows out while IndexedDB reads them, and shows it with the rows', async () => {
    const page = await seededWithSnapshot();
    await withoutEarlyPicture(page); // the entry's picture is the one tested here
    const errors = consoleErrors(page);
    // The first paint's open (without a version; Dexie gives one) answers only when released.
    await page.addInitScript(`
      let release;
      const held = new Promise((resolve) => (release = resolve));
      globalThis.__releaseRead = release;
      const open = IDBFactory.prototype.open;
      IDBFactory.prototype.open = function (name, version) {
        const request = open.call(this, name, version);
        if (version !== undefined) return request;
        let handler = null;
        Object.defineProperty(request, 'onsuccess', {
          get: () => handler,
          set: (value) => (handler = value),
        });
        request.addEventListener('success', (event) => {
          void held.then(() => handler && handler.call(request, event));
        });
        return request;
      };
    `);
    const release = await holdStartChunk(page);
    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector('#first-paint .page-header', { state: 'attached' });
    // While the rows are read: the shell is in the page, laid out, hidden, without rows.
    const during = await page.evaluate(`(() => {
      const picture = document.getElementById('first-paint');
      const header = picture.querySelector('.page-header').getBoundingClientRect();
      return {
        visibility: getComputedStyle(picture).visibility,
        rows: picture.querySelectorAll('[role="row"][aria-rowindex="2"]').length,
        header: header.width > 0 && header.height > 0,
        painted: performance.getEntriesByName('encore:first-paint').length,
      };
    })()`);
    expect(during).toEqual({ visibility: 'hidden', rows: 0, header: true, painted: 0 });
    await page.evaluate('globalThis.__releaseRead()');
    await page.waitForSelector('#first-paint [role="row"][aria-rowindex="2"]');
    expect(
      await page.evaluate('getComputedStyle(document.getElementById("first-paint")).visibility'),
    ).toBe('visible');
    await release();
    await page.waitForSelector('#first-paint', { state: 'detached' });
    await page.waitForSelector('#root [role="row"][aria-rowindex="2"]');
    expect(errors).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('fetches the start chunk only once the entry runs, not from index.html before it', async () => {
    const page = await seededWithSnapshot();
    const html = await (await fetch(new URL('index.html', baseUrl))).text();
    expect(html).not.toMatch(/rel="modulepreload"/);
    await page.reload();
    await page.waitForSelector('#root [role="row"][aria-rowindex="2"]');
    const times = (await page.evaluate(`(() => {
      const chunk = performance
        .getEntriesByType('resource')
        .find((entry) => entry.name.includes('/assets/start-') && entry.name.endsWith('.js'));
      return {
        requested: chunk ? chunk.startTime : null,
        entry: performance.getEntriesByName('encore:entry')[0].startTime,
        painted: performance.getEntriesByName('encore:first-paint').length,
      };
    })()`)) as { requested: number | null; entry: number; painted: number };
    // Imported by the entry after the first paint's frame (or its 150 ms), so its transfer
    // and compile do not compete with the first paint's read, layout and frame.
    expect(times.painted).toBe(1);
    expect(times.requested).not.toBeNull();
    expect(times.requested!).toBeGreaterThan(times.entry);
    expect(pageErrors(page)).toEqual([]);
  });

  it('a click on a drawn row is not lost: the app starts on that customer', async () => {
    const page = await seededWithSnapshot();
    const release = await holdStartChunk(page);
    await page.reload({ waitUntil: 'commit' });
    const second = page.locator('#first-paint [role="row"][aria-rowindex="3"]');
    await second.waitFor();
    const name = (await second.locator('[role="gridcell"]').first().textContent())!.trim();
    const box = (await second.boundingBox())!;
    // The picture is inert: the click lands on the page under it, before React has run.
    await page.mouse.click(box.x + 40, box.y + box.height / 2);
    expect(await page.evaluate('document.getElementById("root").childElementCount')).toBe(0);
    await release();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(page.url()).toMatch(/#\/customers\/[^/]+$/);
    expect(pageErrors(page)).toEqual([]);
  });

  it('React takes over from what the picture read, while its own database open is still under way', async () => {
    const page = await seededWithSnapshot();
    const errors = consoleErrors(page);
    // Dexie opens with a version (the first paint without): its open's success waits for a
    // release, so the app cannot read anything through Dexie until then.
    await page.addInitScript(`
      let release;
      const held = new Promise((resolve) => (release = resolve));
      globalThis.__releaseOpen = release;
      const open = IDBFactory.prototype.open;
      IDBFactory.prototype.open = function (name, version) {
        const request = open.call(this, name, version);
        if (version === undefined) return request;
        let handler = null;
        Object.defineProperty(request, 'onsuccess', {
          get: () => handler,
          set: (value) => (handler = value),
        });
        request.addEventListener('success', (event) => {
          void held.then(() => handler && handler.call(request, event));
        });
        return request;
      };
    `);
    await page.reload();
    await page.waitForSelector('#first-paint', { state: 'detached' });
    await page.waitForSelector('#root [role="row"][aria-rowindex="2"]');
    expect(await page.evaluate("performance.getEntriesByName('encore:storage-open').length")).toBe(
      0,
    );
    expect(await page.evaluate('document.getElementById("root").style.visibility')).toBe('');
    await page.evaluate('globalThis.__releaseOpen()');
    await page.waitForFunction("performance.getEntriesByName('encore:storage-open').length === 1");

    // Live once open: an edit of the first customer shows in its row.
    await page.waitForFunction(() => 'encoreDev' in globalThis);
    await page.evaluate(async () => {
      const { crm, db } = (globalThis as unknown as { encoreDev: Dev }).encoreDev;
      const [first] = await db.customers_crm_v.orderBy('sort_name').primaryKeys();
      await crm.customers.updateProfile(first!, { first_name: 'Abel', last_name: 'Aaberg' });
    });
    await page.locator('#root [role="row"][aria-rowindex="2"]').getByText('Abel Aaberg').waitFor();
    expect(errors).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('keys typed while only the picture shows are kept: the search, its caret and focus', async () => {
    const page = await seededWithSnapshot();
    const errors = consoleErrors(page);
    const release = await holdStartChunk(page);
    await page.reload({ waitUntil: 'commit' });
    const second = page.locator('#first-paint [role="row"][aria-rowindex="3"]');
    await second.waitFor();
    const name = (await second.locator('[role="gridcell"]').first().textContent())!.trim();
    const typed = name.split(' ')[0]!.slice(0, 4);
    // Nothing is focused: the first key focuses the drawn search box and lands in it.
    await page.keyboard.type(typed.slice(0, 3));
    await page.keyboard.press('x');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(typed.slice(3));
    await page.keyboard.press('ArrowLeft');
    expect(
      await page.evaluate('document.querySelector("#first-paint input.search-input").value'),
    ).toBe(typed);
    expect(await page.evaluate('document.getElementById("root").childElementCount')).toBe(0);
    await screenshot(page, 'startup-typed-into-first-paint');

    await release();
    await page.waitForSelector('#first-paint', { state: 'detached' });
    const search = page.getByLabel('Search customers');
    await expect.poll(() => search.inputValue()).toBe(typed);
    const focus = await page.evaluate(`(() => {
      const box = document.activeElement;
      return [box.getAttribute('aria-label'), box.selectionStart, box.selectionEnd];
    })()`);
    expect(focus).toEqual(['Search customers', typed.length - 1, typed.length - 1]);
    // The search runs: the customer whose name was typed is among the matches.
    await page
      .locator('#root [role="row"]')
      .getByText(name, { exact: false })
      .first()
      .waitFor({ timeout: 30_000 });
    await expect.poll(async () => page.getByTestId('result-count').textContent()).toMatch(/of 60/);
    // Typing goes on in React's box, at the caret.
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    expect(await search.inputValue()).toBe(typed.slice(0, -1));
    await screenshot(page, 'startup-typed-handed-over');
    expect(errors).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('draws nothing on another route, and nothing when the database has no rows', async () => {
    const page = await seededWithSnapshot();
    const errors = consoleErrors(page);
    await page.goto(new URL('?dev=1#/deals', baseUrl).toString());
    await page.reload(); // a start on the deals page (the hash alone changed: no new start)
    await page.getByRole('heading', { name: 'Deals' }).first().waitFor();
    expect(await firstPaintMarks(page)).toEqual([]);
    expect(await page.evaluate('document.getElementById("first-paint")')).toBeNull();

    await page.waitForFunction(() => 'encoreDev' in globalThis);
    await page.evaluate(async () => {
      const { crm, db } = (globalThis as unknown as { encoreDev: Dev }).encoreDev;
      const ids = await db.customers_crm_v.orderBy('sort_name').primaryKeys();
      await crm.customerBulk.apply(ids, { kind: 'delete' });
    });
    await page.goto(new URL('?dev=1#/customers', baseUrl).toString());
    await page.reload();
    await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
    expect(await firstPaintMarks(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('draws nothing when the database is at another version (an upgrade pending) or does not answer', async () => {
    const page = await seededWithSnapshot();
    await withoutEarlyPicture(page); // the entry's picture is the one tested here
    const errors = consoleErrors(page);
    // The version the snapshot was taken at is not the database's: the rows may have changed shape.
    const version = await storedVersion(page);
    await page.evaluate(`(() => {
      const snapshot = JSON.parse(localStorage.getItem('encore:first-paint'));
      snapshot.databaseVersion += 10;
      localStorage.setItem('encore:first-paint', JSON.stringify(snapshot));
    })()`);
    await page.reload();
    await page.waitForSelector('#root [role="row"][aria-rowindex="2"]');
    expect(await firstPaintMarks(page)).toEqual([]);

    // The database locked (the first paint's open never answers): the app starts anyway,
    // unpainted. The start above took a new snapshot, at the database's version.
    await expect.poll(() => storedVersion(page), { timeout: 30_000 }).toBe(version);
    await page.addInitScript(`
      const open = indexedDB.open.bind(indexedDB);
      let first = true;
      indexedDB.open = (...args) => {
        // The first paint opens without a version (Dexie gives one): that open never answers.
        if (!first || args.length !== 1) return open(...args);
        first = false;
        return {};
      };
    `);
    await page.reload();
    await page.waitForSelector('#root [role="row"][aria-rowindex="2"]');
    expect(await firstPaintMarks(page)).toEqual([]);
    expect(await page.evaluate('document.getElementById("first-paint")')).toBeNull();
    expect(errors).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });
});

/** Waits for a performance entry of that name (a function, not a string: the CSP has no eval). */
const waitForEntry = (page: Page, name: string) =>
  page.waitForFunction(
    (entry) =>
      (
        globalThis as unknown as { performance: { getEntriesByName(n: string): unknown[] } }
      ).performance.getEntriesByName(entry).length > 0,
    name,
  );

/** Waits until the document is parsed (the parse-time script, at the body's end, has run). */
const waitForParsed = (page: Page) =>
  page.waitForFunction(
    () =>
      (globalThis as unknown as { document: { readyState: string } }).document.readyState !==
      'loading',
  );

/** The parse-time picture's marks: drawn, replaced by the entry's read, dropped by it. */
const earlyMarks = (page: Page) =>
  page.evaluate(`['encore:first-paint-early', 'encore:first-paint-early-replaced',
    'encore:first-paint-early-dropped'].filter((name) => performance.getEntriesByName(name).length)`);

/** Whether the app's deferred stylesheet is applied, and the first screen's rules in the page. */
const SHEET_STATE = `(() => {
  const links = [...document.querySelectorAll('link[data-encore-deferred]')];
  return {
    applied: links.length > 0 && links.every((link) => link.media === 'all' && link.sheet !== null),
    firstScreenCss: document.getElementById('encore-first-screen-css') !== null,
  };
})()`;
const SHEET_APPLIED = `[...document.querySelectorAll('link[data-encore-deferred]')].every((link) => link.media === 'all' && link.sheet !== null)`;

/** Every element's box and the styles one sees (colours, font, borders) in the container. */
const STYLED = (container: string) => `(() => {
  const seen = ['color', 'background-color', 'font-family', 'font-size', 'font-weight',
    'border-top-color', 'border-bottom-width', 'display', 'padding-left', 'opacity', 'visibility'];
  return [...document.querySelectorAll('${container} *')].map((element) => {
    const r = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return [element.tagName, element.className, [r.x, r.y, r.width, r.height].map(Math.round),
      ...seen.map((name) => style.getPropertyValue(name))];
  });
})()`;

/** The largest difference of one colour channel between two screenshots of the same size. */
async function largestPixelDifference(a: Buffer, b: Buffer): Promise<number> {
  const page = await browser.newPage();
  try {
    return (await page.evaluate(
      `(async () => {
        const pixels = async (base64) => {
          const image = new Image();
          image.src = 'data:image/png;base64,' + base64;
          await image.decode();
          const canvas = new OffscreenCanvas(image.width, image.height);
          const context = canvas.getContext('2d');
          context.drawImage(image, 0, 0);
          return context.getImageData(0, 0, image.width, image.height).data;
        };
        const [a, b] = await Promise.all([pixels('${a.toString('base64')}'), pixels('${b.toString('base64')}')]);
        if (a.length !== b.length) return Infinity;
        let largest = 0;
        for (let i = 0; i < a.length; i += 1) largest = Math.max(largest, Math.abs(a[i] - b[i]));
        return largest;
      })()`,
    )) as number;
  } finally {
    await page.close();
  }
}

const screenshotPath = (name: string) => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return resolve(SCREENSHOT_DIR, `${name}.png`);
};

describe('parse-time picture (rows kept in localStorage)', () => {
  it('draws the kept rows on screen before the entry module runs; the app takes over with the same rows', async () => {
    const page = await seededWithSnapshot();
    const errors = consoleErrors(page);
    const releaseEntry = await holdEntry(page);
    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector('#first-paint [role="row"][aria-rowindex="2"]');
    // No entry yet (no IndexedDB read, no React): the rows came from localStorage, and the frame
    // showing them is presented (the page's first contentful paint).
    await waitForEntry(page, 'first-contentful-paint');
    expect(
      await page.evaluate(
        `[performance.getEntriesByName('encore:entry').length, document.getElementById('root').childElementCount]`,
      ),
    ).toEqual([0, 0]);
    const picture = (await page.evaluate(ROWS_IN('#first-paint'))) as Shown;
    expect(picture.rows.length).toBeGreaterThan(5);

    // The entry's read (the start chunk held) confirms every row: none replaced.
    const releaseStart = await holdStartChunk(page);
    await releaseEntry();
    await waitForEntry(page, 'encore:first-paint');
    expect(((await page.evaluate(ROWS_IN('#first-paint'))) as Shown).rows).toEqual(picture.rows);
    expect(await earlyMarks(page)).toEqual(['encore:first-paint-early']);
    // (After the comparison: taking a screenshot leaves style="" on the drawn checkboxes.)
    await screenshot(page, 'startup-parse-time-picture');
    await releaseStart();
    await page.waitForSelector('#first-paint', { state: 'detached' });
    const live = (await page.evaluate(ROWS_IN('#root'))) as Shown;
    expect(live.rows).toEqual(picture.rows);
    expect(live.boxes).toEqual(picture.boxes);
    expect(live.headCells).toEqual(picture.headCells);
    expect(errors).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('never draws rows kept before a write since, nor expired ones; keeps them current', async () => {
    const page = await seededWithSnapshot();
    const errors = consoleErrors(page);
    const before = (await keptRows(page))!;
    await page.waitForFunction(() => 'encoreDev' in globalThis);
    await page.evaluate(async () => {
      const { crm, db } = (globalThis as unknown as { encoreDev: Dev }).encoreDev;
      const [first] = await db.customers_crm_v.orderBy('sort_name').primaryKeys();
      await crm.customers.updateProfile(first!, { first_name: 'Abbie', last_name: 'Aabel' });
    });
    // The write gave the list a new generation, and the rows were kept again, with the edit.
    await expect
      .poll(async () => (await keptRows(page))?.generation, { timeout: 30_000 })
      .not.toBe(before.generation);
    await expect
      .poll(async () => JSON.stringify((await keptRows(page))?.nodes), { timeout: 30_000 })
      .toContain('Abbie Aabel');
    const releaseEntry = await holdEntry(page);
    await page.reload({ waitUntil: 'commit' });
    await page
      .locator('#first-paint [role="row"][aria-rowindex="2"]')
      .getByText('Abbie Aabel')
      .waitFor();
    await releaseEntry();
    await page.waitForSelector('#first-paint', { state: 'detached' });
    await page.unroute(/\/assets\/index-[^/]+\.js$/);

    // Rows kept before that write (a window closed before it kept them again): never drawn.
    // Stored from a page of the same origin where the app does not run (it would keep its own).
    // Once the rows kept are of the current generation (a start may write: nothing since), and
    // the first screen's rules are kept with them (taken once the list settles).
    await expect
      .poll(
        () =>
          page.evaluate(
            `(() => { const kept = JSON.parse(localStorage.getItem('encore:first-paint')); return kept?.rows?.generation === localStorage.getItem('encore:list-generation') && typeof kept?.css === 'string' && kept.css !== ''; })()`,
          ),
        { timeout: 30_000 },
      )
      .toBe(true);
    const icon = new URL(
      (await page.getAttribute('link[rel="icon"]', 'href'))!,
      page.url(),
    ).toString();
    await page.goto(icon);
    const keptNow = (await keptRows(page))!;
    // The first screen's rules kept with them: a start below that leaves the list before its
    // rules are taken keeps none, and a picture without them is never drawn.
    const keptCss = (await page.evaluate(
      `JSON.parse(localStorage.getItem('encore:first-paint')).css`,
    )) as string;
    expect(keptCss.length).toBeGreaterThan(0);
    const put = async (rows: object) => {
      await page.goto(icon);
      await page.evaluate(`(() => {
        const snapshot = JSON.parse(localStorage.getItem('encore:first-paint'));
        snapshot.rows = ${JSON.stringify(rows)};
        snapshot.css = ${JSON.stringify(keptCss)};
        localStorage.setItem('encore:first-paint', JSON.stringify(snapshot));
      })()`);
    };
    const startHeld = async () => {
      const release = await holdEntry(page);
      await page.goto(new URL('#/customers', baseUrl).toString(), { waitUntil: 'commit' });
      // Parsed (the early script ran: it is before the body's end), the entry held: drawn?
      await waitForParsed(page);
      const drawn = await page.evaluate('document.getElementById("first-paint") !== null');
      await release();
      await page.waitForSelector('#root [role="row"][aria-rowindex="2"]');
      await page.unroute(/\/assets\/index-[^/]+\.js$/);
      return drawn;
    };
    await put(before);
    expect(await startHeld()).toBe(false);
    // Kept too long ago (validUntil passed).
    await put({ ...keptNow, validUntil: Date.now() - 1000 });
    expect(await startHeld()).toBe(false);
    // The same rows, still valid: drawn (the two above were refused for those reasons alone).
    await put(keptNow);
    expect(await startHeld()).toBe(true);
    // (The icon's page asks for /favicon.ico: the preview answers 404.)
    expect(errors.filter((error) => !error.includes('status of 404'))).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it("is drawn and presented while the app's stylesheet is still loading, styled as it will be once it is in", async () => {
    const page = await seededWithSnapshot();
    const errors = consoleErrors(page);
    // The full stylesheet held: it must not block the picture (nor the script drawing it).
    const heldSheets: Route[] = [];
    let sheetsReleased = false;
    await page.route(/\/assets\/index-[^/]+\.css$/, async (route) => {
      if (sheetsReleased) await route.continue();
      else heldSheets.push(route);
    });
    const releaseEntry = await holdEntry(page);
    const releaseStart = await holdStartChunk(page);
    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector('#first-paint [role="row"][aria-rowindex="2"]');
    await waitForEntry(page, 'first-contentful-paint');
    expect(await page.evaluate(SHEET_STATE)).toEqual({ applied: false, firstScreenCss: true });
    const early = await page.evaluate(STYLED('#first-paint'));
    const earlyShot = await page.screenshot({ path: screenshotPath('startup-before-stylesheet') });
    // The sheet and the entry come; the entry applies the sheet after the picture's frame.
    sheetsReleased = true;
    for (const route of heldSheets) await route.continue();
    await releaseEntry();
    await expect.poll(() => page.evaluate(SHEET_APPLIED), { timeout: 30_000 }).toBe(true);
    await waitForEntry(page, 'encore:first-paint');
    const styled = await page.evaluate(STYLED('#first-paint'));
    const styledShot = await page.screenshot({ path: screenshotPath('startup-after-stylesheet') });
    // No flash: every element of the picture has the same box, colours and font before and
    // after the full sheet, and the screen is the same.
    expect(early).toEqual(styled);
    // (Rounded corners' anti-aliasing may differ by a unit or two between rasterizations.)
    expect(await largestPixelDifference(earlyShot, styledShot)).toBeLessThanOrEqual(2);
    // React renders with the full sheet; the first screen's rules go at the handover.
    await releaseStart();
    await page.waitForSelector('#first-paint', { state: 'detached' });
    expect(await page.evaluate(SHEET_STATE)).toEqual({ applied: true, firstScreenCss: false });
    expect(errors).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it("replaces a kept row that IndexedDB does not hold, in the entry's first task after its read", async () => {
    const page = await seededWithSnapshot();
    const errors = consoleErrors(page);
    // A kept row that differs from the database (written behind the app's back).
    await page.evaluate(`(() => {
      const snapshot = JSON.parse(localStorage.getItem('encore:first-paint'));
      const cell = snapshot.rows.nodes[0][2][0];
      cell[2] = [cell[2][0], 'Not In The Database'];
      localStorage.setItem('encore:first-paint', JSON.stringify(snapshot));
    })()`);
    const releaseEntry = await holdEntry(page);
    const releaseStart = await holdStartChunk(page);
    await page.reload({ waitUntil: 'commit' });
    await page
      .locator('#first-paint [role="row"][aria-rowindex="2"]')
      .getByText('Not In The Database')
      .waitFor();
    await releaseEntry();
    await waitForEntry(page, 'encore:first-paint');
    // The start chunk still held: the picture shows IndexedDB's row now.
    const first = page.locator('#first-paint [role="row"][aria-rowindex="2"]');
    expect(await first.textContent()).not.toContain('Not In The Database');
    expect(await earlyMarks(page)).toEqual([
      'encore:first-paint-early',
      'encore:first-paint-early-replaced',
    ]);
    const picture = (await page.evaluate(ROWS_IN('#first-paint'))) as Shown;
    await releaseStart();
    await page.waitForSelector('#first-paint', { state: 'detached' });
    expect(((await page.evaluate(ROWS_IN('#root'))) as Shown).rows).toEqual(picture.rows);
    expect(errors).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });
});
