/** What the merge screen shows: each customer's bundle, read in one transaction. */
import type { CrmDatabase } from '../../../db/database';
import type { CustomerBundle } from '../../../domain/duplicates/merge-types';
import { MERGE_TABLES, readBundles } from './merge-bundles';

export type MergeView = {
  /** Live customers, in the order asked. */
  bundles: CustomerBundle[];
  /** Ids asked for that are gone, deleted or merged already. */
  gone: string[];
};

export async function readMergeView(db: CrmDatabase, ids: readonly string[]): Promise<MergeView> {
  const { bundles, missing } = await db.transaction('r', [...MERGE_TABLES], () =>
    readBundles(db, ids),
  );
  const live = bundles.filter((bundle) => bundle.profile.deleted === 0);
  const gone = [
    ...missing,
    ...bundles.filter((bundle) => bundle.profile.deleted === 1).map((b) => b.profile.id),
  ];
  return { bundles: live, gone };
}
