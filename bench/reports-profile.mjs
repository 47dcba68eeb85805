// A CPU profile of the page's main thread (Chrome DevTools Protocol, Profiler domain) for the
// reports page bench: PROFILE=path.cpuprofile records from the first visit to the figures
// updated after a write, writes the profile (open it in DevTools' Performance panel) and
// prints the functions that took the most time by themselves, to find what holds the main
// thread in the long tasks.
import { writeFileSync } from 'node:fs';

/** Starts profiling `page`'s main thread; the returned function stops and reports. */
export async function startProfile(page, path) {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 500 });
  await session.send('Profiler.start');
  return async () => {
    const { profile } = await session.send('Profiler.stop');
    writeFileSync(path, JSON.stringify(profile));
    printTopSelf(profile);
  };
}

function printTopSelf(profile, top = 20) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i += 1) {
    const node = nodes.get(profile.samples[i]);
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split('/').pop() ?? '';
    const name = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const rows = [...self.entries()].filter(([name]) => !name.startsWith('(idle)'));
  rows.sort((a, b) => b[1] - a[1]);
  console.log('\nmain thread, most self time (ms):');
  for (const [name, ms] of rows.slice(0, top))
    console.log(`  ${ms.toFixed(0).padStart(7)}  ${name}`);
}
