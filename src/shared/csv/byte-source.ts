/**
 * Where the bytes of a CSV come from. The reader pulls ranges, so a file is never held in
 * memory whole: a browser File (Blob.slice), a file main streams from disk over IPC, or a
 * buffer in tests.
 */
export type ByteSource = {
  readonly name: string;
  readonly size: number;
  /** Up to `length` bytes from `offset`; fewer only at the end of the file. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Release the file (main's handle); safe to call twice. */
  close?(): Promise<void>;
};

/** A Blob or File (browser, worker, Node 20+). */
export function blobByteSource(blob: Blob, name: string): ByteSource {
  return {
    name,
    size: blob.size,
    read: async (offset, length) =>
      new Uint8Array(await blob.slice(offset, Math.min(blob.size, offset + length)).arrayBuffer()),
  };
}

/** Bytes already in memory: tests, small pasted text. */
export function bufferByteSource(bytes: Uint8Array, name: string): ByteSource {
  return {
    name,
    size: bytes.byteLength,
    read: async (offset, length) =>
      bytes.slice(offset, Math.min(bytes.byteLength, offset + length)),
  };
}
