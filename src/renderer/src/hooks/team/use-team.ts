/** The team, live: who can own customers, deals and tasks, and who "I" am on this computer. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { readByFirstPaint } from '../../app/first-paint/first-read';
import { readSetting } from '../../db/app-settings';
import { getDb } from '../../db/instance';
import type { TeamMember } from '../../domain/records';
import { defaultOwnerId } from '../../domain/team/default-owner';

/** Every team member not deleted, active or not (inactive ones still show on old work). */
export function useTeamMembers(): TeamMember[] {
  return useTeamMembersRead() ?? [];
}

/** The same, undefined until first read (the list hands over from its first paint once read). */
export function useTeamMembersRead(): TeamMember[] | undefined {
  // Drawn by the first paint: its read at once, kept from the mount until the live query
  // answers (the picture's read is forgotten at the handover, before Dexie may be open).
  const [drawn] = useState(() => readByFirstPaint()?.members);
  return useLiveQuery(
    async () =>
      (await getDb().team_members.orderBy('name').toArray()).filter((m) => m.deleted === 0),
    [],
    drawn,
  );
}

export function useCurrentMemberId(): string | null {
  return useLiveQuery(() => readSetting(getDb(), 'currentMemberId'), []) ?? null;
}

/**
 * The owner a new customer, deal or task starts with: you, while an active member
 * (domain/team/default-owner.ts). Undefined until both reads have answered.
 */
export function useDefaultOwnerId(members: readonly TeamMember[]): string | null | undefined {
  const me = useLiveQuery(() => readSetting(getDb(), 'currentMemberId'), []);
  return me === undefined ? undefined : defaultOwnerId(me, members);
}
