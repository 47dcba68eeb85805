// The search engine on the demo customers bench:search seeds (Node, no browser): the CPU time of
// each query's first call (its code not yet compiled, as after a cold start) and warm, over
// bench:search's 200 queries plus the slowest ones seen in the browser. CPU time, not wall time:
// on this shared machine a query's wall time is mostly waiting for a core.
//   SEARCH_DEMO_SIZE=200000 npm run bench:search-engine-demo   (WARM=1: warm up as the host does)
// The index is built once per size and kept in /tmp/search-engine-demo-N.snap.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { demoCustomerRecords } from '../src/renderer/src/services/crm/demo/demo-customer-records.ts';
import { projectDemoRows } from '../src/renderer/src/dev/fast-seed.ts';
import { searchDocOf } from '../src/renderer/src/services/crm/customers/search/search-docs.ts';
import {
  SearchIndex,
  createSearchIndexBuilder,
} from '../src/renderer/src/domain/search/search-index.ts';

const N = Number(process.env.SEARCH_DEMO_SIZE ?? 200_000);
const file = `/tmp/search-engine-demo-${N}.snap`;
const teamIds = ['a', 'b', 'c'];

function loadOrBuild() {
  if (existsSync(file)) {
    const bytes = readFileSync(file);
    const aligned = new Uint8Array(bytes.byteLength);
    aligned.set(bytes);
    return SearchIndex.fromSnapshot(aligned);
  }
  const builder = createSearchIndexBuilder();
  for (let first = 0; first < N; first += 10_000) {
    const records = demoCustomerRecords({
      first,
      count: Math.min(10_000, N - first),
      teamIds,
      seed: 1,
    });
    builder.add(projectDemoRows(records).map(searchDocOf));
  }
  const index = builder.finish();
  writeFileSync(file, index.toSnapshot());
  return index;
}

/** bench:search's query mix (makeQueries), drawn from the first 4,000 demo customers. */
function benchQueries(count) {
  const rows = projectDemoRows(demoCustomerRecords({ first: 0, count: 4000, teamIds, seed: 1 }));
  const fold = (s) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  let seed = 7;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const pick = (items) => items[Math.floor(rnd() * items.length)];
  const typo = (word) => {
    const i = 1 + Math.floor(rnd() * (word.length - 2));
    return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  };
  const out = [];
  while (out.length < count) {
    const row = pick(rows);
    const kind = out.length % 6;
    const first = fold(row.first_name);
    const last = fold(row.last_name).replace(/[^a-z]/g, '');
    if (kind === 0) out.push(first.slice(0, 2 + Math.floor(rnd() * 3)));
    else if (kind === 1) out.push(last.slice(0, 3 + Math.floor(rnd() * 3)));
    else if (kind === 2) out.push(`${first} ${last.slice(0, 2)}`);
    else if (kind === 3 && row.primary_email)
      out.push(row.primary_email.slice(0, 6 + Math.floor(rnd() * 6)));
    else if (kind === 4 && last.length >= 5) out.push(typo(last));
    else if (row.primary_phone) {
      const digits = row.primary_phone.slice(1);
      const start = Math.floor(rnd() * (digits.length - 5));
      out.push(digits.slice(start, start + 4 + Math.floor(rnd() * 3)));
    } else out.push(first.slice(0, 3));
  }
  return out;
}

const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const all = { lifecycle: null, tag: null, optIn: null, ownerId: null };
const index = loadOrBuild();
if (process.env.WARM) {
  const since = process.cpuUsage();
  for (const search of ['a', '1234', '00491', '01701', 'abcdfe', 'a b', 'ab@c'])
    index.query({ ...all, search, sort: 'name', direction: 'asc' }, { offset: 0, limit: 40 });
  index.query(
    { ...all, optIn: 'email', search: 'e', sort: 'created', direction: 'desc' },
    { offset: 0, limit: 40 },
  );
  console.log(`warm-up: ${cpuMs(since).toFixed(1)} ms CPU`);
}
const slowSeen = ['gre', 'and', '465783', 'hugo le', 'osc'];
const queries = [...slowSeen, ...benchQueries(200)];
for (const round of ['first calls', 'warm']) {
  const times = [];
  for (const search of queries) {
    index.query(
      { ...all, search: 'zzzzqx', sort: 'name', direction: 'asc' },
      { offset: 0, limit: 40 },
    );
    const since = process.cpuUsage();
    const result = index.query(
      { ...all, search, sort: 'name', direction: 'asc' },
      { offset: 0, limit: 40 },
    );
    times.push({ ms: cpuMs(since), search, exact: result.exactCount });
  }
  const sorted = times.map((t) => t.ms).sort((a, b) => a - b);
  const at = (p) => sorted[Math.ceil((p / 100) * sorted.length) - 1].toFixed(1);
  console.log(
    `${N.toLocaleString()} customers, ${round}: CPU p50 ${at(50)} / p95 ${at(95)} / max ${at(100)} ms`,
  );
  const slowest = [...times].sort((a, b) => b.ms - a.ms).slice(0, 6);
  console.log(`  slowest: ${slowest.map((t) => `"${t.search}" ${t.ms.toFixed(1)}`).join(', ')}`);
  const seen = times.slice(0, slowSeen.length);
  console.log(
    `  slow in the browser: ${seen.map((t) => `"${t.search}" ${t.ms.toFixed(1)} (${t.exact})`).join(', ')}`,
  );
}
