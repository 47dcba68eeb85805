/**
 * Lines of a file read a range at a time: each line's bytes (without its newline) and whether
 * a newline ended it. Bytes, not text, because the checksum is over the file's exact bytes.
 */
import type { ByteSource } from '@shared/csv';

export type FileLine = { bytes: Uint8Array; terminated: boolean };

export const READ_CHUNK_BYTES = 4 * 1024 * 1024;
/** A chunk line holds at most a few thousand rows; a longer line is not a file we wrote. */
export const MAX_LINE_BYTES = 256 * 1024 * 1024;

export class LineTooLongError extends Error {
  override name = 'LineTooLongError';
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export async function* readLines(
  source: ByteSource,
  options: { chunkBytes?: number; maxLineBytes?: number; signal?: AbortSignal } = {},
): AsyncGenerator<FileLine> {
  const chunkBytes = options.chunkBytes ?? READ_CHUNK_BYTES;
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  for (let offset = 0; offset < source.size;) {
    options.signal?.throwIfAborted();
    const bytes = await source.read(offset, Math.min(chunkBytes, source.size - offset));
    if (bytes.length === 0) break;
    offset += bytes.length;
    let start = 0;
    for (let newline = bytes.indexOf(10); newline !== -1; newline = bytes.indexOf(10, start)) {
      const piece = bytes.subarray(start, newline);
      yield { bytes: concat([...pending, piece], pendingLength + piece.length), terminated: true };
      pending = [];
      pendingLength = 0;
      start = newline + 1;
    }
    if (start < bytes.length) {
      // A copy: the reader may reuse its buffer for the next range.
      pending.push(bytes.slice(start));
      pendingLength += bytes.length - start;
      if (pendingLength > maxLineBytes)
        throw new LineTooLongError(`a line longer than ${maxLineBytes} bytes`);
    }
  }
  if (pendingLength > 0) yield { bytes: concat(pending, pendingLength), terminated: false };
}
