import type { ReactNode } from 'react';
import { formatPhoneForDisplay } from '../../domain/contact-points';
import type { ListColumnId } from '../../domain/customers/list-columns';
import type { CustomerListRow } from '../../domain/records';
import { LifecycleBadge } from './LifecycleBadge';

function formatDay(iso: string): string {
  return iso
    ? new Date(iso).toLocaleDateString(undefined, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
      })
    : '—';
}

type CellProps = { column: ListColumnId; row: CustomerListRow; ownerName: string | undefined };

function cellContent({ column, row, ownerName }: CellProps) {
  switch (column) {
    case 'name':
      return row.display_name;
    case 'email':
      return (
        <>
          {row.primary_email ?? '—'}
          {row.email_count > 1 && <span className="tag tag-after">+{row.email_count - 1}</span>}
        </>
      );
    case 'phone':
      return row.primary_phone ? formatPhoneForDisplay(row.primary_phone) : '—';
    case 'stage':
      return <LifecycleBadge lifecycle={row.lifecycle} />;
    case 'tags':
      return row.tags.map((tag) => (
        <span key={tag} className="tag">
          {tag}
        </span>
      ));
    case 'owner':
      return ownerName ?? '—';
    case 'last_touch':
      return formatDay(row.last_touch_at);
  }
}

const CELL_CLASS: Record<ListColumnId, string> = {
  name: 'cell cell-name',
  email: 'cell cell-muted',
  phone: 'cell cell-mono',
  stage: 'cell',
  tags: 'cell',
  owner: 'cell cell-muted',
  last_touch: 'cell cell-muted',
};

/** One cell of the customer list; its column class sets its width (app.css, list-columns.ts). */
export function CustomerCell(props: CellProps & { before?: ReactNode }) {
  return (
    <span role="gridcell" className={`${CELL_CLASS[props.column]} col-${props.column}`}>
      {props.before}
      {cellContent(props)}
    </span>
  );
}
