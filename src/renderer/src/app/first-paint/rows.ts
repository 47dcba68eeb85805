/**
 * The list's rows as plain DOM, the same elements, classes and text CustomerTable and
 * customerCell draw for an unfiltered list (no search: no matched contact), so React takes
 * over without a change on screen (tests/e2e/startup.e2e.ts compares the two row by row).
 */
import type { ListColumnId } from '../../domain/customers/list-columns';
import {
  LIFECYCLE_LABELS,
  LIST_CELL_CLASS,
  LIST_CELL_TITLES,
} from '../../domain/customers/list-cell-format';
import type { CustomerListRow } from '../../domain/records';
import { displayScore, storedLog } from '../../domain/reports/engagement-score';

/** CustomerTable's ROW_HEIGHT. */
export const ROW_HEIGHT = 36;

export type RowTexts = {
  ownerName(id: string): string | undefined;
  /** The displayed form of a stored phone (undefined: not known, the paint is skipped). */
  phone(e164: string): string | undefined;
  /** The day text of a timestamp (formatListDay's). */
  day(iso: string): string;
  nowMs: number;
};

function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** customerCell's withCount: the text alone, or clipped before a "+n" badge. */
function withCount(cell: HTMLElement, text: string, count: number) {
  if (count <= 1) {
    cell.append(text);
    return;
  }
  const box = element('span', 'cell-with-count');
  box.append(element('span', 'cell-clip', text), element('span', 'tag tag-after', `+${count - 1}`));
  cell.append(box);
}

function fillCell(cell: HTMLElement, column: ListColumnId, row: CustomerListRow, texts: RowTexts) {
  switch (column) {
    case 'name': {
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.className = 'row-select';
      box.tabIndex = -1;
      box.setAttribute('aria-label', `Select ${row.display_name}`);
      cell.append(box, row.display_name);
      return;
    }
    case 'email':
      withCount(cell, row.primary_email ?? '—', row.email_count);
      return;
    case 'phone':
      withCount(
        cell,
        row.primary_phone ? (texts.phone(row.primary_phone) ?? '') : '—',
        row.phone_count,
      );
      return;
    case 'stage':
      cell.append(element('span', `badge badge-${row.lifecycle}`, LIFECYCLE_LABELS[row.lifecycle]));
      return;
    case 'tags':
      for (const tag of row.tags) cell.append(element('span', 'tag', tag));
      return;
    case 'owner':
      cell.append(texts.ownerName(row.owner_id) ?? '—');
      return;
    case 'last_touch':
      cell.append(texts.day(row.last_touch_at));
      return;
    case 'score':
      cell.append(String(displayScore(storedLog(row.engagement_log), texts.nowMs)));
      return;
  }
}

/** Every phone a row shows has a known display form. */
export function phonesKnown(rows: readonly CustomerListRow[], texts: RowTexts): boolean {
  return rows.every((row) => !row.primary_phone || texts.phone(row.primary_phone) !== undefined);
}

/** Row `index` of the list (0: the first customer, shown active like CustomerTable's). */
export function rowElement(
  row: CustomerListRow,
  index: number,
  columns: readonly ListColumnId[],
  texts: RowTexts,
): HTMLElement {
  const line = element('div', 'list-row');
  line.setAttribute('role', 'row');
  line.setAttribute('aria-rowindex', String(index + 2));
  line.setAttribute('aria-selected', 'false');
  if (index === 0) line.dataset.active = 'true';
  line.style.top = `${index * ROW_HEIGHT}px`;
  line.style.height = `${ROW_HEIGHT}px`;
  for (const column of columns) {
    const cell = element('span', `${LIST_CELL_CLASS[column]} col-${column}`);
    cell.setAttribute('role', 'gridcell');
    const title = LIST_CELL_TITLES[column];
    if (title) cell.title = title;
    fillCell(cell, column, row, texts);
    line.append(cell);
  }
  return line;
}
