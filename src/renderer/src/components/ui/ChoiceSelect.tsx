import type { SelectHTMLAttributes } from 'react';

export type SelectProps = Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  'value' | 'onChange' | 'children'
> & {
  value: string;
  onChoose(code: string): void;
};

/** A plain select over coded choices shown by their label ("Euro (EUR)", "Germany (+49)"). */
export function ChoiceSelect({
  value,
  onChoose,
  choices,
  ...select
}: SelectProps & { choices: readonly { code: string; label: string }[] }) {
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
