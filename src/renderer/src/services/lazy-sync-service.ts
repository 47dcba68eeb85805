/**
 * The sync service as the window uses it, loaded on first use: the sync engine (the protocol's
 * zod schemas, merge, conflict rules) is not on the start path. `start` and `stop` return
 * nothing (SyncEffect calls them after the first screen); they load the engine and act when
 * it is there, the last call winning. Every other member is a Promise, as lazyService asks.
 */
import type { CrmDatabase } from '../db/database';
import type { SyncAdapter } from '../sync/sync-adapter';
import { lazyService } from './lazy-service';

type Triggers = Pick<SyncAdapter, 'start' | 'stop'>;
type Calls = Omit<SyncAdapter, 'start' | 'stop'>;

export function lazySyncService(db: CrmDatabase): Triggers & Calls {
  let loading: Promise<SyncAdapter> | null = null;
  const adapter = () => {
    loading ??= import('../sync/sync-service')
      .then(({ createSyncService }) => createSyncService(db))
      .catch((error: unknown) => {
        loading = null;
        throw error;
      });
    return loading;
  };
  // What start/stop asked for last: applied once the engine has loaded.
  let running = false;
  const apply = () =>
    void adapter().then(
      (sync) => (running ? sync.start() : sync.stop()),
      (error: unknown) => console.error('sync:', error),
    );
  const calls = lazyService<Calls>(adapter);
  return new Proxy(calls, {
    get(target, key, receiver) {
      if (key === 'start')
        return () => {
          running = true;
          apply();
        };
      if (key === 'stop')
        return () => {
          running = false;
          if (loading) apply(); // never loaded: nothing runs
        };
      return Reflect.get(target, key, receiver) as unknown;
    },
  }) as Triggers & Calls;
}
