import { uuidv7 } from 'uuidv7';

/** Time-ordered UUIDv7: sorts by creation, spreads well in B-trees and merges safely across laptops. */
export function newId(): string {
  return uuidv7();
}

export function nowIso(): string {
  return new Date().toISOString();
}
