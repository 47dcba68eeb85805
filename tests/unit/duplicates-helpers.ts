// Builders for the duplicates tests: candidate docs from plain names, emails and phones.
import type { DuplicateCandidateDoc } from '../../src/renderer/src/domain/duplicates/candidate-doc';
import { normalizeNameParts } from '../../src/renderer/src/domain/duplicates/names';

export type PersonInput = {
  first?: string;
  last?: string;
  dob?: string | null;
  emails?: string[];
  phones?: string[];
  deleted?: 0 | 1;
};

export function person(id: string, input: PersonInput = {}): DuplicateCandidateDoc {
  return {
    id,
    name: normalizeNameParts(input.first ?? '', input.last ?? ''),
    date_of_birth: input.dob ?? null,
    emails: input.emails ?? [],
    phones: input.phones ?? [],
    updated_at: '2026-01-01T00:00:00.000Z',
    deleted: input.deleted ?? 0,
  };
}

/** Pair ids and confidence only: what most assertions compare. */
export function brief(pairs: readonly { a: string; b: string; confidence: string }[]): string[] {
  return pairs.map((pair) => `${pair.a}+${pair.b}:${pair.confidence}`);
}
