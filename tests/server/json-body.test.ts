/**
 * The push body reader refuses prototype keys however they are written, and parses everything
 * else as JSON.parse does (it skips the key check only when no such key can be present).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtoKeyError, parseJsonBody } from '../../server/src/json-body';

describe('push body: prototype keys', () => {
  it('refuses __proto__, constructor and prototype as keys, spelled out or with \\u escapes, at any depth', () => {
    for (const text of [
      '{"__proto__": 1}',
      '{"changes": [{"fields": {"constructor": {"x": 1}}}]}',
      '{"a": {"b": {"prototype": null}}}',
      '{"\\u005f_proto__": 1}',
      '{"changes": [{"fields": {"\\u0063onstructor": 1}}]}',
    ])
      expect(() => parseJsonBody(text), text).toThrow(ProtoKeyError);
  });

  it('accepts those words as values and escapes elsewhere', () => {
    expect(parseJsonBody('{"notes": "the constructor of __proto__", "x": "caf\\u00e9"}')).toEqual({
      notes: 'the constructor of __proto__',
      x: 'café',
    });
  });

  it('parses any JSON value as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        let expected: unknown;
        try {
          expected = JSON.parse(text, (key, inner: unknown) => {
            if (key === '__proto__' || key === 'constructor' || key === 'prototype')
              throw new ProtoKeyError(key);
            return inner;
          });
        } catch {
          expect(() => parseJsonBody(text)).toThrow(ProtoKeyError);
          return;
        }
        expect(parseJsonBody(text)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
