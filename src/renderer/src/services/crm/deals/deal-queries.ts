/**
 * The deal views' read side: the board (every live deal with its people, names and open task
 * counts), one deal with its history and linked tasks, and a customer's deals. Hooks wrap
 * these in useLiveQuery, so a write anywhere (a drop, a sync pull, a task closed) re-renders.
 */
import type { CrmDatabase } from '../../../db/database';
import { venueKey } from '../../../domain/deals/holds';
import { foldText } from '../../../domain/text-fold';
import type {
  DealParticipant,
  DealPipelineStage,
  DealStatusChange,
  EventDeal,
} from '../../../domain/records';

/** What the board needs of a participant: read from an index's keys, no row is deserialized. */
export type BoardParticipant = Pick<DealParticipant, 'deal_id' | 'role' | 'customer_id'>;

export type BoardData = {
  deals: EventDeal[];
  participantsByDeal: Map<string, BoardParticipant[]>;
  /** Display names of every customer taking part in a live deal. */
  names: Map<string, string>;
  openTasksByDeal: Map<string, number>;
  stages: DealPipelineStage[];
};

export const OPEN_TASK_STATUSES = ['open', 'in-progress'] as const;

async function namesFor(db: CrmDatabase, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const rows = await db.customers_crm_v.bulkGet(unique);
  const names = new Map<string, string>();
  rows.forEach((row, index) => {
    if (row) names.set(unique[index] as string, row.display_name);
  });
  return names;
}

/** Live deals only. On a drop only this part re-reads (the hooks split the board's reads). */
export async function loadBoardDeals(db: CrmDatabase): Promise<EventDeal[]> {
  return (await db.event_deals.toArray()).filter((d) => d.deleted === 0);
}

export type BoardPeople = {
  participants: BoardParticipant[];
  names: Map<string, string>;
};

const PEOPLE_INDEX = '[deleted+deal_id+role+customer_id]';

/**
 * Live participants from the compound index's keys only: reading keys skips deserializing
 * thousands of rows, the largest part of a 2,000-deal board's first load.
 */
export async function loadBoardPeople(db: CrmDatabase): Promise<BoardPeople> {
  const keys = (await db.deal_participants
    .where(PEOPLE_INDEX)
    // [0] sorts before every live key, [0, []] after (an array sorts after any string).
    .between([0], [0, []])
    .keys()) as unknown as [0, string, DealParticipant['role'], string][];
  const participants = keys.map(([, deal_id, role, customer_id]) => ({
    deal_id,
    role,
    customer_id,
  }));
  return {
    participants,
    names: await namesFor(
      db,
      participants.map((p) => p.customer_id),
    ),
  };
}

export async function loadOpenTaskCounts(db: CrmDatabase): Promise<Map<string, number>> {
  const openTasks = await db.crm_tasks
    .where('status')
    .anyOf([...OPEN_TASK_STATUSES])
    .toArray();
  const counts = new Map<string, number>();
  for (const task of openTasks) {
    if (task.deleted === 1 || !task.deal_id) continue;
    counts.set(task.deal_id, (counts.get(task.deal_id) ?? 0) + 1);
  }
  return counts;
}

export async function loadStages(db: CrmDatabase): Promise<DealPipelineStage[]> {
  return (await db.deal_pipeline.orderBy('order').toArray()).filter((s) => s.deleted === 0);
}

/** Joins the board's separately read parts; participants of deleted deals are dropped. */
export function combineBoard(
  deals: EventDeal[],
  people: BoardPeople,
  openTasksByDeal: Map<string, number>,
  stages: DealPipelineStage[],
): BoardData {
  const live = new Set(deals.map((d) => d.id));
  const participantsByDeal = new Map<string, BoardParticipant[]>();
  for (const person of people.participants) {
    if (!live.has(person.deal_id)) continue;
    const list = participantsByDeal.get(person.deal_id);
    if (list) list.push(person);
    else participantsByDeal.set(person.deal_id, [person]);
  }
  const names = new Map<string, string>();
  for (const list of participantsByDeal.values())
    for (const person of list) {
      const name = people.names.get(person.customer_id);
      if (name) names.set(person.customer_id, name);
    }
  return { deals, participantsByDeal, names, openTasksByDeal, stages };
}

