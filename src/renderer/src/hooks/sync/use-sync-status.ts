import { useLiveQuery } from 'dexie-react-hooks';
import { useShallow } from 'zustand/react/shallow';
import { getDb } from '../../db/instance';
// The setting itself, not the sync adapter's reader: the adapter loads after the first screen.
import { readSetting } from '../../db/app-settings';
import type { SyncSettings } from '../../sync/sync-adapter';
import { useSyncStatusStore } from '../../stores/sync/sync-status-store';
import type { SyncStatus } from '../../stores/sync/sync-status-store';

/** The sync status the indicator and the settings show (kept by the sync adapter). */
export function useSyncStatus(): SyncStatus {
  return useSyncStatusStore(
    useShallow((state) => ({
      phase: state.phase,
      pending: state.pending,
      setAside: state.setAside,
      lastSyncedAt: state.lastSyncedAt,
      error: state.error,
      progress: state.progress,
      skewWarning: state.skewWarning,
      nextRetryAt: state.nextRetryAt,
    })),
  );
}

/** One line for the sidebar: what sync is doing, in words. */
export function syncSummary(status: SyncStatus): string {
  const waiting = [
    status.pending > 0
      ? `${status.pending.toLocaleString()} change${status.pending === 1 ? '' : 's'} waiting`
      : '',
    status.setAside > 0 ? `${status.setAside.toLocaleString()} set aside` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  switch (status.phase) {
    case 'off':
      return 'Sync off';
    case 'syncing':
      return status.progress
        ? `Syncing ${status.progress.done.toLocaleString()} of ${status.progress.total?.toLocaleString() ?? '…'}`
        : 'Syncing…';
    case 'offline':
      return waiting ? `Offline · ${waiting}` : 'Offline';
    case 'error':
      return waiting ? `Sync problem · ${waiting}` : 'Sync problem';
    case 'idle':
      return waiting || 'Synced';
  }
}

/** The saved server address and on/off switch (app_settings, this computer only). */
export function useSyncSettings(): SyncSettings | undefined {
  return useLiveQuery(() => readSetting(getDb(), 'sync'), []);
}
