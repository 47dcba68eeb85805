/** The team, live: who can own customers, deals and tasks, and who "I" am on this computer. */
import { useLiveQuery } from 'dexie-react-hooks';
import { readByFirstPaint } from '../../app/first-paint/first-read';
import { readSetting } from '../../db/app-settings';
import { getDb } from '../../db/instance';
import type { TeamMember } from '../../domain/records';

/** Every team member not deleted, active or not (inactive ones still show on old work). */
export function useTeamMembers(): TeamMember[] {
  return useTeamMembersRead() ?? [];
}

/** The same, undefined until first read (the list hands over from its first paint once read). */
export function useTeamMembersRead(): TeamMember[] | undefined {
  return useLiveQuery(
    async () =>
      (await getDb().team_members.orderBy('name').toArray()).filter((m) => m.deleted === 0),
    [],
    readByFirstPaint()?.members, // drawn by the first paint: its read at once
  );
}

export function useCurrentMemberId(): string | null {
  return useLiveQuery(() => readSetting(getDb(), 'currentMemberId'), []) ?? null;
}
