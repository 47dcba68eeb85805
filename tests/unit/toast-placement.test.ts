import { describe, expect, it } from 'vitest';
import {
  chooseToastPlacement,
  stackBox,
  topOffset,
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

  // The page's own navigation at 1024x700: its header (title, the Reports' section links or
  // the calendar's Month / Week and arrows) and a tab list under it (a customer's tabs).
  const header = box(240, 0, 1024, 53);
  const tabs = box(240, 53, 1024, 90);

  it('at the top, goes below the page’s header and tabs, never over them', () => {
    const save = box(932, 640, 979, 664);
    const input = { ...base, avoid: [save], navigation: [header, tabs] };
    expect(chooseToastPlacement(input)).toBe('top');
    expect(topOffset(input)).toBe(90 + 16);
    expect(stackBox(input, 'top')).toEqual(box(596, 106, 1008, 146));
    // Without navigation, at the window's edge as before.
    expect(topOffset({ ...base, avoid: [save] })).toBe(16);
  });

  it('leaves out a tab list far down the page (not the top’s navigation)', () => {
    const low = box(240, 500, 1024, 540);
    expect(topOffset({ ...base, avoid: [], navigation: [header, low] })).toBe(53 + 16);
  });

  it('stays at the bottom when below the header it would cover the control in use more', () => {
    // A control just under the header has the focus, and a button of its form is at the bottom.
    const focused = box(700, 60, 1000, 120);
    const button = box(990, 660, 1000, 670);
    const input = { ...base, avoid: [focused, button], navigation: [header] };
    expect(chooseToastPlacement(input)).toBe('bottom');
  });
});
