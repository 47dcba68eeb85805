/**
 * How a push is read, made fast without changing what it means: the plain reader of a change
 * never accepts what the protocol's schema refuses and gives the same change; the field check
 * names the same problems as field-by-field parsing; the digests kept of applied changes stay
 * what they were (they are compared with retries months later).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonical,
  canonicalJson,
  changeDigest,
  digestChanges,
  readChanges,
} from '../../server/src/push-checks';
import { timestampOrNull, timestampOrNullSlow } from '../../server/src/push-write';
import { compactClocks, expandClocks } from '../../server/src/row-clocks';
import {
  SYNC_LIMITS,
  changeSchema,
  plainChange,
  plainEnvelope,
  pushEnvelopeSchema,
} from '../../src/shared/sync/protocol';

const CLOCK = '001733400000000-000001-node_a';

/** Changes near the schema's edges: most valid, many off by one detail. */
const candidateArb = fc.record(
  {
    table: fc.constantFrom('customer_emails', 'team_members', 'Bad-Table', '', 'x'.repeat(65)),
    row_id: fc.oneof(fc.string({ maxLength: 3 }), fc.constant('r'.repeat(129)), fc.integer()),
    op: fc.constantFrom('put', 'delete', 'patch'),
    fields: fc.oneof(
      fc.constant(null),
      fc.constant([]),
      fc.dictionary(
        fc.constantFrom('address', 'label', 'id', '__proto__', 'constructor', '9x', 'a-b', 'x_1'),
        fc.jsonValue(),
        { maxKeys: 4 },
      ),
    ),
    hlc: fc.constantFrom(CLOCK, '1733400000000-1-a', `${CLOCK}!`, ''),
    extra: fc.string(),
  },
  { requiredKeys: [] },
);

