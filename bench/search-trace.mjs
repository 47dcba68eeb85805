// A Chromium trace of the search keystrokes (`--trace path` for bench/search-bench.mjs): records
// the timeline while the queries are typed, keeps the JSON (open it in DevTools' Performance
// panel) and prints, for the slowest tenth of the keystrokes, where their time went between the
// page's `kq-start:i` and `kq-end:i` marks (set by the bench around each keystroke): the page's
// main thread busy (by event, self time: script, style, layout, GC, messages...) or waiting, the
// search worker's thread busy, and the JS functions called on the main thread.
// BENCH_NO_MINIFY=1 gives the functions their source names.
import { writeFileSync } from 'node:fs';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  '__metadata',
].join(',');

/** Starts tracing `page`; the returned function stops, writes `path` and returns the events. */
export async function startTrace(page, path) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  return async () => {
    await cdp.send('Tracing.end');
    await done;
    writeFileSync(path, JSON.stringify({ traceEvents: events }));
    return events;
  };
}

const threadKeys = (events, name) => {
  const keys = new Set();
  for (const e of events)
    if (e.name === 'thread_name' && e.args?.name?.startsWith(name)) keys.add(`${e.pid}:${e.tid}`);
  return keys;
};

/** Self time (µs) per event name of the complete events `inside`, clipped to [from, to]. */
function selfTimes(inside, from, to) {
  const clip = (e) => Math.max(0, Math.min(to, e.ts + e.dur) - Math.max(from, e.ts));
  const sorted = [...inside].sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  const own = new Map();
  for (const e of sorted) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) own.set(parent, (own.get(parent) ?? 0) + clip(e));
    stack.push(e);
  }
  for (const e of sorted) {
    const key = e.name === 'FunctionCall' ? `js ${e.args?.data?.functionName || '?'}` : e.name;
    self.set(key, (self.get(key) ?? 0) + Math.max(0, clip(e) - (own.get(e) ?? 0)));
  }
  return self;
}

/** Sums the top-level tasks of a thread overlapping [from, to] (µs). */
function busy(tasks, from, to) {
  return tasks.reduce(
    (sum, t) => sum + Math.max(0, Math.min(to, t.ts + t.dur) - Math.max(from, t.ts)),
    0,
  );
}

/**
 * The CPU time (thread time, `tdur`) of those tasks, each counted in the share of its wall
 * time inside [from, to]: under load a thread is often descheduled inside a task, which its
 * wall time counts and its CPU time does not.
 */
function cpu(tasks, from, to) {
  return tasks.reduce((sum, t) => {
    const inside = Math.max(0, Math.min(to, t.ts + t.dur) - Math.max(from, t.ts));
    return t.dur > 0 && t.tdur !== undefined ? sum + (t.tdur * inside) / t.dur : sum;
  }, 0);
}

/**
 * Prints where the slowest tenth of the keystrokes spent their time. `timed`: [{ i, q, ms }] in
 * typing order; the marks `kq-start:i` / `kq-end:i` bound each in the trace.
 */
