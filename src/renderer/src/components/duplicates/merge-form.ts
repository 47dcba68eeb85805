/**
 * The merge screen's state turned into a plan: the survivor first, the user's picks over the
 * defaults. Pure, so the preview the user sees is the plan the service will make.
 */
import { defaultFieldChoices } from '../../domain/duplicates/merge-profile';
import { planMerge } from '../../domain/duplicates/merge-plan';
import type {
  ChoosableField,
  CustomerBundle,
  MergeChoices,
  MergeResult,
} from '../../domain/duplicates/merge-types';

export type MergeForm = {
  survivorId: string;
  fields: Partial<Record<ChoosableField, string>>;
  primaryEmailId?: string;
  primaryPhoneId?: string;
};

/** The bundles with the survivor first, the others in the order given. */
export function survivorFirst(bundles: readonly CustomerBundle[], survivorId: string) {
  const survivor = bundles.find((bundle) => bundle.profile.id === survivorId) ?? bundles[0];
  return survivor ? [survivor, ...bundles.filter((bundle) => bundle !== survivor)] : [];
}

export function formChoices(bundles: readonly CustomerBundle[], form: MergeForm): MergeChoices {
  const ordered = survivorFirst(bundles, form.survivorId);
  const choices: MergeChoices = { fields: { ...defaultFieldChoices(ordered), ...form.fields } };
  if (form.primaryEmailId) choices.primaryEmailId = form.primaryEmailId;
  if (form.primaryPhoneId) choices.primaryPhoneId = form.primaryPhoneId;
  return choices;
}

export function previewMerge(
  bundles: readonly CustomerBundle[],
  form: MergeForm,
  at: string,
): MergeResult {
  const [survivor, ...others] = survivorFirst(bundles, form.survivorId);
  if (!survivor)
    return { ok: false, problem: { kind: 'nothing-to-merge', message: 'Nothing to merge' } };
  return planMerge({ survivor, others }, formChoices(bundles, form), at);
}

/** Rows of one table as the plan leaves them, for the survivor (live ones). */
export function survivorRowsAfter<T extends { id: string; customer_id: string; deleted: 0 | 1 }>(
  rows: readonly T[],
  changes: readonly { table: string; after: unknown }[],
  table: string,
  survivorId: string,
): T[] {
  const after = new Map(rows.map((row) => [row.id, row]));
  for (const change of changes)
    if (change.table === table) after.set((change.after as T).id, change.after as T);
  return [...after.values()].filter((row) => row.customer_id === survivorId && row.deleted === 0);
}
