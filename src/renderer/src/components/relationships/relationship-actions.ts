/** Links between customers, as actions (app/actions). */
import { defineAction } from '../../app/actions/define';
import type { RoleOption } from '../../domain/relationships/catalogue';
import { ok } from '../../domain/result';
import { crm } from '../../services/registry';

export const goToRelationships = defineAction({
  id: 'go-relationships',
  label: 'Go to relationships',
  perform: (_, { navigate }) => navigate('/relationships'),
});

export const linkCustomers = defineAction<
  { subject: { id: string; name: string }; role: RoleOption; object: { id: string; name: string } },
  string
>({
  id: 'link-customers',
  label: 'Link customers',
  perform: async ({ subject, role, object }) => {
    const result = await crm().relationships.link(subject.id, role, object.id);
    return result.ok
      ? { ...result, message: `${subject.name} ${role.label} ${object.name}` }
      : result;
  },
});

export const unlinkCustomers = defineAction<{ id: string; description: string }>({
  id: 'unlink-customers',
  label: 'Remove link',
  perform: async ({ id, description }) => {
    await crm().relationships.unlink(id);
    return {
      ...ok(),
      message: `Unlinked: ${description}`,
      undo: { run: () => crm().relationships.restore(id) },
    };
  },
});

export const relationshipActions = [goToRelationships];
