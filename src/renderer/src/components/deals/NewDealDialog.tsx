import { DialogShell } from '../ui/DialogShell';
import { OwnerSelect } from '../ui/OwnerSelect';
import { run } from '../../app/actions/runner';
import { createDeal } from './deal-actions';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useDefaultOwnerId } from '../../hooks/team/use-team';
import type { DealDraft } from '../../domain/deals/deal-draft';
import { DEAL_TYPE_LABELS, emptyDealDraft } from '../../domain/deals/deal-draft';
import { COMMON_CURRENCIES, parseMoney } from '../../domain/deals/money';
import type { DealStatus } from '../../domain/deals/statuses';
import { DEAL_STATUSES, outcomeOf, statusLabel } from '../../domain/deals/statuses';
import type { DealType, TeamMember } from '../../domain/records';
import { DEAL_TYPES } from '../../domain/records';
import { Field } from '../ui/Field';

type FormValues = {
  title: string;
  event_name: string;
  event_date: string;
  venue: string;
  amount: string;
  currency: string;
  deal_type: DealType;
  deal_percent: string;
  status: DealStatus;
  owner_id: string;
};

const OPEN_STATUSES = DEAL_STATUSES.filter((status) => outcomeOf(status) === 'open');

function initialValues(currency: string, owner: string | null): FormValues {
  return {
    title: '',
    event_name: '',
    event_date: '',
    venue: '',
    amount: '',
    currency,
    deal_type: 'flat',
    deal_percent: '',
    status: 'inquiry',
    // The person creating the deal owns it unless they choose another (as a new task).
    owner_id: owner ?? '',
  };
}

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  members: TeamMember[];
  defaultCurrency: string;
};

export function NewDealDialog({ open, onOpenChange, members, defaultCurrency }: Props) {
  const defaultOwner = useDefaultOwnerId(members) ?? null;
  const form = useForm<FormValues>({ defaultValues: initialValues(defaultCurrency, defaultOwner) });
  const { register, handleSubmit, formState, setError, reset, watch, setValue, getFieldState } =
    form;
  // "You" may be read after the form opened: taken unless the owner was already chosen.
  useEffect(() => {
    if (!getFieldState('owner_id').isDirty) setValue('owner_id', defaultOwner ?? '');
  }, [defaultOwner, getFieldState, setValue]);
  const errors = formState.errors;
  const dealType = watch('deal_type');

  function close() {
    reset(initialValues(defaultCurrency, defaultOwner));
    onOpenChange(false);
  }

  async function handleCreate(values: FormValues) {
    const money =
      values.amount.trim() === ''
        ? { ok: true as const, minor: 0 }
        : parseMoney(values.amount, values.currency);
    if (!money.ok) {
      setError('amount', { message: money.reason });
      return;
    }
    const percent = values.deal_percent.trim() === '' ? null : Number(values.deal_percent);
    const draft: DealDraft = {
      ...emptyDealDraft(values.currency),
      title: values.title,
      event_name: values.event_name,
      event_date: values.event_date || null,
      venue: values.venue,
      amount_minor: money.minor,
      deal_type: values.deal_type,
      deal_percent: values.deal_type === 'flat' ? null : percent,
      status: values.status,
      owner_id: values.owner_id || null,
    };
    const result = await run(createDeal, draft);
    if (!result) return;
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.error)) {
        const target = field === 'amount_minor' ? 'amount' : field;
        setError(target as keyof FormValues, { message });
      }
      return;
    }
    close();
  }

  return (
    <DialogShell
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title="New deal"
    >
      <form onSubmit={handleSubmit(handleCreate)} noValidate className="deal-form">
        <Field label="Title" error={errors.title?.message}>
          {(a11y) => (
            <input
              className="input"
              autoFocus
              placeholder="Hania Rani at Paradiso"
              {...a11y}
              {...register('title', { required: 'Give the deal a title' })}
            />
          )}
        </Field>
        <div className="field-row">
          <Field label="Event" error={errors.event_name?.message}>
            {(a11y) => (
              <input
                className="input"
                placeholder="Spring Tour"
                {...a11y}
                {...register('event_name')}
              />
            )}
          </Field>
          <Field label="Event date" error={errors.event_date?.message}>
            {(a11y) => (
              <input className="input" type="date" {...a11y} {...register('event_date')} />
            )}
          </Field>
        </div>
        <div className="field-row">
          <Field label="Venue" error={errors.venue?.message}>
            {(a11y) => <input className="input" {...a11y} {...register('venue')} />}
          </Field>
          <Field label="Starting stage">
            {(a11y) => (
              <select className="select" {...a11y} {...register('status')}>
                {OPEN_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {statusLabel(status)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="field-row">
          <Field
            label="Amount"
            error={errors.amount?.message}
            hint="Guarantee, or expected door share"
          >
            {(a11y) => (
              <input
                className="input"
                inputMode="decimal"
                placeholder="12500"
                {...a11y}
                {...register('amount')}
              />
            )}
          </Field>
          <Field label="Currency" error={errors.currency?.message}>
            {(a11y) => (
              <select className="select" {...a11y} {...register('currency')}>
                {COMMON_CURRENCIES.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="field-row">
          <Field label="Deal type">
            {(a11y) => (
              <select className="select" {...a11y} {...register('deal_type')}>
                {DEAL_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {DEAL_TYPE_LABELS[type]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {dealType !== 'flat' && (
            <Field
              label="Percentage"
              error={errors.deal_percent?.message}
              hint="Of the door, after costs"
            >
              {(a11y) => (
                <input
                  className="input"
                  inputMode="numeric"
                  placeholder="80"
                  {...a11y}
                  {...register('deal_percent')}
                />
              )}
            </Field>
          )}
        </div>
        <Field label="Owner">
          {(a11y) => <OwnerSelect members={members} {...a11y} {...register('owner_id')} />}
        </Field>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting}>
            Create deal
          </button>
        </div>
      </form>
    </DialogShell>
  );
}