export function printKeystrokeTrace(events, timed, count = Math.ceil(timed.length / 10)) {
  const mainKeys = threadKeys(events, 'CrRendererMain');
  const workerKeys = threadKeys(events, 'DedicatedWorker');
  const marks = new Map();
  for (const e of events)
    if (e.cat?.includes('blink.user_timing') && e.name.startsWith('kq-')) marks.set(e.name, e.ts);
  const complete = events.filter((e) => e.ph === 'X' && e.dur !== undefined);
  const isTask = (e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
  const onMain = complete.filter((e) => mainKeys.has(`${e.pid}:${e.tid}`));
  const mainTasks = onMain.filter(isTask);
  const workerTasks = complete.filter((e) => workerKeys.has(`${e.pid}:${e.tid}`) && isTask(e));
  const slowest = [...timed].sort((a, b) => b.ms - a.ms).slice(0, count);
  const totals = new Map();
  let wall = 0;
  let mainBusy = 0;
  let workerBusy = 0;
  console.log(`\nTrace of the slowest ${slowest.length} keystrokes (main thread, self ms):`);
  for (const { i, q, ms } of slowest) {
    const from = marks.get(`kq-start:${i}`);
    const to = marks.get(`kq-end:${i}`);
    if (from === undefined || to === undefined) continue;
    const inside = onMain.filter((e) => e.ts < to && e.ts + e.dur > from);
    const self = selfTimes(inside, from, to);
    const mainUs = busy(mainTasks, from, to);
    const workerUs = busy(workerTasks, from, to);
    wall += to - from;
    mainBusy += mainUs;
    workerBusy += workerUs;
    for (const [name, us] of self) totals.set(name, (totals.get(name) ?? 0) + us);
    const parts = [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 7)
      .map(([name, us]) => `${name} ${(us / 1000).toFixed(1)}`)
      .join(', ');
    console.log(
      `  "${q}" ${ms.toFixed(1)} ms (trace ${((to - from) / 1000).toFixed(1)}): main busy ` +
        `${(mainUs / 1000).toFixed(1)}, worker busy ${(workerUs / 1000).toFixed(1)}; ${parts}`,
    );
  }
  const n = slowest.length;
  console.log(
    `  mean of these: wall ${(wall / n / 1000).toFixed(1)} ms, main thread busy ` +
      `${(mainBusy / n / 1000).toFixed(1)} ms, worker busy ${(workerBusy / n / 1000).toFixed(1)} ms; main by event:`,
  );
  // Every keystroke: the main thread's busy time inside it (CPU the page spent, which load
  // inflates less than the wall time), median and mean, beside the wall time.
  const all = timed
    .map(({ i }) => [marks.get(`kq-start:${i}`), marks.get(`kq-end:${i}`)])
    .filter(([from, to]) => from !== undefined && to !== undefined)
    .map(([from, to]) => ({
      wall: to - from,
      main: busy(mainTasks, from, to),
      cpu: cpu(mainTasks, from, to),
      worker: cpu(workerTasks, from, to),
    }));
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
  const ms = (us) => (us / 1000).toFixed(1);
  console.log(
    `  all ${all.length} keystrokes: wall median ${ms(median(all.map((k) => k.wall)))} / mean ` +
      `${ms(mean(all.map((k) => k.wall)))} ms; main thread busy median ` +
      `${ms(median(all.map((k) => k.main)))} / mean ${ms(mean(all.map((k) => k.main)))} ms, ` +
      `its CPU median ${ms(median(all.map((k) => k.cpu)))} / mean ${ms(mean(all.map((k) => k.cpu)))} ms; ` +
      `workers' CPU median ${ms(median(all.map((k) => k.worker)))} / mean ${ms(mean(all.map((k) => k.worker)))} ms`,
  );
  printCpuByTask(onMain, mainTasks, isTask, timed, marks);
  const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 16);
  for (const [name, us] of top)
    console.log(`    ${name.padEnd(40)} ${(us / n / 1000).toFixed(2)} ms`);
}

/**
 * Every keystroke's main-thread CPU split by task: the input event's (the keystroke's own
 * render, which posts the query), the frames (style, layout, paint: the typed character), and
 * the rest (the worker's answer arriving, its render and commit). Medians, means in brackets.
 */
function printCpuByTask(onMain, mainTasks, isTask, timed, marks) {
  const children = onMain.filter((e) => !isTask(e)).sort((a, b) => a.ts - b.ts);
  const FRAME = new Set(['Paint', 'Layout', 'UpdateLayoutTree', 'PrePaint']);
  const kindOf = new Map();
  let next = 0;
  for (const task of [...mainTasks].sort((a, b) => a.ts - b.ts)) {
    while (next < children.length && children[next].ts < task.ts) next += 1;
    let kind = 'answer';
    for (let j = next; j < children.length && children[j].ts < task.ts + task.dur; j += 1) {
      const e = children[j];
      if (e.name === 'EventDispatch' && e.args?.data?.type === 'input') kind = 'input';
      else if (kind === 'answer' && FRAME.has(e.name)) kind = 'frame';
    }
    kindOf.set(task, kind);
  }
  const split = { input: [], frame: [], answer: [] };
  for (const { i } of timed) {
    const from = marks.get(`kq-start:${i}`);
    const to = marks.get(`kq-end:${i}`);
    if (from === undefined || to === undefined) continue;
    const sums = { input: 0, frame: 0, answer: 0 };
    for (const task of mainTasks) sums[kindOf.get(task)] += cpu([task], from, to);
    for (const kind of Object.keys(split)) split[kind].push(sums[kind]);
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
  const ms = (us) => (us / 1000).toFixed(2);
  console.log(
    `  main-thread CPU per keystroke by task, median (mean): ` +
      Object.entries(split)
        .map(([kind, v]) => `${kind} ${ms(median(v))} (${ms(mean(v))})`)
        .join(', ') +
      ' ms',
  );
}

/** Starts V8's sampling profiler on `page`; the returned function stops, writes `path`, and
 * prints the functions with the most self time (BENCH_NO_MINIFY=1 for their names). */
export async function startCpuProfile(page, path, top = 25) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(path, JSON.stringify(profile));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map();
    const deltas = profile.timeDeltas;
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      const { functionName, url, lineNumber } = node.callFrame;
      const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0));
    });
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    console.log(
      `\nCPU profile of the page's main thread (self time, ${(total / 1000).toFixed(0)} ms):`,
    );
    for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`  ${(us / 1000).toFixed(1).padStart(8)} ms  ${key}`);
  };
}
