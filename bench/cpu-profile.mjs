// V8 CPU profiles of a page's main thread through CDP, summed per function (self and
// inclusive), for benchmarks that ask where a phase's JavaScript goes. Build the preview with
// BENCH_NO_MINIFY=1 for readable names.
import { writeFileSync } from 'node:fs';

/** Starts V8's sampler on `page`; the returned function stops it and returns the profile. */
export async function startCpuProfile(page, intervalUs = 200) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    return profile;
  };
}

const label = ({ callFrame: f }) =>
  `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;

/** The `top` functions by self and by inclusive time, as printable lines; saves the profile. */
export function summarizeCpuProfile(profile, { top = 25, save = null } = {}) {
  if (save) writeFileSync(save, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const selfTime = new Map();
  const inclusive = new Map();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const dt = Math.max(0, profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    const name = label(node);
    if (name.startsWith('(idle)')) return;
    busy += dt;
    selfTime.set(name, (selfTime.get(name) ?? 0) + dt);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const n = label(byId.get(at));
      if (seen.has(n)) continue;
      seen.add(n);
      inclusive.set(n, (inclusive.get(n) ?? 0) + dt);
    }
  });
  const lines = [`  busy ${busy.toFixed(0)} ms (main thread JavaScript + GC, sampled)`];
  const list = (title, map) => {
    lines.push(`  ${title}:`);
    for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
      lines.push(`    ${ms.toFixed(0).padStart(7)} ms  ${name}`);
  };
  list('self', selfTime);
  list('inclusive', inclusive);
  return lines.join('\n');
}
