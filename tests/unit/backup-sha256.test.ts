import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Sha256 } from '../../src/renderer/src/domain/backup/sha256';

const nodeDigest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('Sha256 fed in pieces', () => {
  it('matches known digests', () => {
    expect(new Sha256().hex()).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('equals Node crypto for any bytes split anywhere', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.array(fc.nat({ max: 600 }), { maxLength: 6 }),
        (bytes, cuts) => {
          const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort(
            (a, b) => a - b,
          );
          const hash = new Sha256();
          let start = 0;
          for (const point of [...points, bytes.length]) {
            hash.update(bytes.subarray(start, point));
            start = point;
          }
          expect(hash.hex()).toBe(nodeDigest(bytes));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles the padding edge lengths (55, 56, 63, 64, 119, 120 bytes)', () => {
    for (const length of [55, 56, 57, 63, 64, 65, 119, 120, 128]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 31) & 0xff);
      expect(new Sha256().update(bytes).hex()).toBe(nodeDigest(bytes));
    }
  });
});
