/**
 * The sync wire protocol, shared by the renderer's sync client and the reference server.
 * A change names its table and carries the values of the fields it sets; which tables and
 * fields exist, and their types, is declared once in tables.ts.
 */
import { z } from 'zod';
import { HLC_PATTERN } from './hlc';
import type { FieldProblemCode } from './tables';

export const SYNC_LIMITS = {
  /** Changes in one push. */
  maxBatch: 500,
  /** Bytes of one request body. */
  maxBodyBytes: 4 * 1024 * 1024,
  defaultPullLimit: 500,
  maxPullLimit: 2000,
  /** A change stamped further than this ahead of the server's clock is refused. */
  maxClockAheadMs: 5 * 60 * 1000,
} as const;

/** Fields that are never data: the row key, and names that would poison plain objects. */
const FORBIDDEN_FIELDS = new Set(['id', '__proto__', 'constructor', 'prototype']);

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const TABLE_NAME = /^[a-z_][a-z0-9_]{0,63}$/;
const MAX_ROW_ID = 128;

export const fieldNameSchema = z
  .string()
  .regex(FIELD_NAME, 'a field name: letters, digits, underscore')
  .refine((name) => !FORBIDDEN_FIELDS.has(name), 'a reserved name');

export const tableNameSchema = z.string().regex(TABLE_NAME, 'a table name');
export const hlcSchema = z.string().regex(HLC_PATTERN, 'a hybrid logical clock');
const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
export const clientIdSchema = z
  .string()
  .regex(CLIENT_ID, 'a client id: 8 to 64 letters, digits, - or _');

export const changeSchema = z
  .object({
    table: tableNameSchema,
    row_id: z.string().min(1).max(MAX_ROW_ID),
    op: z.enum(['put', 'delete']),
    /** The fields this change sets (a put); null for a delete. */
    fields: z.record(fieldNameSchema, z.unknown()).nullable(),
    hlc: hlcSchema,
  })
  .refine((change) => (change.op === 'put') === (change.fields !== null), {
    message: 'a put carries fields, a delete does not',
  });
export type SyncChange = z.infer<typeof changeSchema>;

/**
 * Names already found valid: a push's 500 changes repeat a few tables and a few dozen field
 * names, so each is tested against its pattern once, not once per change. Bounded: a client
 * sending many names only refills it.
 */
const validNames = { tables: new Set<string>(), fields: new Set<string>() };
const MAX_VALID_NAMES = 10_000;

function remembered(names: Set<string>, name: string): true {
  if (names.size >= MAX_VALID_NAMES) names.clear();
  names.add(name);
  return true;
}

function validTableName(name: string): boolean {
  if (validNames.tables.has(name)) return true;
  return TABLE_NAME.test(name) && remembered(validNames.tables, name);
}

function validFieldName(name: string): boolean {
  if (validNames.fields.has(name)) return true;
  return (
    FIELD_NAME.test(name) && !FORBIDDEN_FIELDS.has(name) && remembered(validNames.fields, name)
  );
}

/**
 * `changeSchema` without zod for a change that plainly fits it (the same patterns and limits,
 * the same output: the five keys, others dropped); null when anything is off, and then the
 * caller asks `changeSchema`, which also says why. A push reads 500 changes: this is several
 * times faster, and a test checks it never accepts what the schema refuses.
 */
export function plainChange(candidate: unknown): SyncChange | null {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return null;
  const { table, row_id, op, fields, hlc } = candidate as Record<string, unknown>;
  if (typeof table !== 'string' || !validTableName(table)) return null;
  if (typeof row_id !== 'string' || row_id.length < 1 || row_id.length > MAX_ROW_ID) return null;
  if (typeof hlc !== 'string' || !HLC_PATTERN.test(hlc)) return null;
  if (op === 'delete') return fields === null ? { table, row_id, op, fields: null, hlc } : null;
  if (op !== 'put' || typeof fields !== 'object' || fields === null || Array.isArray(fields))
    return null;
  if (Object.getPrototypeOf(fields) !== Object.prototype) return null;
  for (const name of Object.keys(fields)) if (!validFieldName(name)) return null;
  return { table, row_id, op, fields: fields as Record<string, unknown>, hlc };
}

