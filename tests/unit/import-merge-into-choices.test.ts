import { describe, expect, it } from 'vitest';
import { chosenByRow } from '../../src/renderer/src/components/import/merge-into-choices';

describe('chosenByRow: the merge-into choice shown per row', () => {
  const analysed = [
    { row: 2, customerId: 'ana' },
    { row: 5, customerId: 'bo' },
  ];

  it('is the analysis when nothing is pending', () => {
    expect([...chosenByRow(analysed, new Map())]).toEqual([
      [2, 'ana'],
      [5, 'bo'],
    ]);
  });

  it('shows a pick still on its way to the worker at once, over the analysis', () => {
    const chosen = chosenByRow(
      analysed,
      new Map([
        [2, 'cy'],
        [7, 'dee'],
      ]),
    );
    expect(chosen.get(2)).toBe('cy');
    expect(chosen.get(7)).toBe('dee');
    expect(chosen.get(5)).toBe('bo');
  });

  it('a pending "create as new" takes the row out of the merged ones', () => {
    const chosen = chosenByRow(analysed, new Map([[5, null]]));
    expect(chosen.has(5)).toBe(false);
    expect(chosen.get(2)).toBe('ana');
  });
});
