import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DealStatus } from '../../src/renderer/src/domain/deals/statuses';
import {
  planHoldRelease,
  undoHoldRelease,
} from '../../src/renderer/src/domain/reports/hold-promotion';

type Slot = {
  id: string;
  title: string;
  venue: string;
  event_date: string | null;
  status: DealStatus;
  hold_level: number | null;
  deleted?: 0 | 1;
};
const AT = '2026-03-15T12:00:00.000Z';
const hold = (id: string, level: number, fields: Partial<Slot> = {}): Slot => ({
  id,
  title: id.toUpperCase(),
  venue: 'Roundhouse',
  event_date: '2026-05-01',
  status: 'hold',
  hold_level: level,
  ...fields,
});

/** The deals after a plan (or an undo) is written, as the service would write it. */
function apply(
  deals: Slot[],
  changes: { dealId: string; to: number }[],
  moved?: { id: string; status: DealStatus; level: number | null },
): Slot[] {
  return deals.map((d) => {
    const change = changes.find((c) => c.dealId === d.id);
    if (moved && d.id === moved.id) return { ...d, status: moved.status, hold_level: moved.level };
    return change ? { ...d, hold_level: change.to } : d;
  });
}

describe('holds move up when one is released', () => {
  const slot = [
    hold('a', 1),
    hold('b', 2),
    hold('c', 3),
    hold('x', 1, { venue: 'Brudenell' }),
    hold('y', 2, { event_date: '2026-05-02' }),
  ];

  it('releasing the 1st hold makes the 2nd the 1st and the 3rd the 2nd, each with a history record', () => {
    const plan = planHoldRelease(slot, slot[0]!, 'released', AT, 'm1');
    expect(plan.promotions).toEqual([
      { dealId: 'b', from: 2, to: 1 },
      { dealId: 'c', from: 3, to: 2 },
    ]);
    expect(plan.history).toEqual([
      {
        deal_id: 'b',
        from_status: 'hold',
        to_status: 'hold',
        hold_level: 1,
        changed_at: AT,
        changed_by: 'm1',
        note: 'Now 1st hold: A (1st hold) was released',
      },
      {
        deal_id: 'c',
        from_status: 'hold',
        to_status: 'hold',
        hold_level: 2,
        changed_at: AT,
        changed_by: 'm1',
        note: 'Now 2nd hold: A (1st hold) was released',
      },
    ]);
  });

  it('declining the 2nd hold moves only the holds behind it; other venues and dates never move', () => {
    const plan = planHoldRelease(slot, slot[1]!, 'declined', AT, null);
    expect(plan.promotions).toEqual([{ dealId: 'c', from: 3, to: 2 }]);
    expect(plan.history[0]!.note).toBe('Now 2nd hold: B (2nd hold) was declined');
    expect(planHoldRelease(slot, slot[2]!, 'released', AT, null).promotions).toEqual([]);
  });

  it('moves nothing when the deal let go was not a hold, and matches venues as holds.ts does', () => {
    const offer: Slot = { ...hold('o', 1), status: 'offer', hold_level: null };
    expect(planHoldRelease([...slot, offer], offer, 'released', AT, null).promotions).toEqual([]);
    const spelled = [
      hold('a', 1),
      hold('b', 2, { venue: '  ROUNDHOUSE ' }),
      hold('d', 3, { deleted: 1 }),
    ];
    expect(planHoldRelease(spelled, spelled[0]!, 'released', AT, null).promotions).toEqual([
      { dealId: 'b', from: 2, to: 1 },
    ]);
  });

  it('undo puts every level back and the released deal on hold again', () => {
    const plan = planHoldRelease(slot, slot[0]!, 'released', AT, 'm1');
    const after = apply(slot, plan.promotions, { id: 'a', status: 'released', level: null });
    const undo = undoHoldRelease(plan, after, AT, 'm2');
    expect(undo).toMatchObject({
      ok: true,
      restore: { dealId: 'a', status: 'hold', level: 1 },
      demotions: [
        { dealId: 'b', from: 1, to: 2 },
        { dealId: 'c', from: 2, to: 3 },
      ],
    });
    if (!undo.ok) return;
    expect(
      undo.history.map((h) => [h.deal_id, h.from_status, h.to_status, h.hold_level, h.note]),
    ).toEqual([
      ['a', 'released', 'hold', 1, 'Undo: back to 1st hold'],
      ['b', 'hold', 'hold', 2, 'Undo: back to 2nd hold'],
      ['c', 'hold', 'hold', 3, 'Undo: back to 3rd hold'],
    ]);
    expect(apply(after, undo.demotions, { id: 'a', status: 'hold', level: 1 })).toEqual(slot);
  });

  it('undo is refused, in words, when something changed since', () => {
    const plan = planHoldRelease(slot, slot[0]!, 'released', AT, null);
    const after = apply(slot, plan.promotions, { id: 'a', status: 'released', level: null });
    const reheld = after.map((d) => (d.id === 'a' ? { ...d, status: 'inquiry' as const } : d));
    expect(undoHoldRelease(plan, reheld, AT, null)).toEqual({
      ok: false,
      message: 'A changed since (it is now Inquiry): nothing was undone.',
    });
    const moved = after.map((d) =>
      d.id === 'b' ? { ...d, status: 'offer' as const, hold_level: null } : d,
    );
    expect(undoHoldRelease(plan, moved, AT, null)).toEqual({
      ok: false,
      message: 'B is no longer 1st hold: nothing was undone.',
    });
    const newcomer = [...after, hold('n', 3)];
    expect(undoHoldRelease(plan, newcomer, AT, null)).toMatchObject({
      ok: false,
      message: expect.stringContaining('A hold was placed on that date since'),
    });
  });

  it('release then undo is the identity for any queue of holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.nat(), (size, pick) => {
        const queue = Array.from({ length: size }, (_, i) => hold(`h${i}`, i + 1));
        const released = queue[pick % size]!;
        const plan = planHoldRelease(queue, released, 'released', AT, null);
        const after = apply(queue, plan.promotions, {
          id: released.id,
          status: 'released',
          level: null,
        });
        const levels = after.filter((d) => d.status === 'hold').map((d) => d.hold_level);
        expect(levels).toEqual(Array.from({ length: size - 1 }, (_, i) => i + 1)); // no gap left
        const undo = undoHoldRelease(plan, after, AT, null);
        expect(undo.ok).toBe(true);
        if (undo.ok)
          expect(
            apply(after, undo.demotions, {
              id: released.id,
              status: 'hold',
              level: undo.restore.level,
            }),
          ).toEqual(queue);
      }),
    );
  });
});
