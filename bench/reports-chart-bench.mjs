// The dashboard's charts mounted one per task, as the page does, with each chart component:
// recharts (as on main), @visx, and the app's plain SVG laid out with d3-scale. Prints each
// one's synchronous mount per chart, its longest task and longest animation frame, and the
// time until every chart is drawn, on the same data (bench/reports-chart-bench/main.tsx).
// recharts and @visx are no dependencies of the app: point RECHARTS_MODULES / VISX_MODULES
// at a node_modules that has them (e.g. `npm install --prefix /tmp/x @visx/shape@4.0.0
// @visx/axis@4.0.0 @visx/scale@4.0.0 @visx/group@4.0.0 recharts@3`); a missing one is skipped.
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, percentile } from './lib.mjs';

const root = resolve(import.meta.dirname, 'reports-chart-bench');
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const IMPLS = [
  {
    name: 'recharts 3 (main)',
    file: 'RechartsChart.tsx',
    modules: process.env.RECHARTS_MODULES,
    pkg: 'recharts',
  },
  {
    name: '@visx 4 (scale, shape, axis, group)',
    file: 'VisxChart.tsx',
    modules: process.env.VISX_MODULES,
    pkg: '@visx/shape',
  },
  { name: 'plain SVG + d3-scale (ReportChart)', file: 'OwnChart.tsx', modules: null, pkg: null },
];

const median = (values) => percentile(values, 50);

async function measure(impl, browser) {
  const outDir = resolve(import.meta.dirname, '..', 'test-output', `chart-bench-${process.pid}`);
  const alias = { '@chart-impl': resolve(root, impl.file) };
  if (impl.modules) {
    // The package from the given node_modules; React always the app's one.
    alias[impl.pkg === 'recharts' ? 'recharts' : '@visx'] = resolve(
      impl.modules,
      impl.pkg === 'recharts' ? 'recharts' : '@visx',
    );
  }
  await build({
    root,
    configFile: false,
    logLevel: 'error',
    plugins: [react()],
    resolve: { alias, dedupe: ['react', 'react-dom'] },
    build: { outDir, emptyOutDir: true, minify: true },
  });
  const server = await preview({
    root,
    configFile: false,
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1' },
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    await page.goto(server.resolvedUrls.local[0]);
    await page.waitForFunction(() => 'runChartBench' in window);
    const rounds = await page.evaluate((n) => window.runChartBench(n), ROUNDS);
    await page.close();
    return rounds;
  } finally {
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
});
try {
  console.log(`17 dashboard charts, one per task, ${ROUNDS} rounds (the first one cold)`);
  for (const impl of IMPLS) {
    if (impl.pkg && !(impl.modules && existsSync(resolve(impl.modules, impl.pkg)))) {
      console.log(
        `${impl.name}: skipped (set ${impl.pkg === 'recharts' ? 'RECHARTS' : 'VISX'}_MODULES)`,
      );
      continue;
    }
    const rounds = await measure(impl, browser);
    const warm = rounds.slice(1);
    const sync = warm.flatMap((r) => r.syncMs);
    const longest = (r) => Math.max(0, ...r.longTasks, ...r.longFrames);
    console.log(
      `${impl.name.padEnd(38)} mount per chart (warm) median ${median(sync).toFixed(1)} ms,` +
        ` max ${Math.max(...sync).toFixed(1)} ms; longest task/frame: cold ${longest(rounds[0])} ms,` +
        ` warm median ${median(warm.map(longest))} ms; all drawn: cold ${rounds[0].totalMs.toFixed(0)} ms,` +
        ` warm median ${median(warm.map((r) => r.totalMs)).toFixed(0)} ms`,
    );
  }
} finally {
  await browser.close();
}
