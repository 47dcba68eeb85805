import { describe, expect, it } from 'vitest';
import { ENCODINGS } from '../../src/shared/csv';
import { encodingName, encodingReason } from '../../src/renderer/src/domain/import/encoding-names';

describe('encodings in words', () => {
  it('names every encoding the reader offers, never a bare label', () => {
    expect(encodingName('windows-1252')).toBe('Western European (Windows-1252)');
    for (const encoding of ENCODINGS) expect(encodingName(encoding)).toMatch(/^[A-Z].+\(.+\)$/);
  });

  it('says why without the detector jargon', () => {
    const guess = {
      encoding: 'windows-1252' as const,
      confidence: 30,
      bom: false,
      reason: 'chardet: ISO-8859-1 (30%)',
    };
    expect(encodingReason(guess)).toBe(
      'A guess from the accented letters in the file: check names with accents in the preview.',
    );
    expect(encodingReason({ ...guess, confidence: 80 })).toBe(
      'Guessed from the accented letters in the file.',
    );
    expect(
      encodingReason({ encoding: 'utf-8', confidence: 100, bom: false, reason: 'valid UTF-8' }),
    ).toBe('Every character in the file is valid UTF-8.');
    expect(
      encodingReason({ encoding: 'utf-8', confidence: 100, bom: true, reason: 'byte order mark' }),
    ).toContain('byte order mark');
  });
});
