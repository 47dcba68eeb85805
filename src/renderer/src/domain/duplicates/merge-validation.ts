/** What makes a merge request impossible, said in words (nothing is planned then). */
import { displayName } from '../display-name';
import type { CustomerBundle, MergeChoices, MergeProblem } from './merge-types';

function foreignRow(bundle: CustomerBundle): string | null {
  const id = bundle.profile.id;
  const owned = [...bundle.emails, ...bundle.phones, ...bundle.touchpoints, ...bundle.participants];
  const stray =
    owned.find((row) => row.customer_id !== id) ??
    bundle.tasks.find((task) => task.customer_id !== id) ??
    bundle.relationships.find((row) => row.from_customer_id !== id && row.to_customer_id !== id);
  if (stray) return stray.id;
  const taskIds = new Set(bundle.tasks.map((task) => task.id));
  return bundle.assignments.find((row) => !taskIds.has(row.task_id))?.id ?? null;
}

export function mergeProblem(
  bundles: readonly CustomerBundle[],
  choices: MergeChoices,
): MergeProblem | null {
  if (bundles.length < 2)
    return { kind: 'nothing-to-merge', message: 'Choose at least two customers to merge' };
  const ids = bundles.map((bundle) => bundle.profile.id);
  if (new Set(ids).size !== ids.length)
    return { kind: 'repeated-customer', message: 'The same customer is in the merge twice' };
  const gone = bundles.find((bundle) => bundle.profile.deleted === 1);
  if (gone)
    return {
      kind: 'not-live',
      message: `${displayName(gone.profile)} was deleted or merged already`,
    };
  for (const bundle of bundles) {
    const stray = foreignRow(bundle);
    if (stray)
      return {
        kind: 'foreign-row',
        message: `Row ${stray} does not belong to ${displayName(bundle.profile)}: read the customer again`,
      };
  }
  const unknownField = Object.entries(choices.fields ?? {}).find(
    ([, id]) => id !== undefined && !ids.includes(id),
  );
  if (unknownField)
    return {
      kind: 'unknown-choice',
      message: `The value chosen for ${unknownField[0]} belongs to a customer outside this merge`,
    };
  const live = <T extends { id: string; deleted: 0 | 1 }>(rows: (b: CustomerBundle) => T[]) =>
    new Set(
      bundles.flatMap((bundle) =>
        rows(bundle)
          .filter((row) => row.deleted === 0)
          .map((row) => row.id),
      ),
    );
  if (choices.primaryEmailId !== undefined && !live((b) => b.emails).has(choices.primaryEmailId))
    return { kind: 'unknown-choice', message: 'The chosen primary email is not one of theirs' };
  if (choices.primaryPhoneId !== undefined && !live((b) => b.phones).has(choices.primaryPhoneId))
    return { kind: 'unknown-choice', message: 'The chosen primary phone is not one of theirs' };
  return null;
}
