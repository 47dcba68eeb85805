// Where the start goes (issue 16): one Chromium trace per cold load of the web build with 60
// customers, summed between navigation start and React's live list (the first paint's picture
// handed over; the first row in the DOM, the picture's, is printed too):
//   - the main thread's busy time by kind (script compile and evaluation, React and app code,
//     style, layout, paint, parsing HTML, garbage collection) and its idle time (waiting for
//     the network, IndexedDB or a worker),
//   - the app's own marks (performance.mark 'encore:*': scripts evaluated, storage open, first
//     rows read, first row painted) and when the start scripts arrived,
//   - the other threads' CPU (workers) over the same span: what competes for the 2 cores.
//   node bench/startup-trace.mjs            (5 loads, medians)
//   TRACE_LOADS=9 TRACE_OUT=/tmp/trace node bench/startup-trace.mjs   (keeps the JSON traces)
//   TRACE_BUILD=/tmp/old-web-build node bench/startup-trace.mjs   (a build made earlier)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { preview } from 'vite';
import { launchChromium, openDevApp, percentile, startPreview } from './lib.mjs';

const LOADS = Number(process.env.TRACE_LOADS ?? 5);
const OUT = process.env.TRACE_OUT ?? null;
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink.user_timing',
  'loading',
  '__metadata',
].join(',');

/** Top-level main-thread events by kind (nested events are counted inside their parent). */
const KINDS = [
  ['compile', /^(v8\.compile|v8\.compileModule|V8\.CompileCode|v8\.parseOnBackground)/],
  ['evaluate modules', /^(v8\.evaluateModule|EvaluateScript)$/],
  [
    'run JS (tasks, promises, events)',
    /^(FunctionCall|v8\.run|RunMicrotasks|EventDispatch|TimerFire|FireIdleCallback|FireAnimationFrame)$/,
  ],
  ['style', /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet)$/],
  ['layout', /^(Layout|UpdateLayerTree|PrePaint|Layerize)$/],
  ['paint', /^(Paint|PaintImage|Commit|CompositeLayers)$/],
  ['parse HTML', /^ParseHTML$/],
  ['GC', /^(MinorGC|MajorGC|V8\.GC|BlinkGC)/],
];

async function traced(page, url) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await page.addInitScript(() => {
    const seen = () => document.querySelector('[role="row"][aria-rowindex="2"]') !== null;
    new MutationObserver((_, observer) => {
      if (!seen()) return;
      performance.mark('encore:first-row-in-dom');
      globalThis.__firstRowAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await page.goto(url);
  await page.waitForFunction(() => typeof globalThis.__firstRowAt === 'number', null, {
    timeout: 30_000,
  });
  const firstRow = await page.evaluate(() => globalThis.__firstRowAt);
  // React's live list: the first paint handed over (or React's own first row, unpainted).
  await page.waitForFunction(
    () =>
      document.getElementById('first-paint') === null &&
      document.querySelector('#root [role="row"][aria-rowindex="2"]') !== null,
    null,
    { timeout: 30_000 },
  );
  const live = await page.evaluate(
    () =>
      performance.getEntriesByName('encore:first-paint-handed-over')[0]?.startTime ??
      globalThis.__firstRowAt,
  );
  const marks = await page.evaluate(() =>
    performance
      .getEntriesByType('mark')
      .filter((mark) => mark.name.startsWith('encore:'))
      .map((mark) => [mark.name, mark.startTime]),
  );
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => entry.initiatorType === 'script' || entry.name.endsWith('.js'))
      .map((entry) => [entry.name.split('/').pop(), entry.responseEnd, entry.transferSize]),
  );
  await page.waitForTimeout(300); // let the trace buffers flush
  await cdp.send('Tracing.end');
  await done;
  return { events, firstRow, live, marks: Object.fromEntries(marks), scripts };
}

function summarize({ events, firstRow }) {
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame);
  const threadNames = new Map();
  for (const e of events)
    if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  const mainKey = nav ? `${nav.pid}:${nav.tid}` : null;
  const start = nav?.ts ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const end = start + firstRow * 1000;
  const busy = Object.fromEntries(KINDS.map(([kind]) => [kind, 0]));
  busy.other = 0;
  const otherThreads = new Map();
  // Complete events ('X') at the top of each thread's stack: sum their durations inside the span.
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  let mainBusy = 0;
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    let openUntil = -1;
    for (const e of list) {
      if (e.ts < openUntil) continue; // nested in the previous top-level event
      openUntil = e.ts + e.dur;
      const from = Math.max(e.ts, start);
      const to = Math.min(e.ts + e.dur, end);
      if (to <= from) continue;
      const ms = (to - from) / 1000;
      if (key === mainKey) {
        if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') {
          // A task: attribute it by its first child kind below (counted as other if none).
          const child = events.find(
            (c) =>
              c.ph === 'X' &&
              `${c.pid}:${c.tid}` === key &&
              c.ts >= e.ts &&
              c.ts < e.ts + e.dur &&
              c !== e &&
              KINDS.some(([, re]) => re.test(c.name)),
          );
          const kind = child ? KINDS.find(([, re]) => re.test(child.name))[0] : 'other';
          busy[kind] += ms;
        } else {
          const kind = KINDS.find(([, re]) => re.test(e.name))?.[0] ?? 'other';
          busy[kind] += ms;
        }
        mainBusy += ms;
      } else {
        const name = threadNames.get(key) ?? key;
        if (name === 'CrBrowserMain' || /Compositor|IO|Chrome_/.test(name)) continue;
        if (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') continue;
        otherThreads.set(name, (otherThreads.get(name) ?? 0) + ms);
      }
    }
  }
  return {
    total: firstRow,
    mainBusy,
    mainIdle: firstRow - mainBusy,
    busy,
    otherThreads: Object.fromEntries(otherThreads),
  };
}

