import { describe, expect, it } from 'vitest';
import { scrollEdges } from '../../src/renderer/src/components/reports/scroll-edges';

describe('the sideways-scroll hint of a wide report table', () => {
  it('fades the edges with hidden columns, and none when the table fits', () => {
    // Revenue at 1024: 1,100 px of table in a 700 px card.
    expect(scrollEdges({ scrollLeft: 0, clientWidth: 700, scrollWidth: 1100 })).toEqual({
      left: false,
      right: true,
    });
    expect(scrollEdges({ scrollLeft: 200, clientWidth: 700, scrollWidth: 1100 })).toEqual({
      left: true,
      right: true,
    });
    expect(scrollEdges({ scrollLeft: 400, clientWidth: 700, scrollWidth: 1100 })).toEqual({
      left: true,
      right: false,
    });
    // Fits, or half a pixel over (rounded widths): no hint, no tab stop.
    expect(scrollEdges({ scrollLeft: 0, clientWidth: 700, scrollWidth: 700 })).toEqual({
      left: false,
      right: false,
    });
    expect(scrollEdges({ scrollLeft: 0, clientWidth: 700, scrollWidth: 701 })).toEqual({
      left: false,
      right: false,
    });
    // Scrolled to a fractional end (399.5 of 400): the right edge has nothing more.
    expect(scrollEdges({ scrollLeft: 399.5, clientWidth: 700, scrollWidth: 1100 }).right).toBe(
      false,
    );
  });
});
