/**
 * Validation of what a person typed into the customer form, before anything is saved.
 * Returns every problem at once, keyed by field path, so the form can show each inline.
 */
import { checkEmail, checkPhone } from './contact-points';
import { checkDateOfBirth } from './dates';
import type { Lifecycle, PhoneType } from './records';
import { LIFECYCLE_STAGES } from './records';
import { normalizeTags } from './tags';

export type EmailDraft = { address: string; label: string; is_primary: boolean };
export type PhoneDraft = { raw_input: string; type: PhoneType; label: string; is_primary: boolean };

export type CustomerDraft = {
  first_name: string;
  last_name: string;
  date_of_birth: string;
  notes: string;
  tags: string[];
  lifecycle: Lifecycle;
  owner_id: string | null;
  emails: EmailDraft[];
  phones: PhoneDraft[];
  email_opt_in: boolean;
  sms_opt_in: boolean;
};

export type ValidEmail = {
  address: string;
  address_normalized: string;
  label: string;
  is_primary: boolean;
};
export type ValidPhone = {
  e164: string;
  raw_input: string;
  type: PhoneType;
  label: string;
  is_primary: boolean;
};

export type ValidCustomer = Omit<CustomerDraft, 'emails' | 'phones' | 'date_of_birth'> & {
  date_of_birth: string | null;
  emails: ValidEmail[];
  phones: ValidPhone[];
};

export type FieldErrors = Record<string, string>;

export type DraftCheck = { ok: true; value: ValidCustomer } | { ok: false; errors: FieldErrors };

export function emptyCustomerDraft(): CustomerDraft {
  return {
    first_name: '',
    last_name: '',
    date_of_birth: '',
    notes: '',
    tags: [],
    lifecycle: 'lead',
    owner_id: null,
    emails: [],
    phones: [],
    email_opt_in: false,
    sms_opt_in: false,
  };
}

export function validateCustomerDraft(draft: CustomerDraft, defaultRegion: string): DraftCheck {
  const errors: FieldErrors = {};
  const emails: ValidEmail[] = [];
  const phones: ValidPhone[] = [];
  const seenEmails = new Set<string>();
  const seenPhones = new Set<string>();

  draft.emails.forEach((email, index) => {
    if (email.address.trim() === '') return; // an untouched empty row is not an error
    const check = checkEmail(email.address);
    if (!check.ok) errors[`emails.${index}.address`] = check.reason;
    else if (seenEmails.has(check.normalized))
      errors[`emails.${index}.address`] = 'This email is listed twice';
    else {
      seenEmails.add(check.normalized);
      emails.push({
        address: email.address.trim(),
        address_normalized: check.normalized,
        label: email.label.trim(),
        is_primary: email.is_primary,
      });
    }
  });
  draft.phones.forEach((phone, index) => {
    if (phone.raw_input.trim() === '') return;
    const check = checkPhone(phone.raw_input, defaultRegion);
    if (!check.ok) errors[`phones.${index}.raw_input`] = check.reason;
    else if (seenPhones.has(check.e164))
      errors[`phones.${index}.raw_input`] = 'This number is listed twice';
    else {
      seenPhones.add(check.e164);
      phones.push({
        e164: check.e164,
        raw_input: phone.raw_input.trim(),
        type: phone.type,
        label: phone.label.trim(),
        is_primary: phone.is_primary,
      });
    }
  });
  const dob = checkDateOfBirth(draft.date_of_birth);
  if (!dob.ok) errors.date_of_birth = dob.reason;
  if (!LIFECYCLE_STAGES.includes(draft.lifecycle)) errors.lifecycle = 'Choose a lifecycle stage';
  const hasName = draft.first_name.trim() !== '' || draft.last_name.trim() !== '';
  if (
    !hasName &&
    emails.length === 0 &&
    phones.length === 0 &&
    !errors['emails.0.address'] &&
    !errors['phones.0.raw_input']
  ) {
    errors.first_name = 'Give a name, an email or a phone';
  }
  if (Object.keys(errors).length > 0 || !dob.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      ...draft,
      first_name: draft.first_name.trim(),
      last_name: draft.last_name.trim(),
      notes: draft.notes,
      tags: normalizeTags(draft.tags),
      date_of_birth: dob.value,
      emails,
      phones,
    },
  };
}
