import { CrmDatabase } from '../../src/renderer/src/db/database';
import { completeInitialUpload } from '../../src/renderer/src/sync/initial-upload';
import type { CustomerDraft } from '../../src/renderer/src/domain/customer-draft';
import { emptyCustomerDraft } from '../../src/renderer/src/domain/customer-draft';

let counter = 0;

/** A fresh, empty database per test: real Dexie over fake-indexeddb. */
export function freshDb(): CrmDatabase {
  counter += 1;
  return new CrmDatabase(`encore-test-${counter}-${Math.random().toString(36).slice(2)}`);
}

/**
 * A fresh database that queues its changes for sync, as one does once sync is configured (a
 * new database's change capture is dormant until then: sync/initial-upload.ts).
 */
export async function capturingDb(): Promise<CrmDatabase> {
  const db = freshDb();
  await completeInitialUpload(db);
  return db;
}

export function draft(overrides: Partial<CustomerDraft> = {}): CustomerDraft {
  return { ...emptyCustomerDraft(), ...overrides };
}

export function emailDraft(address: string, is_primary = false) {
  return { address, label: '', is_primary };
}

export function phoneDraft(raw_input: string, is_primary = false) {
  return { raw_input, type: 'mobile' as const, label: '', is_primary };
}
