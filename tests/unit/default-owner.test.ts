import { describe, expect, it } from 'vitest';
import type { TeamMember } from '../../src/renderer/src/domain/records';
import { defaultOwnerId } from '../../src/renderer/src/domain/team/default-owner';

const member = (id: string, active: 0 | 1 = 1, deleted: 0 | 1 = 0): TeamMember => ({
  id,
  name: id,
  email: `${id}@encore.example`,
  active,
  created_at: '2026-12-07T09:00:00.000Z',
  updated_at: '2026-12-07T09:00:00.000Z',
  deleted,
});

describe('who owns new work by default', () => {
  it('you, the person creating it, while an active member', () => {
    expect(defaultOwnerId('me', [member('other'), member('me')])).toBe('me');
  });

  it('nobody when you are not set, inactive, removed or not in the team', () => {
    expect(defaultOwnerId(null, [member('me')])).toBeNull();
    expect(defaultOwnerId('me', [member('me', 0)])).toBeNull();
    expect(defaultOwnerId('me', [member('me', 1, 1)])).toBeNull();
    expect(defaultOwnerId('me', [member('other')])).toBeNull();
  });
});
