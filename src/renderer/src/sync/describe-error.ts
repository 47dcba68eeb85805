/** Sync failures in the user's words: what happened and what to do. */
import { fixAction, type SyncFix } from './fix-action';
import { REVOKED_ERROR, isRevocation } from './revoked';
import { SyncAddressError, SyncOfflineError, SyncServerError } from './transport';

export type DescribedError = {
  offline: boolean;
  /** Worth retrying on its own (a network blip, a busy server) or not (a bad token). */
  retry: boolean;
  message: string;
  /** What to do, worded for anywhere in the app (`actionIn` words it for Settings). */
  action: string;
  fix?: SyncFix;
};

export function describeSyncError(error: unknown): DescribedError {
  if (error instanceof SyncOfflineError)
    return {
      offline: true,
      retry: true,
      message: error.message,
      action: 'Your changes are kept on this computer and sync when the server can be reached.',
    };
  if (error instanceof SyncAddressError)
    return {
      offline: false,
      retry: false,
      message: error.message,
      action: fixAction('address', 'elsewhere'),
      fix: 'address',
    };
  if (error instanceof SyncServerError) {
    switch (error.code) {
      case 'unauthorized':
        if (isRevocation(error)) return { offline: false, retry: false, ...REVOKED_ERROR };
        return {
          offline: false,
          retry: false,
          message: 'The server refused the sync token.',
          action: fixAction('token', 'elsewhere'),
          fix: 'token',
        };
      case 'clock_drift':
        return {
          offline: false,
          retry: true,
          message: error.message,
          action: 'Turn on automatic date and time in the system settings; sync resumes by itself.',
        };
      case 'rate_limited':
        return {
          offline: false,
          retry: true,
          message: 'The sync server is busy.',
          action: 'Sync retries by itself in a moment.',
        };
      case 'payload_too_large':
      case 'invalid_body':
      case 'invalid_change':
        return {
          offline: false,
          retry: false,
          message: `The server refused a change: ${error.message}`,
          action: 'Update the app and the sync server to the same version, then sync again.',
        };
      default:
        return {
          offline: false,
          retry: true,
          message: error.message,
          action: 'Sync retries by itself; if this keeps happening, check the server.',
        };
    }
  }
  return {
    offline: false,
    retry: true,
    message: error instanceof Error ? error.message : String(error),
    action: 'Sync retries by itself.',
  };
}
