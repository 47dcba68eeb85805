// A Chromium performance trace of the reports page's main thread (TRACE=path for
// bench/reports-page-bench.mjs): records the timeline over a step, keeps the JSON (open it in
// DevTools' Performance panel) and prints the longest main-thread tasks with what they were
// made of (the events inside each task by name, their own time: script, style, layout,
// paint, GC, a message from the worker deserialized...).
import { writeFileSync } from 'node:fs';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink.user_timing',
  '__metadata',
].join(',');

/** Starts tracing `page`; the returned function stops, writes `path` and prints the summary. */
export async function startTrace(page, path, title) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  return async () => {
    await cdp.send('Tracing.end');
    await done;
    writeFileSync(path, JSON.stringify({ traceEvents: events }));
    printLongTasks(events, title);
  };
}

function printLongTasks(events, title, top = 6) {
  const names = new Map();
  for (const e of events) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const mainKeys = new Set([...names].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k));
  const main = events.filter((e) => e.ph === 'X' && mainKeys.has(`${e.pid}:${e.tid}`));
  main.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = main.filter(
    (e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask',
  );
  tasks.sort((a, b) => b.dur - a.dur);
  console.log(`\n${title}: the ${top} longest main-thread tasks (trace)`);
  for (const task of tasks.slice(0, top)) {
    const inside = main.filter(
      (e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur,
    );
    // Self time per event name: its duration less that of the events directly inside it.
    const self = new Map();
    for (const e of inside) {
      const children = inside.filter(
        (c) => c !== e && c.ts >= e.ts && c.ts + (c.dur ?? 0) <= e.ts + e.dur && c.dur,
      );
      const nested = children
        .filter(
          (c) => !children.some((p) => p !== c && c.ts >= p.ts && c.ts + c.dur <= p.ts + p.dur),
        )
        .reduce((sum, c) => sum + c.dur, 0);
      self.set(e.name, (self.get(e.name) ?? 0) + Math.max(0, e.dur - nested));
    }
    const parts = [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([name, us]) => `${name} ${(us / 1000).toFixed(0)}`)
      .join(', ');
    console.log(`  ${(task.dur / 1000).toFixed(0).padStart(6)} ms: ${parts}`);
  }
}
