/**
 * The load and fault scenario: laptops (the real client sync engine, each its own
 * CrmDatabase on fake-indexeddb) edit overlapping customers, deals and tasks and sync through
 * two server processes on one PostgreSQL, each behind a proxy, while a controller SIGKILLs
 * and restarts one server, drops connections and delays answers. Then the faults stop, every
 * laptop syncs until nothing is left, and the outcome is checked: every write the laptops made
 * is on the server unless a later write to the same field replaced it (so every acknowledged
 * change is there), no row twice, every laptop equal to the server, the surviving server's
 * memory flat. Used by tests/sync/load/load.test.ts (short) and bench/sync-load.mjs (5 min).
 */
import 'fake-indexeddb/auto';
import { createToken, createWorkspace } from '../../../server/src/auth';
import { postgresDatabase } from '../../../server/src/db';
import { migrate } from '../../../server/src/migrations';
import { CrmDatabase } from '../../../src/renderer/src/db/database';
import { nowIso } from '../../../src/renderer/src/domain/ids';
import { syncOnce } from '../../../src/renderer/src/sync/engine';
import type { SyncTransport } from '../../../src/renderer/src/sync/transport';
import { SyncOfflineError, httpTransport } from '../../../src/renderer/src/sync/transport';
import type { Proxy, ServerProcess } from './processes';
import { freePort, startProxy, startServerProcess } from './processes';

export type LoadOptions = {
  databaseUrl: string;
  durationMs: number;
  clients: number;
  /** Progress lines (the bench prints them; the test keeps them quiet). */
  say?: (line: string) => void;
};

export type LoadFigures = {
  clients: number;
  writes: number;
  /** Fields written by two or more laptops (the LWW rule had to choose). */
  conflicts: number;
  pushedChanges: number;
  syncs: number;
  failedSyncs: number;
  kills: number;
  killsSurvived: number;
  drops: number;
  secondsToConverge: number;
  rssMb: { start: number; peak: number; end: number };
};

export type LoadOutcome = { figures: LoadFigures; problems: string[] };

const TABLES = ['customer_profiles', 'event_deals', 'crm_tasks'] as const;
type Table = (typeof TABLES)[number];
type Write = { table: Table; row: string; field: string; value: unknown; hlc: string; by: number };

const CUSTOMERS = 12;
const DEALS = 6;
const TASKS = 8;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;

function seedRows(now: string) {
  const base = { created_at: now, updated_at: now, deleted: 0 as const };
  const consent = { opted_in: false, source: null, changed_at: null };
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({
    ...base,
    id: `load-cust-${i}`,
    first_name: `Customer${i}`,
    last_name: 'Load',
    date_of_birth: null,
    notes: '',
    tags: [],
    lifecycle: 'lead' as const,
    owner_id: null,
    email_consent: consent,
    sms_consent: consent,
  }));
  const deals = Array.from({ length: DEALS }, (_, i) => ({
    ...base,
    id: `load-deal-${i}`,
    title: `Deal ${i}`,
    event_name: `Show ${i}`,
    event_date: null,
    venue: '',
    amount_minor: 0,
    currency: 'USD',
    deal_type: 'flat' as const,
    deal_percent: null,
    status: 'inquiry' as const,
    hold_level: null,
    probability: null,
    expected_close: null,
    owner_id: null,
    notes: '',
    rank: i,
    last_activity_at: now,
  }));
  const tasks = Array.from({ length: TASKS }, (_, i) => ({
    ...base,
    id: `load-task-${i}`,
    title: `Task ${i}`,
    description: '',
    due_at: null,
    priority: 'normal' as const,
    status: 'open' as const,
    customer_id: `load-cust-${i % CUSTOMERS}`,
    deal_id: null,
    completed_at: null,
  }));
  return { customers, deals, tasks };
}