describe('reading a push', () => {
  it('the plain change reader accepts only what changeSchema accepts, with the same result', () => {
    fc.assert(
      fc.property(fc.oneof(candidateArb, fc.jsonValue()), (candidate) => {
        const plain = plainChange(candidate);
        const parsed = changeSchema.safeParse(candidate);
        if (plain) {
          expect(parsed.success).toBe(true);
          expect(plain).toEqual(parsed.data);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('the plain envelope check accepts only what pushEnvelopeSchema accepts, with the same result', () => {
    const envelopeArb = fc.record(
      {
        client_id: fc.oneof(
          fc.constantFrom('laptop-01', 'a'.repeat(64), 'a'.repeat(65), 'short', 'has space!'),
          fc.string({ maxLength: 70 }),
          fc.integer(),
        ),
        first_seq: fc.oneof(
          fc.constantFrom(1, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1),
          fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, '1', null),
          fc.integer(),
          fc.double(),
        ),
        changes: fc.oneof(
          fc.array(fc.jsonValue(), { maxLength: 3 }),
          fc.constant(Array.from({ length: SYNC_LIMITS.maxBatch }, () => ({}))),
          fc.constant(Array.from({ length: SYNC_LIMITS.maxBatch + 1 }, () => ({}))),
          fc.constant({}),
          fc.constant(null),
        ),
        extra: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(envelopeArb, fc.jsonValue()), (body) => {
        const plain = plainEnvelope(body);
        const parsed = pushEnvelopeSchema.safeParse(body);
        if (plain) {
          accepted += 1;
          expect(parsed.success).toBe(true);
          expect(plain).toEqual(parsed.data);
        }
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(0);
    const ordinary = { client_id: 'laptop-01', first_seq: 7, changes: [{ table: 'x' }] };
    expect(plainEnvelope({ ...ordinary, extra: 1 })).toEqual(ordinary);
  });

  it('reads ordinary changes without falling back (the fast path is the one taken)', () => {
    const put = {
      table: 'customer_emails',
      row_id: 'e1',
      op: 'put',
      fields: { address: 'a@b.c' },
      hlc: CLOCK,
    };
    expect(plainChange(put)).toEqual(put);
    expect(plainChange({ ...put, op: 'delete', fields: null })).not.toBeNull();
  });

  it('names every bad field as parsing field by field does', () => {
    const { refusals } = readChanges([
      {
        table: 'customer_emails',
        row_id: 'e1',
        op: 'put',
        fields: { address: 'a\u0000b', nickname: 'x', is_primary: 1 },
        hlc: CLOCK,
      },
      { table: 'customer_emails', row_id: 'e2', op: 'put', fields: { is_primary: 2 }, hlc: CLOCK },
    ]);
    expect(refusals.map(({ index, field, code }) => ({ index, field, code }))).toEqual([
      { index: 0, field: 'address', code: 'invalid_value' },
      { index: 0, field: 'nickname', code: 'unknown_field' },
      { index: 1, field: 'is_primary', code: 'invalid_value' },
    ]);
  });

  it("the digest's fast canonical text equals the canonical text, for any value", () => {
    const outcome = (write: () => string) => {
      try {
        return write();
      } catch (error) {
        return `threw ${(error as Error).name}`;
      }
    };
    const valueArb = fc.oneof(
      fc.jsonValue(),
      candidateArb,
      fc.anything({
        withBoxedValues: true,
        withDate: true,
        withNullPrototype: true,
        withSparseArray: true,
        withBigInt: true,
        withObjectString: true,
      }),
      fc.constantFrom(
        { b: () => 1, a: 1 },
        { b: Symbol('s'), a: [() => 1] },
        { b: { a: new Date(0) } },
        JSON.parse('{"z":{"__proto__":{"b":1},"a":2}}') as unknown,
        { z: { 10: 1, 9: 2, a: 3 } },
      ),
    );
    fc.assert(
      fc.property(valueArb, (value) => {
        expect(outcome(() => canonicalJson(value))).toBe(outcome(() => canonical(value)));
      }),
      { numRuns: 5000 },
    );
    // The app's own key order (table, row_id, op, fields, hlc), nested objects unsorted.
    const change = {
      table: 't',
      row_id: 'r',
      op: 'put',
      fields: { z: { b: 1, a: [{ d: 1, c: 2 }] }, a: 1 },
      hlc: 'h',
    };
    expect(canonicalJson(change)).toBe(
      '{"fields":{"a":1,"z":{"a":[{"c":2,"d":1}],"b":1}},"hlc":"h","op":"put","row_id":"r","table":"t"}',
    );
  });

  it("a push's digests, put together around each change's fields text, are each change's digest", () => {
    // Changes as a client sends them (keys in any order, valid or not, extra keys or not),
    // through JSON as the server reads them.
    const sentArb = fc.oneof(
      candidateArb,
      fc.record({
        row_id: fc.string({ minLength: 1, maxLength: 5 }),
        hlc: fc.constant(CLOCK),
        fields: fc.dictionary(fc.constantFrom('address', 'label', 'x_1', 'b', 'a'), fc.jsonValue()),
        table: fc.constantFrom('customer_emails', 'team_members'),
        op: fc.constant('put'),
      }),
    );
    fc.assert(
      fc.property(fc.array(sentArb, { maxLength: 6 }), (sent) => {
        const raw = JSON.parse(JSON.stringify(sent)) as unknown[];
        const { changes } = readChanges(raw);
        const { digests, fieldsTexts } = digestChanges(raw, changes);
        expect(digests).toEqual(raw.map(changeDigest));
        expect(fieldsTexts).toEqual(
          changes.map((change) => (change ? canonical(change.fields) : null)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the digests of applied changes unchanged', () => {
    const change = {
      table: 'customer_profiles',
      row_id: 'r1',
      op: 'put',
      hlc: '001700000000000-000001-node',
      fields: {
        b: [1, 'x', null, { z: 1, a: 'é' }],
        a: { y: null, x: true },
        u: undefined,
        n: -1.5e-7,
        s: 'q"\\\n',
      },
    };
    expect(changeDigest(change)).toBe('07fad6c4738d8b53');
    expect(changeDigest({ op: 'delete', table: 't', row_id: 'r', fields: null, hlc: 'h' })).toBe(
      '82a8ddc71d250489',
    );
  });
});

describe("a row's clocks stored once", () => {
  const clockArb = fc.constantFrom(CLOCK, '001733400000001-000000-b', '001733400000002-000003-c');
  it('expanding the compact form gives back every field clock', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), clockArb), (clocks) => {
        const data = Object.fromEntries(Object.keys(clocks).map((field) => [field, 1]));
        const compact = compactClocks(clocks);
        expect(expandClocks(data, compact)).toEqual(clocks);
        // One clock for the row and no exception when every field shares it.
        if (new Set(Object.values(clocks)).size === 1) expect(compact.clocks).toEqual({});
      }),
    );
  });

  it('reads rows stored before (no row clock, every clock in clocks) unchanged', () => {
    const clocks = { a: CLOCK, b: '001733400000001-000000-b' };
    expect(expandClocks({ a: 1, b: 2 }, { clock: null, clocks })).toEqual(clocks);
  });
});

describe("a row's updated_at column", () => {
  /** Timestamps as toISOString writes them, and each with one character changed. */
  const timestampArb = fc
    .tuple(
      fc.date({ min: new Date(-62_198_755_200_000), max: new Date(253_402_300_799_999) }),
      fc.nat({ max: 23 }),
      fc.constantFrom(...'0123456789-:.TZ+ x'),
      fc.boolean(),
    )
    .map(([date, at, character, change]) => {
      const text = Number.isNaN(date.getTime()) ? '2024-02-29T12:00:00.000Z' : date.toISOString();
      return change ? text.slice(0, at) + character + text.slice(at + 1) : text;
    });

  it('takes a plain ISO timestamp as it is only when parsing and writing it gives it back', () => {
    const edges = [
      '2024-02-28T23:59:59.999Z',
      '2024-02-29T00:00:00.000Z',
      '2023-02-29T00:00:00.000Z',
      '2024-04-31T10:00:00.000Z',
      '2024-02-30T00:00:00.000Z',
      '2024-12-31T24:00:00.000Z',
      '2024-12-31T23:59:60.000Z',
      '2024-13-01T00:00:00.000Z',
      '2024-00-10T00:00:00.000Z',
      '2024-01-00T00:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
      '2024-06-01T12:00:00Z',
      '2024-06-01T12:00:00.000+00:00',
      '2024-06-01',
      'not a date',
    ];
    for (const value of edges) expect(timestampOrNull(value)).toBe(timestampOrNullSlow(value));
    fc.assert(
      fc.property(timestampArb, (value) => {
        expect(timestampOrNull(value)).toBe(timestampOrNullSlow(value));
      }),
      { numRuns: 3000 },
    );
    expect(timestampOrNull(12)).toBeNull();
  });
});
