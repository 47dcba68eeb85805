/**
 * Which text encoding a CSV is in. A byte order mark decides; then the byte patterns of UTF-32
 * (refused: browsers cannot decode it) and of UTF-16 without a mark; otherwise bytes that
 * decode as strict UTF-8 are UTF-8 (chardet often calls plain ASCII "ISO-8859-1"); otherwise
 * chardet's best single-byte guess, where ISO-8859-1 becomes windows-1252 (its superset, and
 * what Excel on Windows writes). Samples come from the start and from further into the file
 * (sniffCsv), so a file that is ASCII for its first 100 KiB is still judged by its accents.
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

function bomOf(bytes: Uint8Array): CsvEncoding | 'utf-32le' | 'utf-32be' | null {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  // UTF-32 LE's mark starts with UTF-16 LE's: check it first.
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'utf-32be';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  return null;
}

/** Share of the bytes at positions `offset` modulo `step` that are zero. */
function zeroShare(bytes: Uint8Array, step: number, offset: number): number {
  let zeros = 0;
  let total = 0;
  for (let index = offset; index < bytes.length; index += step) {
    total += 1;
    if (bytes[index] === 0) zeros += 1;
  }
  return total === 0 ? 0 : zeros / total;
}

/**
 * UTF-32 or UTF-16 text without a byte order mark, by where its zero bytes sit: text (mostly
 * below U+0100, always below U+110000) leaves the high bytes of every unit zero.
 */
function unitPattern(bytes: Uint8Array): 'utf-32le' | 'utf-32be' | CsvEncoding | null {
  if (bytes.length < 8) return null;
  const z = [0, 1, 2, 3].map((offset) => zeroShare(bytes, 4, offset));
  const [z0 = 0, z1 = 0, z2 = 0, z3 = 0] = z;
  if (z3 === 1 && z2 > 0.9 && z0 < 0.5) return 'utf-32le';
  if (z0 === 1 && z1 > 0.9 && z3 < 0.5) return 'utf-32be';
  const even = zeroShare(bytes, 2, 0);
  const odd = zeroShare(bytes, 2, 1);
  if (odd > 0.9 && even < 0.5) return 'utf-16le';
  if (even > 0.9 && odd < 0.5) return 'utf-16be';
  return null;
}

function refuseUtf32(kind: 'utf-32le' | 'utf-32be'): never {
  throw new CsvReadError(
    'unsupported-encoding',
    `This file is in ${kind === 'utf-32le' ? 'UTF-32 LE' : 'UTF-32 BE'}, which Encore cannot read. Save it again as UTF-8 (in Excel: Save As › "CSV UTF-8") and try again.`,
  );
}

/**
 * Whether the bytes are strict UTF-8. `inside`: a window taken from the middle of the file,
 * whose first bytes may continue a character begun before it.
 */
function isStrictUtf8(bytes: Uint8Array, inside = false): boolean {
  let start = 0;
  while (inside && start < 3 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start += 1;
  try {
    // stream: true, so a multi-byte character cut by the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start), { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Many control bytes: an image, a zip, an .xlsx. A few stray ones (a NUL in one cell) do not
 * make a CSV binary: the importer strips them from cells and says so (./controls.ts).
 */
function looksBinary(bytes: Uint8Array): boolean {
  let control = 0;
  for (const byte of bytes) if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control += 1;
  return control > Math.max(2, bytes.length / 100);
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

/**
 * Decide from the first bytes of the file and, for a larger file, windows from further in
 * (`later`). Throws for binary content and for UTF-32.
 */
export function detectEncoding(sample: Uint8Array, later: Uint8Array[] = []): EncodingGuess {
  const bom = bomOf(sample);
  if (bom === 'utf-32le' || bom === 'utf-32be') refuseUtf32(bom);
  if (bom) return { encoding: bom, confidence: 100, bom: true, reason: 'byte order mark' };
  const pattern = unitPattern(sample);
  if (pattern === 'utf-32le' || pattern === 'utf-32be') refuseUtf32(pattern);
  if (pattern)
    return { encoding: pattern, confidence: 90, bom: false, reason: 'UTF-16 byte pattern' };
  if (looksBinary(sample))
    throw new CsvReadError(
      'binary',
      'This is not a text file (it contains binary data). Save the spreadsheet as CSV and try again.',
    );
  if (isStrictUtf8(sample) && later.every((window) => isStrictUtf8(window, true)))
    return { encoding: 'utf-8', confidence: 100, bom: false, reason: 'valid UTF-8' };
  const text = later.length === 0 ? sample : concat([sample, ...later]);
  for (const match of analyse(text)) {
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

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}
