import type { CrmDatabase } from '../../../db/database';
import { newId, nowIso } from '../../../domain/ids';
import { fail, ok, type Result } from '../../../domain/result';
import type { TeamMember } from '../../../domain/records';

export function createTeamService(db: CrmDatabase) {
  return {
    async add(name: string, email = ''): Promise<Result<string>> {
      const clean = name.trim();
      if (!clean) return fail('Give the team member a name');
      const existing = await db.team_members
        .where('name')
        .equalsIgnoreCase(clean)
        .filter((m) => m.deleted === 0)
        .count();
      if (existing > 0) return fail(`${clean} is already on the team`);
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
      return ok(member.id);
    },

    async rename(id: string, name: string): Promise<Result> {
      const clean = name.trim();
      if (!clean) return fail('Give the team member a name');
      return db.transaction('rw', db.team_members, async () => {
        const member = await db.team_members.get(id);
        if (!member || member.deleted === 1) return fail('No such team member');
        if (member.name === clean) return ok();
        const clash = await db.team_members
          .where('name')
          .equalsIgnoreCase(clean)
          .filter((m) => m.deleted === 0 && m.id !== id)
          .count();
        if (clash > 0) return fail(`${clean} is already on the team`);
        await db.team_members.update(id, { name: clean, updated_at: nowIso() });
        return ok();
      });
    },

    /** Inactive members keep their tasks and history but are no longer offered for new work. */
    async setActive(id: string, active: boolean): Promise<void> {
      await db.team_members.update(id, { active: active ? 1 : 0, updated_at: nowIso() });
    },

    /**
     * Removes someone who owns no live task; their other roles go with them. Someone who
     * owns tasks is refused: hand the tasks over, or deactivate them instead.
     */
    async remove(id: string): Promise<Result> {
      return db.transaction(
        'rw',
        ['team_members', 'crm_task_assignments', 'crm_tasks'],
        async () => {
          const member = await db.team_members.get(id);
          if (!member || member.deleted === 1) return ok();
          const roles = await db.crm_task_assignments
            .where('member_id')
            .equals(id)
            .filter((row) => row.deleted === 0)
            .toArray();
          const tasks = await db.crm_tasks.bulkGet(roles.map((row) => row.task_id));
          const liveTaskIds = new Set(
            tasks.filter((task) => task && task.deleted === 0).map((task) => task?.id),
          );
          const owned = roles.filter(
            (row) => row.assignment_type === 'owner' && liveTaskIds.has(row.task_id),
          ).length;
          if (owned > 0)
            return fail(
              `${member.name} owns ${owned} task${owned === 1 ? '' : 's'}: give ${owned === 1 ? 'it' : 'them'} another owner, or deactivate ${member.name} instead`,
            );
          const now = nowIso();
          await db.crm_task_assignments.bulkPut(
            roles.map((row) => ({ ...row, deleted: 1 as const, updated_at: now })),
          );
          await db.team_members.update(id, { deleted: 1, active: 0, updated_at: now });
          return ok();
        },
      );
    },
  };
}
