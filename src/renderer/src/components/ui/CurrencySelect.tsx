import { useMemo, type SelectHTMLAttributes } from 'react';
import { COMMON_CURRENCIES } from '../../domain/deals/money';
import { currencyChoices } from '../../domain/settings/display-names';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'> & {
  value: string;
  onChoose(currency: string): void;
};

/** The reporting currency by name ("Euro (EUR)"): the common ones, and the current one. */
export function CurrencySelect({ value, onChoose, ...select }: Props) {
  const choices = useMemo(() => currencyChoices([value, ...COMMON_CURRENCIES]), [value]);
  return (
    <select
      className="select"
      {...select}
      value={value}
      onChange={(event) => onChoose(event.target.value)}
    >
      {choices.map((choice) => (
        <option key={choice.code} value={choice.code}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}
