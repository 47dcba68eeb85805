/**
 * Part of the write guard: text in a synced table holds no C0 control characters (NUL and
 * the others, tab, line feed and carriage return excepted). PostgreSQL cannot store NUL, so a
 * NUL that reached the outbox used to stop sync for good; the same rule checks pushes on the
 * server (src/shared/sync/tables.ts) and every other writer here (forms, the import, a pull).
 */
import type { DBCoreMutateRequest, DBCoreTable } from 'dexie';
import { controlCharacterMessage, findControlCharacter } from '../../../shared/sync/text';
import { InvariantViolation } from './invariant';

export class ControlCharacterError extends InvariantViolation {
  override name = 'ControlCharacterError';
  constructor(
    readonly table: string,
    /** The field, with the path inside it for lists and objects ("tags.2"). */
    readonly field: string,
    readonly character: string,
  ) {
    super(controlCharacterMessage(`${table}.${field}`, character));
  }
}

/** The top-level fields a write sets: an update's changed fields, or every field of a row. */
function fieldsWritten(
  req: DBCoreMutateRequest & { values: readonly unknown[] },
  index: number,
): string[] | null {
  if (req.type !== 'put') return null;
  // Table.update / Collection.modify reach here as a put with the change spec beside it.
  const spec = req.updates ? req.updates.changeSpecs[index] : req.changeSpec;
  if (!spec) return null;
  return [...new Set(Object.keys(spec).map((path) => path.split('.')[0] ?? path))];
}

/**
 * Throws ControlCharacterError for the first control character in the written values. An
 * update checks only the fields it changes, so an old value stored before this rule does not
 * block edits to other fields; changing that field itself must remove the character.
 */
export function assertNoControlCharacters(table: string, req: DBCoreMutateRequest): void {
  if (req.type !== 'add' && req.type !== 'put') return;
  req.values.forEach((value, index) => {
    if (value === null || typeof value !== 'object') return;
    const row = value as Record<string, unknown>;
    const fields = fieldsWritten(req, index) ?? Object.keys(row);
    for (const field of fields) {
      const found = findControlCharacter(row[field]);
      if (found)
        throw new ControlCharacterError(
          table,
          found.path ? `${field}.${found.path}` : field,
          found.character,
        );
    }
  });
}

/** The table with the check in front of its writes. */
export function withTextCheck(name: string, table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    mutate(req) {
      try {
        assertNoControlCharacters(name, req);
      } catch (error) {
        return Promise.reject(error);
      }
      return table.mutate(req);
    },
  };
}
