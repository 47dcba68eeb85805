import type { Ref, SelectHTMLAttributes } from 'react';
import { PHONE_TYPES, type PhoneType } from '../../domain/records';

export const PHONE_TYPE_LABELS: Record<PhoneType, string> = {
  mobile: 'Mobile',
  work: 'Work',
  home: 'Home',
  other: 'Other',
};

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'> & {
  ref?: Ref<HTMLSelectElement>;
};

/**
 * The one select of a phone's type (mobile, work, home, other): the new-customer form (spread
 * `register(...)`, which brings its ref and onChange), a customer's add row and the in-place
 * editor (value + onChange). Name it with `aria-label` or a `Field`'s props.
 */
export function PhoneTypeSelect({ className = 'select phone-type', ...select }: Props) {
  return (
    <select className={className} {...select}>
      {PHONE_TYPES.map((type) => (
        <option key={type} value={type}>
          {PHONE_TYPE_LABELS[type]}
        </option>
      ))}
    </select>
  );
}
