import { describe, expect, it } from 'vitest';
import { describeSyncError } from '../../src/renderer/src/sync/describe-error';
import { actionIn, fixAction, type SyncFix } from '../../src/renderer/src/sync/fix-action';
import { REVOKED_ERROR } from '../../src/renderer/src/sync/revoked';
import { SyncAddressError, SyncServerError } from '../../src/renderer/src/sync/transport';

const FIXES: SyncFix[] = ['token', 'address', 'join'];

describe('a sync problem says what to do as it fits where it is shown', () => {
  it('in Settings (Sync and Team access) it names the place on the page, not "Settings → …"', () => {
    for (const fix of FIXES) {
      expect(fixAction(fix, 'sync')).not.toMatch(/Settings →/);
      expect(fixAction(fix, 'team')).not.toMatch(/Settings →/);
      expect(fixAction(fix, 'elsewhere')).toMatch(/Settings →/);
    }
    expect(fixAction('token', 'sync')).toMatch(/Access token field above/);
    expect(fixAction('token', 'team')).toMatch(/in Sync, above/);
    expect(fixAction('join', 'sync')).toMatch(/Team access, below/);
  });

  it('a refused token, a refused address and a revocation name their fix', () => {
    const token = describeSyncError(new SyncServerError(401, 'unauthorized', 'no'));
    expect(token.fix).toBe('token');
    expect(token.action).toBe(fixAction('token', 'elsewhere'));
    expect(actionIn(token, 'sync')).toBe(fixAction('token', 'sync'));
    const address = describeSyncError(new SyncAddressError('use https://'));
    expect(actionIn(address, 'sync')).toBe(fixAction('address', 'sync'));
    const revoked = describeSyncError(
      new SyncServerError(401, 'unauthorized', 'no', { reason: 'revoked' }),
    );
    expect(actionIn(revoked, 'sync')).toBe(fixAction('join', 'sync'));
    expect(REVOKED_ERROR.action).toBe(fixAction('join', 'elsewhere'));
  });

  it('an action with no fix keeps its own words everywhere', () => {
    const busy = describeSyncError(new SyncServerError(429, 'rate_limited', 'busy'));
    expect(busy.fix).toBeUndefined();
    expect(actionIn(busy, 'sync')).toBe(busy.action);
  });
});
