import { useEffect } from 'react';
import { afterFirstScreen } from '../../app/first-screen';
import { crm } from '../../services/registry';

/**
 * Runs the sync adapter while the app shell is mounted (it stays off until configured),
 * from the moment the first screen is shown: a pull must not compete with the first rows.
 */
export function SyncEffect() {
  useEffect(() => {
    let started = false;
    let unmounted = false;
    void afterFirstScreen().then(() => {
      if (unmounted) return;
      crm().sync.start();
      started = true;
    });
    return () => {
      unmounted = true;
      if (started) crm().sync.stop();
    };
  }, []);
  return null;
}