export async function loadBoard(db: CrmDatabase): Promise<BoardData> {
  const [deals, people, tasks, stages] = await Promise.all([
    loadBoardDeals(db),
    loadBoardPeople(db),
    loadOpenTaskCounts(db),
    loadStages(db),
  ]);
  return combineBoard(deals, people, tasks, stages);
}

export type DealParticipantRow = DealParticipant & { name: string };

export type DealDetail = {
  deal: EventDeal;
  participants: DealParticipantRow[];
  history: DealStatusChange[];
  /** Other live deals on the same date at the same venue. */
  sameSlot: EventDeal[];
};

/** null when the deal does not exist or was deleted. */
export async function loadDeal(db: CrmDatabase, id: string): Promise<DealDetail | null> {
  const deal = await db.event_deals.get(id);
  if (!deal || deal.deleted === 1) return null;
  const [people, history, sameDate] = await Promise.all([
    db.deal_participants.where('deal_id').equals(id).toArray(),
    db.deal_status_history.where('deal_id').equals(id).toArray(),
    deal.event_date ? db.event_deals.where('event_date').equals(deal.event_date).toArray() : [],
  ]);
  const live = people.filter((p) => p.deleted === 0);
  const names = await namesFor(
    db,
    live.map((p) => p.customer_id),
  );
  const venue = venueKey(deal.venue);
  return {
    deal,
    participants: live
      .map((p) => ({ ...p, name: names.get(p.customer_id) ?? 'Deleted customer' }))
      .sort((a, b) => a.created_at.localeCompare(b.created_at)),
    history: history
      .filter((h) => h.deleted === 0)
      .sort((a, b) => b.changed_at.localeCompare(a.changed_at) || b.id.localeCompare(a.id)),
    sameSlot: venue
      ? sameDate.filter((d) => d.id !== id && d.deleted === 0 && venueKey(d.venue) === venue)
      : [],
  };
}

export type CustomerDealRow = { deal: EventDeal; roles: DealParticipant['role'][] };

/** The deals a customer takes part in, with the roles they play, soonest event first. */
export async function dealsForCustomer(
  db: CrmDatabase,
  customerId: string,
): Promise<CustomerDealRow[]> {
  const people = (
    await db.deal_participants.where('customer_id').equals(customerId).toArray()
  ).filter((p) => p.deleted === 0);
  const roles = new Map<string, DealParticipant['role'][]>();
  for (const person of people)
    roles.set(person.deal_id, [...(roles.get(person.deal_id) ?? []), person.role]);
  const deals = await db.event_deals.bulkGet([...roles.keys()]);
  return deals
    .filter((d): d is EventDeal => d !== undefined && d.deleted === 0)
    .map((deal) => ({ deal, roles: roles.get(deal.id) ?? [] }))
    .sort((a, b) => (a.deal.event_date ?? '9999').localeCompare(b.deal.event_date ?? '9999'));
}

/** Live deals whose title, event or venue contains every word of `search`, for the palette. */
export async function searchDealOptions(
  db: CrmDatabase,
  search: string,
  limit = 6,
): Promise<{ id: string; title: string; detail: string }[]> {
  const words = foldText(search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const deals = (await db.event_deals.toArray()).filter((deal) => {
    const text = foldText(`${deal.title} ${deal.event_name} ${deal.venue}`);
    return deal.deleted === 0 && words.every((word) => text.includes(word));
  });
  return deals
    .sort((a, b) => a.title.localeCompare(b.title))
    .slice(0, limit)
    .map((deal) => ({
      id: deal.id,
      title: deal.title || 'Untitled deal',
      detail: [deal.event_date, deal.venue].filter(Boolean).join(' · '),
    }));
}
