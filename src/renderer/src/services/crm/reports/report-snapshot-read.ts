/**
 * The snapshot's bytes read in parts and decoded as they come (docs/reports.md, "Snapshot
 * format 2"): the next part is asked for before the one just read is decoded, so reading
 * (Chromium ships a large IndexedDB value from a file, ~30 MB/s here) and decoding (the
 * worker's CPU) overlap instead of following each other.
 */
import type { ReportSnapshot } from '../../../domain/reports/snapshot-codec';
import { createSnapshotDecoder } from '../../../domain/reports/snapshot-codec';

/** 4 MiB: a few round trips for a full-scale snapshot, and a source decoded between them. */
export const SNAPSHOT_PART_BYTES = 4 << 20;

export type SnapshotReadTimes = {
  /** From the start to the last byte in. */
  readMs: number;
  /** CPU spent decoding while parts were still being read. */
  decodedWhileReadingMs: number;
  /** From the start to the rows decoded and the checksum checked. */
  doneMs: number;
};

export async function readSnapshotInParts(
  blob: Blob,
  partBytes = SNAPSHOT_PART_BYTES,
): Promise<{ snapshot: ReportSnapshot; format: number; times: SnapshotReadTimes }> {
  const started = performance.now();
  const total = blob.size;
  const decoder = createSnapshotDecoder(total);
  const ask = (from: number) => blob.slice(from, Math.min(total, from + partBytes)).arrayBuffer();
  let at = 0;
  let decodedWhileReadingMs = 0;
  let pending = total > 0 ? ask(0) : null;
  try {
    while (pending) {
      const part = new Uint8Array(await pending);
      if (part.length === 0) break;
      decoder.bytes.set(part.subarray(0, total - at), at);
      at += part.length;
      pending = at < total ? ask(at) : null;
      if (pending) {
        const t = performance.now();
        decoder.received(at);
        decodedWhileReadingMs += performance.now() - t;
      }
    }
  } catch (error) {
    // Refused while a part was still on its way: nothing waits for it.
    pending?.catch(() => undefined);
    throw error;
  }
  const readMs = performance.now() - started;
  // finish() checks every byte arrived (the length in the header) and the checksum.
  const snapshot = decoder.finish();
  return {
    snapshot,
    format: decoder.format(),
    times: { readMs, decodedWhileReadingMs, doneMs: performance.now() - started },
  };
}
