import { describe, expect, it } from 'vitest';
import { autoMap } from '../../src/renderer/src/domain/import/mapping';
import { createImportService } from '../../src/renderer/src/services/crm/import-service';
import { freshDb } from './helpers';

const headers = ['Email', 'Vorname', 'Telefon', 'Geburtsdatum'];

describe('saved import mappings', () => {
  it('keep the phone region and the date format chosen with them', async () => {
    const imports = createImportService(freshDb());
    const mapping = autoMap(headers);
    await imports.saveMapping(
      headers,
      { mapping, region: 'DE', dateFormat: 'DD.MM.YYYY' },
      'kunden.csv',
    );
    const saved = await imports.findSavedMapping(headers);
    expect(saved).toEqual({ mapping, region: 'DE', dateFormat: 'DD.MM.YYYY' });
  });

  it('a mapping saved before the region was kept comes back without one', async () => {
    const db = freshDb();
    const imports = createImportService(db);
    const mapping = autoMap(headers);
    await imports.saveMapping(headers, { mapping, region: null, dateFormat: null }, 'old.csv');
    expect(await imports.findSavedMapping(headers)).toEqual({
      mapping,
      region: null,
      dateFormat: null,
    });
    expect(await imports.findSavedMapping(['Other'])).toBeNull();
  });
});
