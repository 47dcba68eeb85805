import { choicesOf } from './Select';
import type { ReactNode } from 'react';

type BarProps = {
  /** The group's name for screen readers ("Deal filters"); a search bar has role search. */
  label?: string;
  role?: 'group' | 'search';
  /** Whether any filter is set: then the clear button shows. */
  active: boolean;
  onClear(): void;
  clearLabel?: string;
  className?: string;
  children: ReactNode;
};

/** The one filter toolbar: the filters in a row, and a clear button once any is set. */
export function FilterBar({
  label,
  role = 'group',
  active,
  onClear,
  clearLabel = 'Clear filters',
  className,
  children,
}: BarProps) {
  return (
    <div className={className ? `toolbar ${className}` : 'toolbar'} role={role} aria-label={label}>
      {children}
      {active && (
        <button type="button" className="btn btn-ghost" onClick={onClear}>
          {clearLabel}
        </button>
      )}
    </div>
  );
}

type SelectProps<T extends string> = {
  label: string;
  value: T | null;
  /** The choice meaning "no filter", e.g. "Any stage". */
  anyLabel: string;
  options: readonly { value: T; label: string }[];
  onChange(value: T | null): void;
  className?: string;
};

/** One filter of a FilterBar: a select whose first choice is "any". */
export function FilterSelect<T extends string>({
  label,
  value,
  anyLabel,
  options,
  onChange,
  className,
}: SelectProps<T>) {
  return (
    <select
      className={className ? `select ${className}` : 'select'}
      aria-label={label}
      value={value ?? ''}
      onChange={(event) => onChange((event.target.value || null) as T | null)}
    >
      <option value="">{anyLabel}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/** Options from a list of values and a label map (statuses, priorities, stages). */
export const optionsOf = choicesOf;

type DateProps = {
  /** The words before the box ("Event", "to", "From"). */
  label: string;
  /** Its name for screen readers ("Event date from"). */
  name: string;
  value: string | null;
  onChange(value: string | null): void;
  /** What an empty box says where Chromium would show "mm/dd/yyyy" ("Any", "Default"). */
  emptyText: string;
  /** What an empty box means, for screen readers and as a tooltip. */
  emptyMeaning: string;
  className?: string;
};

/**
 * A date of a filter bar: a real date input (typed, picked, reached by Tab). Empty, it says
 * what no date means ("Any") where the browser would show a blank "mm/dd/yyyy"; focused, its
 * fields. The fields are transparent while empty, not hidden: hidden fields take no focus.
 */
export function FilterDate(props: DateProps) {
  const { label, name, value, onChange, emptyText, emptyMeaning, className } = props;
  return (
    <label className={className ? `deal-filter-date ${className}` : 'deal-filter-date'}>
      <span>{label}</span>
      <span className="filter-date-slot">
        <input
          className="input"
          type="date"
          aria-label={name}
          aria-description={value ? undefined : emptyMeaning}
          title={value ? undefined : emptyMeaning}
          data-empty={value ? undefined : ''}
          value={value ?? ''}
          onChange={(event) => onChange(event.target.value || null)}
        />
        {!value && (
          <span className="filter-date-empty" aria-hidden="true">
            {emptyText}
          </span>
        )}
      </span>
    </label>
  );
}
