// "Load demo data" gives a workspace to explore: customers, deals, the team's tasks and links
// between people, dated as real work (weekdays, office hours). It gave 60 customers and
// nothing else: Tasks, Deals, Relationships and most of Reports stayed empty.
import { afterEach, describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  demoLoadedMessage,
  demoRelationships,
  demoTasks,
} from '../../src/renderer/src/domain/demo-work';
import { linkProblem } from '../../src/renderer/src/domain/relationships/catalogue';
import { createDemoDataService } from '../../src/renderer/src/services/crm/demo/demo-data-service';
import { freshDb } from './helpers';

const originalZone = process.env.TZ;
afterEach(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

const customers = Array.from({ length: 20 }, (_, n) => ({ id: `c${n}`, firstName: `Name${n}` }));
const STATUSES = ['inquiry', 'hold', 'offer', 'confirmed', 'contracted', 'played', 'settled'];
const deals = STATUSES.map((status, n) => ({
  id: `d${n}`,
  title: `Act ${n} at Venue ${n}`,
  venue: `Venue ${n}`,
  status,
  owner_id: n % 2 === 0 ? 'm1' : null,
}));

function isWeekday(iso: string): boolean {
  const day = new Date(iso).getDay();
  return day !== 0 && day !== 6;
}

describe('working days', () => {
  it('skips weekends either way, and a weekend day moves to the next weekday', () => {
    process.env.TZ = 'Europe/Berlin';
    const friday = new Date(2026, 11, 4, 15);
    const saturday = new Date(2026, 11, 5, 15);
    const monday = new Date(2026, 11, 7, 10);
    expect(addWorkingDays(friday, 1).getDate()).toBe(7);
    expect(addWorkingDays(monday, -1).getDate()).toBe(4);
    expect(addWorkingDays(saturday, 0).getDate()).toBe(7);
    expect(addWorkingDays(monday, 5).getDate()).toBe(14);
  });
});

describe('demo tasks', () => {
  for (const zone of ['UTC', 'America/Los_Angeles', 'Asia/Tokyo'])
    for (const today of [
      new Date(2026, 11, 5, 22),
      new Date(2026, 11, 7, 8),
      new Date(2026, 11, 9, 13),
    ])
      it(`${zone}, ${today.toDateString()}: dated on weekdays in office hours, done ones in the past`, () => {
        process.env.TZ = zone;
        const now = new Date(
          today.getFullYear(),
          today.getMonth(),
          today.getDate(),
          today.getHours(),
        );
        const { tasks } = demoTasks({
          customers,
          deals,
          memberIds: ['m1', 'm2', 'm3'],
          today: now,
        });
        expect(tasks.length).toBeGreaterThan(12);
        for (const task of tasks) {
          for (const iso of [task.due_at, task.created_at, task.completed_at])
            if (iso) {
              expect(isWeekday(iso), `${task.title} ${iso}`).toBe(true);
              expect(new Date(iso).getHours(), `${task.title} ${iso}`).toBeGreaterThanOrEqual(9);
              expect(new Date(iso).getHours(), `${task.title} ${iso}`).toBeLessThan(18);
            }
          expect(task.created_at < (task.completed_at ?? task.due_at ?? '~'), task.title).toBe(
            true,
          );
          if (task.status === 'done') {
            expect(task.completed_at, task.title).not.toBeNull();
            expect(new Date(task.completed_at ?? '').getTime()).toBeLessThan(now.getTime());
          } else expect(task.completed_at).toBeNull();
          expect(new Date(task.created_at).getTime()).toBeLessThan(now.getTime());
        }
      });

  it("some are overdue, some done over several weeks, each with one owner; a deal's by its owner", () => {
    const today = new Date(2026, 11, 9, 13);
    const { tasks, assignments } = demoTasks({
      customers,
      deals,
      memberIds: ['m1', 'm2', 'm3'],
      today,
    });
    const open = tasks.filter((t) => t.status === 'open' || t.status === 'in-progress');
    expect(open.some((t) => new Date(t.due_at ?? '') < today)).toBe(true);
    const doneWeeks = new Set(
      tasks
        .filter((t) => t.status === 'done')
        .map((t) =>
          Math.floor((today.getTime() - new Date(t.completed_at ?? '').getTime()) / (7 * 864e5)),
        ),
    );
    expect(doneWeeks.size).toBeGreaterThanOrEqual(3);
    for (const task of tasks) {
      const owners = assignments.filter(
        (a) => a.task_id === task.id && a.assignment_type === 'owner',
      );
      expect(owners, task.title).toHaveLength(1);
      const deal = deals.find((d) => d.id === task.deal_id);
      if (deal?.owner_id) expect(owners[0]?.member_id).toBe(deal.owner_id);
      expect(Boolean(task.customer_id) !== Boolean(task.deal_id), task.title).toBe(true);
    }
    expect(assignments.some((a) => a.assignment_type === 'collaborator')).toBe(true);
    expect(new Set(tasks.map((t) => t.deal_id).filter(Boolean)).size).toBe(deals.length);
  });

  it('with no team, tasks have no owner', () => {
    const { tasks, assignments } = demoTasks({
      customers,
      deals: deals.map((deal) => ({ ...deal, owner_id: null })),
      memberIds: [],
      today: new Date(),
    });
    expect(tasks.length).toBeGreaterThan(0);
    expect(assignments).toEqual([]);
  });
});

describe('demo relationships', () => {
  it('ten links, none to itself, none the guard would refuse as a duplicate', () => {
    const links = demoRelationships(customers, '2026-12-07T10:00:00.000Z');
    expect(links).toHaveLength(10);
    links.forEach((link, n) => {
      expect(link.from_customer_id).not.toBe(link.to_customer_id);
      expect(linkProblem(link, links.slice(0, n))).toBeNull();
    });
  });
});

describe('the message', () => {
  it('says what was added and whose the customers are', () => {
    expect(
      demoLoadedMessage({
        teamAdded: true,
        customers: 60,
        deals: 24,
        tasks: 21,
        relationships: 10,
      }),
    ).toBe(
      'Loaded 60 demo customers, 24 deals, 21 tasks and 10 relationships, with a three-person team',
    );
    expect(
      demoLoadedMessage({ teamAdded: false, customers: 60, deals: 0, tasks: 0, relationships: 0 }),
    ).toBe('Loaded 60 demo customers, owned by your team');
  });
});

describe('"Load demo data" on an empty database', () => {
  it('fills every page: customers, deals with a hold conflict, tasks on both, links', async () => {
    const db = await freshDb();
    const loaded = await createDemoDataService(db).loadDemo();
    expect(loaded).toMatchObject({ teamAdded: true, customers: 60, deals: 24, relationships: 10 });
    expect(await db.customers_crm_v.count()).toBe(60);
    expect(await db.event_deals.count()).toBe(24);
    const tasks = await db.crm_tasks.toArray();
    expect(tasks).toHaveLength(loaded.tasks);
    expect(tasks.some((t) => t.customer_id)).toBe(true);
    expect(tasks.some((t) => t.deal_id)).toBe(true);
    const dealIds = new Set((await db.event_deals.toArray()).map((d) => d.id));
    const customerIds = new Set((await db.customer_profiles.toArray()).map((c) => c.id));
    for (const task of tasks) {
      if (task.deal_id) expect(dealIds.has(task.deal_id)).toBe(true);
      if (task.customer_id) expect(customerIds.has(task.customer_id)).toBe(true);
    }
    const owners = (await db.crm_task_assignments.toArray()).filter(
      (a) => a.assignment_type === 'owner',
    ).length;
    expect(owners).toBe(tasks.length);
    const links = await db.customer_relationships.toArray();
    expect(links).toHaveLength(10);
    for (const link of links) expect(customerIds.has(link.from_customer_id)).toBe(true);
  });

  it('adds no deals to a board that has some, and a second load doubles no links', async () => {
    const db = await freshDb();
    const demo = createDemoDataService(db);
    await demo.loadDemoDeals();
    const deals = await db.event_deals.count();
    const second = await demo.loadDemo();
    expect(second.deals).toBe(0);
    expect(await db.event_deals.count()).toBe(deals);
    expect(await db.customers_crm_v.count()).toBe(120);
    expect(await db.customer_relationships.count()).toBe(20);
  });
});
