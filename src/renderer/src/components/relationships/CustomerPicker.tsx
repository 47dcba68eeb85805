import { useId, useState } from 'react';
import { useCustomerMatches } from '../../hooks/customers/use-customers';

type Props = {
  label: string;
  placeholder?: string;
  /** Customers not to offer (the customer itself, when linking). */
  exclude?: readonly string[];
  onPick: (customer: { id: string; name: string }) => void;
  autoFocus?: boolean;
};

/** Search customers by name, email or phone; arrows move, Enter picks, Escape clears. */
export function CustomerPicker({
  label,
  placeholder = 'Search customers',
  exclude = [],
  onPick,
  autoFocus,
}: Props) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const matches = useCustomerMatches(text, 8).filter((row) => !exclude.includes(row.id));
  const open = text.trim() !== '' && matches.length > 0;
  const current = Math.min(active, matches.length - 1);

  function pick(index: number) {
    const row = matches[index];
    if (!row) return;
    onPick({ id: row.id, name: row.name });
    setText('');
    setActive(0);
  }

  return (
    <div className="customer-picker">
      <input
        className="input"
        type="search"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${current}` : undefined}
        aria-autocomplete="list"
        placeholder={placeholder}
        value={text}
        autoFocus={autoFocus}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setActive(Math.min(current + 1, matches.length - 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive(Math.max(current - 1, 0));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            pick(current);
          } else if (event.key === 'Escape') setText('');
        }}
      />
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label} results`}
          className="customer-picker-list"
        >
          {matches.map((row, index) => (
            <li
              key={row.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === current}
              className="customer-picker-option"
              onMouseDown={(event) => {
                event.preventDefault();
                pick(index);
              }}
            >
              <span>{row.name}</span>
              {row.detail && <span className="item-meta">{row.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
