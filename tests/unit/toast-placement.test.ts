import { describe, expect, it } from 'vitest';
import {
  chooseToastPlacement,
  stackBox,
  type PlacementInput,
} from '../../src/renderer/src/components/ui/toast-placement';

// A 1024x700 window, one toast of 40 px at the bottom right (as app.css puts it).
const base: Omit<PlacementInput, 'avoid'> = {
  viewportHeight: 700,
  margin: 16,
  stack: { left: 596, right: 1008, height: 40 },
};
const box = (left: number, top: number, right: number, bottom: number) => ({
  left,
  top,
  right,
  bottom,
});

describe('toast placement', () => {
  it('stays at the bottom when nothing in use is there', () => {
    expect(chooseToastPlacement({ ...base, avoid: [] })).toBe('bottom');
    expect(chooseToastPlacement({ ...base, avoid: [box(245, 603, 600, 633)] })).toBe('bottom');
  });

  it('goes to the top when the bottom would cover the Save button in use', () => {
    const save = box(932, 640, 979, 664);
    expect(stackBox({ ...base, avoid: [] }, 'bottom')).toEqual(box(596, 644, 1008, 684));
    expect(chooseToastPlacement({ ...base, avoid: [save] })).toBe('top');
  });

  it('stays at the bottom when the top would cover more', () => {
    const low = box(990, 660, 1000, 670);
    const high = box(600, 10, 1000, 60);
    expect(chooseToastPlacement({ ...base, avoid: [low, high] })).toBe('bottom');
  });
});
