import { run } from '../../app/actions/runner';
import { createCustomer } from './customer-actions';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';

import type { CustomerDraft } from '../../domain/customer-draft';
import { emptyCustomerDraft } from '../../domain/customer-draft';
import {
  dateOfBirthHint,
  describeDateOfBirth,
  readDateOfBirthInput,
} from '../../domain/date-of-birth-input';
import { userLocale } from '../../hooks/settings/user-locale';
import { useDefaultOwnerId } from '../../hooks/team/use-team';
import { LIFECYCLE_STAGES } from '../../domain/records';
import type { PhoneType, TeamMember } from '../../domain/records';
import { parseTagInput } from '../../domain/tags';
import type { DuplicateOwner } from '../../services/crm/customers/customer-service';
import { DialogShell } from '../ui/DialogShell';
import { Field } from '../ui/Field';
import { OwnerSelect } from '../ui/OwnerSelect';
import { ContactFieldset } from './ContactFieldset';
import { LIFECYCLE_LABELS } from './LifecycleBadge';

export type NewCustomerValues = Omit<CustomerDraft, 'tags' | 'emails' | 'phones'> & {
  tags: string;
  emails: { address: string; label: string }[];
  phones: { raw_input: string; type: PhoneType }[];
  primaryEmail: string;
  primaryPhone: string;
};

function initialValues(owner: string | null): NewCustomerValues {
  const base = emptyCustomerDraft();
  return {
    ...base,
    // The person adding the customer owns it unless they choose another (as a new task).
    owner_id: owner,
    tags: '',
    emails: [{ address: '', label: '' }],
    phones: [{ raw_input: '', type: 'mobile' }],
    primaryEmail: '0',
    primaryPhone: '0',
  };
}

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  members: TeamMember[];
  defaultRegion: string;
};

export function NewCustomerDialog({ open, onOpenChange, members, defaultRegion }: Props) {
  const navigate = useNavigate();
  const [duplicate, setDuplicate] = useState<DuplicateOwner | null>(null);
  const defaultOwner = useDefaultOwnerId(members) ?? null;
  const form = useForm<NewCustomerValues>({
    defaultValues: initialValues(defaultOwner),
    mode: 'onBlur',
  });
  const { register, handleSubmit, formState, setError, reset, setValue, getFieldState } = form;
  // "You" may be read after the form opened: taken unless the owner was already chosen.
  useEffect(() => {
    if (!getFieldState('owner_id').isDirty) setValue('owner_id', defaultOwner);
  }, [defaultOwner, getFieldState, setValue]);
  const errors = formState.errors;
  const locale = userLocale();
  const birth = readDateOfBirthInput(form.watch('date_of_birth'), locale);

  function close() {
    reset(initialValues(defaultOwner));
    setDuplicate(null);
    onOpenChange(false);
  }

  async function handleCreate(values: NewCustomerValues) {
    setDuplicate(null);
    // Typed as the import reads it (21.04.1990, 4/21/1990...); the service stores ISO.
    const dateOfBirth = readDateOfBirthInput(values.date_of_birth, locale);
    if (!dateOfBirth.ok) {
      setError('date_of_birth', { message: dateOfBirth.reason });
      return;
    }
    const draft: CustomerDraft = {
      ...values,
      date_of_birth: dateOfBirth.value ?? '',
      tags: parseTagInput(values.tags),
      emails: values.emails.map((email, index) => ({
        ...email,
        is_primary: String(index) === values.primaryEmail,
      })),
      phones: values.phones.map((phone, index) => ({
        ...phone,
        label: '',
        is_primary: String(index) === values.primaryPhone,
      })),
    };
    const result = await run(createCustomer, { draft, defaultRegion });
    if (!result) return;
    if (result.ok) {
      close();
      navigate(`/customers/${result.value}`);
    } else if (result.error.duplicate) {
      setDuplicate(result.error.duplicate);
    } else {
      for (const [path, message] of Object.entries(result.error.fields ?? {}))
        setError(path as 'first_name', { message });
    }
  }

  return (
    <DialogShell
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title="New customer"
    >
      <form className="dialog-form" onSubmit={handleSubmit(handleCreate)} noValidate>
        <div className="field-row">
          <Field label="First name" error={errors.first_name?.message}>
            {(a11y) => <input className="input" autoFocus {...a11y} {...register('first_name')} />}
          </Field>
          <Field label="Last name" error={errors.last_name?.message}>
            {(a11y) => <input className="input" {...a11y} {...register('last_name')} />}
          </Field>
        </div>

        <ContactFieldset kind="email" form={form} defaultRegion={defaultRegion} />
        <ContactFieldset kind="phone" form={form} defaultRegion={defaultRegion} />

        <div className="field-row">
          <Field label="Stage">
            {(a11y) => (
              <select className="select" {...a11y} {...register('lifecycle')}>
                {LIFECYCLE_STAGES.map((stage) => (
                  <option key={stage} value={stage}>
                    {LIFECYCLE_LABELS[stage]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Owner">
            {(a11y) => (
              <OwnerSelect
                members={members}
                {...a11y}
                {...register('owner_id', { setValueAs: (value: string) => value || null })}
              />
            )}
          </Field>
        </div>
        <div className="field-row">
          <Field label="Tags" hint="Separate with commas">
            {(a11y) => (
              <input
                className="input"
                placeholder="vip, festival"
                {...a11y}
                {...register('tags')}
              />
            )}
          </Field>
          <Field
            label="Date of birth"
            error={errors.date_of_birth?.message}
            hint={
              birth.ok && birth.value
                ? `Read as ${describeDateOfBirth(birth.value, locale)}`
                : dateOfBirthHint(locale)
            }
          >
            {(a11y) => (
              <input
                className="input"
                placeholder="1990-04-21"
                {...a11y}
                {...register('date_of_birth', {
                  validate: (text) => {
                    const read = readDateOfBirthInput(text, locale);
                    return read.ok || read.reason;
                  },
                })}
              />
            )}
          </Field>
        </div>
        <div className="checkbox-row">
          <label className="checkbox">
            <input type="checkbox" {...register('email_opt_in')} /> Email marketing opt-in
          </label>
          <label className="checkbox">
            <input type="checkbox" {...register('sms_opt_in')} /> SMS marketing opt-in
          </label>
        </div>

        {duplicate && (
          <div className="notice notice-warning" role="alert">
            <span className="notice-text">
              {duplicate.address} already belongs to <strong>{duplicate.displayName}</strong>.
            </span>
            <button
              type="button"
              className="btn"
              onClick={() => {
                const id = duplicate.customerId;
                close();
                navigate(`/customers/${id}`);
              }}
            >
              Open {duplicate.displayName}
            </button>
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting}>
            Create customer
          </button>
        </div>
      </form>
    </DialogShell>
  );
}
