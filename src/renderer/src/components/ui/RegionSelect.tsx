import { useMemo, type SelectHTMLAttributes } from 'react';
import { regionChoices } from '../../domain/settings/display-names';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'> & {
  value: string;
  onChoose(region: string): void;
};

/** A region by its country's name and calling code ("Germany (+49)"), never a bare code. */
export function RegionSelect({ value, onChoose, ...select }: Props) {
  const choices = useMemo(() => regionChoices(), []);
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
