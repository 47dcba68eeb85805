import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import type { DealDraft } from '../../src/renderer/src/domain/deals/deal-draft';
import { emptyDealDraft } from '../../src/renderer/src/domain/deals/deal-draft';
import { createDealService } from '../../src/renderer/src/services/crm/deals/deal-service';
import { historyNoteText } from '../../src/renderer/src/domain/deals/history-note';
import { freshDb } from './helpers';

let db: CrmDatabase;
let deals: ReturnType<typeof createDealService>;

beforeEach(() => {
  db = freshDb();
  deals = createDealService(db);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function dealDraft(title: string, overrides: Partial<DealDraft> = {}): DealDraft {
  return {
    ...emptyDealDraft('EUR'),
    title,
    event_name: title,
    event_date: '2026-06-01',
    venue: 'Paradiso',
    amount_minor: 100_000,
    status: 'inquiry',
    ...overrides,
  };
}

/** Three holds on one night at one venue, placed in order: 1st, 2nd, 3rd. */
async function threeHolds() {
  const ids: string[] = [];
  for (const title of ['Arlo', 'Bea', 'Cleo']) {
    const created = await deals.create(dealDraft(title));
    if (!created.ok) throw new Error('create failed');
    const moved = await deals.move(created.value, 'hold');
    if (!moved.ok) throw new Error(moved.error);
    ids.push(created.value);
  }
  return ids as [string, string, string];
}

const levels = async (ids: readonly string[]) =>
  (await db.event_deals.bulkGet([...ids])).map((d) => [d!.status, d!.hold_level]);

describe('holds move up when one is let go', () => {
  it('releasing the 1st hold makes the 2nd the 1st and the 3rd the 2nd, each with a history record', async () => {
    const [a, b, c] = await threeHolds();
    expect(await levels([a, b, c])).toEqual([
      ['hold', 1],
      ['hold', 2],
      ['hold', 3],
    ]);
    const moved = await deals.move(a, 'released');
    expect(moved.ok && moved.value.promoted?.promotions).toEqual([
      { dealId: b, from: 2, to: 1 },
      { dealId: c, from: 3, to: 2 },
    ]);
    expect(await levels([a, b, c])).toEqual([
      ['released', null],
      ['hold', 1],
      ['hold', 2],
    ]);
    const notes = (await db.deal_status_history.where('deal_id').equals(b).toArray()).map(
      (h) => h.note,
    );
    expect(notes).toContain('Now 1st hold: Arlo (1st hold) was released');
  });

  it('declining the 2nd hold moves only the 3rd up, and a hold at another venue stays', async () => {
    const [a, b, c] = await threeHolds();
    const elsewhere = await deals.create(dealDraft('Dua', { venue: 'Melkweg' }));
    if (!elsewhere.ok) throw new Error('create failed');
    await deals.move(elsewhere.value, 'hold');
    await deals.move(b, 'declined');
    expect(await levels([a, b, c, elsewhere.value])).toEqual([
      ['hold', 1],
      ['declined', null],
      ['hold', 2],
      ['hold', 1],
    ]);
  });

  it('undo puts the released hold and every level back, and says no when a level changed since', async () => {
    const [a, b, c] = await threeHolds();
    const moved = await deals.move(a, 'released');
    const plan = moved.ok ? moved.value.promoted! : null;
    expect(await deals.undoRelease(plan!)).toEqual({ ok: true, value: undefined });
    expect(await levels([a, b, c])).toEqual([
      ['hold', 1],
      ['hold', 2],
      ['hold', 3],
    ]);
    const again = await deals.move(a, 'released');
    await deals.setHoldLevel(c, 5);
    const refused = await deals.undoRelease(again.ok ? again.value.promoted! : plan!);
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error).toMatch(
      /Cleo is no longer 2nd hold: nothing was undone/,
    );
    expect(await levels([a])).toEqual([['released', null]]);
  });

  it('a bulk release moves the holds up and its undo puts them all back, or none of them', async () => {
    const [a, b, c] = await threeHolds();
    const offer = await deals.create(dealDraft('Dua'));
    if (!offer.ok) throw new Error('create failed');
    await deals.move(offer.value, 'offer');
    const released = await deals.releaseHolds([a, offer.value, b], 'Cleo confirmed the date');
    if (!released.ok) throw new Error(released.error);
    expect(await levels([a, b, c, offer.value])).toEqual([
      ['released', null],
      ['released', null],
      ['hold', 1],
      ['released', null],
    ]);
    expect(released.value.map((p) => p.promotions.length)).toEqual([2, 0, 1]);
    expect(await deals.undoReleases(released.value)).toEqual({ ok: true, value: undefined });
    expect(await levels([a, b, c, offer.value])).toEqual([
      ['hold', 1],
      ['hold', 2],
      ['hold', 3],
      ['offer', null],
    ]);
    const undone = (await db.deal_status_history.where('deal_id').equals(a).toArray()).map(
      (h) => h.note,
    );
    expect(undone).toContain('Undo: back to 1st hold');

    // Refused as a whole when one part changed since: nothing is put back.
    const again = await deals.releaseHolds([a, b], 'Cleo confirmed the date');
    if (!again.ok) throw new Error(again.error);
    await deals.move(a, 'inquiry');
    const refused = await deals.undoReleases(again.value);
    expect(refused.ok).toBe(false);
    expect(await levels([a, b, c])).toEqual([
      ['inquiry', null],
      ['released', null],
      ['hold', 1],
    ]);
  });
});

describe('moving a deal to another date', () => {
  it('a hold takes the next level on its new night, and the holds behind it on the old night move up', async () => {
    const [a, b] = await threeHolds();
    const other = await deals.create(dealDraft('Eli', { event_date: '2026-06-02' }));
    if (!other.ok) throw new Error('create failed');
    await deals.move(other.value, 'hold');
    const moved = await deals.reschedule(a, '2026-06-02');
    expect(moved.ok).toBe(true);
    const [deal] = await db.event_deals.bulkGet([a]);
    expect([deal!.event_date, deal!.hold_level]).toEqual(['2026-06-02', 2]);
    expect(await levels([b])).toEqual([['hold', 1]]);
    const notes = (await db.deal_status_history.where('deal_id').equals(a).toArray()).map(
      (h) => h.note,
    );
    expect(notes).toContain('Moved from 2026-06-01 to 2026-06-02: now 2nd hold');
    // The dates stored as values too, on the moved deal's entry and on the hold moved up, and
    // shown in the user's locale, not as ISO text.
    const [mine] = (await db.deal_status_history.where('deal_id').equals(a).toArray()).filter((h) =>
      h.note.startsWith('Moved from'),
    );
    expect(mine).toMatchObject({ event_date_from: '2026-06-01', event_date_to: '2026-06-02' });
    expect(historyNoteText(mine!, 'en-US')).toBe(
      'Moved from Jun 1, 2026 to Jun 2, 2026: now 2nd hold',
    );
    expect(historyNoteText(mine!, 'de-DE')).toBe(
      'Moved from 1. Juni 2026 to 2. Juni 2026: now 2nd hold',
    );
    const [up] = (await db.deal_status_history.where('deal_id').equals(b).toArray()).filter((h) =>
      h.note.includes('moved to'),
    );
    expect(up).toMatchObject({ event_date_from: '2026-06-01', event_date_to: '2026-06-02' });
    expect(historyNoteText(up!, 'en-GB')).toMatch(/ moved to 2 Jun 2026$/);
  });

  it('refuses a show already played, and a date that is not one, changing nothing', async () => {
    const created = await deals.create(dealDraft('Fay'));
    if (!created.ok) throw new Error('create failed');
    // As if it went through offer, confirmation and contract, and was played.
    await db.event_deals.update(created.value, { status: 'played' });
    const played = await deals.reschedule(created.value, '2026-07-01');
    expect(played).toEqual({ ok: false, error: 'Fay is Played: its date cannot move' });
    const bad = await deals.reschedule(created.value, '2026-02-31');
    expect(bad).toEqual({ ok: false, error: '2026-02-31 is not a date (YYYY-MM-DD)' });
    expect((await db.event_deals.get(created.value))!.event_date).toBe('2026-06-01');
  });
});