/** TRACE_BUILD: a build made earlier (e.g. main's, for a before/after), served as it is. */
async function serve() {
  const outDir = process.env.TRACE_BUILD;
  if (!outDir) return startPreview();
  const server = await preview({
    configFile: resolve(import.meta.dirname, '..', 'vite.web.config.ts'),
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  return { url: server.resolvedUrls?.local[0], stop: () => server.close() };
}

const build = await serve();
const browser = await launchChromium();
try {
  const seed = await openDevApp(browser, build.url);
  await seed.evaluate(() => globalThis.encoreDev.crm.demo.seed(60, { chunkSize: 60 }));
  const context = seed.context();
  await seed.close();
  const warm = await context.newPage();
  await warm.goto(`${build.url}#/customers`);
  await warm.waitForSelector('[role="row"][aria-rowindex="2"]');
  // The next starts draw the first paint from the snapshot this one leaves.
  await warm
    .waitForFunction(() => localStorage.getItem('encore:first-paint') !== null, null, {
      timeout: 10_000,
    })
    .catch(() => undefined);
  await warm.close();
  const runs = [];
  for (let i = 0; i < LOADS; i += 1) {
    const page = await context.newPage();
    const run = await traced(page, `${build.url}#/customers`);
    await page.close();
    if (OUT) {
      mkdirSync(OUT, { recursive: true });
      writeFileSync(join(OUT, `load-${i}.json`), JSON.stringify({ traceEvents: run.events }));
    }
    // Summed up to React's live list: what the app's start waits for, the first paint included.
    runs.push({ ...run, summary: summarize({ events: run.events, firstRow: run.live }) });
  }
  const median = (pick) =>
    percentile(
      runs.map(pick).filter((v) => v !== undefined),
      50,
    );
  const ms = (v) => (v === undefined || Number.isNaN(v) ? '-' : `${v.toFixed(0)} ms`);
  console.log(`Start traced, web build, 60 customers, ${LOADS} cold loads (medians)`);
  console.log(`  navigation start -> first row in DOM: ${ms(median((r) => r.firstRow))}`);
  console.log(`  navigation start -> React's live list: ${ms(median((r) => r.live))}`);
  console.log('  up to the live list:');
  console.log(
    `  main thread busy ${ms(median((r) => r.summary.mainBusy))}, idle (waiting) ${ms(median((r) => r.summary.mainIdle))}`,
  );
  for (const kind of Object.keys(runs[0].summary.busy))
    console.log(`    ${kind.padEnd(34)} ${ms(median((r) => r.summary.busy[kind]))}`);
  const markNames = [...new Set(runs.flatMap((r) => Object.keys(r.marks)))];
  markNames.sort((a, b) => median((r) => r.marks[a]) - median((r) => r.marks[b]));
  console.log('  marks (ms after navigation start):');
  for (const name of markNames)
    console.log(`    ${name.padEnd(34)} ${ms(median((r) => r.marks[name]))}`);
  console.log('  scripts fetched before the live list (response end):');
  const scriptNames = [
    ...new Set(runs.flatMap((r) => r.scripts.filter(([, end]) => end <= r.live).map(([n]) => n))),
  ];
  for (const name of scriptNames)
    console.log(
      `    ${name.padEnd(34)} ${ms(median((r) => r.scripts.find(([n]) => n === name)?.[1]))}`,
    );
  const threads = [...new Set(runs.flatMap((r) => Object.keys(r.summary.otherThreads)))];
  console.log('  other threads busy before the live list:');
  for (const name of threads)
    console.log(`    ${name.padEnd(34)} ${ms(median((r) => r.summary.otherThreads[name] ?? 0))}`);
} finally {
  await browser.close();
  await build.stop();
}
