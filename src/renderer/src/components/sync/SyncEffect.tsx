import { useEffect } from 'react';
import { crm } from '../../services/registry';

/** Runs the sync adapter while the app shell is mounted (it stays off until configured). */
export function SyncEffect() {
  useEffect(() => {
    const sync = crm().sync;
    sync.start();
    return () => sync.stop();
  }, []);
  return null;
}
