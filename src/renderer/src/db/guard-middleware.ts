/**
 * The write-path guard: whoever writes (a form, the import worker, a sync pull, a script),
 * an invalid email, a phone that is not E.164, or a second live customer with the same
 * email is refused before it reaches the database.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { checkEmail, isE164 } from '../domain/contact-points';
import type { CustomerEmail, CustomerPhone, CustomerProfile } from '../domain/records';
import type { InZone } from './dbcore-helpers';
import { captureZone, rowsByIndex } from './dbcore-helpers';

export class InvariantViolation extends Error {
  override name = 'InvariantViolation';
}

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

async function assertEmailsUnique(
  inZone: InZone,
  core: DBCore,
  emailsTable: DBCoreTable,
  req: DBCoreMutateRequest & { values: readonly unknown[] },
): Promise<void> {
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
        const sameAddress = await rowsByIndex<CustomerEmail>(
          inZone,
          emailsTable,
          req.trans,
          'address_normalized',
          email.address_normalized,
        );
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
        if (name !== 'customer_emails' && name !== 'customer_phones') return table;
        return {
          ...table,
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
            return inZone(() => table.mutate(req));
          },
        };
      },
    };
  },
};
