/**
 * The write-path guard: whoever writes (a form, the import worker, a sync pull, a script),
 * an invalid email, a phone that is not E.164, a second live customer with the same email,
 * or text with a control character in a synced table is refused before it reaches the
 * database.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { checkEmail, isE164 } from '../domain/contact-points';
import type {
  CrmTaskAssignment,
  CustomerEmail,
  CustomerPhone,
  CustomerProfile,
  CustomerRelationship,
} from '../domain/records';
import { assignmentProblems, describeAssignmentProblem } from '../domain/tasks/assignments';
import { LINK_PROBLEM_MESSAGES, linkProblem } from '../domain/relationships/catalogue';
import type { InZone } from './dbcore-helpers';
import { captureZone, rowsByIndex } from './dbcore-helpers';
import { InvariantViolation } from './invariant';
import { SYNCED_TABLES } from './schema';
import { withTextCheck } from './text-guard';

export { InvariantViolation } from './invariant';
export { ControlCharacterError } from './text-guard';

const synced = new Set<string>(SYNCED_TABLES);

// DBCoreRangeType.Equal (a const enum, which isolated modules cannot import).
const RANGE_EQUAL = 1;

export class DuplicateEmailError extends InvariantViolation {
  override name = 'DuplicateEmailError';
  constructor(
    readonly address: string,
    readonly existingCustomerId: string,
  ) {
    super(`${address} already belongs to another customer`);
  }
}

function assertEmailShape(email: CustomerEmail): void {
  const check = checkEmail(email.address);
  if (!check.ok) throw new InvariantViolation(check.reason);
  if (check.normalized !== email.address_normalized) {
    throw new InvariantViolation(`Email ${email.address} is stored without its normalized form`);
  }
}

function assertPhoneShape(phone: CustomerPhone): void {
  if (!isE164(phone.e164))
    throw new InvariantViolation(`Phone ${phone.raw_input} is not stored in E.164 (${phone.e164})`);
}

/**
 * Per read-write transaction: the email rows found by address (an equality query on
 * address_normalized) and the rows added since, so a writer that just looked addresses up in
 * the same transaction (the import checks a whole chunk first) is not queried again here.
 * Any put or delete of an email in the transaction drops it: only adds keep it exact.
 */
const emailsByAddress = new WeakMap<object, Map<string, CustomerEmail[]>>();

function rememberAddressQuery(trans: object, address: string, rows: CustomerEmail[]): void {
  let known = emailsByAddress.get(trans);
  if (!known) emailsByAddress.set(trans, (known = new Map()));
  known.set(
    address,
    rows.map((row) => structuredClone(row)),
  );
}

function afterEmailWrite(req: DBCoreMutateRequest, failures: Record<number, unknown>): void {
  const known = emailsByAddress.get(req.trans);
  if (!known) return;
  if (req.type !== 'add') {
    emailsByAddress.delete(req.trans);
    return;
  }
  req.values.forEach((value, index) => {
    if (index in failures) return;
    const email = value as CustomerEmail;
    known.get(email.address_normalized)?.push(structuredClone(email));
  });
}

async function assertEmailsUnique(
  inZone: InZone,
  core: DBCore,
  emailsTable: DBCoreTable,
  req: DBCoreMutateRequest & { values: readonly unknown[] },
): Promise<void> {
  const known = emailsByAddress.get(req.trans);
  const profiles = core.table('customer_profiles');
  const claimedInBatch = new Map<string, string>();
  for (const email of req.values as CustomerEmail[]) {
    if (email.deleted === 1) continue;
    const earlier = claimedInBatch.get(email.address_normalized);
    if (earlier && earlier !== email.customer_id)
      throw new DuplicateEmailError(email.address, earlier);
    claimedInBatch.set(email.address_normalized, email.customer_id);
  }
  await Promise.all(
    (req.values as CustomerEmail[])
      .filter((email) => email.deleted === 0)
      .map(async (email) => {
        const sameAddress =
          known?.get(email.address_normalized) ??
          (await rowsByIndex<CustomerEmail>(
            inZone,
            emailsTable,
            req.trans,
            'address_normalized',
            email.address_normalized,
          ));
        for (const other of sameAddress) {
          if (
            other.deleted === 1 ||
            other.customer_id === email.customer_id ||
            other.id === email.id
          )
            continue;
          const owner = (await inZone(() =>
            profiles.get({ trans: req.trans, key: other.customer_id }),
          )) as CustomerProfile | undefined;
          if (owner && owner.deleted === 0)
            throw new DuplicateEmailError(email.address, other.customer_id);
        }
      }),
  );
}

