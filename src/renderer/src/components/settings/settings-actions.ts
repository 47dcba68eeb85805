/** Settings of this computer, as actions (app/actions). */
import { defineAction } from '../../app/actions/define';
import { crm } from '../../services/registry';
import type { FirstRunAnswers } from '../../services/crm/settings/first-run';

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

export const setReportingCurrency = defineAction<string>({
  id: 'set-reporting-currency',
  label: 'Change the reporting currency',
  perform: (currency) => crm().settings.setReportingCurrency(currency),
});

export const completeFirstRun = defineAction<FirstRunAnswers, string>({
  id: 'complete-first-run',
  label: 'Save the first-run answers',
  inline: true,
  perform: (answers) => crm().settings.completeFirstRun(answers),
});

export const skipFirstRun = defineAction({
  id: 'skip-first-run',
  label: 'Not now',
  perform: () => crm().settings.skipFirstRun(),
});
