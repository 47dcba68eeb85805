/**
 * The plan step's "merge into an existing customer" (docs/duplicates.md, Import assist): which
 * rows about to become new customers detection finds to be existing customers under another
 * email, and the user's choice per row, sent to the import worker's session.
 */
import * as Comlink from 'comlink';
import type { ProbeMatch } from '../../domain/duplicates/duplicate-index';
import type { NewRowIdentity } from '../../services/crm/import/session-merge-into';
import { useImportWizard } from '../../stores/import/import-wizard-store';
import { duplicatesClient } from '../../workers/duplicates-client';
import { importClient } from '../../workers/import-client';
import type { MergePick } from './merge-into-choices';

export type LikelyRow = { identity: NewRowIdentity; matches: ProbeMatch[] };

/** Rows with at least one likely existing customer, best first within each row. */
export async function findLikelyExisting(): Promise<LikelyRow[]> {
  await duplicatesClient.start();
  // Writes not yet sent to the detector (a customer added a moment ago) count too.
  await duplicatesClient.settle();
  // The rows go from the import worker to the detector as bytes this window never reads.
  const packed = await importClient.newRowIdentities();
  if (packed.byteLength <= 2) return [];
  return duplicatesClient
    .api()
    .likelyExistingPacked(Comlink.transfer(packed, [packed.buffer])) as Promise<LikelyRow[]>;
}

/** Rows into an existing customer (customerId) or back to new (null); the plan follows. */
export async function chooseMergeInto(picks: MergePick[]): Promise<void> {
  const wizard = useImportWizard.getState();
  wizard.set({ busy: true, error: null });
  try {
    wizard.set({ analysis: await importClient.setMergeInto(picks) });
  } catch (error) {
    wizard.set({ error: error instanceof Error ? error.message : String(error) });
  } finally {
    useImportWizard.getState().set({ busy: false });
  }
}