/** The edits laptops make: each sets one field to a value no other write uses. */
const EDITS: {
  table: Table;
  prefix: string;
  count: number;
  field: string;
  value: (tag: string, n: number) => unknown;
}[] = [
  {
    table: 'customer_profiles',
    prefix: 'load-cust-',
    count: CUSTOMERS,
    field: 'notes',
    value: (tag) => `note ${tag}`,
  },
  {
    table: 'customer_profiles',
    prefix: 'load-cust-',
    count: CUSTOMERS,
    field: 'last_name',
    value: (tag) => `Name ${tag}`,
  },
  {
    table: 'event_deals',
    prefix: 'load-deal-',
    count: DEALS,
    field: 'amount_minor',
    value: (_tag, n) => n,
  },
  {
    table: 'event_deals',
    prefix: 'load-deal-',
    count: DEALS,
    field: 'notes',
    value: (tag) => `deal ${tag}`,
  },
  {
    table: 'crm_tasks',
    prefix: 'load-task-',
    count: TASKS,
    field: 'title',
    value: (tag) => `Task ${tag}`,
  },
];

type Laptop = { index: number; db: CrmDatabase; transport: SyncTransport };

/**
 * Two transports, one per server; each request goes to the next, and to the other when the
 * first cannot be reached (a load balancer that retries). A request cut after the server
 * committed is retried on the other server too: the idempotent push is what makes it safe.
 */
function balanced(proxies: Proxy[], token: string): SyncTransport {
  const transports = proxies.map((proxy) =>
    httpTransport({ baseUrl: proxy.url, token, timeoutMs: 8_000 }),
  );
  let next = 0;
  return async (request) => {
    next = (next + 1) % transports.length;
    try {
      return await (transports[next] as SyncTransport)(request);
    } catch (error) {
      if (!(error instanceof SyncOfflineError)) throw error;
      return (transports[(next + 1) % transports.length] as SyncTransport)(request);
    }
  };
}

/** One edit on this laptop, recorded with the clock its change capture stamped. */
async function edit(laptop: Laptop, n: number, writes: Write[]): Promise<void> {
  const chosen = pick(EDITS);
  const row = `${chosen.prefix}${Math.floor(Math.random() * chosen.count)}`;
  const tag = `L${laptop.index}#${n}`;
  const value = chosen.value(tag, laptop.index * 100_000 + n);
  const before = await laptop.db.sync_outbox.orderBy(':id').last();
  const changed = await laptop.db.table(chosen.table).update(row, { [chosen.field]: value });
  if (changed === 0) return; // not pulled here yet
  const entry = await laptop.db.sync_outbox.orderBy(':id').last();
  if (!entry || entry.seq === before?.seq) return;
  writes.push({
    table: chosen.table,
    row,
    field: chosen.field,
    value,
    hlc: entry.hlc,
    by: laptop.index,
  });
}

type Figures = Omit<LoadFigures, 'secondsToConverge' | 'rssMb' | 'clients' | 'conflicts'>;

async function work(
  laptop: Laptop,
  until: number,
  writes: Write[],
  figures: Figures,
): Promise<void> {
  let n = 0;
  while (Date.now() < until) {
    for (let i = Math.floor(Math.random() * 3); i >= 0; i -= 1)
      await edit(laptop, (n += 1), writes);
    figures.syncs += 1;
    try {
      // Every other laptop pushes one change per batch: its 1 to 3 edits go as several pushes,
      // two in flight (push.ts), often to both server processes, through the faults.
      const result = await syncOnce(
        laptop.db,
        laptop.transport,
        laptop.index % 2 === 1 ? { batchSize: 1 } : {},
      );
      figures.pushedChanges += result.pushed;
    } catch (error) {
      figures.failedSyncs += 1;
      if (process.env.SYNC_LOAD_DEBUG) console.log(String(error));
    }
    await sleep(200 + Math.random() * 600);
  }
}

