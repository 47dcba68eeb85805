// Which pulled fields of a merged-away customer go to its survivor, and as what value.
import { describe, expect, it } from 'vitest';
import type { RemoteRow } from '../../src/shared/sync/protocol';
import type { CustomerProfile } from '../../src/renderer/src/domain/records';
import { lateProfileEdits, survivorValues } from '../../src/renderer/src/sync/carry-merged-edits';

const clock = (ms: number) => `${String(ms).padStart(15, '0')}-000000-node`;

function tombstone(clocks: Record<string, number>, data: Record<string, unknown>): RemoteRow {
  return {
    table: 'customer_profiles',
    row_id: 'merged',
    data: { deleted: 1, merged_into: 'survivor', first_name: 'Ana', last_name: 'Lund', ...data },
    clocks: Object.fromEntries(Object.entries(clocks).map(([field, ms]) => [field, clock(ms)])),
    version: 1,
  };
}

describe('lateProfileEdits', () => {
  it('takes only the fields clocked after the merge, of merged-away profiles', () => {
    const row = tombstone(
      { merged_into: 10, first_name: 5, notes: 11, tags: 12, deleted: 10 },
      { notes: 'Aisle seat', tags: ['vip'] },
    );
    const [edit] = lateProfileEdits([row]);
    expect(edit?.fields).toEqual({ notes: 'Aisle seat', tags: ['vip'] });
    expect(edit?.clocks).toEqual({ notes: clock(11), tags: clock(12) });
    // A live profile, or one merged with nothing after it, gives nothing.
    expect(lateProfileEdits([{ ...row, data: { ...row.data, deleted: 0 } }])).toEqual([]);
    expect(lateProfileEdits([tombstone({ merged_into: 10, notes: 9 }, {})])).toEqual([]);
  });
});

describe('survivorValues', () => {
  const survivor = {
    notes: 'Survivor note',
    tags: ['Rock'],
    first_name: 'Ana',
  } as unknown as CustomerProfile;

  it('adds a note with its source, unites tags, takes other fields as they are', () => {
    const [edit] = lateProfileEdits([
      tombstone(
        { merged_into: 10, notes: 11, tags: 12, first_name: 13 },
        { notes: 'Aisle seat', tags: ['vip', 'rock'], first_name: 'Anna' },
      ),
    ]);
    const values = survivorValues(edit!, survivor, '2026-12-06T08:00:00.000Z');
    expect(values).toEqual([
      { field: 'first_name', value: 'Anna', hlc: clock(13) },
      {
        field: 'notes',
        value: 'Survivor note\n\nAisle seat\n— from Anna Lund, edited after the merge 2026-12-06',
        hlc: clock(11),
      },
      { field: 'tags', value: ['Rock', 'vip'], hlc: clock(12) },
    ]);
  });

  it('leaves out what the survivor already has', () => {
    const [edit] = lateProfileEdits([
      tombstone(
        { merged_into: 10, notes: 11, tags: 12 },
        { notes: 'Survivor note', tags: ['rock'] },
      ),
    ]);
    expect(survivorValues(edit!, survivor, '2026-12-06T08:00:00.000Z')).toEqual([]);
  });
});
