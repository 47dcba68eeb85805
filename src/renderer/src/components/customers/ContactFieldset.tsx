import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import { CONTACT_KINDS, type ContactKind } from '../../domain/contact-kinds';
import { regionName } from '../../domain/settings/display-names';
import { Field } from '../ui/Field';
import { RepeatRow } from '../ui/RepeatRow';
import { PhoneTypeSelect } from './PhoneTypeSelect';
import type { NewCustomerValues } from './NewCustomerDialog';

type Props = {
  kind: ContactKind;
  form: UseFormReturn<NewCustomerValues>;
  defaultRegion: string;
};

/**
 * The new-customer form's emails or phones: one row per entry, checked as the data layer
 * will check it (CONTACT_KINDS), one of them primary.
 */
export function ContactFieldset({ kind, form, defaultRegion }: Props) {
  const descriptor = CONTACT_KINDS[kind];
  const { register, control, formState, clearErrors } = form;
  const rows = useFieldArray({ control, name: kind === 'email' ? 'emails' : 'phones' });
  const noun = descriptor.noun;
  const Noun = noun[0]?.toUpperCase() + noun.slice(1);
  const validate = (value: string) => {
    if (value.trim() === '') return true;
    const check = descriptor.check(value, defaultRegion);
    return check.ok || check.reason;
  };
  const errorOf = (index: number) =>
    kind === 'email'
      ? formState.errors.emails?.[index]?.address?.message
      : formState.errors.phones?.[index]?.raw_input?.message;

  return (
    <fieldset className="field fieldset-plain">
      <legend className="field-label">
        {descriptor.title}
        {kind === 'phone' && (
          <>
            {' '}
            <span className="field-hint">
              (national numbers read in {regionName(defaultRegion)})
            </span>
          </>
        )}
      </legend>
      {rows.fields.map((item, index) => (
        <RepeatRow
          key={item.id}
          primary={{
            value: String(index),
            ...register(kind === 'email' ? 'primaryEmail' : 'primaryPhone'),
          }}
          primaryLabel={`${Noun} ${index + 1} is primary`}
          removeLabel={`Remove ${noun} ${index + 1}`}
          onRemove={() => rows.remove(index)}
        >
          <Field label={`${Noun} ${index + 1}`} hideLabel reserveError error={errorOf(index)}>
            {(a11y) => (
              <input
                className="input"
                type={descriptor.inputType}
                placeholder={descriptor.placeholder}
                {...a11y}
                {...register(
                  kind === 'email' ? `emails.${index}.address` : `phones.${index}.raw_input`,
                  {
                    validate,
                    // The error named the text as it was ("0176…" is not valid): gone as the
                    // text is corrected, checked again when the field is left.
                    onChange: () =>
                      clearErrors(
                        kind === 'email' ? `emails.${index}.address` : `phones.${index}.raw_input`,
                      ),
                  },
                )}
              />
            )}
          </Field>
          {kind === 'email' ? (
            <input
              className="input"
              placeholder="Label"
              aria-label={`Email ${index + 1} label`}
              {...register(`emails.${index}.label`)}
            />
          ) : (
            <PhoneTypeSelect
              aria-label={`Phone ${index + 1} type`}
              {...register(`phones.${index}.type`)}
            />
          )}
        </RepeatRow>
      ))}
      <div>
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            kind === 'email'
              ? rows.append({ address: '', label: '' })
              : rows.append({ raw_input: '', type: 'mobile' })
          }
        >
          Add {noun}
        </button>
      </div>
    </fieldset>
  );
}
