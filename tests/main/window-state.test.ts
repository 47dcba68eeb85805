import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clampToDisplays,
  defaultWindowSize,
  loadWindowState,
  saveWindowState,
  type Rectangle,
} from '../../src/main/window-state';

// Work areas exclude taskbars and docks, hence y: 25 and the odd heights.
const laptop: Rectangle = { x: 0, y: 25, width: 1440, height: 875 };
const monitorRight: Rectangle = { x: 1440, y: 0, width: 2560, height: 1400 };
const monitorLeft: Rectangle = { x: -1920, y: 0, width: 1920, height: 1040 };

describe('clampToDisplays', () => {
  it('opens a first-run window at the default size, centred', () => {
    expect(clampToDisplays(undefined, [laptop])).toEqual(defaultWindowSize);
  });

  it('keeps bounds that are fully visible', () => {
    const saved = { x: 100, y: 60, width: 1200, height: 800 };
    expect(clampToDisplays(saved, [laptop])).toEqual(saved);
  });

  it('keeps a window on a secondary monitor that is still attached', () => {
    const saved = { x: 2000, y: 100, width: 1600, height: 1000 };
    expect(clampToDisplays(saved, [laptop, monitorRight])).toEqual(saved);
  });

  it('keeps a window on a monitor left of the primary (negative coordinates)', () => {
    const saved = { x: -1800, y: 50, width: 1200, height: 800 };
    expect(clampToDisplays(saved, [laptop, monitorLeft])).toEqual(saved);
  });

  it('centres the window on the primary display when its monitor was unplugged', () => {
    const saved = { x: 2000, y: 100, width: 1600, height: 1000 };
    expect(clampToDisplays(saved, [laptop])).toEqual({ width: 1280, height: 820 });
  });

  it('nudges a window hanging off the right edge back on screen', () => {
    expect(clampToDisplays({ x: 1000, y: 100, width: 1000, height: 700 }, [laptop])).toEqual({
      x: 440,
      y: 100,
      width: 1000,
      height: 700,
    });
  });

  it('shrinks a window larger than the display to fit it', () => {
    expect(clampToDisplays({ x: -50, y: 0, width: 2560, height: 1600 }, [laptop])).toEqual(laptop);
  });

  it('moves a title bar hidden above the top edge back down', () => {
    const result = clampToDisplays({ x: 100, y: -300, width: 1000, height: 700 }, [laptop]);
    expect(result.y).toBe(laptop.y);
  });

  it('treats a sliver left on screen as off screen', () => {
    // Only 20 px of the window overlap the laptop: not enough to grab it.
    expect(
      clampToDisplays({ x: 1420, y: 100, width: 1000, height: 700 }, [laptop]),
    ).not.toHaveProperty('x');
  });

  it('picks the display holding most of a window that straddles two', () => {
    const result = clampToDisplays({ x: 1300, y: 100, width: 1200, height: 900 }, [
      laptop,
      monitorRight,
    ]);
    expect(result).toEqual({ x: 1440, y: 100, width: 1200, height: 900 });
  });

  it('never opens a default window larger than a small primary display', () => {
    expect(clampToDisplays(undefined, [{ x: 0, y: 0, width: 1024, height: 600 }])).toEqual({
      width: 1024,
      height: 600,
    });
  });
});

describe('loadWindowState and saveWindowState', () => {
  const directory = () => mkdtempSync(join(tmpdir(), 'encore-window-state-'));

  it('round-trips the state and leaves no temporary file behind', () => {
    const dir = directory();
    const file = join(dir, 'nested', 'window-state.json');
    const state = { bounds: { x: -1800, y: 50, width: 1200, height: 800 }, maximized: true };
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['window-state.json']);
  });

  it('reads a missing file as no state', () => {
    const file = join(directory(), 'window-state.json');
    expect(existsSync(file)).toBe(false);
    expect(loadWindowState(file)).toBeUndefined();
  });

  it.each([
    ['corrupt JSON', '{"bounds": {"x": 1'],
    ['the wrong shape', '{"x": 1, "y": 2}'],
    ['a zero-width window', '{"bounds":{"x":0,"y":0,"width":0,"height":600},"maximized":false}'],
  ])('reads %s as no state', (_label, text) => {
    const file = join(directory(), 'window-state.json');
    writeFileSync(file, text);
    expect(loadWindowState(file)).toBeUndefined();
  });
});
