import { run } from '../../app/actions/runner';
import type { ListColumnId } from '../../domain/customers/list-columns';
import { LIST_COLUMNS, REQUIRED_COLUMN } from '../../domain/customers/list-columns';
import { chooseListColumns } from './customer-bulk-actions';
import { useMenuDismiss } from '../ui/use-menu-dismiss';

type Props = {
  chosen: readonly ListColumnId[];
  /** Chosen columns the list is too narrow for right now. */
  hidden: readonly ListColumnId[];
};

/**
 * Which columns the customer list shows (kept on this computer). A chosen column the window is
 * too narrow for says so, instead of silently missing.
 */
export function ColumnPicker({ chosen, hidden }: Props) {
  const menu = useMenuDismiss();
  function toggle(id: ListColumnId, on: boolean) {
    const next = on ? [...chosen, id] : chosen.filter((column) => column !== id);
    void run(chooseListColumns, next);
  }
  return (
    <details className="menu" ref={menu.ref} onKeyDown={menu.onKeyDown}>
      <summary className="btn btn-small">Columns</summary>
      <fieldset className="menu-panel" aria-label="Columns shown">
        {LIST_COLUMNS.map((column) => (
          <label key={column.id} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(column.id)}
              disabled={column.id === REQUIRED_COLUMN}
              onChange={(event) => toggle(column.id, event.target.checked)}
            />
            {column.label}
            {hidden.includes(column.id) && <span className="field-hint">hidden: too narrow</span>}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
