import { describe, expect, it } from 'vitest';
import {
  ALL_COLUMN_IDS,
  fitColumns,
  hiddenByWidth,
  sortColumn,
} from '../../src/renderer/src/domain/customers/list-columns';

// The customer list's width at 1024x700 (the window less the sidebar).
const LAPTOP = 812;

describe('the sorted column stays in view', () => {
  it('sorted by score at 1024 pixels, the score shows; others hide in its place', () => {
    expect(fitColumns(ALL_COLUMN_IDS, LAPTOP)).not.toContain('score');
    const shown = fitColumns(ALL_COLUMN_IDS, LAPTOP, sortColumn('score'));
    expect(shown).toContain('score');
    expect(shown).toContain('name');
    expect(hiddenByWidth(ALL_COLUMN_IDS, LAPTOP, 'score')).not.toContain('score');
  });

  it('shows the sort’s column even when not chosen, and only columns a sort reads', () => {
    expect(fitColumns(['name', 'email'], LAPTOP, 'last_touch')).toEqual([
      'name',
      'email',
      'last_touch',
    ]);
    expect(sortColumn('name')).toBeNull();
    expect(sortColumn('created')).toBeNull();
    expect(sortColumn('score')).toBe('score');
  });

  it('very narrow: the name and the sorted column, nothing else', () => {
    expect(fitColumns(ALL_COLUMN_IDS, 100, 'score')).toEqual(['name', 'score']);
  });
});
