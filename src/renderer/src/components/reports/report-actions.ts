/** Jumps to the reports (app/actions): the keyboard, the palette and the menu list them. */
import { defineAction } from '../../app/actions/define';

export const goToReports = defineAction({
  id: 'go-reports',
  label: 'Go to the reports dashboard',
  keys: ['r'],
  hint: 'reports',
  perform: (_, { navigate }) => navigate('/reports'),
});

export const goToShowCalendar = defineAction({
  id: 'go-calendar',
  label: 'Go to the calendar of shows',
  keys: ['k'],
  hint: 'calendar',
  perform: (_, { navigate }) => navigate('/calendar'),
});

export const reportActions = [goToReports, goToShowCalendar];
