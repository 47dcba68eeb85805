/**
 * Where the toasts go so they never cover what the user is working with: at the bottom of the
 * window (the usual place), or at the top when the bottom would cover the control that has the
 * focus or a button of its form (the contact editor's Save at the bottom of a 1024x700 window).
 * Pure: the caller measures the boxes.
 */

export type Box = { left: number; top: number; right: number; bottom: number };

export type ToastPlacement = 'bottom' | 'top';

export type PlacementInput = {
  viewportHeight: number;
  /** The gap between the stack and the window's edge (the CSS `--space-4`). */
  margin: number;
  /** The stack's horizontal extent and height, wherever it is now. */
  stack: { left: number; right: number; height: number };
  /** What the user is using: the focused control and the buttons of its form. */
  avoid: readonly Box[];
};

function overlap(a: Box, b: Box): number {
  const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return width > 0 && height > 0 ? width * height : 0;
}

/** The stack's box when placed at `placement`. */
export function stackBox(input: PlacementInput, placement: ToastPlacement): Box {
  const { viewportHeight, margin, stack } = input;
  const top = placement === 'bottom' ? viewportHeight - margin - stack.height : margin;
  return { left: stack.left, right: stack.right, top, bottom: top + stack.height };
}

function covered(input: PlacementInput, placement: ToastPlacement): number {
  const box = stackBox(input, placement);
  return input.avoid.reduce((sum, avoided) => sum + overlap(box, avoided), 0);
}

/** Bottom unless it covers something in use; then top, unless the top covers more. */
export function chooseToastPlacement(input: PlacementInput): ToastPlacement {
  const atBottom = covered(input, 'bottom');
  if (atBottom === 0) return 'bottom';
  return covered(input, 'top') < atBottom ? 'top' : 'bottom';
}
