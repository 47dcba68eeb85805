/** Settings of this computer, as actions (app/actions). */
import { defineAction } from '../../app/actions/define';
import { crm } from '../../services/registry';

export const goToSettings = defineAction({
  id: 'go-settings',
  label: 'Open settings',
  keys: [','],
  hint: 'settings',
  perform: (_, { navigate }) => navigate('/settings'),
});

export const setDefaultRegion = defineAction<string>({
  id: 'set-default-region',
  label: 'Change the default phone region',
  perform: (region) => crm().settings.setDefaultRegion(region),
});

export const settingsActions = [goToSettings];
