/**
 * The plain field checks (field-check.ts) decide what a push accepts instead of zod's parse:
 * they must accept exactly what the shared schemas accept, for every field of every table,
 * and `fieldProblems` must answer what it answered with zod's partial parse (the same
 * refusals, in the same words), on random valid and invalid values.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import * as enumerations from '../../src/shared/sync/enumerations';
import type { FieldProblem, SyncTableName } from '../../src/shared/sync/tables';
import {
  SYNC_TABLE_NAMES,
  SYNC_TABLE_SCHEMAS,
  fieldProblems,
  fieldsFit,
} from '../../src/shared/sync/tables';

const ENUM_VALUES = Object.values(enumerations).flatMap((values) => [...values]);

const shapeOf = (table: SyncTableName) =>
  SYNC_TABLE_SCHEMAS[table].shape as Record<string, z.ZodType>;

/** Values near every field type's edges: valid ones of each kind and values just off them. */
const scalarArb = fc.oneof(
  fc.constantFrom(...ENUM_VALUES, 'Ana', '', 'a\tb\nc\r', 'a\u0000b', '\u001f', 'x\u000bx'),
  fc.string({ maxLength: 6 }),
  fc.constantFrom(0, 1, -0, 2, 1.5, -1, 2 ** 53, 2 ** 53 - 1, NaN, Infinity, -Infinity),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const consentArb = fc.record(
  {
    opted_in: fc.oneof(fc.boolean(), scalarArb),
    source: scalarArb,
    changed_at: scalarArb,
    extra: scalarArb,
  },
  { requiredKeys: [] },
);
const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: scalarArb },
  { weight: 2, arbitrary: consentArb },
  { weight: 2, arbitrary: fc.array(scalarArb, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.sparseArray(fc.string({ maxLength: 3 }), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [[]], ['vip'], new Date(0)) },
);

/** What fieldProblems answered before the plain checks: zod's partial parse, then field by field. */
const PARTIAL = new Map(
  SYNC_TABLE_NAMES.map((table) => [table, SYNC_TABLE_SCHEMAS[table].partial()]),
);

function zodFieldProblems(table: SyncTableName, fields: Record<string, unknown>): FieldProblem[] {
  const partial = PARTIAL.get(table) as z.ZodType;
  if (!Object.values(fields).includes(undefined) && partial.safeParse(fields).success) return [];
  const shape = shapeOf(table);
  const problems: FieldProblem[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const schema = Object.hasOwn(shape, field) ? shape[field] : undefined;
    if (!schema) {
      problems.push({ field, code: 'unknown_field', reason: `${table} has no field "${field}"` });
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0] as z.core.$ZodIssue;
      const path = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
      problems.push({ field, code: 'invalid_value', reason: `${field}: ${issue.message}${path}` });
    }
  }
  return problems;
}

/** A change's fields: mostly the table's own fields, sometimes one it does not have. */
const fieldsArb = (table: SyncTableName) =>
  fc.dictionary(fc.constantFrom(...Object.keys(shapeOf(table)), 'nickname', 'id'), valueArb, {
    maxKeys: 5,
  });

describe('the plain field checks', () => {
  for (const table of SYNC_TABLE_NAMES)
    it(`${table}: each field accepts exactly what its schema accepts`, () => {
      const shape = shapeOf(table);
      fc.assert(
        fc.property(fc.constantFrom(...Object.keys(shape)), valueArb, (field, value) => {
          if (value === undefined) return; // not JSON; fieldsFit refuses it before any check
          const expected = (shape[field] as z.ZodType).safeParse(value).success;
          expect(fieldsFit(table, { [field]: value })).toBe(expected);
        }),
        { numRuns: 1500 },
      );
    });

  it('fieldProblems answers as zod did: the same problems, in the same words', () => {
    const changeArb = fc
      .constantFrom(...SYNC_TABLE_NAMES)
      .chain((table) => fc.tuple(fc.constant(table), fieldsArb(table)));
    fc.assert(
      fc.property(changeArb, ([table, fields]) => {
        expect(fieldProblems(table, fields)).toEqual(zodFieldProblems(table, fields));
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts a whole valid row without zod, and refuses each kind of bad value', () => {
    const now = new Date(0).toISOString();
    const consent = { opted_in: true, source: null, changed_at: now };
    const profile = {
      first_name: 'Ana',
      last_name: 'Lima',
      date_of_birth: null,
      notes: 'line\nbreak',
      tags: ['vip'],
      lifecycle: 'lead',
      owner_id: null,
      email_consent: consent,
      sms_consent: consent,
      created_at: now,
      updated_at: now,
      deleted: 0,
      merged_into: null,
    };
    expect(fieldsFit('customer_profiles', profile)).toBe(true);
    for (const bad of [
      { first_name: 'a\u0000b' },
      { tags: ['vip', 3] },
      { lifecycle: 'friend' },
      { deleted: 2 },
      { email_consent: { ...consent, extra: 1 } },
      { email_consent: { opted_in: true, source: null } },
      { nickname: 'x' },
      { merged_into: undefined },
    ])
      expect(fieldsFit('customer_profiles', { ...profile, ...bad })).toBe(false);
    expect(fieldsFit('event_deals', { amount_minor: 1.5 })).toBe(false);
    expect(fieldsFit('event_deals', { amount_minor: 150, rank: 1.5 })).toBe(true);
    expect(fieldsFit('event_deals', { rank: NaN })).toBe(false);
  });
});
