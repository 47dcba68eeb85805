import type { TeamMember } from '../records';

/**
 * Who owns what a person creates (a customer, a deal, a task) unless they change it: that
 * person ("you", the `current_member_id` setting) while an active member of the team; else
 * nobody, rather than a choice the owner picker cannot show.
 */
export function defaultOwnerId(me: string | null, members: readonly TeamMember[]): string | null {
  if (me === null) return null;
  return members.some((member) => member.id === me && member.active === 1 && member.deleted === 0)
    ? me
    : null;
}