/** Kills server A now and then and restarts it on the same port; drops and delays too. */
async function control(
  servers: ServerProcess[],
  proxies: Proxy[],
  databaseUrl: string,
  until: number,
  figures: Figures,
): Promise<void> {
  let tick = 0;
  let restarting: Promise<void> = Promise.resolve();
  while (Date.now() < until) {
    await sleep(1_000);
    tick += 1;
    if (tick % 2 === 0) figures.drops += pick(proxies).dropAll();
    for (const proxy of proxies) proxy.setDelay(tick % 3 === 0 ? 150 + Math.random() * 300 : 0);
    if (tick % 7 === 3 && Date.now() < until - 5_000) {
      await restarting; // one kill at a time: the previous restart is ready
      const victim = servers[0] as ServerProcess;
      victim.child.kill('SIGKILL');
      await victim.exited;
      figures.kills += 1;
      // Restarted on the same port in the background: the faults go on meanwhile.
      restarting = sleep(500)
        .then(() => startServerProcess(victim.port, databaseUrl))
        .then((restarted) => {
          servers[0] = restarted;
          figures.killsSurvived += 1;
        });
    }
  }
  await restarting;
  for (const proxy of proxies) proxy.setDelay(0);
}

/** Every laptop syncs, round after round, until every outbox is empty twice in a row. */
async function converge(laptops: Laptop[]): Promise<number> {
  const started = performance.now();
  let quiet = 0;
  for (let round = 0; round < 30 && quiet < 2; round += 1) {
    for (const laptop of laptops) await syncOnce(laptop.db, laptop.transport).catch(() => null);
    const pending = await Promise.all(laptops.map((laptop) => laptop.db.sync_outbox.count()));
    quiet = pending.every((count) => count === 0) ? quiet + 1 : 0;
  }
  return (performance.now() - started) / 1000;
}

/** The last writer of every field: what the server and every laptop must hold. */
function expectedValues(writes: Write[]): Map<string, Write> {
  const latest = new Map<string, Write>();
  for (const write of writes) {
    const key = `${write.table}/${write.row}/${write.field}`;
    const current = latest.get(key);
    if (!current || write.hlc > current.hlc) latest.set(key, write);
  }
  return latest;
}

function countConflicts(writes: Write[]): number {
  const authors = new Map<string, Set<number>>();
  for (const write of writes) {
    const key = `${write.table}/${write.row}/${write.field}`;
    authors.set(key, (authors.get(key) ?? new Set()).add(write.by));
  }
  return [...authors.values()].filter((set) => set.size > 1).length;
}

type ServerRow = { table: string; row_id: string; data: Record<string, unknown> };

