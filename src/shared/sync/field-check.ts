/**
 * A synced field's zod schema turned into a plain predicate: the same accept/refuse rule
 * without zod's machinery (issues, paths, a result object per value), for the hot path of a
 * push (500 changes of a dozen fields each). Only the kinds tables.ts uses are known; any
 * other kind (or a check zod carries that is not read here) gives a predicate that accepts
 * nothing, which is always safe: the caller then asks zod. tests/unit/field-check.test.ts
 * compares both on random values for every field of every table.
 */
import type { z } from 'zod';
import { CONTROL_CHARACTER } from './text';

type Check = (value: unknown) => boolean;

const NOTHING: Check = () => false;

/** The parts of a zod schema's definition read here (zod 4's `_zod.def`). */
type Definition = {
  type: string;
  checks?: readonly unknown[];
  format?: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: readonly z.ZodType[];
  values?: readonly unknown[];
  entries?: Record<string, unknown>;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  coerce?: boolean;
};

const definition = (schema: z.ZodType): Definition =>
  (schema as unknown as { _zod: { def: Definition } })._zod.def;

const noChecks = (def: Definition) => (def.checks ?? []).length === 0;

/** A plain object as zod's object schema reads one: any non-null, non-array object. */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The predicate of `schema`. `textSchemas` are the schemas of tables.ts's `text()` (a string
 * with no control character, checked by a refinement zod cannot show here).
 */
export function plainCheck(schema: z.ZodType, textSchemas: WeakSet<z.ZodType>): Check {
  const def = definition(schema);
  if (def.coerce) return NOTHING;
  const inner = (child: z.ZodType | undefined) =>
    child ? plainCheck(child, textSchemas) : NOTHING;
  switch (def.type) {
    case 'string':
      if (textSchemas.has(schema))
        return (value) => typeof value === 'string' && !CONTROL_CHARACTER.test(value);
      return noChecks(def) ? (value) => typeof value === 'string' : NOTHING;
    case 'number':
      if (def.format === 'safeint') return (value) => Number.isSafeInteger(value);
      if (def.format === undefined && noChecks(def))
        return (value) => typeof value === 'number' && Number.isFinite(value);
      return NOTHING;
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'literal': {
      const values = new Set(def.values ?? []);
      return (value) => values.has(value);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return (value) => values.has(value);
    }
    case 'union': {
      const options = (def.options ?? []).map((option) => plainCheck(option, textSchemas));
      return (value) => options.some((option) => option(value));
    }
    case 'nullable': {
      const check = inner(def.innerType);
      return (value) => value === null || check(value);
    }
    case 'optional': {
      const check = inner(def.innerType);
      return (value) => value === undefined || check(value);
    }
    case 'array': {
      const check = inner(def.element);
      return (value) => {
        if (!Array.isArray(value)) return false;
        // Indexes, not iteration helpers: a hole is `undefined`, which zod refuses too.
        for (let index = 0; index < value.length; index += 1)
          if (!check(value[index])) return false;
        return true;
      };
    }
    case 'object': {
      // Strict objects only (unknown keys refused): others strip or pass keys through.
      if (!def.catchall || definition(def.catchall).type !== 'never' || !def.shape) return NOTHING;
      const fields = Object.entries(def.shape).map(([key, child]): [string, Check] => [
        key,
        plainCheck(child, textSchemas),
      ]);
      const known = new Set(fields.map(([key]) => key));
      return (value) => {
        if (!isObject(value)) return false;
        for (const [key, check] of fields) if (!check(value[key])) return false;
        // `for…in`, as zod reads an object's keys (inherited enumerable ones included).
        for (const key in value) if (!known.has(key)) return false;
        return true;
      };
    }
    default:
      return NOTHING;
  }
}
