/**
 * Remembers the window's size, position and maximized state between runs.
 *
 * Why not electron-window-state: unmaintained since 2020, and the part that matters (saved
 * bounds on a monitor that is no longer attached) is a pure function we can test here.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export type Rectangle = { x: number; y: number; width: number; height: number };

/** Without x/y Electron centres the window on the primary display. */
export type InitialBounds = { width: number; height: number; x?: number; y?: number };

export type WindowState = { bounds: Rectangle; maximized: boolean };

export const defaultWindowSize = { width: 1280, height: 820 } as const;
export const minimumWindowSize = { width: 900, height: 600 } as const;

// Enough of the window (its title bar) must stay on screen for the user to grab it.
const minimumVisible = { width: 200, height: 60 } as const;

const windowStateSchema = z.object({
  bounds: z.object({
    x: z.number().finite(),
    y: z.number().finite(),
    width: z.number().finite().positive(),
    height: z.number().finite().positive(),
  }),
  maximized: z.boolean(),
});

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/**
 * Fits saved bounds to the displays attached now. `workAreas` lists the primary display
 * first. Bounds still mostly visible are shrunk and nudged onto the display they overlap
 * most; bounds on a display that is gone (laptop undocked) fall back to a centred window.
 */
export function clampToDisplays(
  saved: Rectangle | undefined,
  workAreas: readonly Rectangle[],
): InitialBounds {
  const primary = workAreas[0];
  const fallbackSize = {
    width: Math.min(defaultWindowSize.width, primary?.width ?? defaultWindowSize.width),
    height: Math.min(defaultWindowSize.height, primary?.height ?? defaultWindowSize.height),
  };
  if (!saved) return fallbackSize;

  let best: { area: Rectangle; visible: number } | undefined;
  for (const area of workAreas) {
    const { width, height } = overlap(saved, area);
    const fits = width >= minimumVisible.width && height >= minimumVisible.height;
    if (fits && (!best || width * height > best.visible)) best = { area, visible: width * height };
  }
  if (!best) return fallbackSize;

  const { area } = best;
  const width = Math.round(Math.min(saved.width, area.width));
  const height = Math.round(Math.min(saved.height, area.height));
  return {
    width,
    height,
    x: Math.round(clamp(saved.x, area.x, area.x + area.width - width)),
    y: Math.round(clamp(saved.y, area.y, area.y + area.height - height)),
  };
}

// Synchronous on purpose: a few hundred bytes, read before the window exists and written
// while it closes, when the process may quit before an async write would finish.

/** A missing, unreadable or hand-edited file means "no saved state", never a crash. */
export function loadWindowState(file: string): WindowState | undefined {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Write-then-rename, so a crash or power loss mid-write leaves the previous file intact. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(state), 'utf8');
  renameSync(temporary, file);
}
