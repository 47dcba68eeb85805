// The first paint's frame, event by event (issue 16, docs/architecture.md "On screen, not only
// in the DOM"): from the picture's insertion (mark encore:first-paint) to the frame that shows
// it presented (first contentful paint), with what the compositor waited for in between.
// One Chromium trace per cold load (categories cc, viz, benchmark, the timeline's), 60
// customers, builds interleaved; medians:
//   - the picture inserted, its style and layout, its paint, the commit to the compositor,
//     the activation (every tile the frame needs rasterized), the first contentful paint;
//   - the raster work between commit and activation: tasks, their time, the layers they drew
//     (a picture split into many composited layers needs many more raster tasks);
//   - the main thread's longest task between commit and presentation (the start chunk's
//     evaluation), which shares the 2 cores with the raster worker.
//   node bench/startup-frames.mjs                   (this build, 5 loads)
//   FRAMES_BUILDS=/tmp/main-web,/tmp/this-web FRAMES_LOADS=7 node bench/startup-frames.mjs
//   FRAMES_OUT=/tmp/frames node bench/startup-frames.mjs   (keeps the JSON traces)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { preview } from 'vite';
import { launchChromium, openDevApp, percentile, startPreview } from './lib.mjs';

const LOADS = Number(process.env.FRAMES_LOADS ?? 5);
const OUT = process.env.FRAMES_OUT ?? null;
const CATEGORIES = [
  'cc',
  'viz',
  'benchmark',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'loading',
  'toplevel',
  '__metadata',
].join(',');

/** The frame that first shows the picture, from one load's trace (ms after navigation start). */
export function firstPaintFrame(events) {
  const threads = new Map();
  for (const e of events)
    if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const nav = events
    .filter((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame)
    .at(-1);
  if (!nav) return null;
  const thread = (e) => threads.get(`${e.pid}:${e.tid}`);
  const mine = events.filter((e) => e.pid === nav.pid && e.ts >= nav.ts);
  const ms = (ts) => (ts === undefined ? undefined : (ts - nav.ts) / 1000);
  // The parse-time picture (early.ts) when there is one, else the entry's.
  const inserted =
    mine.find((e) => e.name === 'encore:first-paint-early')?.ts ??
    mine.find((e) => e.name === 'encore:first-paint')?.ts;
  const fcp = mine.find((e) => e.name === 'firstContentfulPaint')?.ts;
  if (inserted === undefined || fcp === undefined) return null;
  const commit = mine.find(
    (e) => e.name === 'Commit' && e.ph === 'b' && thread(e) === 'Compositor' && e.ts > inserted,
  )?.ts;
  const activation = mine.find(
    (e) => e.name === 'LayerTreeHostImpl::ActivateSyncTree' && e.ts > (commit ?? Infinity),
  )?.ts;
  const within = (name, from, to, onMain = true) =>
    mine.filter(
      (e) =>
        e.name === name &&
        e.ph === 'X' &&
        e.ts >= from &&
        e.ts < to &&
        (!onMain || thread(e) === 'CrRendererMain'),
    );
  const sum = (list) => list.reduce((total, e) => total + (e.dur ?? 0), 0) / 1000;
  const raster = within('RasterTask', commit ?? Infinity, activation ?? fcp, false);
  const longest = Math.max(
    0,
    ...within('ThreadControllerImpl::RunTask', commit ?? fcp, fcp).map((e) => e.dur / 1000),
  );
  return {
    inserted: ms(inserted),
    style: sum(within('UpdateLayoutTree', inserted, commit ?? fcp)),
    layout: sum(within('Layout', inserted, commit ?? fcp)),
    paint: sum(within('Paint', inserted, commit ?? fcp)),
    commit: ms(commit),
    activation: ms(activation),
    onScreen: ms(fcp),
    'commit -> on screen': commit === undefined ? undefined : (fcp - commit) / 1000,
    'raster tasks': raster.length,
    'raster ms': sum(raster),
    'raster layers': new Set(raster.map((e) => e.args?.tileData?.layerId)).size,
    'main thread longest task': longest,
  };
}

async function traced(context, url) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await page.goto(url);
  await page.waitForFunction(
    () =>
      document.getElementById('first-paint') === null &&
      document.querySelector('#root [role="row"][aria-rowindex="2"]') !== null,
    null,
    { timeout: 30_000 },
  );
  await page.waitForTimeout(300); // the trace buffers flush
  await cdp.send('Tracing.end');
  await done;
  await page.close();
  return events;
}

async function serve(outDir) {
  if (!outDir) return startPreview();
  const server = await preview({
    configFile: resolve(import.meta.dirname, '..', 'vite.web.config.ts'),
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  return { name: outDir, url: server.resolvedUrls?.local[0], stop: () => server.close() };
}

/** 60 customers, then starts until the first paint's snapshot is stored. */
async function seeded(browser, url) {
  const seed = await openDevApp(browser, url);
  await seed.evaluate(() => globalThis.encoreDev.crm.demo.seed(60, { chunkSize: 60 }));
  const context = seed.context();
  await seed.close();
  for (let i = 0; i < 2; i += 1) {
    const warm = await context.newPage();
    await warm.goto(`${url}#/customers`);
    await warm
      .waitForFunction(() => localStorage.getItem('encore:first-paint') !== null, null, {
        timeout: 20_000,
      })
      .catch(() => undefined);
    await warm.waitForTimeout(1000);
    await warm.close();
  }
  return context;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dirs = (process.env.FRAMES_BUILDS ?? '').split(',').filter(Boolean);
  const builds = dirs.length ? await Promise.all(dirs.map(serve)) : [await serve(null)];
  const before = loadavg()[0].toFixed(1);
  const browser = await launchChromium();
  try {
    const runs = [];
    for (const build of builds)
      runs.push({ build, context: await seeded(browser, build.url), frames: [] });
    for (let i = 0; i < LOADS; i += 1)
      for (const [index, run] of runs.entries()) {
        const events = await traced(run.context, `${run.build.url}#/customers`);
        if (OUT) {
          mkdirSync(OUT, { recursive: true });
          writeFileSync(join(OUT, `build-${index}-load-${i}.json`), JSON.stringify(events));
        }
        const frame = firstPaintFrame(events);
        if (frame) run.frames.push(frame);
      }
    console.log(
      `The first paint's frame, ${LOADS} traced cold loads per build, medians; load average ${before} before, ${loadavg()[0].toFixed(1)} after`,
    );
    for (const run of runs) {
      console.log(`  ${run.build.name ?? 'this build'} (${run.frames.length} loads painted)`);
      if (!run.frames.length) continue;
      for (const key of Object.keys(run.frames[0])) {
        const values = run.frames.map((f) => f[key]).filter((v) => v !== undefined);
        const unit = /tasks|layers/.test(key) ? '' : ' ms';
        console.log(`    ${key.padEnd(26)} ${percentile(values, 50).toFixed(0)}${unit}`);
      }
    }
  } finally {
    await browser.close();
    for (const build of builds) await build.stop();
  }
}