export const pushRequestSchema = z.object({
  client_id: clientIdSchema,
  /** The per-client sequence number of changes[0]; the others follow one by one. */
  first_seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  changes: z.array(changeSchema).min(1).max(SYNC_LIMITS.maxBatch),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * The push as the server first reads it: the envelope only. Each change is then checked on
 * its own, so one bad change is named (422 invalid_change, by index) instead of making the
 * whole body unreadable (400), which a client could only retry forever.
 */
export const pushEnvelopeSchema = z.object({
  client_id: clientIdSchema,
  first_seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  changes: z.array(z.unknown()).min(1).max(SYNC_LIMITS.maxBatch),
});

/**
 * `pushEnvelopeSchema` without zod for a body that plainly fits it (the same rules, the same
 * three keys out, others dropped); null when anything is off, and then the caller asks the
 * schema, which also says why. zod's array of 500 `unknown` elements was 5.5 % of a push's
 * CPU samples on PostgreSQL (docs/sync.md); a test checks this never accepts what the schema
 * refuses and gives what it gives.
 */
export function plainEnvelope(
  body: unknown,
): { client_id: string; first_seq: number; changes: unknown[] } | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { client_id, first_seq, changes } = body as Record<string, unknown>;
  if (typeof client_id !== 'string' || !CLIENT_ID.test(client_id)) return null;
  if (typeof first_seq !== 'number' || !Number.isSafeInteger(first_seq) || first_seq < 1)
    return null;
  if (!Array.isArray(changes) || changes.length < 1 || changes.length > SYNC_LIMITS.maxBatch)
    return null;
  return { client_id, first_seq, changes: changes as unknown[] };
}

export type PushResponse = {
  /** Every change of this client up to this sequence is stored (now or by an earlier try). */
  applied_through: number;
  /** The workspace version after this push. */
  version: number;
  /** True when every change in the batch had already been applied (a retry). */
  duplicate: boolean;
  server_time: number;
};

/** One row as the server holds it after merging: every field with its clock. */
export type RemoteRow = {
  table: string;
  row_id: string;
  data: Record<string, unknown>;
  clocks: Record<string, string>;
  version: number;
};

export type PullResponse = {
  changes: RemoteRow[];
  /** Opaque; send it back to get what changed after this page. */
  cursor: string;
  has_more: boolean;
  /** Rows changed after the request's cursor (only when asked for with count=1). */
  total?: number;
  server_time: number;
};

export type SyncErrorCode =
  | 'invalid_body'
  | 'unauthorized'
  | 'invalid_change'
  | 'client_id_taken'
  | 'sequence_reused'
  | 'sequence_gap'
  | 'clock_drift'
  | 'payload_too_large'
  | 'not_found'
  | 'unavailable'
  | 'forbidden'
  | 'invalid_invite'
  | 'internal';

/** Why one change of a push was refused: `malformed_change` is a change not of the protocol. */
export type ChangeRefusalCode = FieldProblemCode | 'malformed_change';

/** One refused change of a push (422 invalid_change): which, which field, why (no values). */
export type ChangeRefusal = {
  /** Index in the push's `changes` (its sequence number is first_seq + index). */
  index: number;
  field: string | null;
  code: ChangeRefusalCode;
  reason: string;
};

/**
 * Details of 422 invalid_change. Nothing of the push was stored; `applied_through` is the
 * last sequence the server holds from this client (earlier tries of this batch included).
 */
export type InvalidChangeDetails = { applied_through: number; changes: ChangeRefusal[] };

export const invalidChangeDetailsSchema = z.object({
  applied_through: z.number().int().nonnegative(),
  changes: z
    .array(
      z.object({
        index: z.number().int().nonnegative(),
        field: z.string().nullable(),
        code: z.string(),
        reason: z.string(),
      }),
    )
    .min(1),
});

export type SyncErrorBody = {
  error: { code: SyncErrorCode; message: string; details?: unknown };
};

export const pullResponseSchema = z.object({
  changes: z.array(
    z.object({
      table: tableNameSchema,
      row_id: z.string().min(1),
      data: z.record(z.string(), z.unknown()),
      clocks: z.record(z.string(), hlcSchema),
      version: z.number().int().nonnegative(),
    }),
  ),
  cursor: z.string(),
  has_more: z.boolean(),
  total: z.number().int().nonnegative().optional(),
  server_time: z.number(),
});

export const pushResponseSchema = z.object({
  applied_through: z.number().int().nonnegative(),
  version: z.number().int().nonnegative(),
  duplicate: z.boolean(),
  server_time: z.number(),
});

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** Field-level last-writer-wins: does a value stamped `incoming` replace one stamped `current`? */
export function wins(incoming: string, current: string | undefined): boolean {
  return current === undefined || incoming > current;
}
