/**
 * The customer list's own actions: bulk changes on the selection (one toast, one Undo for
 * all), the column choice and saved views.
 */
import { defineAction } from '../../app/actions/define';
import type { BulkChange } from '../../domain/customers/bulk-change';
import { describeBulkChange } from '../../domain/customers/bulk-change';
import { ok } from '../../domain/result';
import type { BulkReceipt } from '../../services/crm/customers/customer-bulk-service';
import type { CustomerListQuery } from '../../services/crm/customers/customer-list-query';
import type { CustomerView } from '../../services/crm/customers/saved-views-service';
import { crm } from '../../services/registry';
import { showToast } from '../../stores/toast-store';

const plural = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'customer' : 'customers'}`;

async function undoAll(receipt: BulkReceipt) {
  const result = await crm().customerBulk.undo(receipt);
  if (!result.ok) return result;
  const { restored, spared } = result.value;
  showToast(
    spared === 0
      ? `Put back ${plural(restored)}`
      : `Put back ${plural(restored)}; ${plural(spared)} changed since were left as they are`,
  );
  return ok();
}

export const bulkEditCustomers = defineAction<
  { ids: readonly string[]; change: BulkChange; label?: string },
  BulkReceipt
>({
  id: 'bulk-edit-customers',
  label: 'Change the selected customers',
  perform: async ({ ids, change, label }) => {
    const result = await crm().customerBulk.apply(ids, change);
    if (!result.ok) return result;
    const receipt = result.value;
    const message =
      receipt.changed.length === 0
        ? `Nothing to change: the ${plural(ids.length)} already were that way`
        : describeBulkChange(receipt.change, receipt.changed.length, label);
    return {
      ...result,
      message,
      undo: receipt.changed.length > 0 ? { run: () => undoAll(receipt) } : undefined,
    };
  },
});

export const chooseListColumns = defineAction<readonly string[]>({
  id: 'choose-customer-columns',
  label: 'Choose the customer list columns',
  perform: (columns) => crm().settings.setCustomerColumns(columns),
});

export const saveView = defineAction<
  { name: string; query: CustomerListQuery; columns: readonly string[] },
  CustomerView
>({
  id: 'save-customer-view',
  label: 'Save the customer list as a view',
  inline: true,
  perform: async ({ name, query, columns }) => {
    const result = await crm().savedViews.save(name, query, columns);
    return result.ok ? { ...result, message: `Saved the view “${result.value.name}”` } : result;
  },
});

export const renameSavedView = defineAction<{ id: string; name: string }>({
  id: 'rename-customer-view',
  label: 'Rename a saved view',
  inline: true,
  perform: ({ id, name }) => crm().savedViews.rename(id, name),
});

export const deleteSavedView = defineAction<string, CustomerView>({
  id: 'delete-customer-view',
  label: 'Delete a saved view',
  perform: async (id) => {
    const result = await crm().savedViews.remove(id);
    if (!result.ok) return result;
    const view = result.value;
    return {
      ...result,
      message: `Deleted the view “${view.name}”`,
      undo: { run: () => crm().savedViews.restore(view), done: `Restored “${view.name}”` },
    };
  },
});
