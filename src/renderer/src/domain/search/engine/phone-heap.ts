/**
 * Phones, stored once each as their E.164 digits ("4930123456,") in one byte heap, customer
 * after customer in ordinal order. The searchable forms of docs/search.md ("00" + digits,
 * national prefix + national number) are not stored: a match is checked against them
 * virtually (phone-match.ts). A query does not scan the heap: each customer has a 128-bit mask
 * of the digit pairs and triples in its forms, and only customers whose mask holds all of the query's
 * pairs and triples are checked (well under a percent for four digits or more).
 */
import { phoneDigitForms } from '../phone-forms';
import { ByteWriter } from './bytes';
import { phoneMatches } from './phone-match';

export type PhoneHeapData = {
  /** ASCII digits, each phone ended by ','. */
  digits: Uint8Array;
  /** Start of each customer's section in `digits`; size + 1 entries. */
  starts: Uint32Array;
  /** Two words per customer: its digit-pair mask. */
  pairs: Uint32Array;
  /** Two words per customer: its digit-triple mask (read only when the pairs pass). */
  triples: Uint32Array;
};

export const COMMA = 44;
const ZERO = 48;

export type PhoneMask = [number, number, number, number];

function setMaskBit(mask: PhoneMask, word: number, bit: number): void {
  mask[word + (bit >>> 5)]! |= 1 << (bit & 31);
}

/**
 * Adds every pair and triple of adjacent digits of `text` (ASCII digits) to the mask: pairs
 * folded into 64 bits, triples hashed into 64 (collisions only let extra customers through
 * to the exact check).
 */
export function addDigitGrams(text: string, mask: PhoneMask): void {
  for (let i = 0; i + 1 < text.length; i += 1) {
    const pair = (text.charCodeAt(i) - ZERO) * 10 + text.charCodeAt(i + 1) - ZERO;
    setMaskBit(mask, 0, pair & 63);
    if (i + 2 < text.length) {
      const triple = pair * 10 + text.charCodeAt(i + 2) - ZERO;
      setMaskBit(mask, 2, Math.imul(triple, 0x9e3779b1) >>> 26);
    }
  }
}

/** One customer's phones as stored: digits and commas, and the mask of all their forms. */
export function preparePhones(phones: readonly string[]): { bytes: Uint8Array; mask: PhoneMask } {
  const writer = new ByteWriter(32);
  const mask: PhoneMask = [0, 0, 0, 0];
  for (const phone of phones) {
    const digits = phone.replace(/\D/g, '');
    if (digits === '') continue;
    for (let i = 0; i < digits.length; i += 1) writer.push(digits.charCodeAt(i));
    writer.push(COMMA);
    for (const form of phoneDigitForms(phone)) addDigitGrams(form, mask);
  }
  return { bytes: writer.toBytes(), mask };
}

/** The query digits as bytes and their mask. */
export type PhoneQuery = { codes: Uint8Array; mask: PhoneMask };

export function phoneQuery(digits: string): PhoneQuery {
  const mask: PhoneMask = [0, 0, 0, 0];
  addDigitGrams(digits, mask);
  return { codes: Uint8Array.from(digits, (char) => char.charCodeAt(0)), mask };
}

/** True when a customer's mask has every bit of the query's mask. */
export function maskHolds(customer: PhoneMask, query: PhoneMask): boolean {
  return customer.every((word, i) => (word & query[i]!) === query[i]);
}

/** Sets the bit of every customer with a phone form containing the query's digits. */
export function markPhoneMatches(heap: PhoneHeapData, query: PhoneQuery, bits: Uint32Array): void {
  const { codes, mask } = query;
  const [pairsLow, pairsHigh, triplesLow, triplesHigh] = mask;
  const { pairs, triples, starts } = heap;
  const size = starts.length - 1;
  // Pairs first, in their own array: the scan reads 8 bytes per customer, not 16.
  for (let ordinal = 0; ordinal < size; ordinal += 1) {
    const at = 2 * ordinal;
    if ((pairs[at]! & pairsLow) !== pairsLow || (pairs[at + 1]! & pairsHigh) !== pairsHigh)
      continue;
    if (
      (triples[at]! & triplesLow) !== triplesLow ||
      (triples[at + 1]! & triplesHigh) !== triplesHigh
    )
      continue;
    if (sectionMatches(heap.digits, starts[ordinal]!, starts[ordinal + 1]!, codes)) {
      bits[ordinal >>> 5]! |= 1 << (ordinal & 31);
    }
  }
}

/** True when one of the phones in bytes[start..end) has a form containing `query`. */
export function sectionMatches(bytes: Uint8Array, start: number, end: number, query: Uint8Array) {
  let phoneStart = start;
  for (let at = start; at < end; at += 1) {
    if (bytes[at] !== COMMA) continue;
    if (phoneMatches(bytes, phoneStart, at, query)) return true;
    phoneStart = at + 1;
  }
  return false;
}

/** Takes customers in ordinal order. */
export class PhoneHeapBuilder {
  private readonly digits = new ByteWriter(1 << 12);
  private readonly starts: Uint32Array;
  private readonly pairs: Uint32Array;
  private readonly triples: Uint32Array;
  private count = 0;

  constructor(size: number) {
    this.starts = new Uint32Array(size + 1);
    this.pairs = new Uint32Array(size * 2);
    this.triples = new Uint32Array(size * 2);
  }

  add(bytes: Uint8Array, start: number, end: number, mask: PhoneMask): void {
    const at = 2 * this.count;
    this.starts[this.count] = this.digits.length;
    this.digits.pushBytes(bytes, start, end);
    this.pairs[at] = mask[0];
    this.pairs[at + 1] = mask[1];
    this.triples[at] = mask[2];
    this.triples[at + 1] = mask[3];
    this.count += 1;
  }

  /** Copies customer `ordinal` of another heap. */
  copy(heap: PhoneHeapData, ordinal: number): void {
    const { starts, pairs, triples } = heap;
    const at = 2 * ordinal;
    const mask: PhoneMask = [pairs[at]!, pairs[at + 1]!, triples[at]!, triples[at + 1]!];
    this.add(heap.digits, starts[ordinal]!, starts[ordinal + 1]!, mask);
  }

  finish(): PhoneHeapData {
    this.starts[this.count] = this.digits.length;
    return {
      digits: this.digits.toBytes(),
      starts: this.starts,
      pairs: this.pairs,
      triples: this.triples,
    };
  }
}
