/** What the sync indicator and the Sync settings show. UI state only: rows stay in Dexie. */
import { create } from 'zustand';
import type { SyncFix } from '../../sync/fix-action';

export type SyncPhase = 'off' | 'idle' | 'syncing' | 'offline' | 'error';

export type SyncStatus = {
  phase: SyncPhase;
  /** Local changes not yet confirmed by the server. */
  pending: number;
  /** Changes the server refused for their content, set aside (Settings → Sync lists them). */
  setAside: number;
  lastSyncedAt: string | null;
  /**
   * What went wrong and what the user can do about it; `fix` names what to change, so the
   * action can be worded for where it is shown (fix-action.ts).
   */
  error: { message: string; action: string; fix?: SyncFix } | null;
  /** First sync of a large workspace: rows received of the total. */
  progress: { done: number; total: number | null } | null;
  /** The computer's clock differs from the server's by more than a minute. */
  skewWarning: string | null;
  nextRetryAt: number | null;
};

export const INITIAL_SYNC_STATUS: SyncStatus = {
  phase: 'off',
  pending: 0,
  setAside: 0,
  lastSyncedAt: null,
  error: null,
  progress: null,
  skewWarning: null,
  nextRetryAt: null,
};

type SyncStatusState = SyncStatus & {
  update: (patch: Partial<SyncStatus>) => void;
  reset: () => void;
};

export const useSyncStatusStore = create<SyncStatusState>()((set) => ({
  ...INITIAL_SYNC_STATUS,
  update: (patch) => set(patch),
  reset: () => set(INITIAL_SYNC_STATUS),
}));
