import type { SelectHTMLAttributes } from 'react';

export type Choice<T extends string> = { value: T; label: string };

type Props<T extends string> = Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  'value' | 'onChange' | 'children'
> & {
  value: T;
  choices: readonly Choice<T>[];
  onChoose(value: T): void;
};

/** A select over a fixed list of choices (a status, a priority, a stage), typed by its values. */
export function Select<T extends string>({ value, choices, onChoose, ...select }: Props<T>) {
  return (
    <select
      className="select"
      {...select}
      value={value}
      onChange={(event) => onChoose(event.target.value as T)}
    >
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}

/** Choices from a list of values and their labels (a map or a function). */
export function choicesOf<T extends string>(
  values: readonly T[],
  labels: Record<T, string> | ((value: T) => string),
): Choice<T>[] {
  return values.map((value) => ({
    value,
    label: typeof labels === 'function' ? labels(value) : labels[value],
  }));
}
