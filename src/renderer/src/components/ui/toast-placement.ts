/**
 * Where the toasts go so they never cover what the user is working with: at the bottom of the
 * window (the usual place), or at the top when the bottom would cover the control that has the
 * focus or a button of its form (the contact editor's Save at the bottom of a 1024x700 window).
 * At the top they go below the page's own navigation (its header with its tabs and actions,
 * a tab list under it): at the window's top edge they covered the Reports' section links and
 * the calendar's Month / Week and arrows. Pure: the caller measures the boxes.
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
  /**
   * The page's own navigation along the top of the window (its header, a tab list): never
   * covered; the stack at the top goes below it. Boxes below the window's upper half are not
   * the top's (a tab list far down the page) and are left out.
   */
  navigation?: readonly Box[];
};

function overlap(a: Box, b: Box): number {
  const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return width > 0 && height > 0 ? width * height : 0;
}

/** The page's navigation along the top: the boxes that start in the window's upper half. */
function topNavigation(input: PlacementInput): Box[] {
  return (input.navigation ?? []).filter((box) => box.top < input.viewportHeight / 2);
}

/** Where the stack's top goes when placed at the top: below the page's navigation. */
export function topOffset(input: PlacementInput): number {
  const below = topNavigation(input).map((box) => box.bottom);
  return Math.max(0, ...below) + input.margin;
}

/** The stack's box when placed at `placement`. */
export function stackBox(input: PlacementInput, placement: ToastPlacement): Box {
  const { viewportHeight, margin, stack } = input;
  const top = placement === 'bottom' ? viewportHeight - margin - stack.height : topOffset(input);
  return { left: stack.left, right: stack.right, top, bottom: top + stack.height };
}

function covered(input: PlacementInput, placement: ToastPlacement): number {
  const box = stackBox(input, placement);
  const kept = [...input.avoid, ...topNavigation(input)];
  return kept.reduce((sum, avoided) => sum + overlap(box, avoided), 0);
}

/** Bottom unless it covers something in use; then top, unless the top covers more. */
export function chooseToastPlacement(input: PlacementInput): ToastPlacement {
  const atBottom = covered(input, 'bottom');
  if (atBottom === 0) return 'bottom';
  return covered(input, 'top') < atBottom ? 'top' : 'bottom';
}
