import type { CrmDatabase } from '../../db/database';
import { newId, nowIso } from '../../domain/ids';
import type { TeamMember } from '../../domain/records';

export function createTeamService(db: CrmDatabase) {
  return {
    async add(
      name: string,
      email = '',
    ): Promise<{ ok: true; id: string } | { ok: false; error: string }> {
      const clean = name.trim();
      if (!clean) return { ok: false, error: 'Give the team member a name' };
      const existing = await db.team_members
        .where('name')
        .equalsIgnoreCase(clean)
        .filter((m) => m.deleted === 0)
        .count();
      if (existing > 0) return { ok: false, error: `${clean} is already on the team` };
      const now = nowIso();
      const member: TeamMember = {
        id: newId(),
        name: clean,
        email: email.trim(),
        active: 1,
        created_at: now,
        updated_at: now,
        deleted: 0,
      };
      await db.team_members.add(member);
      return { ok: true, id: member.id };
    },
  };
}
