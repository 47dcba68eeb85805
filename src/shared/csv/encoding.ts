/**
 * Which text encoding a CSV is in. A byte order mark decides; otherwise bytes that decode as
 * strict UTF-8 are UTF-8 (chardet often calls plain ASCII "ISO-8859-1"); otherwise chardet's
 * best single-byte guess, where ISO-8859-1 becomes windows-1252 (its superset, and what
 * Excel on Windows writes).
 */
import { analyse } from 'chardet';
import { CsvReadError } from './errors';

/** Labels TextDecoder understands and the user can choose from. */
export const ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'iso-8859-2',
  'iso-8859-15',
  'windows-1250',
  'windows-1251',
  'macintosh',
] as const;
export type CsvEncoding = (typeof ENCODINGS)[number];

export type EncodingGuess = {
  encoding: CsvEncoding;
  /** 0..100: 100 for a byte order mark or strict UTF-8. */
  confidence: number;
  bom: boolean;
  /** How it was decided, for the UI: "byte order mark", "valid UTF-8", "chardet: ISO-8859-1 (30%)". */
  reason: string;
};

export function isCsvEncoding(value: string): value is CsvEncoding {
  return (ENCODINGS as readonly string[]).includes(value);
}

function bomOf(bytes: Uint8Array): CsvEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function isStrictUtf8(bytes: Uint8Array): boolean {
  try {
    // stream: true, so a multi-byte character cut by the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** A NUL or many control bytes in a file without a UTF-16 mark: an image, a zip, an .xlsx. */
function looksBinary(bytes: Uint8Array): boolean {
  let control = 0;
  for (const byte of bytes) {
    if (byte === 0) return true;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control += 1;
  }
  return control > bytes.length / 100;
}

const CHARDET_TO_ENCODING: Record<string, CsvEncoding> = {
  'ISO-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  'ISO-8859-2': 'iso-8859-2',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'KOI8-R': 'windows-1251',
  'ISO-8859-5': 'windows-1251',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  'UTF-8': 'utf-8',
};

/** Decide from the first bytes of the file (64 KiB is plenty). Throws for binary content. */
export function detectEncoding(sample: Uint8Array): EncodingGuess {
  const bom = bomOf(sample);
  if (bom) return { encoding: bom, confidence: 100, bom: true, reason: 'byte order mark' };
  if (looksBinary(sample))
    throw new CsvReadError(
      'binary',
      'This is not a text file (it contains binary data). Save the spreadsheet as CSV and try again.',
    );
  if (isStrictUtf8(sample))
    return { encoding: 'utf-8', confidence: 100, bom: false, reason: 'valid UTF-8' };
  for (const match of analyse(sample)) {
    const encoding = CHARDET_TO_ENCODING[match.name];
    if (encoding && encoding !== 'utf-8')
      return {
        encoding,
        confidence: match.confidence,
        bom: false,
        reason: `chardet: ${match.name} (${match.confidence}%)`,
      };
  }
  return { encoding: 'windows-1252', confidence: 10, bom: false, reason: 'fallback' };
}
