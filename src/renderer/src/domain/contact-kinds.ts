/**
 * The two kinds of contact point a customer has, each described once: where its rows live,
 * how an input is checked and normalized (the key two rows of a customer may not share), and
 * the words the forms use. The customer service, the contact sections and the new-customer
 * dialog all read these, so emails and phones differ only where the data says so.
 */
import { checkEmail, checkPhone, formatPhoneForDisplay } from './contact-points';
import { regionName } from './settings/display-names';
import type { CustomerEmail, CustomerPhone } from './records';

export type ContactKind = 'email' | 'phone';

export type ContactKindDescriptor = {
  kind: ContactKind;
  table: 'customer_emails' | 'customer_phones';
  /** "email": in sentences and labels ("Email 1", "Remove email 2"). */
  noun: string;
  /** "Emails": the section and fieldset title. */
  title: string;
  inputType: 'email' | 'tel';
  placeholder: string;
  /** The add field's hint on a customer's page. */
  addPlaceholder(region: string): string;
  /**
   * The input checked and normalized: the key a customer holds once (the normalized address,
   * the E.164 number). National phone numbers are read in `region`.
   */
  check(input: string, region: string): { ok: true; key: string } | { ok: false; reason: string };
  /** Why a second row with the same key on one customer is refused. */
  alreadyHas: string;
};

export const CONTACT_KINDS: Record<ContactKind, ContactKindDescriptor> = {
  email: {
    kind: 'email',
    table: 'customer_emails',
    noun: 'email',
    title: 'Emails',
    inputType: 'email',
    placeholder: 'name@example.com',
    addPlaceholder: () => 'Add an email',
    check: (input) => {
      const check = checkEmail(input);
      return check.ok ? { ok: true, key: check.normalized } : check;
    },
    alreadyHas: 'This customer already has that email',
  },
  phone: {
    kind: 'phone',
    table: 'customer_phones',
    noun: 'phone',
    title: 'Phones',
    inputType: 'tel',
    placeholder: '+1 415 555 0134',
    addPlaceholder: (region) => `Add a phone (national numbers read in ${regionName(region)})`,
    check: (input, region) => {
      const check = checkPhone(input, region);
      return check.ok ? { ok: true, key: check.e164 } : check;
    },
    alreadyHas: 'This customer already has that number',
  },
};

/** The key of a stored contact point (what `check` returns for its input). */
export function contactKey(row: CustomerEmail | CustomerPhone): string {
  return 'address_normalized' in row ? row.address_normalized : row.e164;
}

/** How a stored contact point is shown: the address as typed, the number formatted. */
export function contactText(row: CustomerEmail | CustomerPhone): string {
  return 'address_normalized' in row ? row.address : formatPhoneForDisplay(row.e164);
}
