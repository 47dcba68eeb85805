import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_SELECTION,
  keepPresent,
  selectAll,
  selectRange,
  toggleRow,
} from '../../src/renderer/src/domain/customers/selection';
import {
  fitColumns,
  hiddenByWidth,
  normalizeColumns,
} from '../../src/renderer/src/domain/customers/list-columns';
import { bulkPatch, describeBulkChange } from '../../src/renderer/src/domain/customers/bulk-change';

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('customer list selection', () => {
  it('a click toggles a row and makes it the anchor', () => {
    const one = toggleRow(EMPTY_SELECTION, 'b');
    expect([...one.ids]).toEqual(['b']);
    expect(one.anchor).toBe('b');
    const none = toggleRow(one, 'b');
    expect(none.ids.size).toBe(0);
  });

  it('a shift-click selects from the anchor to the row, either way, adding to the rest', () => {
    const down = selectRange(toggleRow(EMPTY_SELECTION, 'b'), ids, 'e');
    expect([...down.ids].sort()).toEqual(['b', 'c', 'd', 'e']);
    const up = selectRange(toggleRow(toggleRow(EMPTY_SELECTION, 'a'), 'e'), ids, 'c');
    expect([...up.ids].sort()).toEqual(['a', 'c', 'd', 'e']);
    // Without an anchor, a shift-click is a plain toggle.
    expect([...selectRange(EMPTY_SELECTION, ids, 'd').ids]).toEqual(['d']);
  });

  it('a range always holds both ends and exactly the rows between them', () => {
    fc.assert(
      fc.property(fc.nat(ids.length - 1), fc.nat(ids.length - 1), (from, to) => {
        const range = selectRange(toggleRow(EMPTY_SELECTION, ids[from]!), ids, ids[to]!);
        expect(range.ids.size).toBe(Math.abs(from - to) + 1);
        expect(range.ids.has(ids[from]!) && range.ids.has(ids[to]!)).toBe(true);
      }),
    );
  });

  it('select all takes every match; rows that left the list leave the selection', () => {
    const all = selectAll(ids);
    expect(all.ids.size).toBe(6);
    const kept = keepPresent({ ...all, anchor: 'a' }, new Set(['b', 'c']));
    expect([...kept.ids]).toEqual(['b', 'c']);
    expect(kept.anchor).toBeNull();
  });
});

describe('customer list columns by priority', () => {
  const every = ['name', 'email', 'phone', 'stage', 'tags', 'owner', 'last_touch'];

  it('shows every chosen column when there is room', () => {
    expect(fitColumns(every, 1400)).toEqual(every);
  });

  it('hides the least needed first as the list narrows, never the name', () => {
    expect(fitColumns(every, 900)).toEqual(['name', 'email', 'phone', 'stage', 'owner']);
    expect(hiddenByWidth(every, 900)).toEqual(['tags', 'last_touch']);
    expect(fitColumns(every, 560)).toEqual(['name', 'email', 'stage']);
    expect(fitColumns(every, 10)).toEqual(['name']);
  });

  it('narrower never shows a column that wider hides', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 400 }), (w, d) => {
        const wide = new Set(fitColumns(every, w + d));
        for (const id of fitColumns(every, w)) expect(wide.has(id)).toBe(true);
      }),
    );
  });

  it('keeps the picker honest: unknown ids dropped, the name always in', () => {
    expect(normalizeColumns(['tags', 'bogus', 'email'])).toEqual(['name', 'email', 'tags']);
  });
});

describe('bulk change on one profile', () => {
  const profile = {
    tags: ['VIP'],
    owner_id: null,
    lifecycle: 'lead',
    deleted: 0,
  } as unknown as Parameters<typeof bulkPatch>[0];

  it('writes only what changes', () => {
    expect(bulkPatch(profile, { kind: 'tag', tag: 'vip' })).toBeNull();
    expect(bulkPatch(profile, { kind: 'tag', tag: 'jazz' })).toEqual({ tags: ['VIP', 'jazz'] });
    expect(bulkPatch(profile, { kind: 'untag', tag: 'vip' })).toEqual({ tags: [] });
    expect(bulkPatch(profile, { kind: 'lifecycle', lifecycle: 'lead' })).toBeNull();
    expect(bulkPatch(profile, { kind: 'delete' })).toEqual({ deleted: 1 });
    expect(describeBulkChange({ kind: 'delete' }, 1)).toBe('Deleted 1 customer');
  });
});