async function serverRows(baseUrl: string, token: string): Promise<ServerRow[]> {
  const rows: ServerRow[] = [];
  let cursor = '';
  for (;;) {
    const query = new URLSearchParams({ limit: '1000', ...(cursor ? { cursor } : {}) });
    const answer = await fetch(`${baseUrl}/v1/pull?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await answer.json()) as {
      changes: ServerRow[];
      cursor: string;
      has_more: boolean;
    };
    rows.push(...page.changes);
    cursor = page.cursor;
    if (!page.has_more) return rows;
  }
}

async function verify(laptops: Laptop[], rows: ServerRow[], writes: Write[]): Promise<string[]> {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${row.table}/${row.row_id}`;
    if (seen.has(key)) problems.push(`${key} served twice`);
    seen.add(key);
  }
  const byKey = new Map(rows.map((row) => [`${row.table}/${row.row_id}`, row]));
  for (const [key, write] of expectedValues(writes)) {
    const row = byKey.get(`${write.table}/${write.row}`);
    if (JSON.stringify(row?.data[write.field]) !== JSON.stringify(write.value))
      problems.push(
        `${key}: the server holds ${JSON.stringify(row?.data[write.field])}, the last write was ${JSON.stringify(write.value)}`,
      );
  }
  for (const laptop of laptops) {
    if ((await laptop.db.sync_outbox.count()) > 0)
      problems.push(`laptop ${laptop.index}: outbox not empty`);
    for (const table of TABLES) {
      const local = (await laptop.db.table(table).toArray()) as Record<string, unknown>[];
      const remote = rows.filter((row) => row.table === table);
      if (local.length !== remote.length)
        problems.push(
          `laptop ${laptop.index}: ${local.length} ${table} rows, the server ${remote.length}`,
        );
      const localById = new Map(local.map((row) => [row.id as string, row]));
      for (const row of remote)
        for (const [field, value] of Object.entries(row.data))
          if (JSON.stringify(localById.get(row.row_id)?.[field]) !== JSON.stringify(value))
            problems.push(
              `laptop ${laptop.index}: ${table}/${row.row_id}.${field} differs from the server`,
            );
    }
  }
  return problems.slice(0, 20);
}

async function seed(databaseUrl: string): Promise<string> {
  const db = postgresDatabase(databaseUrl, 2);
  try {
    await migrate(db);
    const workspaceId = await createWorkspace(db, `load ${Date.now()}`);
    return (await createToken(db, workspaceId, 'load')).token;
  } finally {
    await db.close();
  }
}

export async function runLoadScenario(options: LoadOptions): Promise<LoadOutcome> {
  const say = options.say ?? (() => undefined);
  const token = await seed(options.databaseUrl);
  const ports = [await freePort(), await freePort()];
  const servers = await Promise.all(
    ports.map((port) => startServerProcess(port, options.databaseUrl)),
  );
  const proxies = [await startProxy(servers[0]!.port), await startProxy(servers[1]!.port)];
  const figures: Figures = {
    writes: 0,
    pushedChanges: 0,
    syncs: 0,
    failedSyncs: 0,
    kills: 0,
    killsSurvived: 0,
    drops: 0,
  };
  const writes: Write[] = [];
  const rss: number[] = [];
  const sampler = setInterval(() => {
    const bytes = servers[1]?.rss();
    if (bytes) rss.push(bytes);
  }, 500);
  try {
    const laptops: Laptop[] = Array.from({ length: options.clients }, (_, index) => ({
      index,
      db: new CrmDatabase(`load-laptop-${index}-${Math.random().toString(36).slice(2)}`),
      transport: balanced(proxies, token),
    }));
    const first = laptops[0] as Laptop;
    const { customers, deals, tasks } = seedRows(nowIso());
    await first.db.transaction(
      'rw',
      first.db.customer_profiles,
      first.db.event_deals,
      first.db.crm_tasks,
      async () => {
        await first.db.customer_profiles.bulkAdd(customers);
        await first.db.event_deals.bulkAdd(deals);
        await first.db.crm_tasks.bulkAdd(tasks);
      },
    );
    await syncOnce(first.db, first.transport);
    for (const laptop of laptops) await syncOnce(laptop.db, laptop.transport);
    say(`${options.clients} laptops seeded; load and faults for ${options.durationMs / 1000} s`);
    const until = Date.now() + options.durationMs;
    await Promise.all([
      ...laptops.map((laptop) => work(laptop, until, writes, figures)),
      control(servers, proxies, options.databaseUrl, until, figures),
    ]);
    say('faults stopped; converging');
    const secondsToConverge = await converge(laptops);
    const rows = await serverRows(proxies[1]!.url, token);
    const problems = await verify(laptops, rows, writes);
    await Promise.all(laptops.map((laptop) => laptop.db.delete()));
    const mb = (bytes: number | undefined) => Math.round((bytes ?? 0) / 1024 / 1024);
    const quarter = rss.slice(0, Math.max(1, Math.floor(rss.length / 4)));
    const start = Math.max(...quarter);
    const end = rss[rss.length - 1] ?? 0;
    // Flat: the surviving server ends within twice what it used in the first quarter.
    if (end > start * 2) problems.push(`server memory grew from ${mb(start)} MB to ${mb(end)} MB`);
    return {
      figures: {
        ...figures,
        clients: options.clients,
        writes: writes.length,
        conflicts: countConflicts(writes),
        secondsToConverge: Math.round(secondsToConverge * 10) / 10,
        rssMb: { start: mb(start), peak: mb(Math.max(...rss)), end: mb(end) },
      },
      problems,
    };
  } finally {
    clearInterval(sampler);
    for (const proxy of proxies) await proxy.close();
    for (const server of servers) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }
}
