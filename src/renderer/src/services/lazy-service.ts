/**
 * A service whose code loads on its first call. The start page (the customer list) never
 * calls the import, backup, report or demo services, so their modules (and the libraries only
 * they use: papaparse, chardet, the import domain, the report tables) stay out of the start
 * path and arrive as chunks of their own when first used.
 *
 * Only services whose every member is a method returning a Promise can be deferred: a caller
 * already awaits each call, so the one-time import hides inside that await. The type below
 * refuses any other service at compile time.
 */

/** Methods that return a Promise keep their type; anything else becomes `never`. */
export type OnlyAsync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => Promise<R>
    : never;
};

/**
 * Stands in for the service `load` resolves to: `service.method(...args)` loads it once (the
 * same module and instance for every later call), then calls the method. A failed load is
 * retried on the next call rather than cached, so one network hiccup does not break the
 * feature until reload.
 */
export function lazyService<T extends OnlyAsync<T>>(load: () => Promise<T>): T {
  let loading: Promise<T> | null = null;
  const instance = (): Promise<T> => {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
  const methods = new Map<PropertyKey, (...args: unknown[]) => Promise<unknown>>();
  return new Proxy({} as T, {
    get(_, key) {
      // Not a thenable (await on the stand-in must not call into the service), and no
      // symbol-keyed members (inspection, iteration) exist on a service.
      if (key === 'then' || typeof key === 'symbol') return undefined;
      let method = methods.get(key);
      if (!method) {
        method = async (...args: unknown[]) => {
          const service = (await instance()) as Record<PropertyKey, unknown>;
          const member = service[key];
          if (typeof member !== 'function') {
            throw new TypeError(`lazy service has no method ${String(key)}`);
          }
          return (member as (...a: unknown[]) => Promise<unknown>).apply(service, args);
        };
        methods.set(key, method);
      }
      return method;
    },
  });
}
