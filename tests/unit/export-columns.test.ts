import { describe, expect, it } from 'vitest';
import {
  EXPORT_COLUMN_GROUPS,
  EXPORT_COLUMN_GROUP_INFO,
  defaultExportGroups,
  missingForRoundTrip,
  exportCells,
  exportHeader,
  exportLayout,
  formatRelations,
  orderContactPoints,
  type ExportRecord,
} from '../../src/renderer/src/domain/export/export-columns';
import { NO_CONSENT } from '../../src/renderer/src/domain/consent';
import type { CustomerProfile } from '../../src/renderer/src/domain/records';

const profile: CustomerProfile = {
  id: 'c1',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-02T00:00:00.000Z',
  deleted: 0,
  first_name: 'Ana',
  last_name: 'Lima',
  date_of_birth: null,
  notes: '',
  tags: [],
  lifecycle: 'lead',
  owner_id: null,
  email_consent: NO_CONSENT,
  sms_consent: NO_CONSENT,
};

const record: ExportRecord = { profile, emails: [], phones: [], ownerName: '', relations: [] };

describe('export columns', () => {
  it('offers every group exactly once in the dialog', () => {
    expect(EXPORT_COLUMN_GROUP_INFO.map((info) => info.id).sort()).toEqual(
      [...EXPORT_COLUMN_GROUPS].sort(),
    );
    expect(defaultExportGroups()).toContain('emails');
    // The dialog promises a file that imports back unchanged: the ID and notes are in it.
    expect(defaultExportGroups()).toContain('id');
    expect(defaultExportGroups()).toContain('notes');
    expect(missingForRoundTrip(defaultExportGroups())).toEqual([]);
    expect(missingForRoundTrip(['name', 'emails'])).toContain('Encore ID');
  });

  it('keeps the catalogue order whatever order the groups were ticked in', () => {
    const layout = exportLayout(['tags', 'name', 'id'], 0, 0);
    expect(exportHeader(layout)).toEqual(['Encore ID', 'First name', 'Last name', 'Tags']);
  });

  it('makes room for the most emails and phones, at least one set of each', () => {
    expect(exportHeader(exportLayout(['emails', 'phones'], 0, 2))).toEqual([
      'Email 1',
      'Email 1 label',
      'Phone 1',
      'Phone 1 type',
      'Phone 1 label',
      'Phone 2',
      'Phone 2 type',
      'Phone 2 label',
    ]);
  });

  it('pads a row with fewer emails and phones with empty cells, as wide as the header', () => {
    const layout = exportLayout(EXPORT_COLUMN_GROUPS, 3, 2);
    expect(exportCells(record, layout)).toHaveLength(exportHeader(layout).length);
    expect(exportCells(record, exportLayout(['emails'], 2, 0))).toEqual(['', '', '', '']);
  });

  it("writes relations from this customer's side in the app's words, then the name, sorted", () => {
    expect(
      formatRelations([
        { type: 'manages', direction: 'out', otherName: 'Ana Lima' },
        { type: 'books', direction: 'in', otherName: 'Ben Ruiz' },
        { type: 'works_with', direction: 'in', otherName: 'Cy Park' },
      ]),
    ).toBe('booked by Ben Ruiz; manages Ana Lima; works with Cy Park');
    // A type this version does not know keeps its name, with an arrow for the direction.
    expect(formatRelations([{ type: 'mentors', direction: 'in', otherName: 'Di' }])).toBe(
      'mentors ← Di',
    );
    expect(formatRelations([])).toBe('');
  });

  it('orders contact points primary first, then oldest, then by id', () => {
    const points = [
      { id: 'b', is_primary: 0 as const, created_at: '2026-01-01' },
      { id: 'a', is_primary: 0 as const, created_at: '2026-01-01' },
      { id: 'c', is_primary: 1 as const, created_at: '2026-03-01' },
      { id: 'd', is_primary: 0 as const, created_at: '2025-12-01' },
    ];
    expect(orderContactPoints(points).map((p) => p.id)).toEqual(['c', 'd', 'a', 'b']);
  });
});