/**
 * Assignment types outside the set, a second live owner on a task, or one member twice on a
 * task are refused: the rows being written are checked together with the task's stored ones.
 */
async function assertAssignments(
  inZone: InZone,
  table: DBCoreTable,
  req: DBCoreMutateRequest & { values: readonly unknown[] },
): Promise<void> {
  const incoming = req.values as CrmTaskAssignment[];
  const incomingIds = new Set(incoming.map((row) => row.id));
  const taskIds = [...new Set(incoming.map((row) => row.task_id))];
  const stored = (
    await Promise.all(
      taskIds.map((taskId) =>
        rowsByIndex<CrmTaskAssignment>(inZone, table, req.trans, 'task_id', taskId),
      ),
    )
  )
    .flat()
    .filter((row) => !incomingIds.has(row.id));
  const problem = assignmentProblems([...stored, ...incoming])[0];
  if (problem) throw new InvariantViolation(describeAssignmentProblem(problem));
}

/** Unknown types, self-links and duplicates (the inverse reading included) are refused. */
async function assertRelationships(
  inZone: InZone,
  table: DBCoreTable,
  req: DBCoreMutateRequest & { values: readonly unknown[] },
): Promise<void> {
  const accepted: CustomerRelationship[] = [];
  for (const row of req.values as CustomerRelationship[]) {
    // A symmetric pair may be stored either way round: look at both customers' rows.
    const around = (
      await Promise.all([
        rowsByIndex<CustomerRelationship>(
          inZone,
          table,
          req.trans,
          'from_customer_id',
          row.from_customer_id,
        ),
        rowsByIndex<CustomerRelationship>(
          inZone,
          table,
          req.trans,
          'from_customer_id',
          row.to_customer_id,
        ),
      ])
    ).flat();
    const problem = linkProblem(row, [...around, ...accepted]);
    if (problem) throw new InvariantViolation(LINK_PROBLEM_MESSAGES[problem]);
    accepted.push(row);
  }
}

/** The table with the rules of its records in front of its writes (emails, phones, links). */
function rulesOf(name: string, down: DBCore): DBCoreTable {
  const table = down.table(name);
  if (name === 'crm_task_assignments' || name === 'customer_relationships') {
    return {
      ...table,
      async mutate(req) {
        const inZone = captureZone();
        if (req.type === 'add' || req.type === 'put') {
          if (name === 'crm_task_assignments') await assertAssignments(inZone, table, req);
          else await assertRelationships(inZone, table, req);
        }
        return inZone(() => table.mutate(req));
      },
    };
  }
  if (name !== 'customer_emails' && name !== 'customer_phones') return table;
  const addressIndex = table.schema.getIndexByKeyPath('address_normalized');
  return {
    ...table,
    async query(req) {
      const response = await table.query(req);
      const range = req.query.range;
      if (
        name === 'customer_emails' &&
        req.values &&
        (req.limit === undefined || req.limit === Infinity) &&
        (req.trans as unknown as IDBTransaction).mode === 'readwrite' &&
        req.query.index.name === addressIndex?.name &&
        range.type === RANGE_EQUAL &&
        typeof range.lower === 'string'
      )
        rememberAddressQuery(req.trans, range.lower, response.result as CustomerEmail[]);
      return response;
    },
    async mutate(req) {
      const inZone = captureZone();
      if (req.type === 'add' || req.type === 'put') {
        if (name === 'customer_emails') {
          (req.values as CustomerEmail[]).forEach(assertEmailShape);
          await assertEmailsUnique(inZone, down, table, req);
        } else {
          (req.values as CustomerPhone[]).forEach(assertPhoneShape);
        }
      }
      const response = await inZone(() => table.mutate(req));
      if (name === 'customer_emails') afterEmailWrite(req, response.failures);
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
        const table = rulesOf(name, down);
        return synced.has(name) ? withTextCheck(name, table) : table;
      },
    };
  },
};
