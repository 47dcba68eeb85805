import { create } from 'zustand';
import type { ReportFilter } from '../../domain/reports/filter';
import { NO_REPORT_FILTER } from '../../domain/reports/filter';

type ReportFilterState = {
  filter: ReportFilter;
  setFilter: <K extends keyof ReportFilter>(key: K, value: ReportFilter[K]) => void;
  clearFilter: () => void;
  /** "Customers not touched in N days": N, chosen on the page (90 until then). */
  quietDays: number;
  setQuietDays: (days: number) => void;
};

/** The choices offered for "not touched in N days". */
export const QUIET_DAY_CHOICES = [30, 60, 90, 180, 365] as const;

/** The dashboard's filters (UI state only): kept while the user opens a list and comes back. */
export const useReportFilterStore = create<ReportFilterState>()((set, get) => ({
  filter: NO_REPORT_FILTER,
  setFilter: (key, value) => set({ filter: { ...get().filter, [key]: value } }),
  clearFilter: () => set({ filter: NO_REPORT_FILTER }),
  quietDays: 90,
  setQuietDays: (quietDays) => set({ quietDays }),
}));
