// Where the start's JavaScript time goes (issue 16): a V8 CPU profile of cold loads of the web
// build with 60 customers, from navigation start to React's live list (the first paint handed
// over), self time summed by source file (through the build's source maps) and by phase.
//   node bench/startup-profile.mjs                 (builds the web preview; 3 loads)
//   PROFILE_BUILD=/tmp/web-build node bench/startup-profile.mjs   (a build made earlier)
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
import { preview } from 'vite';
import { launchChromium, openDevApp, startPreview } from './lib.mjs';

const LOADS = Number(process.env.PROFILE_LOADS ?? 3);
const TOP = Number(process.env.PROFILE_TOP ?? 25);

async function serve() {
  if (!process.env.PROFILE_BUILD) return startPreview();
  const outDir = process.env.PROFILE_BUILD;
  const server = await preview({
    configFile: resolve(import.meta.dirname, '..', 'vite.web.config.ts'),
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  return { url: server.resolvedUrls?.local[0], outDir, stop: () => server.close() };
}

const maps = new Map();
function sourceOf(outDir, url, line, column) {
  const name = url.split('/').pop();
  if (!name?.endsWith('.js')) return url || '(native)';
  if (!maps.has(name)) {
    try {
      maps.set(
        name,
        new SourceMapConsumer(
          JSON.parse(readFileSync(join(outDir, 'assets', `${name}.map`), 'utf8')),
        ),
      );
    } catch {
      maps.set(name, null);
    }
  }
  const map = maps.get(name);
  if (!map) return name;
  const source = map.originalPositionFor({ line: line + 1, column }).source ?? name;
  const lib = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  return lib ? `npm:${lib[1]}` : source.replace(/^.*src\/renderer\/src\//, '');
}

async function profiled(context, url, outDir) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(url);
  await page.waitForFunction(
    () =>
      document.getElementById('first-paint') === null &&
      document.querySelector('#root [role="row"][aria-rowindex="2"]') !== null,
    null,
    { timeout: 30_000 },
  );
  const live = await page.evaluate(() => {
    const m = performance.getEntriesByName('encore:first-paint-handed-over')[0];
    return { at: m?.startTime ?? performance.now(), origin: performance.timeOrigin };
  });
  const { profile } = await cdp.send('Profiler.stop');
  await page.close();
  // Samples up to the live list only (profile times are µs, monotonic; align by the last sample).
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map();
  let t = profile.startTime;
  const times = profile.timeDeltas.map((delta) => (t += delta));
  // The profile starts before navigation: count from its start to the live list's time after it.
  const endUs = profile.startTime + live.at * 1000 + 50_000; // + navigation's own delay, roughly
  for (let i = 0; i < profile.samples.length; i += 1) {
    if (times[i] > endUs) break;
    const node = byNode.get(profile.samples[i]);
    const frame = node.callFrame;
    const key =
      frame.url === ''
        ? `(${frame.functionName || 'program'})`
        : sourceOf(outDir, frame.url, frame.lineNumber, frame.columnNumber);
    const dt = (times[i + 1] ?? times[i]) - times[i];
    totals.set(key, (totals.get(key) ?? 0) + dt / 1000);
  }
  return { live: live.at, totals };
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
  await warm.waitForFunction(() => localStorage.getItem('encore:first-paint') !== null, null, {
    timeout: 20_000,
  });
  await warm.close();
  const sum = new Map();
  const lives = [];
  for (let i = 0; i < LOADS; i += 1) {
    const { live, totals } = await profiled(context, `${build.url}#/customers`, build.outDir);
    lives.push(live);
    for (const [key, ms] of totals) sum.set(key, (sum.get(key) ?? 0) + ms / LOADS);
  }
  console.log(
    `CPU self time up to React's live list, mean of ${LOADS} loads (live list at ${lives.map((v) => v.toFixed(0)).join(', ')} ms)`,
  );
  const rows = [...sum].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((s, [, ms]) => s + ms, 0);
  console.log(`  total sampled ${total.toFixed(0)} ms`);
  for (const [key, ms] of rows.slice(0, TOP))
    console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${key}`);
} finally {
  await browser.close();
  await build.stop();
}
