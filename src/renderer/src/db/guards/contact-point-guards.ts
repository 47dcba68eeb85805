/**
 * Customers' contact points: an email must be valid and stored with its normalized form, no
 * two live customers may own one normalized address, and a phone must be stored in E.164.
 */
import type { DBCoreMutateRequest, DBCoreQueryRequest, DBCoreQueryResponse } from 'dexie';
import { checkEmail, isE164 } from '../../domain/contact-points';
import type { CustomerEmail, CustomerPhone, CustomerProfile } from '../../domain/records';
import { rowsByIndex } from '../dbcore-helpers';
import { InvariantViolation } from '../invariant';
import type { GuardContext, GuardRegistry, RowsWrite } from './table-guard';

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

function sawAddressQuery(
  { table }: GuardContext,
  req: DBCoreQueryRequest,
  response: DBCoreQueryResponse,
): void {
  const range = req.query.range;
  const addressIndex = table.schema.getIndexByKeyPath('address_normalized');
  if (
    !req.values ||
    (req.limit !== undefined && req.limit !== Infinity) ||
    (req.trans as unknown as IDBTransaction).mode !== 'readwrite' ||
    req.query.index.name !== addressIndex?.name ||
    range.type !== RANGE_EQUAL ||
    typeof range.lower !== 'string'
  )
    return;
  let known = emailsByAddress.get(req.trans);
  if (!known) emailsByAddress.set(req.trans, (known = new Map()));
  known.set(
    range.lower,
    (response.result as CustomerEmail[]).map((row) => structuredClone(row)),
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

/** Two rows of the write itself giving one address to two customers. */
function assertUniqueInWrite(emails: readonly CustomerEmail[]): void {
  const claimed = new Map<string, string>();
  for (const email of emails) {
    if (email.deleted === 1) continue;
    const earlier = claimed.get(email.address_normalized);
    if (earlier && earlier !== email.customer_id)
      throw new DuplicateEmailError(email.address, earlier);
    claimed.set(email.address_normalized, email.customer_id);
  }
}

/** A live email row of another live customer with the same address. */
async function assertUniqueInDatabase(
  { inZone, down, table }: GuardContext,
  trans: RowsWrite['trans'],
  email: CustomerEmail,
): Promise<void> {
  const sameAddress =
    emailsByAddress.get(trans)?.get(email.address_normalized) ??
    (await rowsByIndex<CustomerEmail>(
      inZone,
      table,
      trans,
      'address_normalized',
      email.address_normalized,
    ));
  const profiles = down.table('customer_profiles');
  for (const other of sameAddress) {
    if (other.deleted === 1 || other.customer_id === email.customer_id || other.id === email.id)
      continue;
    const owner = (await inZone(() => profiles.get({ trans, key: other.customer_id }))) as
      CustomerProfile | undefined;
    if (owner && owner.deleted === 0)
      throw new DuplicateEmailError(email.address, other.customer_id);
  }
}

export const CONTACT_POINT_GUARDS: GuardRegistry = {
  customer_emails: {
    async check(context, write) {
      const emails = write.values as CustomerEmail[];
      emails.forEach(assertEmailShape);
      assertUniqueInWrite(emails);
      await Promise.all(
        emails
          .filter((email) => email.deleted === 0)
          .map((email) => assertUniqueInDatabase(context, write.trans, email)),
      );
    },
    sawQuery: sawAddressQuery,
    afterWrite: afterEmailWrite,
  },
  customer_phones: {
    check: (_, write) => (write.values as CustomerPhone[]).forEach(assertPhoneShape),
  },
};
