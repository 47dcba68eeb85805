// Search engine benchmark (issue 15), in Node: synthetic fan-list customers at 100,000 and
// 1,048,576. Build time, memory per customer, snapshot size and load time, query time over
// 200 realistic queries, upsert of 1,000 customers, compaction and deep paging; beside the
// ceiling: the same queries answered by a plain scan over arrays of pre-folded strings.
//   npm run bench:search-engine
//   SEARCH_BENCH_SIZES=100000 npm run bench:search-engine
import {
  SearchIndex,
  createSearchIndexBuilder,
} from '../src/renderer/src/domain/search/search-index.ts';
import { customerTerms } from '../src/renderer/src/domain/search/customer-terms.ts';
import { phoneDigitForms } from '../src/renderer/src/domain/search/phone-forms.ts';
import {
  MIN_PHONE_DIGITS,
  parseQueryWords,
} from '../src/renderer/src/domain/search/query-words.ts';
import { compareDocs } from '../src/renderer/src/domain/search/sort-keys.ts';
import { fanCustomer, fanCustomers, realisticQueries } from './search-engine-data.mjs';

const SIZES = (process.env.SEARCH_BENCH_SIZES ?? '100000,1048576').split(',').map(Number);
const BATCH = 10_000;
const gc = globalThis.gc ?? (() => {});
if (!globalThis.gc) console.warn('Run node with --expose-gc for memory numbers (npm script does).');

const ms = (t0) => performance.now() - t0;
const fmt = (v) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
function stats(values) {
  return { p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) };
}
const line = (label, s) =>
  `${label.padEnd(34)} p50 ${fmt(s.p50).padStart(6)} ms  p95 ${fmt(s.p95).padStart(6)} ms  max ${fmt(s.max).padStart(6)} ms`;
