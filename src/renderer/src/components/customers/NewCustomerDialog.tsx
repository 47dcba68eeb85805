import { run } from '../../app/actions/runner';
import { createCustomer } from './customer-actions';
import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { checkEmail, checkPhone } from '../../domain/contact-points';
import type { CustomerDraft } from '../../domain/customer-draft';
import { emptyCustomerDraft } from '../../domain/customer-draft';
import { LIFECYCLE_STAGES, PHONE_TYPES } from '../../domain/records';
import type { PhoneType, TeamMember } from '../../domain/records';
import { parseTagInput } from '../../domain/tags';
import type { DuplicateOwner } from '../../services/crm/customers/customer-service';
import { Field } from '../ui/Field';
import { LIFECYCLE_LABELS } from './LifecycleBadge';

type FormValues = Omit<CustomerDraft, 'tags' | 'emails' | 'phones'> & {
  tags: string;
  emails: { address: string; label: string }[];
  phones: { raw_input: string; type: PhoneType }[];
  primaryEmail: string;
  primaryPhone: string;
};

function emailFieldProblem(value: string): true | string {
  if (value.trim() === '') return true;
  const check = checkEmail(value);
  return check.ok || check.reason;
}

function initialValues(): FormValues {
  const base = emptyCustomerDraft();
  return {
    ...base,
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
  const form = useForm<FormValues>({ defaultValues: initialValues(), mode: 'onBlur' });
  const { register, handleSubmit, formState, setError, reset, control } = form;
  const emails = useFieldArray({ control, name: 'emails' });
  const phones = useFieldArray({ control, name: 'phones' });
  const errors = formState.errors;

  function close() {
    reset(initialValues());
    setDuplicate(null);
    onOpenChange(false);
  }

  async function handleCreate(values: FormValues) {
    setDuplicate(null);
    const draft: CustomerDraft = {
      ...values,
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
    <Dialog.Root open={open} onOpenChange={(next) => (next ? onOpenChange(true) : close())}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" aria-describedby={undefined}>
          <Dialog.Title className="dialog-title">New customer</Dialog.Title>
          <form
            onSubmit={handleSubmit(handleCreate)}
            noValidate
            style={{ display: 'flex', flexDirection: 'column', gap: 'var(--space-4)' }}
          >
            <div className="field-row">
              <Field label="First name" error={errors.first_name?.message}>
                {(a11y) => (
                  <input className="input" autoFocus {...a11y} {...register('first_name')} />
                )}
              </Field>
              <Field label="Last name" error={errors.last_name?.message}>
                {(a11y) => <input className="input" {...a11y} {...register('last_name')} />}
              </Field>
            </div>

            <fieldset className="field" style={{ border: 'none', padding: 0, margin: 0 }}>
              <legend className="field-label">Emails</legend>
              {emails.fields.map((item, index) => (
                <div key={item.id} className="repeat-row">
                  <Field
                    label={`Email ${index + 1}`}
                    hideLabel
                    error={errors.emails?.[index]?.address?.message}
                  >
                    {(a11y) => (
                      <input
                        className="input"
                        type="email"
                        placeholder="name@example.com"
                        {...a11y}
                        {...register(`emails.${index}.address`, { validate: emailFieldProblem })}
                      />
                    )}
                  </Field>
                  <input
                    className="input"
                    placeholder="Label"
                    aria-label={`Email ${index + 1} label`}
                    {...register(`emails.${index}.label`)}
                  />
                  <label className="checkbox" title="Primary email">
                    <input
                      type="radio"
                      value={String(index)}
                      {...register('primaryEmail')}
                      aria-label={`Email ${index + 1} is primary`}
                    />{' '}
                    Primary
                  </label>
                  <button
                    type="button"
                    className="btn btn-ghost"
                    aria-label={`Remove email ${index + 1}`}
                    onClick={() => emails.remove(index)}
                  >
                    ×
                  </button>
                </div>
              ))}
              <div>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => emails.append({ address: '', label: '' })}
                >
                  Add email
                </button>
              </div>
            </fieldset>

            <fieldset className="field" style={{ border: 'none', padding: 0, margin: 0 }}>
              <legend className="field-label">
                Phones{' '}
                <span className="field-hint">(national numbers read as {defaultRegion})</span>
              </legend>
              {phones.fields.map((item, index) => (
                <div key={item.id} className="repeat-row">
                  <Field
                    label={`Phone ${index + 1}`}
                    hideLabel
                    error={errors.phones?.[index]?.raw_input?.message}
                  >
                    {(a11y) => (
                      <input
                        className="input"
                        type="tel"
                        placeholder="+1 415 555 0134"
                        {...a11y}
                        {...register(`phones.${index}.raw_input`, {
                          validate: (value) => {
                            if (value.trim() === '') return true;
                            const check = checkPhone(value, defaultRegion);
                            return check.ok || check.reason;
                          },
                        })}
                      />
                    )}
                  </Field>
                  <select
                    className="select"
                    aria-label={`Phone ${index + 1} type`}
                    {...register(`phones.${index}.type`)}
                  >
                    {PHONE_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {type}
                      </option>
                    ))}
                  </select>
                  <label className="checkbox" title="Primary phone">
                    <input
                      type="radio"
                      value={String(index)}
                      {...register('primaryPhone')}
                      aria-label={`Phone ${index + 1} is primary`}
                    />{' '}
                    Primary
                  </label>
                  <button
                    type="button"
                    className="btn btn-ghost"
                    aria-label={`Remove phone ${index + 1}`}
                    onClick={() => phones.remove(index)}
                  >
                    ×
                  </button>
                </div>
              ))}
              <div>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => phones.append({ raw_input: '', type: 'mobile' })}
                >
                  Add phone
                </button>
              </div>
            </fieldset>

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
                  <select
                    className="select"
                    {...a11y}
                    {...register('owner_id', { setValueAs: (value: string) => value || null })}
                  >
                    <option value="">No owner</option>
                    {members.map((member) => (
                      <option key={member.id} value={member.id}>
                        {member.name}
                      </option>
                    ))}
                  </select>
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
              <Field label="Date of birth" error={errors.date_of_birth?.message} hint="YYYY-MM-DD">
                {(a11y) => (
                  <input
                    className="input"
                    placeholder="1990-04-21"
                    {...a11y}
                    {...register('date_of_birth')}
                  />
                )}
              </Field>
            </div>
            <div style={{ display: 'flex', gap: 'var(--space-4)' }}>
              <label className="checkbox">
                <input type="checkbox" {...register('email_opt_in')} /> Email marketing opt-in
              </label>
              <label className="checkbox">
                <input type="checkbox" {...register('sms_opt_in')} /> SMS marketing opt-in
              </label>
            </div>

            {duplicate && (
              <div className="notice notice-warning" role="alert">
                <span style={{ flex: 1 }}>
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
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
