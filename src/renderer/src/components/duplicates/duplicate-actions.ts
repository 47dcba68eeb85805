/** What a user can do about duplicates, as actions: merge (with undo), merge all, dismiss. */
import { defineAction } from '../../app/actions/define';
import type { MergeChoices } from '../../domain/duplicates/merge-types';
import { fail, ok } from '../../domain/result';
import { crm } from '../../services/registry';
import { duplicatesClient } from '../../workers/duplicates-client';

export const goToDuplicates = defineAction({
  id: 'go-duplicates',
  label: 'Go to duplicates',
  perform: (_, { navigate }) => navigate('/duplicates'),
});

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const mergeCustomersAction = defineAction<
  { survivorId: string; otherIds: string[]; choices: MergeChoices; name: string },
  void,
  string
>({
  id: 'merge-customers',
  label: 'Merge customers',
  perform: async ({ survivorId, otherIds, choices, name }, { navigate }) => {
    const result = await crm().duplicates.merge({ survivorId, otherIds }, choices);
    if (!result.ok) return result;
    const { undo } = result.value;
    navigate(`/customers/${survivorId}`);
    return {
      ...ok(),
      message: `Merged ${plural(otherIds.length + 1, 'customer')} into ${name}`,
      undo: { run: () => crm().duplicates.undoMerges([undo]), done: 'Merge undone' },
    };
  },
});

/** Every high-confidence group (domain/duplicates/bulk-merge.ts), each merge its own transaction, one undo. */
export const mergeAllHighAction = defineAction<void, void, string>({
  id: 'merge-all-high',
  label: 'Merge all high-confidence pairs',
  perform: async () => {
    await duplicatesClient.settle();
    const plan = await duplicatesClient.api().bulkPlan();
    if (plan.groups.length === 0) return fail('No high-confidence pairs to merge');
    const { merged, refused } = await crm().duplicates.mergeGroups(
      plan.groups.map((group) => ({ survivorId: group.survivorId, otherIds: group.otherIds })),
    );
    const away = merged.reduce((sum, outcome) => sum + outcome.mergedIds.length, 0);
    const undos = merged.map((outcome) => outcome.undo);
    const skipped = refused.length > 0 ? ` (${plural(refused.length, 'group')} refused)` : '';
    return {
      ...ok(),
      message: `Merged ${plural(away, 'customer')} away in ${plural(merged.length, 'merge')}${skipped}`,
      undo: { run: () => crm().duplicates.undoMerges(undos), done: 'Bulk merge undone' },
    };
  },
});

export const dismissPairAction = defineAction<{ a: string; b: string }>({
  id: 'dismiss-duplicate',
  label: 'Not a duplicate',
  perform: async ({ a, b }) => {
    const result = await crm().duplicates.dismiss(a, b);
    if (!result.ok) return result;
    return {
      ...ok(),
      message: 'Marked as not a duplicate',
      undo: { run: () => crm().duplicates.undismiss(a, b), done: 'Shown again' },
    };
  },
});

export const duplicateActions = [goToDuplicates];
