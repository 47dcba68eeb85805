import { memo } from 'react';
import type { ListColumnId } from '../../domain/customers/list-columns';
import type { CustomerListRow } from '../../domain/records';
import { matchedContacts } from '../../domain/search/why-matched';
import { customerCell } from './customer-cells';

type Props = {
  row: CustomerListRow;
  search: string;
  columns: readonly ListColumnId[];
  ownerName: string | undefined;
  selected: boolean;
  onPick(id: string, range: boolean): void;
};

/**
 * One customer's cells, in the columns that fit. When the search matched only another email
 * or phone of the customer, that one is shown in place of the primary (marked as the match),
 * so the row says why it is here; "+N" counts the others either way. Memoized: a keystroke
 * re-renders the list with its previous answer until the new one arrives.
 */
export const CustomerRowCells = memo(function CustomerRowCells({
  row,
  search,
  columns,
  ownerName,
  selected,
  onPick,
}: Props) {
  const matched = matchedContacts(row, search);
  // The box sits in the name cell: the row's first cell stays its name for readers and tests.
  const box = (
    <input
      type="checkbox"
      className="row-select"
      tabIndex={-1}
      aria-label={`Select ${row.display_name}`}
      checked={selected}
      onClick={(event) => {
        event.stopPropagation();
        onPick(row.customer_id, event.shiftKey);
      }}
      onChange={() => undefined}
    />
  );
  return (
    <>
      {columns.map((column) =>
        customerCell({
          column,
          row,
          ownerName,
          matched,
          before: column === 'name' ? box : undefined,
        }),
      )}
    </>
  );
});
