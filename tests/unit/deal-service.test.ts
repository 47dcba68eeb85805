import { createDemoDataService } from '../../src/renderer/src/services/crm/demo/demo-data-service';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { emptyDealDraft } from '../../src/renderer/src/domain/deals/deal-draft';
import type { DealDraft } from '../../src/renderer/src/domain/deals/deal-draft';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import {
  loadBoard,
  loadDeal,
  dealsForCustomer,
} from '../../src/renderer/src/services/crm/deals/deal-queries';
import { createDealService } from '../../src/renderer/src/services/crm/deals/deal-service';
import { createSettingsService } from '../../src/renderer/src/services/crm/settings/settings-service';
import { createTeamService } from '../../src/renderer/src/services/crm/team/team-service';
import { draft, capturingDb } from './helpers';

let db: CrmDatabase;
let deals: ReturnType<typeof createDealService>;

beforeEach(async () => {
  db = await capturingDb();
  deals = createDealService(db);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function dealDraft(overrides: Partial<DealDraft> = {}): DealDraft {
  return {
    ...emptyDealDraft('EUR'),
    title: 'Hania Rani at Paradiso',
    event_name: 'Hania Rani: Spring Tour',
    event_date: '2026-06-01',
    venue: 'Paradiso',
    amount_minor: 1_250_000,
    ...overrides,
  };
}

async function created(overrides: Partial<DealDraft> = {}): Promise<string> {
  const result = await deals.create(dealDraft(overrides));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

async function customer(first: string): Promise<string> {
  const result = await createCustomerService(db).create(draft({ first_name: first }), 'US');
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.value;
}

describe('deal service', () => {
  it('seeds the pipeline once, with stable ids', async () => {
    const first = await deals.ensurePipeline();
    const second = await deals.ensurePipeline();
    expect(first.map((s) => s.status)).toEqual([
      'inquiry',
      'hold',
      'offer',
      'confirmed',
      'contracted',
      'played',
      'settled',
      'declined',
      'released',
      'cancelled',
    ]);
    expect(second.map((s) => s.id)).toEqual(first.map((s) => s.id));
    expect(await db.deal_pipeline.count()).toBe(10);
  });

  it('creates a deal with its participants, its first history entry and outbox entries', async () => {
    const artist = await customer('Hania');
    const result = await deals.create(dealDraft({ currency: 'eur' }), [
      { customer_id: artist, role: 'artist', share_percent: 80 },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const detail = await loadDeal(db, result.value);
    expect(detail?.deal.currency).toBe('EUR');
    expect(detail?.participants.map((p) => [p.name, p.role, p.share_percent])).toEqual([
      ['Hania', 'artist', 80],
    ]);
    expect(detail?.history.map((h) => [h.from_status, h.to_status])).toEqual([[null, 'inquiry']]);
    const outboxTables = (await db.sync_outbox.toArray()).map((e) => e.table);
    expect(outboxTables).toEqual(
      expect.arrayContaining(['event_deals', 'deal_participants', 'deal_status_history']),
    );
  });

  it('refuses invalid fields without writing', async () => {
    const result = await deals.create(dealDraft({ title: '', currency: 'XXXX', amount_minor: -5 }));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(Object.keys(result.error).sort()).toEqual(['amount_minor', 'currency', 'title']);
    expect(await db.event_deals.count()).toBe(0);
    const id = await created();
    const update = await deals.update(id, { deal_type: 'versus' });
    expect(update.ok).toBe(false);
    expect((await deals.update(id, { deal_type: 'versus', deal_percent: 80 })).ok).toBe(true);
    expect((await db.event_deals.get(id))?.deal_percent).toBe(80);
  });

  it('moves along the rules, records who and when, and refuses a move back with a message', async () => {
    const member = await createTeamService(db).add('Alex Moreno');
    if (!member.ok) throw new Error(member.error);
    await createSettingsService(db).setCurrentMember(member.value);
    const id = await created();
    expect((await deals.move(id, 'offer')).ok).toBe(true);
    expect((await deals.move(id, 'confirmed')).ok).toBe(true);
    expect((await deals.move(id, 'contracted')).ok).toBe(true);
    expect((await deals.move(id, 'played')).ok).toBe(true);
    expect((await deals.move(id, 'settled')).ok).toBe(true);
    const refused = await deals.move(id, 'inquiry');
    expect(refused).toEqual({
      ok: false,
      error: expect.stringContaining('cannot move from Settled to Inquiry'),
    });
    const detail = await loadDeal(db, id);
    expect(detail?.deal.status).toBe('settled');
    expect(detail?.history.map((h) => h.to_status)).toEqual([
      'settled',
      'played',
      'contracted',
      'confirmed',
      'offer',
      'inquiry',
    ]);
    expect(detail?.history[0]?.changed_by).toBe(member.value);
    expect(Date.parse(detail?.history[0]?.changed_at ?? '')).not.toBeNaN();
  });

  it('records an unknown author when no current member is set', async () => {
    const id = await created();
    await deals.move(id, 'hold');
    const detail = await loadDeal(db, id);
    expect(detail?.history[0]?.changed_by).toBeNull();
  });

  it('keeps a dropped card where it was dropped (rank between its neighbours)', async () => {
    const a = await created({ title: 'A' });
    const b = await created({ title: 'B' });
    const c = await created({ title: 'C' });
    // Newest first on creation: C, B, A
    const order = async () =>
      (await loadBoard(db)).deals
        .filter((d) => d.status === 'inquiry')
        .sort((x, y) => x.rank - y.rank)
        .map((d) => d.title);
    expect(await order()).toEqual(['C', 'B', 'A']);
    await deals.move(a, 'inquiry', { afterId: c, beforeId: b });
    expect(await order()).toEqual(['C', 'A', 'B']);
    await deals.move(c, 'inquiry', { afterId: b });
    expect(await order()).toEqual(['A', 'B', 'C']);
    // Top of the column with no neighbours given; just above a card with only `beforeId`.
    await deals.move(c, 'inquiry');
    expect(await order()).toEqual(['C', 'A', 'B']);
    await deals.move(c, 'inquiry', { beforeId: b });
    expect(await order()).toEqual(['A', 'C', 'B']);
    // Into another column below a card, with a card hidden by a filter further down.
    const d = await created({ title: 'D', status: 'offer' });
    const e = await created({ title: 'E', status: 'offer' });
    await deals.move(a, 'offer', { afterId: e });
    const offers = (await loadBoard(db)).deals
      .filter((x) => x.status === 'offer')
      .sort((x, y) => x.rank - y.rank)
      .map((x) => x.title);
    expect(offers).toEqual(['E', 'A', 'D']);
    expect(d).not.toBe(e);
    // A reorder is not a status change.
    expect((await loadDeal(db, c))?.history).toHaveLength(1);
  });

  it('renumbers a column when neighbours get too close', async () => {
    const ids = [await created({ title: 'X' }), await created({ title: 'Y' })];
    const z = await created({ title: 'Z' });
    // Z, Y, X; keep dropping Z between the first two until floats run out.
    for (let n = 0; n < 70; n += 1) {
      const column = (await db.event_deals.where('status').equals('inquiry').toArray()).sort(
        (p, q) => p.rank - q.rank,
      );
      const others = column.filter((d) => d.id !== z);
      await deals.move(z, 'inquiry', { afterId: others[0]?.id, beforeId: others[1]?.id });
    }
    const column = (await db.event_deals.where('status').equals('inquiry').toArray()).sort(
      (p, q) => p.rank - q.rank,
    );
    expect(column.map((d) => d.id)[1]).toBe(z);
    expect(new Set(column.map((d) => d.rank)).size).toBe(3);
    expect(ids).toHaveLength(2);
  });

  it('gives holds the next level on their date and offers to release them on confirmation', async () => {
    const first = await created({ title: 'First', status: 'hold' });
    const second = await created({ title: 'Second', venue: 'PARADISO ' });
    const elsewhere = await created({ title: 'Elsewhere', venue: 'Vega', status: 'hold' });
    expect((await deals.move(second, 'hold')).ok).toBe(true);
    expect((await db.event_deals.get(first))?.hold_level).toBe(1);
    expect((await db.event_deals.get(second))?.hold_level).toBe(2);
    expect((await db.event_deals.get(elsewhere))?.hold_level).toBe(1);

    const confirm = await deals.move(second, 'confirmed');
    expect(confirm.ok && confirm.value.releasable.map((d) => d.id)).toEqual([first]);
    expect((await deals.releaseHolds([first], 'Second confirmed the date')).ok).toBe(true);
    const released = await loadDeal(db, first);
    expect(released?.deal.status).toBe('released');
    expect(released?.deal.hold_level).toBeNull();
    expect(released?.history[0]?.note).toBe('Second confirmed the date');
    // A deal no longer on hold cannot be released again: refused, nothing written.
    expect((await deals.releaseHolds([second], 'x')).ok).toBe(false);
    expect((await db.event_deals.get(second))?.status).toBe('confirmed');
  });

  it('changes a hold level with a history entry, and only on hold', async () => {
    const id = await created({ status: 'hold' });
    expect(await deals.setHoldLevel(id, 3)).toEqual({ ok: true });
    expect((await db.event_deals.get(id))?.hold_level).toBe(3);
    expect((await deals.setHoldLevel(id, 0)).ok).toBe(false);
    await deals.move(id, 'offer');
    expect((await deals.setHoldLevel(id, 2)).ok).toBe(false);
  });

  it('adds, edits and removes participants; lists a customer deals with roles', async () => {
    const id = await created();
    const agent = await customer('Agnes');
    expect(await deals.addParticipant(id, { customer_id: agent, role: 'agent' })).toEqual({
      ok: true,
    });
    expect(
      await deals.addParticipant(id, { customer_id: agent, role: 'signer', share_percent: 10 }),
    ).toEqual({ ok: true });
    const duplicate = await deals.addParticipant(id, { customer_id: agent, role: 'agent' });
    expect(duplicate.ok).toBe(false);
    expect(
      (await deals.addParticipant(id, { customer_id: agent, role: 'payer', share_percent: 120 }))
        .ok,
    ).toBe(false);
    const rows = await dealsForCustomer(db, agent);
    expect(rows.map((r) => [r.deal.id, r.roles])).toEqual([[id, ['agent', 'signer']]]);
    const detail = await loadDeal(db, id);
    const signer = detail?.participants.find((p) => p.role === 'signer');
    if (!signer) throw new Error('no signer');
    expect((await deals.updateParticipant(signer.id, { share_percent: 15 })).ok).toBe(true);
    await deals.removeParticipant(signer.id);
    expect((await dealsForCustomer(db, agent))[0]?.roles).toEqual(['agent']);
    // The board reads people from index keys: the removed (tombstoned) one is not there.
    const board = await loadBoard(db);
    expect(board.participantsByDeal.get(id)).toEqual([
      { deal_id: id, role: 'agent', customer_id: agent },
    ]);
    expect(board.names.get(agent)).toBe('Agnes');
  });

  it('counts open tasks per deal on the board', async () => {
    const id = await created();
    const now = new Date().toISOString();
    const task = (status: 'open' | 'done' | 'in-progress') => ({
      id: crypto.randomUUID(),
      created_at: now,
      updated_at: now,
      deleted: 0 as const,
      title: 'Send the rider',
      description: '',
      due_at: null,
      priority: 'normal' as const,
      status,
      customer_id: null,
      deal_id: id,
      completed_at: null,
    });
    await db.crm_tasks.bulkAdd([task('open'), task('in-progress'), task('done')]);
    expect((await loadBoard(db)).openTasksByDeal.get(id)).toBe(2);
  });

  it('tombstones a deal and its participants; the board no longer shows it', async () => {
    const id = await created();
    await deals.addParticipant(id, { customer_id: await customer('Bo'), role: 'buyer' });
    await deals.remove(id);
    expect((await loadBoard(db)).deals).toEqual([]);
    expect((await db.deal_participants.toArray()).every((p) => p.deleted === 1)).toBe(true);
    expect(await loadDeal(db, id)).toBeNull();
  });

  it('undoes a deletion: the deal and the participants removed with it, not those removed before', async () => {
    const id = await created();
    await deals.addParticipant(id, { customer_id: await customer('Bo'), role: 'buyer' });
    await deals.addParticipant(id, { customer_id: await customer('Cy'), role: 'artist' });
    const gone = (await loadDeal(db, id))!.participants.find((p) => p.role === 'artist')!;
    await deals.removeParticipant(gone.id);
    const removed = await deals.remove(id);
    expect(removed).toHaveLength(1);
    expect(await deals.restore(id, removed)).toEqual({ ok: true, value: undefined });
    expect((await loadBoard(db)).deals.map((d) => d.id)).toEqual([id]);
    const detail = await loadDeal(db, id);
    expect(detail?.participants.map((p) => p.role)).toEqual(['buyer']);
    // Every step reaches the outbox, like any write.
    const outbox = await db.sync_outbox.where('table').equals('event_deals').toArray();
    expect(outbox.at(-1)).toMatchObject({ row_id: id });
  });

  it('undoes a participant’s removal once, never doubling a role given again meanwhile', async () => {
    const id = await created();
    const bo = await customer('Bo');
    await deals.addParticipant(id, { customer_id: bo, role: 'buyer' });
    const buyer = (await loadDeal(db, id))!.participants[0]!;
    await deals.removeParticipant(buyer.id);
    expect((await deals.restoreParticipant(buyer.id)).ok).toBe(true);
    expect((await loadDeal(db, id))!.participants.map((p) => p.id)).toEqual([buyer.id]);

    await deals.removeParticipant(buyer.id);
    await deals.addParticipant(id, { customer_id: bo, role: 'buyer' });
    expect((await deals.restoreParticipant(buyer.id)).ok).toBe(true);
    expect((await loadDeal(db, id))!.participants.map((p) => p.role)).toEqual(['buyer']);
  });

  it('loads demo deals, creating demo customers first, with a hold conflict', async () => {
    await createDemoDataService(db).loadDemoDeals();
    const board = await loadBoard(db);
    expect(board.deals).toHaveLength(24);
    expect(await db.customers_crm_v.count()).toBe(60);
    expect(board.participantsByDeal.size).toBe(24);
    expect(board.stages).toHaveLength(10);
    const holds = board.deals.filter((d) => d.status === 'hold');
    const slots = new Set(holds.map((d) => `${d.venue}|${d.event_date}`));
    expect(slots.size).toBeLessThan(holds.length);
  });

  it('demo deals name who made them in their history, and the history agrees with their hold level', async () => {
    await createDemoDataService(db).loadDemoDeals();
    const members = new Set((await db.team_members.toArray()).map((m) => m.id));
    const history = await db.deal_status_history.toArray();
    // One creation entry per deal, then one per move.
    expect(history.filter((h) => h.from_status === null)).toHaveLength(24);
    expect(history.length).toBeGreaterThan(48);
    // The history list says "Unknown user" for an entry without a member.
    expect(history.filter((h) => !h.changed_by || !members.has(h.changed_by))).toEqual([]);
    const deals = await db.event_deals.toArray();
    for (const deal of deals) {
      const own = history
        .filter((h) => h.deal_id === deal.id)
        .sort((a, b) => a.changed_at.localeCompare(b.changed_at));
      // The history ends where the deal is, when it was last active, and began when it was made.
      expect(own.at(-1)?.to_status).toBe(deal.status);
      expect(own.at(-1)?.changed_at).toBe(deal.last_activity_at);
      expect(own[0]?.changed_at).toBe(deal.created_at);
      // A hold entry names the level; the last one is the deal's (the 2nd of the conflict).
      for (const entry of own) expect(entry.hold_level === null).toBe(entry.to_status !== 'hold');
      if (deal.status === 'hold') expect(own.at(-1)?.hold_level).toBe(deal.hold_level);
    }
  });

  it('after the first run, demo deals were made by you', async () => {
    const me = await createTeamService(db).add('Robin Vale');
    if (!me.ok) throw new Error(me.error);
    await createSettingsService(db).setCurrentMember(me.value);
    await createDemoDataService(db).loadDemoDeals();
    const actors = new Set((await db.deal_status_history.toArray()).map((h) => h.changed_by));
    expect([...actors]).toEqual([me.value]);
  });
});
