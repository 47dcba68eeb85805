/**
 * The write-path guard: whoever writes (a form, the import worker, a sync pull, a script),
 * an invalid email, a phone that is not E.164, a second live customer with the same email,
 * a broken task assignment or link, or text with a control character in a synced table is
 * refused before it reaches the database. The rules of each table come from the feature that
 * owns it (guards/*.ts), collected in one registry below.
 */
import type { DBCore, DBCoreTable, Middleware } from 'dexie';
import { captureZone } from './dbcore-helpers';
import { CONTACT_POINT_GUARDS } from './guards/contact-point-guards';
import { RELATIONSHIP_GUARDS } from './guards/relationship-guards';
import { TASK_GUARDS } from './guards/task-guards';
import type { GuardRegistry, TableGuard } from './guards/table-guard';
import { SYNCED_TABLES } from './schema';
import { withTextCheck } from './text-guard';

export { InvariantViolation } from './invariant';
export { ControlCharacterError } from './text-guard';
export { DuplicateEmailError } from './guards/contact-point-guards';

/** Every table's rules, one entry per table, contributed by the feature that owns it. */
export const TABLE_GUARDS: GuardRegistry = {
  ...CONTACT_POINT_GUARDS,
  ...TASK_GUARDS,
  ...RELATIONSHIP_GUARDS,
};

const synced = new Set<string>(SYNCED_TABLES);

/** The table with its guard's rules in front of its writes. */
function guarded(table: DBCoreTable, guard: TableGuard, down: DBCore): DBCoreTable {
  const { sawQuery, afterWrite } = guard;
  return {
    ...table,
    ...(sawQuery && {
      async query(req) {
        const response = await table.query(req);
        sawQuery({ inZone: captureZone(), down, table }, req, response);
        return response;
      },
    }),
    async mutate(req) {
      const inZone = captureZone();
      if (req.type === 'add' || req.type === 'put') await guard.check({ inZone, down, table }, req);
      const response = await inZone(() => table.mutate(req));
      afterWrite?.(req, response.failures);
      return response;
    },
  };
}

export const guardMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'encore-guard',
  // Below Dexie's hooks middleware (level 2), so our derived writes do not re-enter table
  // hooks; above observability (level 0), so live queries still see every write made here.
  level: 1.3,
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        const guard = Object.hasOwn(TABLE_GUARDS, name) ? TABLE_GUARDS[name] : undefined;
        const ruled = guard ? guarded(table, guard, down) : table;
        return synced.has(name) ? withTextCheck(name, ruled) : ruled;
      },
    };
  },
};
