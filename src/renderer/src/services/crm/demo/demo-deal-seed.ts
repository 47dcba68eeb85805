/**
 * Demo and benchmark deals: deterministic deals with participants drawn from existing
 * customers and the history of how each got to its stage (demo-deals.ts: one dated entry per
 * step, each an allowed move), written in chunked transactions.
 */
import { readSetting } from '../../../db/app-settings';
import type { CrmDatabase } from '../../../db/database';
import { demoDeal, type DemoDeal, type DemoStep } from '../../../domain/deals/demo-deals';
import { RANK_STEP } from '../../../domain/deals/rank';
import { checkTransition, type DealStatus } from '../../../domain/deals/statuses';
import { newId } from '../../../domain/ids';
import type {
  DealParticipant,
  DealStatusChange,
  EventDeal,
  TeamMember,
} from '../../../domain/records';
import { statusChange } from '../deals/deal-history';

type DealSeedContext = {
  /** The customers deals are drawn from, with when each was created. */
  customers: { id: string; created_at: string }[];
  members: TeamMember[];
  /** Who made the deals in their history: you when the team knows you (else each owner). */
  actor: string | null;
  today: Date;
  rankByStatus: Map<DealStatus, number>;
  seed: number;
};

/**
 * One history entry per step of the demo's path, as the deal service writes them (a creation
 * entry, then one per move, each move one the transition rules allow). A hold in the path was
 * the 1st hold on its date.
 */
function pathHistory(deal: EventDeal, path: DemoDeal['path'], by: string | null) {
  return path.map((step, n) => {
    const from = n === 0 ? null : (path[n - 1] as DemoStep).status;
    if (from !== null) {
      const check = checkTransition(from, step.status);
      if (!check.ok) throw new Error(`Demo deal path: ${check.message}`);
    }
    const level = step.status === 'hold' ? (deal.hold_level ?? 1) : null;
    return statusChange(
      { id: deal.id, hold_level: level },
      from,
      step.status,
      step.at,
      by,
      n === 0 ? 'Demo data' : '',
    );
  });
}

/** The `index`th demo deal with its history entries and participants. */
function demoDealRows(context: DealSeedContext, index: number, offset: number) {
  const { customers, members, today, rankByStatus } = context;
  const demo = demoDeal(offset + index, context.seed, today);
  const created = (demo.path[0] as DemoStep).at;
  const activity = (demo.path[demo.path.length - 1] as DemoStep).at;
  const rank = (rankByStatus.get(demo.status) ?? 0) + RANK_STEP;
  rankByStatus.set(demo.status, rank);
  const deal: EventDeal = {
    id: newId(),
    created_at: created,
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
  const history = pathHistory(deal, demo.path, by);
  // Its people from the customers there when it began: nothing happens to a customer before
  // it was created. None that old (a benchmark's customers, all created now): any of them.
  const before = customers.filter((customer) => customer.created_at <= created);
  const pool = before.length > 0 ? before : customers;
  const people: DealParticipant[] =
    pool.length === 0
      ? []
      : demo.roles.map((role, n) => ({
          id: newId(),
          created_at: created,
          updated_at: created,
          deleted: 0,
          deal_id: deal.id,
          customer_id: (pool[(index * 3 + n) % pool.length] as { id: string }).id,
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
    customers: (await db.customers_crm_v.limit(400).toArray()).map((row) => ({
      id: row.customer_id,
      created_at: row.created_at,
    })),
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
      history.push(...rows.history);
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
    // Its history said "1st hold" while the deal is the 2nd (its other entries have no level).
    await db.deal_status_history
      .where('deal_id')
      .equals(second.id)
      .filter((entry) => entry.to_status === 'hold')
      .modify({ hold_level: 2 });
  });
}
