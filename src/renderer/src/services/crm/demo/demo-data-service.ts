/**
 * "Load demo data" for an empty database, and bulk seeding for benchmarks (100,000 people,
 * thousands of deals: demo-deal-seed.ts).
 * Writes in chunked transactions: each chunk is whole customers (profile, emails, phones,
 * touchpoints, list row and outbox together).
 */
import type { CrmDatabase } from '../../../db/database';
import { createDealService } from '../deals/deal-service';
import { makeDemoHoldConflict, seedDeals } from './demo-deal-seed';
import { NO_CONSENT } from '../../../domain/consent';
import { checkPhone, normalizeEmail } from '../../../domain/contact-points';
import { demoPerson } from '../../../domain/demo-people';
import { newId, nowIso } from '../../../domain/ids';
import type {
  CustomerEmail,
  CustomerPhone,
  CustomerProfile,
  EngagementTouchpoint,
  TeamMember,
} from '../../../domain/records';

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

  async function seed(
    count: number,
    options: { chunkSize?: number; seed?: number; onProgress?: (p: SeedProgress) => void } = {},
  ): Promise<void> {
    const chunkSize = options.chunkSize ?? 1000;
    const teamIds = await ensureTeam();
    const offset = await db.customer_profiles.count();
    for (let start = 0; start < count; start += chunkSize) {
      const profiles: CustomerProfile[] = [];
      const emails: CustomerEmail[] = [];
      const phones: CustomerPhone[] = [];
      const touches: EngagementTouchpoint[] = [];
      const now = nowIso();
      for (let index = start; index < Math.min(count, start + chunkSize); index += 1) {
        const person = demoPerson(offset + index, options.seed ?? 1);
        const id = newId();
        const base = {
          created_at: now,
          updated_at: now,
          deleted: 0 as const,
          customer_id: id,
          source: 'manual' as const,
        };
        person.emails.forEach((address, n) =>
          emails.push({
            ...base,
            id: newId(),
            address,
            address_normalized: normalizeEmail(address),
            label: n === 0 ? 'personal' : 'work',
            is_primary: n === 0 ? 1 : 0,
          }),
        );
        person.phones.forEach((phone, n) => {
          const check = checkPhone(phone.raw, phone.region);
          if (check.ok)
            phones.push({
              ...base,
              id: newId(),
              e164: check.e164,
              raw_input: phone.raw,
              type: n === 0 ? 'mobile' : 'work',
              label: '',
              is_primary: n === 0 ? 1 : 0,
            });
        });
        person.touchpoints.forEach((touch) => touches.push({ ...base, id: newId(), ...touch }));
        const consent = (on: boolean) =>
          on ? { opted_in: true, source: 'demo data', changed_at: now } : NO_CONSENT;
        profiles.push({
          id,
          created_at: now,
          updated_at: now,
          deleted: 0,
          first_name: person.first_name,
          last_name: person.last_name,
          date_of_birth: person.date_of_birth,
          notes: '',
          tags: person.tags,
          lifecycle: person.lifecycle,
          owner_id: teamIds[index % (teamIds.length + 1)] ?? null,
          email_consent: consent(person.email_opt_in),
          sms_consent: consent(person.sms_opt_in),
        });
      }
      await db.transaction(
        'rw',
        [
          db.customer_profiles,
          db.customer_emails,
          db.customer_phones,
          db.customer_engagement_metrics,
        ],
        async () => {
          // Children first, so each list row is projected once, complete, with its profile.
          await db.customer_emails.bulkAdd(emails);
          await db.customer_phones.bulkAdd(phones);
          await db.customer_engagement_metrics.bulkAdd(touches);
          await db.customer_profiles.bulkAdd(profiles);
        },
      );
      options.onProgress?.({ done: Math.min(count, start + chunkSize), total: count });
    }
  }

  const loadDemo = () => seed(60, { chunkSize: 60 });

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
      if ((await db.customers_crm_v.count()) === 0) await loadDemo();
      await seedDealsWithStages(24, { seed: 11, chunkSize: 24 });
      await makeDemoHoldConflict(db);
    },
  };
}
