import { describe, expect, it } from 'vitest';
import { neutralizeCell } from '@shared/csv/neutralize';
import { autoMap } from '../../src/renderer/src/domain/import/mapping';
import { convertRow } from '../../src/renderer/src/domain/import/rows';

describe('the importer reads our own exports back', () => {
  it('undoes the formula neutralization of a + phone, a = note and a --MM-DD birthday', () => {
    const headers = ['First name', 'Email 1', 'Phone 1', 'Notes', 'Date of birth'];
    const mapping = autoMap(headers);
    const cells = ['Ana', 'ana@x.com', '+14155550134', '=not a formula', '--03-14'].map(
      neutralizeCell,
    );
    expect(cells[2]).toBe("'+14155550134");
    const candidate = convertRow(cells, 2, {
      mapping,
      defaultRegion: 'DE',
      dateFormat: 'YYYY-MM-DD',
    });
    expect(candidate.phones.map((phone) => phone.e164)).toEqual(['+14155550134']);
    expect(candidate.notes).toBe('=not a formula');
    expect(candidate.date_of_birth).toBe('--03-14');
    expect(candidate.issues).toEqual([]);
  });
});
