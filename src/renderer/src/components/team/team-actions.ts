/** The team and who "I" am on this computer, as actions (app/actions). */
import { defineAction } from '../../app/actions/define';
import { ok } from '../../domain/result';
import { crm } from '../../services/registry';

export const setCurrentMember = defineAction<string | null>({
  id: 'set-current-member',
  label: 'Choose who you are',
  perform: (memberId) => crm().settings.setCurrentMember(memberId),
});

/** The first member added on a fresh install is, almost always, the person typing. */
export const addMember = defineAction<{ name: string; becomeMe: boolean }, string>({
  id: 'add-member',
  label: 'Add team member',
  inline: true,
  perform: async ({ name, becomeMe }) => {
    const result = await crm().team.add(name);
    if (result.ok && becomeMe) await crm().settings.setCurrentMember(result.value);
    return result;
  },
});

export const renameMember = defineAction<{ id: string; name: string }>({
  id: 'rename-member',
  label: 'Rename team member',
  inline: true,
  perform: ({ id, name }) => crm().team.rename(id, name),
});

export const setMemberActive = defineAction<{ id: string; active: boolean }>({
  id: 'set-member-active',
  label: 'Activate or deactivate team member',
  perform: ({ id, active }) => crm().team.setActive(id, active),
});

export const removeMember = defineAction<{ id: string; name: string; isMe: boolean }>({
  id: 'remove-member',
  label: 'Remove team member',
  perform: async ({ id, name, isMe }) => {
    const result = await crm().team.remove(id);
    if (!result.ok) return result;
    if (isMe) await crm().settings.setCurrentMember(null);
    return { ...ok(), message: `Removed ${name}` };
  },
});
