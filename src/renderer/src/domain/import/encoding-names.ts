/**
 * Encodings in words for the import wizard: "Western European (Windows-1252)", and why it was
 * chosen in a sentence, not "chardet: ISO-8859-1 (30%)".
 */
import type { CsvEncoding, EncodingGuess } from '@shared/csv';

const NAMES: Record<CsvEncoding, string> = {
  'utf-8': 'Unicode (UTF-8)',
  'utf-16le': 'Unicode (UTF-16, little-endian)',
  'utf-16be': 'Unicode (UTF-16, big-endian)',
  'windows-1252': 'Western European (Windows-1252)',
  'iso-8859-2': 'Central European (ISO-8859-2)',
  'iso-8859-15': 'Western European with euro sign (ISO-8859-15)',
  'windows-1250': 'Central European (Windows-1250)',
  'windows-1251': 'Cyrillic (Windows-1251)',
  macintosh: 'Western European (Mac OS Roman)',
};

export function encodingName(encoding: CsvEncoding): string {
  return NAMES[encoding];
}

/** Why this encoding: what the reader saw, and a word of caution when it guessed. */
export function encodingReason(guess: EncodingGuess): string {
  if (guess.reason === 'chosen') return 'Chosen by you.';
  if (guess.bom) return 'The file says so itself (it starts with a byte order mark).';
  if (guess.reason === 'valid UTF-8') return 'Every character in the file is valid UTF-8.';
  if (guess.reason === 'UTF-16 byte pattern') return 'The bytes have the pattern of UTF-16.';
  if (guess.reason === 'fallback')
    return 'Nothing in the file says which; this is what Excel writes on most Western computers. Check accented names in the preview.';
  // A statistical guess from the letters used.
  return guess.confidence >= 60
    ? 'Guessed from the accented letters in the file.'
    : 'A guess from the accented letters in the file: check names with accents in the preview.';
}
