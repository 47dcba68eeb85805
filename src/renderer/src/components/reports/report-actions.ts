/**
 * The reports as actions (app/actions): the jumps (the keyboard, the palette and the menu list
 * them) and the reporting settings' writes.
 */
import { defineAction } from '../../app/actions/define';
import { formatDealDate } from '../../domain/deals/deal-display';
import type { ExchangeRateSet } from '../../domain/reports/exchange-rates';
import { ok } from '../../domain/result';
import type { RateSetDraft } from '../../services/crm/reports/report-settings-service';
import { userLocale } from '../../hooks/settings/user-locale';
import { crm } from '../../services/registry';

/** A rate set's day as the app writes dates ("Jan 1, 2026"). */
const day = (date: string) => formatDealDate(date, userLocale());

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

export const setReportingCurrency = defineAction<string | null, void, string>({
  id: 'set-reporting-currency',
  label: 'Change the reporting currency',
  perform: async (code) => {
    const result = await crm().reportSettings.setReportingCurrency(code);
    return result.ok
      ? { ...result, message: code ? `Reports combine in ${code}` : 'Reports show each currency' }
      : result;
  },
});

export const saveRateSet = defineAction<RateSetDraft, ExchangeRateSet, string[]>({
  id: 'save-rate-set',
  label: 'Save exchange rates',
  inline: true,
  perform: async (draft) => {
    const result = await crm().reportSettings.saveRateSet(draft);
    return result.ok
      ? { ...result, message: `Saved the rates of ${day(result.value.date)}` }
      : result;
  },
});

export const removeRateSet = defineAction<ExchangeRateSet>({
  id: 'remove-rate-set',
  label: 'Remove exchange rates',
  perform: async (set) => {
    await crm().reportSettings.removeRateSet(set.id);
    return {
      ...ok(),
      message: `Removed the rates of ${day(set.date)}`,
      undo: {
        run: () => crm().reportSettings.saveRateSet(set),
        done: `Restored the rates of ${day(set.date)}`,
      },
    };
  },
});
