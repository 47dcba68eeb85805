import { create } from 'zustand';
import type { ReportFilter } from '../../domain/reports/filter';
import { NO_REPORT_FILTER } from '../../domain/reports/filter';

type ReportFilterState = {
  filter: ReportFilter;
  setFilter: <K extends keyof ReportFilter>(key: K, value: ReportFilter[K]) => void;
  clearFilter: () => void;
};

/** The dashboard's filters (UI state only): kept while the user opens a list and comes back. */
export const useReportFilterStore = create<ReportFilterState>()((set, get) => ({
  filter: NO_REPORT_FILTER,
  setFilter: (key, value) => set({ filter: { ...get().filter, [key]: value } }),
  clearFilter: () => set({ filter: NO_REPORT_FILTER }),
}));
