import { describe, expect, it } from 'vitest';
import { saidInSync } from '../../src/renderer/src/hooks/sync/use-team-admin';

const refused = {
  message: 'The server refused the sync token.',
  action: 'Paste a current token in Settings → Sync (ask your workspace admin for one).',
  token: true,
};

describe('Team access says a sync problem once', () => {
  it('points to Settings → Sync when Sync already says the same problem', () => {
    expect(saidInSync(refused, { message: refused.message })).toBe(true);
  });

  it('says it itself when Sync says nothing, or something else', () => {
    expect(saidInSync(refused, null)).toBe(false);
    expect(saidInSync(refused, { message: 'The sync server cannot be reached.' })).toBe(false);
  });
});
