// The reports dashboard in real Chromium at manager scale: 100,000 customers (with their
// touchpoints, topped up to 200,000), 10,000 deals, 20,000 tasks. Measures the dashboard's
// first render (navigation to figures on screen), a filter change (currency chosen to figures
// on screen) and the longest main-thread task (PerformanceObserver longtask), beside the raw
// reads of the same rows as the ceiling. Scale down with CUSTOMERS=… DEALS=… etc.
import { fmt, launchChromium, openDevApp, startPreview } from './lib.mjs';

const CUSTOMERS = Number(process.env.CUSTOMERS ?? 100_000);
const DEALS = Number(process.env.DEALS ?? 10_000);
const TOUCHPOINTS = Number(process.env.TOUCHPOINTS ?? 200_000);
const TASKS = Number(process.env.TASKS ?? 20_000);
const TARGETS = { firstRender: 500, filterChange: 150, longestTask: 100 };

function line(name, ms, target, ceiling) {
  const verdict = target === null ? '' : ms <= target ? '  met' : '  NOT MET';
  const ratio = ceiling ? `  ×ceiling ${(ms / ceiling).toFixed(1)}` : '';
  console.log(
    `${name.padEnd(44)} ${fmt(ms).padStart(10)}  target ${target === null ? '—' : fmt(target)}${ratio}${verdict}`,
  );
}

/**
 * Seeding, fast and in bulk (the benchmark times reads, not writes):
 * 1. TEMPLATE customers and every deal go through the app's write path (guard, projection,
 *    outbox), so their rows are exactly what the app writes;
 * 2. the rest of the customers are clones of the template's list rows and profiles (new ids,
 *    names numbered), and the touchpoints and tasks are generated rows, all written with a
 *    plain Dexie on the same database (no middlewares: no per-row guard, projection or
 *    outbox), in one transaction per 20,000 rows. Each clone carries the engagement score the
 *    projection would store for its generated touchpoints (logScoresByCustomer), so the
 *    figures read what they would read after the write path. Not kept in step by this bulk
 *    path: the clones' emails and phones, the list rows' open-task counts, the search index
 *    and the outbox; none of them is read by the reports.
 * Each phase prints its time.
 */
const TEMPLATE = Math.min(CUSTOMERS, Number(process.env.TEMPLATE ?? 1_000));
const BULK = 20_000;

async function seed(page) {
  return page.evaluate(
    async ({ CUSTOMERS, DEALS, TOUCHPOINTS, TASKS, TEMPLATE, BULK }) => {
      const { db, crm, libs } = window.encoreDev;
      const phases = {};
      let mark = performance.now();
      const phase = (name) => {
        const now = performance.now();
        phases[name] = Math.round(now - mark);
        mark = now;
      };
      await crm.demo.seed(TEMPLATE, { chunkSize: 1000 });
      phase('template customers (write path)');
      await crm.demo.seedDeals(DEALS, { chunkSize: 2000 });
      phase('deals (write path)');

      const raw = new libs.Dexie(db.name);
      await raw.open();
      const inChunks = async (table, rows) => {
        for (let i = 0; i < rows.length; i += BULK)
          await raw.transaction('rw', raw.table(table), () =>
            raw.table(table).bulkAdd(rows.slice(i, i + BULK)),
          );
      };
      const templates = await db.customers_crm_v.toArray();
      const profiles = new Map((await db.customer_profiles.toArray()).map((p) => [p.id, p]));
      const now = Date.now();
      const iso = (t) => new Date(t).toISOString();
      const cloneCount = Math.max(0, CUSTOMERS - templates.length);
      const cloneIds = Array.from({ length: cloneCount }, () => crypto.randomUUID());

      const kinds = [
        'call',
        'email',
        'meeting',
        'show-attended',
        'ticket-purchase',
        'message',
        'note',
      ];
      const missing = Math.max(0, TOUCHPOINTS - (await db.customer_engagement_metrics.count()));
      const touchIds = cloneIds.length > 0 ? cloneIds : templates.map((t) => t.customer_id);
      const touches = Array.from({ length: missing }, (_, i) => {
        const at = iso(now - (i % 400) * 86_400_000 - (i % 997) * 60_000);
        return {
          id: crypto.randomUUID(),
          customer_id: touchIds[(i * 7919) % touchIds.length],
          kind: kinds[i % kinds.length],
          occurred_at: at,
          value: i % 5 === 0 ? 4500 : 0,
          summary: '',
          source: 'manual',
          created_at: at,
          updated_at: at,
          deleted: 0,
        };
      });
      const scores = libs.logScoresByCustomer(touches);
      phase('touchpoints generated and scored');
      await inChunks('customer_engagement_metrics', touches);
      phase('touchpoints (bulk)');

      // A clone's last touch: its newest generated touchpoint (none: the template's).
      const lastTouchOf = new Map();
      for (const t of touches)
        if ((lastTouchOf.get(t.customer_id) ?? '') < t.occurred_at)
          lastTouchOf.set(t.customer_id, t.occurred_at);
      const rows = [];
      const clonedProfiles = [];
      for (let i = 0; i < cloneCount; i += 1) {
        const template = templates[i % templates.length];
        const id = cloneIds[i];
        rows.push({
          ...template,
          customer_id: id,
          display_name: `${template.display_name} ${i + 1}`,
          engagement_log: scores.get(id) ?? libs.NO_ENGAGEMENT_LOG,
          last_touch_at: lastTouchOf.get(id) ?? template.last_touch_at,
        });
        const profile = profiles.get(template.customer_id);
        if (profile) clonedProfiles.push({ ...profile, id });
      }
      await inChunks('customer_profiles', clonedProfiles);
      await inChunks('customers_crm_v', rows);
      phase('customers cloned (bulk)');

      const members = await db.team_members.toCollection().primaryKeys();
      const ids = [...templates.map((t) => t.customer_id), ...cloneIds];
      const statuses = ['open', 'open', 'in-progress', 'done', 'cancelled'];
      const tasks = [];
      const assignments = [];
      for (let i = 0; i < TASKS; i += 1) {
        const id = crypto.randomUUID();
        const status = statuses[i % statuses.length];
        const stamp = { created_at: iso(now), updated_at: iso(now), deleted: 0 };
        tasks.push({
          ...stamp,
          id,
          title: `Task ${i}`,
          description: '',
          due_at: iso(now + ((i % 60) - 30) * 86_400_000),
          priority: 'normal',
          status,
          customer_id: ids[i % ids.length],
          deal_id: null,
          completed_at: status === 'done' ? iso(now - (i % 80) * 86_400_000) : null,
        });
        if (members.length > 0)
          assignments.push({
            ...stamp,
            id: crypto.randomUUID(),
            task_id: id,
            member_id: members[i % members.length],
            assignment_type: 'owner',
          });
      }
      await inChunks('crm_tasks', tasks);
      await inChunks('crm_task_assignments', assignments);
      phase('tasks (bulk)');
      raw.close();
      return {
        phases,
        counts: {
          customers: await db.customers_crm_v.count(),
          deals: await db.event_deals.count(),
          touchpoints: await db.customer_engagement_metrics.count(),
          tasks: await db.crm_tasks.count(),
        },
      };
    },
    { CUSTOMERS, DEALS, TOUCHPOINTS, TASKS, TEMPLATE, BULK },
  );
}

