/**
 * "Load demo data" for an empty database, and bulk seeding for benchmarks (100,000 people,
 * thousands of deals: demo-deal-seed.ts).
 * Writes in chunked transactions: each chunk is whole customers (profile, emails, phones,
 * touchpoints, list row and outbox together).
 */
import type { CrmDatabase } from '../../../db/database';
import { projectOnce } from '../../../db/projection-middleware';
import { createDealService } from '../deals/deal-service';
import { makeDemoHoldConflict, seedDeals } from './demo-deal-seed';
import { newId, nowIso } from '../../../domain/ids';
import { holdBulkWriteLock } from '../import/import-locks';
import type { TeamMember } from '../../../domain/records';
import { demoCustomerRecords } from './demo-customer-records';
import { readSetting } from '../../../db/app-settings';
import { currencyForRegion } from '../../../domain/settings/system-defaults';
import {
  demoRelationships,
  demoTasks,
  type DemoLoaded,
  type DemoWorkCustomer,
} from '../../../domain/demo-work';
import { demoArrivals, demoTouchShiftDays, type DemoArrival } from '../../../domain/demo-arrivals';

const DEMO_TEAM = ['Alex Moreno', 'Sam Okafor', 'Jules Fischer'];

export type SeedProgress = { done: number; total: number };

