/**
 * Demo and benchmark deals: deterministic deals with participants drawn from existing
 * customers and a history entry each, written in chunked transactions.
 */
import { readSetting } from '../../../db/app-settings';
import type { CrmDatabase } from '../../../db/database';
import { demoDeal } from '../../../domain/deals/demo-deals';
import { RANK_STEP } from '../../../domain/deals/rank';
import type { DealStatus } from '../../../domain/deals/statuses';
import { newId } from '../../../domain/ids';
import type {
  DealParticipant,
  DealStatusChange,
  EventDeal,
  TeamMember,
} from '../../../domain/records';
import { statusChange } from '../deals/deal-history';

type DealSeedContext = {
  customers: string[];
  members: TeamMember[];
  /** Who made the deals in their history: you when the team knows you (else each owner). */
  actor: string | null;
  today: Date;
  rankByStatus: Map<DealStatus, number>;
  seed: number;
};

/** The `index`th demo deal with its history entry and participants. */
function demoDealRows(context: DealSeedContext, index: number, offset: number) {
  const { customers, members, today, rankByStatus } = context;
  const demo = demoDeal(offset + index, context.seed, today);
  const activity = new Date(today.getTime() - demo.idleDays * 86_400_000).toISOString();
  const rank = (rankByStatus.get(demo.status) ?? 0) + RANK_STEP;
  rankByStatus.set(demo.status, rank);
  const deal: EventDeal = {
    id: newId(),
    created_at: activity,
    updated_at: activity,
    deleted: 0,
    title: demo.title,
    event_name: demo.event_name,
    event_date: demo.event_date,
    venue: demo.venue,
    amount_minor: demo.amount_minor,
    currency: demo.currency,
    deal_type: demo.deal_type,
    deal_percent: demo.deal_percent,
    status: demo.status,
    hold_level: demo.status === 'hold' ? 1 : null,
    probability: null,
    expected_close: null,
    owner_id: members.length > 0 ? (members[index % members.length]?.id ?? null) : null,
    notes: '',
    rank,
    last_activity_at: activity,
  };
  const by = context.actor ?? deal.owner_id;
  const history = statusChange(deal, null, deal.status, activity, by, 'Demo data');
  const people: DealParticipant[] =
    customers.length === 0
      ? []
      : demo.roles.map((role, n) => ({
          id: newId(),
          created_at: activity,
          updated_at: activity,
          deleted: 0,
          deal_id: deal.id,
          customer_id: customers[(index * 3 + n) % customers.length] as string,
          role,
          share_percent: null,
        }));
  return { deal, history, people };
}

/** Writes `count` demo deals: a benchmark's thousands, or a few for "Load demo deals". */
export async function seedDeals(
  db: CrmDatabase,
  count: number,
  options: { seed?: number; chunkSize?: number } = {},
): Promise<void> {
  const members = (await db.team_members.toArray()).filter((m) => m.deleted === 0);
  const me = await readSetting(db, 'currentMemberId');
  const context: DealSeedContext = {
    customers: (await db.customers_crm_v.limit(400).primaryKeys()) as string[],
    members,
    actor: members.some((m) => m.id === me) ? me : null,
    today: new Date(),
    rankByStatus: new Map(),
    seed: options.seed ?? 7,
  };
  const chunkSize = options.chunkSize ?? 500;
  const offset = await db.event_deals.count();
  for (let start = 0; start < count; start += chunkSize) {
    const deals: EventDeal[] = [];
    const people: DealParticipant[] = [];
    const history: DealStatusChange[] = [];
    for (let index = start; index < Math.min(count, start + chunkSize); index += 1) {
      const rows = demoDealRows(context, index, offset);
      deals.push(rows.deal);
      history.push(rows.history);
      people.push(...rows.people);
    }
    await db.transaction(
      'rw',
      ['event_deals', 'deal_participants', 'deal_status_history'],
      async () => {
        await db.event_deals.bulkAdd(deals);
        await db.deal_participants.bulkAdd(people);
        await db.deal_status_history.bulkAdd(history);
      },
    );
  }
}

/** Two of the demo holds on the same night at the same venue: a hold conflict to see. */
export async function makeDemoHoldConflict(db: CrmDatabase): Promise<void> {
  const holds = (await db.event_deals.where('status').equals('hold').toArray()).filter(
    (d) => d.deleted === 0,
  );
  const [first, second] = holds;
  if (!first || !second) return;
  await db.transaction('rw', db.event_deals, db.deal_status_history, async () => {
    await db.event_deals.update(second.id, {
      venue: first.venue,
      event_date: first.event_date,
      hold_level: 2,
      title: second.title.replace(/ at .*$/, ` at ${first.venue}`),
    });
    // Its history said "1st hold" while the deal is the 2nd.
    await db.deal_status_history.where('deal_id').equals(second.id).modify({ hold_level: 2 });
  });
}