/** The raw reads of every row the reports read, in one transaction: the ceiling. */
async function rawReads(page) {
  return page.evaluate(async () => {
    const { db } = window.encoreDev;
    const started = performance.now();
    await db.transaction(
      'r',
      [
        db.event_deals,
        db.deal_status_history,
        db.deal_participants,
        db.customers_crm_v,
        db.customer_engagement_metrics,
        db.crm_tasks,
        db.crm_task_assignments,
        db.team_members,
      ],
      () =>
        Promise.all([
          db.event_deals.toArray(),
          db.deal_status_history.toArray(),
          db.deal_participants.toArray(),
          db.customers_crm_v.toArray(),
          db.customer_engagement_metrics.toArray(),
          db.crm_tasks.toArray(),
          db.crm_task_assignments.toArray(),
          db.team_members.toArray(),
        ]),
    );
    return performance.now() - started;
  });
}

const waitForMark = (page, name, after) =>
  page.waitForFunction(
    ({ name, after }) => performance.getEntriesByName(name).some((m) => m.startTime > after),
    { name, after },
    { timeout: 600_000, polling: 20 },
  );

const { url, stop } = await startPreview();
const browser = await launchChromium();
try {
  const page = await openDevApp(browser, url, '#/settings');
  const started = Date.now();
  const { phases, counts } = await seed(page);
  console.log(`seeded in ${fmt(Date.now() - started)}:`, counts);
  for (const [name, ms] of Object.entries(phases)) console.log(`  ${name.padEnd(40)} ${fmt(ms)}`);
  const ceiling = await rawReads(page);
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        window.__longest = Math.max(window.__longest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const t0 = await page.evaluate(() => performance.now());
  await page.evaluate(() => (location.hash = '#/reports'));
  await waitForMark(page, 'reports-rendered', t0);
  const firstRender = await page.evaluate(
    (t0) =>
      performance.getEntriesByName('reports-rendered').find((m) => m.startTime > t0).startTime - t0,
    t0,
  );
  const t1 = await page.evaluate(() => {
    const select = document.querySelector('select[aria-label="Currency"]');
    const start = performance.now();
    select.value = select.options[1].value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    return start;
  });
  await waitForMark(page, 'reports-rendered', t1);
  const filterChange = await page.evaluate(
    (t1) =>
      performance.getEntriesByName('reports-rendered').find((m) => m.startTime > t1).startTime - t1,
    t1,
  );
  const longest = await page.evaluate(() => window.__longest);
  // Where the first render went: the worker's read and prepare, its computation, the drawing.
  const parts = await page.evaluate((t0) => {
    const at = (name) =>
      performance.getEntriesByName(name).find((m) => m.startTime > t0)?.startTime;
    const loadStart = at('reports-load-start');
    const loaded = at('reports-loaded');
    const computeStart = at('reports-compute-start');
    const computed = at('reports-computed');
    const rendered = at('reports-rendered');
    return {
      read: loaded - loadStart,
      compute: computed - computeStart,
      draw: rendered - computed,
    };
  }, t0);
  console.log('');
  line('raw reads of the same rows (ceiling)', ceiling, null, 0);
  line('dashboard first render (read+prepare+draw)', firstRender, TARGETS.firstRender, ceiling);
  line('filter change (currency) to figures drawn', filterChange, TARGETS.filterChange, ceiling);
  line('longest main-thread task (longtask)', longest, TARGETS.longestTask, 0);
  console.log('');
  console.log('first render, its parts:');
  line('  worker: read every table and prepare', parts.read, null, ceiling);
  line('  worker: every figure and table, sent back', parts.compute, null, ceiling);
  line('  window: the figures rendered and drawn', parts.draw, null, 0);
} finally {
  await browser.close();
  await stop();
}
