// Tasks at agency scale: 5,000 tasks (2 roles each) over 300 customers. Measures the task
// manager's first render, completing one task until the UI shows it, bulk completing 500,
// and the overdue badge as useOverdueCount runs it (the open tasks' due times read once per
// write, counted at each clock tick; and a write until the badge shows it). Prints each
// beside its ceiling.
import { fmt, launchChromium, openDevApp, percentile, startPreview } from './lib.mjs';

const TASKS = Number(process.env.TASKS ?? 5000);
const CUSTOMERS = 300;
const RUNS = 5;

const CEILINGS = {
  render: 1500,
  completeOne: 250,
  bulk500: 2000,
  // The badge's read after a task write (all open tasks' due times), and its longest page.
  overdueCount: 100,
  // The badge's count at a clock tick: a binary search, nothing read.
  overdueTick: 1,
  // A write until the badge shows it: the service's write, the read, a render.
  badgeAfterWrite: 250,
};

function line(name, ms, ceiling) {
  const ratio = ms / ceiling;
  console.log(
    `${name.padEnd(42)} ${fmt(ms).padStart(10)}  ceiling ${fmt(ceiling).padStart(10)}  ratio ${ratio.toFixed(2)}${ratio > 1 ? '  OVER' : ''}`,
  );
}

