// "Load demo data" dates a customer's arrival over the past year (demo-arrivals.ts), its
// touchpoints over the year and more before now, deals over months, tasks over weeks. Nothing
// happens to a customer before it was created: no touchpoint, deal (its creation, its history,
// its participants), task or link dated before its customer's `created_at`, and nothing after
// now. Checked over the whole generated workspace, for several days and time zones.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoTasks } from '../../src/renderer/src/domain/demo-work';
import { createDemoDataService } from '../../src/renderer/src/services/crm/demo/demo-data-service';
import { freshDb } from './helpers';

const originalZone = process.env.TZ;
afterEach(() => {
  vi.useRealTimers();
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

const NOWS = [
  ['UTC', '2026-12-07T12:31:00Z'],
  ['America/Los_Angeles', '2027-03-01T07:05:00Z'],
  ['Asia/Tokyo', '2026-06-14T02:00:00Z'],
] as const;

describe('demo dates: nothing happens to a customer before it was created', () => {
  for (const [zone, at] of NOWS)
    it(`${zone}, now ${at}: touchpoints, deals, their history and people, tasks and links`, async () => {
      process.env.TZ = zone;
      vi.useFakeTimers({ toFake: ['Date'], now: new Date(at) });
      const now = new Date().toISOString();
      const db = freshDb();
      try {
        await createDemoDataService(db).loadDemo();
        const profiles = await db.customer_profiles.toArray();
        expect(profiles).toHaveLength(60);
        const created = new Map(profiles.map((p) => [p.id, p.created_at]));
        const problems: string[] = [];
        const check = (what: string, customer: string | null, when: string | null) => {
          if (customer === null || when === null) return;
          const since = created.get(customer);
          if (since === undefined) return problems.push(`${what}: customer ${customer} unknown`);
          if (Date.parse(when) < Date.parse(since))
            problems.push(`${what} at ${when}, customer created ${since}`);
          if (Date.parse(when) > Date.parse(now)) problems.push(`${what} at ${when}, after now`);
        };
        for (const p of profiles) {
          check('profile updated', p.id, p.updated_at);
          check('email consent', p.id, p.email_consent.changed_at);
          check('sms consent', p.id, p.sms_consent.changed_at);
        }
        for (const e of await db.customer_emails.toArray())
          check('email', e.customer_id, e.created_at);
        for (const f of await db.customer_phones.toArray())
          check('phone', f.customer_id, f.created_at);
        const touches = await db.customer_engagement_metrics.toArray();
        expect(touches.length).toBeGreaterThan(30);
        for (const t of touches) {
          check('touchpoint', t.customer_id, t.occurred_at);
          check('touchpoint written', t.customer_id, t.created_at);
        }
        const deals = new Map((await db.event_deals.toArray()).map((d) => [d.id, d]));
        expect(deals.size).toBe(24);
        const history = await db.deal_status_history.toArray();
        const people = await db.deal_participants.toArray();
        expect(people.length).toBeGreaterThanOrEqual(24);
        for (const person of people) {
          const deal = deals.get(person.deal_id)!;
          check(`deal ${deal.title} (${person.role}) created`, person.customer_id, deal.created_at);
          check(`deal participant`, person.customer_id, person.created_at);
          for (const entry of history.filter((h) => h.deal_id === deal.id))
            check(
              `deal ${deal.title} moved to ${entry.to_status}`,
              person.customer_id,
              entry.changed_at,
            );
        }
        const tasks = await db.crm_tasks.toArray();
        expect(tasks.some((t) => t.customer_id !== null)).toBe(true);
        for (const task of tasks) {
          check(`task ${task.title} created`, task.customer_id, task.created_at);
          check(`task ${task.title} done`, task.customer_id, task.completed_at);
        }
        const links = await db.customer_relationships.toArray();
        expect(links.length).toBeGreaterThan(0);
        for (const link of links) {
          check('link', link.from_customer_id, link.created_at);
          check('link', link.to_customer_id, link.created_at);
        }
        expect(problems).toEqual([]);
      } finally {
        db.close();
        await db.delete();
      }
    }, 60_000);
});

describe('demo tasks on customers', () => {
  it('go to a customer that was there when the task was made', () => {
    process.env.TZ = 'Europe/Berlin';
    const today = new Date(2026, 11, 7, 11);
    // Only the first customer is older than a week: every other came this morning.
    const customers = Array.from({ length: 20 }, (_, n) => ({
      id: `c${n}`,
      firstName: `Name${n}`,
      createdAt: n === 0 ? '2026-01-05T10:00:00.000Z' : new Date(2026, 11, 7, 9).toISOString(),
    }));
    const { tasks } = demoTasks({ customers, deals: [], memberIds: ['m1'], today });
    expect(tasks.length).toBeGreaterThan(4);
    for (const task of tasks) {
      const customer = customers.find((c) => c.id === task.customer_id)!;
      expect(task.created_at >= customer.createdAt, `${task.title} ${task.created_at}`).toBe(true);
    }
  });
});
