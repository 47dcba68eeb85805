// Keys typed right after "c", before the new-customer form is there, are kept for its first
// field (on the main of 2026-12-07 they were lost, and "David" opened the deals on its "d").
import { afterEach, describe, expect, it } from 'vitest';
import {
  holding,
  holdKey,
  holdTyping,
  stopHolding,
  takeHeld,
} from '../../src/renderer/src/app/actions/typed-ahead';

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
) => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

afterEach(() => stopHolding());

describe('keys typed ahead of a form', () => {
  it('holds printable keys, in order, with Backspace, until taken', () => {
    holdTyping(1000);
    for (const k of ['D', 'a', 'v', 'x']) expect(holdKey(key(k), 1100)).toBe(true);
    expect(holdKey(key('Backspace'), 1200)).toBe(true);
    for (const k of ['i', 'd']) expect(holdKey(key(k), 1300)).toBe(true);
    expect(takeHeld()).toBe('David');
    expect(holding(1400)).toBe(false);
    // Taken once: nothing held after.
    expect(holdKey(key('e'), 1400)).toBe(false);
  });

  it('leaves other keys alone: shortcuts with modifiers, Enter, a Tab in the field', () => {
    holdTyping(0);
    expect(holdKey(key('k', { ctrlKey: true }), 10)).toBe(false);
    expect(holdKey(key('Enter'), 10)).toBe(false);
    expect(holdKey(key('Tab'), 10, true)).toBe(false);
    expect(holdKey(key('Tab', { shiftKey: true }), 10)).toBe(false);
    expect(holding(10)).toBe(true);
  });

  it('a Tab before any field is there is held: what follows is for the next field', () => {
    holdTyping(0);
    for (const k of ['A', 'n', 'a', 'Tab', 'L', 'i']) expect(holdKey(key(k), 10)).toBe(true);
    expect(takeHeld().split('\t')).toEqual(['Ana', 'Li']);
  });

  it('Escape ends the hold, and so does time', () => {
    holdTyping(0);
    expect(holdKey(key('a'), 10)).toBe(true);
    expect(holdKey(key('Escape'), 20)).toBe(false);
    expect(holding(30)).toBe(false);
    holdTyping(0);
    expect(holdKey(key('a'), 4_999)).toBe(true);
    expect(holdKey(key('b'), 5_001)).toBe(false);
    expect(takeHeld()).toBe('');
  });

  it('without a hold, keys are the page’s (shortcuts run)', () => {
    expect(holdKey(key('d'), 0)).toBe(false);
  });
});