const { url, stop } = await startPreview();
const browser = await launchChromium();
try {
  const page = await openDevApp(browser, url, '#/settings');
  const seeded = await page.evaluate(
    async ({ TASKS, CUSTOMERS }) => {
      const { db } = window.encoreDev;
      const now = Date.now();
      const iso = (t) => new Date(t).toISOString();
      const id = () => crypto.randomUUID();
      const stamp = { created_at: iso(now), updated_at: iso(now), deleted: 0 };
      const members = Array.from({ length: 12 }, (_, i) => ({
        ...stamp,
        id: id(),
        name: `Agent ${i}`,
        email: '',
        active: 1,
      }));
      const noConsent = { opted_in: false, source: null, changed_at: null };
      const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({
        ...stamp,
        id: id(),
        first_name: `Venue${i}`,
        last_name: 'Bench',
        date_of_birth: null,
        notes: '',
        tags: [],
        lifecycle: 'customer',
        owner_id: null,
        email_consent: noConsent,
        sms_consent: noConsent,
      }));
      const statuses = ['open', 'open', 'open', 'in-progress', 'done', 'cancelled'];
      const tasks = Array.from({ length: TASKS }, (_, i) => ({
        ...stamp,
        id: id(),
        title: `Task ${i}: advance the show`,
        description: '',
        // From 20 days ago to 40 days ahead, a fifth without a date.
        due_at:
          i % 5 === 0 ? null : iso(now + ((i * 7919) % (60 * 24)) * 3_600_000 - 20 * 86_400_000),
        priority: ['low', 'normal', 'high', 'urgent'][i % 4],
        status: statuses[i % statuses.length],
        customer_id: customers[i % CUSTOMERS].id,
        deal_id: null,
        completed_at: null,
      }));
      const assignments = tasks.flatMap((task, i) => [
        {
          ...stamp,
          id: id(),
          task_id: task.id,
          member_id: members[i % 12].id,
          assignment_type: 'owner',
        },
        {
          ...stamp,
          id: id(),
          task_id: task.id,
          member_id: members[(i + 1) % 12].id,
          assignment_type: 'reviewer',
        },
      ]);
      await db.transaction('rw', ['team_members', 'customer_profiles'], async () => {
        await db.team_members.bulkAdd(members);
        await db.customer_profiles.bulkAdd(customers);
      });
      for (let start = 0; start < tasks.length; start += 1000) {
        await db.transaction('rw', ['crm_tasks', 'crm_task_assignments'], async () => {
          await db.crm_tasks.bulkAdd(tasks.slice(start, start + 1000));
          await db.crm_task_assignments.bulkAdd(assignments.slice(start * 2, (start + 1000) * 2));
        });
      }
      return { tasks: await db.crm_tasks.count(), rows: await db.customers_crm_v.count() };
    },
    { TASKS, CUSTOMERS },
  );
  console.log(`seeded ${seeded.tasks} tasks, ${seeded.rows} customers`);

  const renders = [];
  for (let run = 0; run < RUNS; run += 1) {
    await page.goto(`${url}?dev=1#/settings`);
    await page.waitForFunction(() => 'encoreDev' in globalThis);
    const start = Date.now();
    await page.evaluate(() => (location.hash = '#/tasks'));
    await page.getByRole('list', { name: 'Overdue' }).getByRole('listitem').first().waitFor();
    renders.push(Date.now() - start);
  }
  line(`/tasks first render, ${TASKS} tasks (median)`, percentile(renders, 50), CEILINGS.render);

  // Timed inside the page (click to the row painted under Done): Playwright's role queries
  // over hundreds of rows would otherwise be most of what is measured.
  const completes = [];
  for (let run = 0; run < RUNS; run += 1) {
    completes.push(
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const row = document.querySelector('[aria-labelledby="group-upcoming"] li');
            const title = row.getAttribute('aria-label');
            const start = performance.now();
            row.querySelector('.task-check').click();
            const poll = () => {
              const done = document.querySelector('[aria-labelledby="group-done"]');
              const there = [...(done?.querySelectorAll('li') ?? [])].some(
                (li) => li.getAttribute('aria-label') === title,
              );
              if (there) requestAnimationFrame(() => resolve(performance.now() - start));
              else requestAnimationFrame(poll);
            };
            poll();
          }),
      ),
    );
  }
  line(
    'complete one, until shown under Done (median)',
    percentile(completes, 50),
    CEILINGS.completeOne,
  );

  const serviceIdle = async () =>
    page.evaluate(async () => {
      const { db, crm } = window.encoreDev;
      const ids = await db.crm_tasks.where('status').equals('open').limit(5).primaryKeys();
      const times = [];
      for (const id of ids) {
        const start = performance.now();
        await crm.tasks.complete(id);
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[2];
    });
  const serviceOne = await serviceIdle();
  line('complete one (service only, /tasks open, median)', serviceOne, CEILINGS.completeOne);
  await page.evaluate(() => (location.hash = '#/settings'));
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  line('complete one (service only, no task list open)', await serviceIdle(), CEILINGS.completeOne);

  const bulk = await page.evaluate(async () => {
    const { db, crm } = window.encoreDev;
    const open = await db.crm_tasks.where('status').equals('open').limit(500).primaryKeys();
    const start = performance.now();
    await crm.tasks.bulkComplete(open);
    return performance.now() - start;
  });
  line('bulk complete 500 (service, one transaction)', bulk, CEILINGS.bulk500);

  // The overdue badge as the app runs it (useOverdueCount): after each write to the tasks, the
  // open tasks' due times read by primary key in pages (readOpenDueTimes); at each clock tick
  // (every 15 s) a binary search over them (countDueBefore), nothing read.
  const overdue = await page.evaluate(async () => {
    const { queries } = window.encoreDev;
    const reads = [];
    const pages = [];
    const ticks = [];
    let count = 0;
    let open = 0;
    for (let i = 0; i < 7; i += 1) {
      let last = performance.now();
      const start = last;
      let longest = 0;
      const times = await queries.openDueTimes(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      });
      reads.push(performance.now() - start);
      pages.push(longest);
      open = times.length;
      const tick = performance.now();
      for (let n = 0; n < 1000; n += 1) count = queries.countDueBefore(times, Date.now());
      ticks.push((performance.now() - tick) / 1000);
    }
    const median = (list) => list.sort((a, b) => a - b)[3];
    return { read: median(reads), page: median(pages), tick: median(ticks), count, open };
  });
  console.log(`overdue: ${overdue.count} of ${overdue.open} open tasks with a due time`);
  line('overdue badge: due times read after a write (median)', overdue.read, CEILINGS.overdueCount);
  line('overdue badge: its longest page read (median)', overdue.page, CEILINGS.overdueCount);
  line('overdue badge: count at a clock tick (median)', overdue.tick, CEILINGS.overdueTick);
  console.log(`  (a tick's count: ${(overdue.tick * 1000).toFixed(2)} µs)`);

  // End to end: an overdue task completed (a write) until the sidebar's badge counts one fewer.
  const badge = await page.evaluate(async () => {
    const { db, crm } = window.encoreDev;
    const read = () => {
      const text = document.querySelector('a.nav-link[href="#/tasks"] .nav-badge')?.firstChild;
      return Number(String(text?.textContent ?? '0').replace(/\D/g, '') || 0);
    };
    const nowIso = new Date().toISOString();
    const overdueIds = (await db.crm_tasks.where('due_at').below(nowIso).toArray())
      .filter((t) => t.deleted === 0 && (t.status === 'open' || t.status === 'in-progress'))
      .slice(0, 5)
      .map((t) => t.id);
    const times = [];
    for (const id of overdueIds) {
      const before = read();
      const start = performance.now();
      await crm.tasks.complete(id);
      await new Promise((resolve) => {
        const poll = () => (read() === before - 1 ? resolve() : requestAnimationFrame(poll));
        poll();
      });
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[2];
  });
  line('overdue badge: complete one until it counts one fewer', badge, CEILINGS.badgeAfterWrite);
} finally {
  await browser.close();
  await stop();
}
