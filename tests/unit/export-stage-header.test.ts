/**
 * The export says "Stage", as the list does (it said "Lifecycle" until 2026-12-07). Its header
 * names are also the importer's synonyms: a new export and an older one both map the stage
 * column, and a mapping saved for an older export still applies to a newer one.
 */
import { describe, expect, it } from 'vitest';
import {
  EXPORT_COLUMN_GROUP_INFO,
  HEADERS,
  defaultExportGroups,
  exportLayout,
  exportHeader,
} from '../../src/renderer/src/domain/export/export-columns';
import {
  applySavedMapping,
  autoMap,
  type ColumnMapping,
} from '../../src/renderer/src/domain/import/mapping';
import { createImportService } from '../../src/renderer/src/services/crm/import-service';
import { freshDb } from './helpers';

const fieldOf = (headers: string[], header: string) =>
  autoMap(headers).find((entry) => entry.header === header)?.field;

describe('the stage column, exported and imported back', () => {
  it('the dialog and the file say Stage, as the list does', () => {
    expect(EXPORT_COLUMN_GROUP_INFO.find((group) => group.id === 'lifecycle')?.label).toBe('Stage');
    expect(HEADERS.lifecycle).toBe('Stage');
  });

  it('a new export and an older one map their stage column to the stage', () => {
    const headers = exportHeader(exportLayout(defaultExportGroups(), 2, 2));
    expect(headers).toContain('Stage');
    expect(fieldOf(headers, 'Stage')).toBe('lifecycle');
    const older = headers.map((header) => (header === 'Stage' ? 'Lifecycle' : header));
    expect(fieldOf(older, 'Lifecycle')).toBe('lifecycle');
    // The same mapping either way, but for the header's name.
    const strip = (mapping: ColumnMapping[]) =>
      mapping.map(({ field, column, pairs_with }) => ({ field, column, pairs_with }));
    expect(strip(autoMap(headers))).toEqual(strip(autoMap(older)));
  });

  it('a mapping saved for an older export applies to a newer one', async () => {
    const imports = createImportService(freshDb());
    const older = ['First name', 'Last name', 'Email 1', 'Lifecycle', 'Notes'];
    // The user's choice: notes not imported.
    const mapping = autoMap(older).map((entry) =>
      entry.header === 'Notes' ? { ...entry, field: 'skip' as const, how: 'user' as const } : entry,
    );
    await imports.saveMapping(older, { mapping, region: 'GB', dateFormat: null }, 'old.csv');

    const newer = ['First name', 'Last name', 'Email 1', 'Stage', 'Notes'];
    const saved = await imports.findSavedMapping(newer);
    expect(saved?.region).toBe('GB');
    const applied = applySavedMapping(newer, saved?.mapping ?? []);
    expect(applied.map((entry) => [entry.header, entry.field])).toEqual([
      ['First name', 'first_name'],
      ['Last name', 'last_name'],
      ['Email 1', 'email'],
      ['Stage', 'lifecycle'],
      ['Notes', 'skip'],
    ]);
    // Another file with a "Stage" column is not taken for an Encore export.
    expect(await imports.findSavedMapping(['Name', 'Stage'])).toBeNull();
  });
});