export function createDemoDataService(db: CrmDatabase) {
  async function ensureTeam(): Promise<string[]> {
    const members = (await db.team_members.toArray()).filter((m) => m.deleted === 0);
    if (members.length > 0) return members.map((m) => m.id);
    const now = nowIso();
    const team: TeamMember[] = DEMO_TEAM.map((name) => ({
      id: newId(),
      name,
      email: `${name.split(' ')[0]?.toLowerCase()}@encore.example`,
      active: 1,
      created_at: now,
      updated_at: now,
      deleted: 0,
    }));
    await db.team_members.bulkAdd(team);
    return team.map((m) => m.id);
  }

  /** The app's default currency, as the engagement tab reads it: reports' currency, else the region's. */
  async function defaultCurrency(): Promise<string> {
    const reporting = await readSetting(db, 'reportingCurrency');
    return reporting ?? currencyForRegion(await readSetting(db, 'defaultRegion'));
  }

  type SeedOptions = {
    chunkSize?: number;
    seed?: number;
    onProgress?: (p: SeedProgress) => void;
    /** When and how each customer came (the small demo's); none: all created now, by hand. */
    arrivals?: readonly DemoArrival[];
    /** Local days every touchpoint moves (the small demo's: to end in the past week). */
    touchShiftDays?: number;
  };

  async function seed(count: number, options: SeedOptions = {}): Promise<DemoWorkCustomer[]> {
    const chunkSize = options.chunkSize ?? 1000;
    const teamIds = await ensureTeam();
    const currency = await defaultCurrency();
    const offset = await db.customer_profiles.count();
    // The app's other readers wait for the end of the seed (defer-while-importing.ts).
    const release = await holdBulkWriteLock(db.name, `seed:${newId()}`);
    try {
      return await seedChunks(count, chunkSize, offset, teamIds, currency, options);
    } finally {
      release();
    }
  }

  async function seedChunks(
    count: number,
    chunkSize: number,
    offset: number,
    teamIds: string[],
    currency: string,
    options: SeedOptions,
  ): Promise<DemoWorkCustomer[]> {
    // Only a small demo's people are remembered (for its tasks and links), not a benchmark's.
    const made: DemoWorkCustomer[] = [];
    for (let start = 0; start < count; start += chunkSize) {
      const { profiles, emails, phones, touches } = demoCustomerRecords({
        first: offset + start,
        count: Math.min(count, start + chunkSize) - start,
        teamIds,
        seed: options.seed ?? 1,
        currency,
        arrivals: options.arrivals?.slice(start, start + chunkSize),
        touchShiftDays: options.touchShiftDays,
      });
      await db.transaction(
        'rw',
        [
          db.customer_profiles,
          db.customer_emails,
          db.customer_phones,
          db.customer_engagement_metrics,
        ],
        // Each list row projected once, at the end, from the profiles written here: projecting
        // after each bulkAdd read every profile of the chunk back (none there yet for the
        // children) and the profiles again after their own write.
        // Demo customers are new (ids made now): their rows are built from the children added
        // here, not read back (newCustomersComplete).
        () =>
          projectOnce(
            async () => {
              await db.customer_emails.bulkAdd(emails);
              await db.customer_phones.bulkAdd(phones);
              await db.customer_engagement_metrics.bulkAdd(touches);
              await db.customer_profiles.bulkAdd(profiles);
            },
            { newCustomersComplete: true },
          ),
      );
      options.onProgress?.({ done: Math.min(count, start + chunkSize), total: count });
      if (count <= 1000)
        for (const p of profiles)
          made.push({ id: p.id, firstName: p.first_name, createdAt: p.created_at });
    }
    return made;
  }

  /**
   * The empty list's "Load demo data": a small agency to explore, every page with something on
   * it: 60 customers owned round the team, come over the past year (typed in, and two
   * imports: demo-arrivals.ts; the reports' new customers per month have a shape), 24 deals with a hold conflict (when the board is
   * empty), the team's tasks on those customers and deals (open, overdue, done over the last
   * weeks) and links between the people. A demo team of three only when there is none (after
   * the first run the team is you). Says what it added, so the toast promises nothing it did not.
   */
  async function loadDemo(): Promise<DemoLoaded> {
    const hadTeam = (await db.team_members.filter((m) => m.deleted === 0).count()) > 0;
    const now = new Date();
    // Dated over the past year, typed in and imported (the benchmarks' seeds are all "now").
    // Their touchpoints moved by whole weeks to end in the past week, whenever it is loaded.
    const customers = await seed(60, {
      chunkSize: 60,
      arrivals: demoArrivals(60, now),
      touchShiftDays: demoTouchShiftDays(now),
    });
    const hadDeals = (await db.event_deals.filter((d) => d.deleted === 0).count()) > 0;
    if (!hadDeals) {
      await seedDealsWithStages(24, { seed: 11, chunkSize: 24 });
      await makeDemoHoldConflict(db);
    }
    const work = await addDemoWork(customers, !hadDeals, now);
    return { teamAdded: !hadTeam, customers: customers.length, deals: hadDeals ? 0 : 24, ...work };
  }

  /** Tasks and links around the demo's people (and its deals, when it made them), in one transaction. */
  async function addDemoWork(customers: DemoWorkCustomer[], withDeals: boolean, now: Date) {
    const members = (await db.team_members.toArray()).filter((m) => m.deleted === 0 && m.active);
    const deals = withDeals ? (await db.event_deals.toArray()).filter((d) => d.deleted === 0) : [];
    const { tasks, assignments } = demoTasks({
      customers,
      deals,
      memberIds: members.map((m) => m.id),
      today: now,
    });
    const links = demoRelationships(customers, now.toISOString());
    await db.transaction(
      'rw',
      ['crm_tasks', 'crm_task_assignments', 'customer_relationships'],
      async () => {
        await db.crm_tasks.bulkAdd(tasks);
        await db.crm_task_assignments.bulkAdd(assignments);
        await db.customer_relationships.bulkAdd(links);
      },
    );
    return { tasks: tasks.length, relationships: links.length };
  }

  /** Demo deals for a benchmark (thousands) or the board; the stages are seeded first. */
  async function seedDealsWithStages(
    count: number,
    options?: { seed?: number; chunkSize?: number },
  ) {
    await createDealService(db).ensurePipeline();
    await seedDeals(db, count, options);
  }

  return {
    /** The empty-state action: a realistic small CRM to explore. */
    loadDemo,
    seed,
    seedDeals: seedDealsWithStages,
    /**
     * "Load demo deals" on an empty board: demo customers first when there are none, then two
     * dozen deals, two of which hold the same night at the same venue (a hold conflict to see).
     */
    async loadDemoDeals(): Promise<void> {
      // An empty database gets the whole demo (its deals with it); else deals over the customers there are.
      if ((await db.customers_crm_v.count()) === 0) {
        await loadDemo();
        return;
      }
      await seedDealsWithStages(24, { seed: 11, chunkSize: 24 });
      await makeDemoHoldConflict(db);
    },
  };
}
