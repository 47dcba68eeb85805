/**
 * A value as UTF-8 JSON bytes, to hand from one worker to another through the window with
 * `Comlink.transfer`: the window moves the buffer without cloning (or even reading) the value.
 */
export function packJson(value: unknown): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(value));
}

export function unpackJson<T>(bytes: Uint8Array): T {
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}
