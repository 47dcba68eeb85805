/** Duplicates: merge, undo, dismiss; bound to the app's database in services/registry.ts. */
import type { CrmDatabase } from '../../../db/database';
import { bindDb } from '../../bind-db';
import { dismissPair, undismissPair } from './dismissals';
import { mergeCustomers, mergeGroups, undoMerges } from './merge-service';

export function createDuplicateService(db: CrmDatabase) {
  return bindDb(db, {
    merge: mergeCustomers,
    mergeGroups,
    undoMerges,
    dismiss: dismissPair,
    undismiss: undismissPair,
  });
}