/** Heap + array buffers once garbage is collected and swept (sweeping runs concurrently). */
async function memory() {
  for (let i = 0; i < 4; i += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** The ceiling: every customer's terms pre-folded into one string, scanned per query. */
function buildScan(n) {
  const text = new Array(n);
  const phones = new Array(n);
  const docs = new Array(n);
  let i = 0;
  for (const doc of fanCustomers(n)) {
    text[i] = ` ${customerTerms(doc).join(' ')}`;
    phones[i] = doc.phones.flatMap(phoneDigitForms).join(',');
    docs[i] = {
      id: doc.id,
      lifecycle: doc.lifecycle,
      tags: doc.tags,
      owner_id: doc.owner_id,
      email_opt_in: doc.email_opt_in,
      sms_opt_in: doc.sms_opt_in,
      sort_name: doc.sort_name,
      created_at: doc.created_at,
      updated_at: doc.updated_at,
      last_touch_at: doc.last_touch_at,
    };
    i += 1;
  }
  return { text, phones, docs };
}

/** Exact matches only (a scan with typos would be far slower still), sorted, first page. */
function scanQuery(scan, query) {
  const words = parseQueryWords(query.search);
  const found = [];
  for (let i = 0; i < scan.docs.length; i += 1) {
    const doc = scan.docs[i];
    if (query.lifecycle !== null && doc.lifecycle !== query.lifecycle) continue;
    if (query.tag !== null && !doc.tags.includes(query.tag)) continue;
    if (query.optIn === 'email' && doc.email_opt_in !== 1) continue;
    if (query.optIn === 'sms' && doc.sms_opt_in !== 1) continue;
    if (query.ownerId !== null && doc.owner_id !== query.ownerId) continue;
    let all = true;
    for (const word of words) {
      const phone =
        word.kind === 'digits' &&
        word.text.length >= MIN_PHONE_DIGITS &&
        scan.phones[i].includes(word.text);
      if (!phone && !scan.text[i].includes(` ${word.text}`)) {
        all = false;
        break;
      }
    }
    if (all) found.push(doc);
  }
  found.sort(compareDocs(query.sort, query.direction));
  return { count: found.length, ids: found.slice(0, 50).map((d) => d.id) };
}

/**
 * Each query's time to its first page of 50: the best of 3 rounds (the machine is shared, so a
 * single run mostly measures the neighbours), as wall time and as this process's CPU time.
 * Consecutive queries differ, so every call misses the engine's one-query cache.
 */
function timeQueries(index, queries) {
  for (const { query } of queries.slice(0, 20)) index.query({ ...query }, { offset: 0, limit: 50 });
  const wall = queries.map(() => Infinity);
  const cpu = queries.map(() => Infinity);
  for (let round = 0; round < 3; round += 1) {
    queries.forEach(({ query }, i) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      index.query({ ...query }, { offset: 0, limit: 50 });
      wall[i] = Math.min(wall[i], ms(t0));
      const c = process.cpuUsage(c0);
      cpu[i] = Math.min(cpu[i], (c.user + c.system) / 1000);
    });
  }
  const byKind = new Map();
  queries.forEach(({ kind }, i) => byKind.set(kind, [...(byKind.get(kind) ?? []), wall[i]]));
  return { all: stats(wall), cpu: stats(cpu), byKind };
}

/** Builds in batches as the worker would; no batch outlives the call (memory is measured). */
function build(n) {
  let buildMs = 0;
  const builder = createSearchIndexBuilder();
  for (let from = 0; from < n; from += BATCH) {
    const batch = [...fanCustomers(n, from, Math.min(n, from + BATCH))];
    const t0 = performance.now();
    builder.add(batch);
    buildMs += ms(t0);
  }
  const t0 = performance.now();
  const index = builder.finish();
  return { index, buildMs: buildMs + ms(t0) };
}

async function run(n) {
  console.log(`\n=== ${n.toLocaleString()} customers ===`);
  const queries = realisticQueries(n);
  // Load libphonenumber's metadata first: it is the app's already, not the index's.
  createSearchIndexBuilder().add([fanCustomer(0, n)]);
  const before = await memory();
  let { index, buildMs } = build(n);
  const held = (await memory()) - before;
  console.log(
    `build                              ${(buildMs / 1000).toFixed(1)} s (${Math.round(n / (buildMs / 1000)).toLocaleString()} customers/s)`,
  );
  console.log(
    `memoryBytes()                      ${mb(index.memoryBytes())}  = ${(index.memoryBytes() / n).toFixed(1)} bytes/customer`,
  );
  console.log(
    `heap + arrayBuffers held           ${mb(held)}  = ${(held / n).toFixed(1)} bytes/customer`,
  );

  const engine = timeQueries(index, queries);
  console.log(line('query, first page of 50 (wall)', engine.all));
  console.log(line('  the same, CPU time', engine.cpu));
  for (const [kind, times] of engine.byKind)
    console.log(line(`  ${kind} (${times.length})`, stats(times)));

  let t0 = performance.now();
  const snapshot = index.toSnapshot();
  const writeMs = ms(t0);
  index = null;
  const beforeLoad = await memory();
  t0 = performance.now();
  index = SearchIndex.fromSnapshot(snapshot);
  const loadMs = ms(t0);
  console.log(
    `snapshot                           ${mb(snapshot.length)} written in ${fmt(writeMs)} ms, loaded in ${fmt(loadMs)} ms`,
  );
  console.log(
    `after load: heap + arrayBuffers    +${mb((await memory()) - beforeLoad)} (views into the snapshot bytes)`,
  );
  const loaded = timeQueries(index, queries);
  console.log(line('query after load', loaded.all));

  const changed = Array.from({ length: 1000 }, (_, k) => {
    const doc = fanCustomer(Math.floor((k * 7919) % n), n);
    return {
      ...doc,
      last_name: `${doc.last_name}-Neu`,
      emails: [`changed${k}@example.org`],
      updated_at: new Date().toISOString(),
    };
  });
  t0 = performance.now();
  index.upsert(changed);
  console.log(`upsert 1,000 customers             ${fmt(ms(t0))} ms`);
  console.log(line('query with 1,000 in the delta', timeQueries(index, queries).all));
  t0 = performance.now();
  index.compact();
  console.log(`compaction                         ${fmt(ms(t0))} ms`);

  const all = {
    ...queries[0].query,
    search: '',
    lifecycle: null,
    tag: null,
    optIn: null,
    ownerId: null,
    sort: 'name',
    direction: 'asc',
  };
  t0 = performance.now();
  index.query(all, { offset: 50_000, limit: 50 });
  const deep = ms(t0);
  t0 = performance.now();
  index.query(all, { offset: 50_050, limit: 50 });
  console.log(`page at offset 50,000 / next page  ${fmt(deep)} ms / ${fmt(ms(t0))} ms`);
  index = null;

  const scanBefore = await memory();
  t0 = performance.now();
  const scan = buildScan(n);
  const scanBuild = ms(t0);
  const scanHeld = (await memory()) - scanBefore;
  const scanTimes = queries.map(() => Infinity);
  let disagree = 0;
  const check = SearchIndex.fromSnapshot(snapshot);
  for (let round = 0; round < 2; round += 1) {
    queries.forEach(({ query }, i) => {
      const s0 = performance.now();
      scanQuery(scan, query);
      scanTimes[i] = Math.min(scanTimes[i], ms(s0));
    });
  }
  for (const { kind, query } of queries) {
    const answer = scanQuery(scan, query);
    const engineAnswer = check.query(query, { offset: 0, limit: 50 });
    if (
      kind !== 'typo' &&
      (answer.count !== engineAnswer.exactCount ||
        answer.ids.join() !== engineAnswer.ids.slice(0, engineAnswer.firstCloseIndex).join())
    )
      disagree += 1;
  }
  const ceiling = stats(scanTimes);
  console.log(
    `ceiling: plain scan                built in ${(scanBuild / 1000).toFixed(1)} s, holds ${(scanHeld / n).toFixed(0)} bytes/customer`,
  );
  console.log(line('ceiling query (exact only, wall)', ceiling));
  console.log(
    `engine vs scan                     p50 ${(ceiling.p50 / engine.all.p50).toFixed(0)}x faster, p95 ${(ceiling.p95 / engine.all.p95).toFixed(0)}x faster; exact answers that differ: ${disagree}`,
  );
}

for (const n of SIZES) await run(n);
