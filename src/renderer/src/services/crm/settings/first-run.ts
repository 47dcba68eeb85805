/**
 * The first-run answers, written at once: who you are (a team member found by name or added),
 * the region national phone numbers are read in, the reporting currency. One transaction, so a
 * half-answered first run never leaves a member without the settings that point to it.
 */
import { writeSetting } from '../../../db/app-settings';
import type { CrmDatabase } from '../../../db/database';
import { isRegionCode } from '../../../domain/phone-display';
import { isCurrencyCode } from '../../../domain/deals/money';
import { newId, nowIso } from '../../../domain/ids';
import type { TeamMember } from '../../../domain/records';
import { fail, ok, type Result } from '../../../domain/result';

export type FirstRunAnswers = { name: string; region: string; currency: string };

/** The live member with this name (any case), or a new one. */
async function findOrAddMember(db: CrmDatabase, name: string): Promise<string> {
  const existing = await db.team_members
    .where('name')
    .equalsIgnoreCase(name)
    .filter((member) => member.deleted === 0)
    .first();
  if (existing) {
    if (existing.active === 0)
      await db.team_members.update(existing.id, { active: 1, updated_at: nowIso() });
    return existing.id;
  }
  const now = nowIso();
  const member: TeamMember = {
    id: newId(),
    name,
    email: '',
    active: 1,
    created_at: now,
    updated_at: now,
    deleted: 0,
  };
  await db.team_members.add(member);
  return member.id;
}

/** Refusals in words, each naming the answer to change. */
function checkAnswers(answers: FirstRunAnswers): string | null {
  if (!answers.name.trim()) return 'Type your name: tasks you add and deal changes carry it';
  if (!isRegionCode(answers.region)) return `${answers.region} is not a region we can read`;
  if (!isCurrencyCode(answers.currency)) return `${answers.currency} is not a currency code`;
  return null;
}

/** Saves the answers; returns the id of the team member who is now "you". */
export async function completeFirstRun(
  db: CrmDatabase,
  answers: FirstRunAnswers,
): Promise<Result<string>> {
  const problem = checkAnswers(answers);
  if (problem) return fail(problem);
  return db.transaction('rw', db.team_members, db.app_settings, async () => {
    const memberId = await findOrAddMember(db, answers.name.trim());
    await writeSetting(db, 'currentMemberId', memberId);
    await writeSetting(db, 'defaultRegion', answers.region);
    await writeSetting(db, 'reportingCurrency', answers.currency);
    await writeSetting(db, 'firstRunDone', true);
    return ok(memberId);
  });
}
